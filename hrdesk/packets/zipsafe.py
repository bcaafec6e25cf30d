"""Reading a ZIP file that may be hostile: bounded in size, members, names and decompression.

Nothing is extracted to disk; members are read into memory, each bounded while it is read (the
sizes a ZIP header declares are not trusted), and the whole file is read once, so a file that
changes under us cannot pass one check and fail another.
"""

from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from hrdesk.i18n import _
from hrdesk.packets import PacketError

MB = 1024 * 1024
CHUNK = 64 * 1024

# Extensions and leading bytes of archive formats that must not be nested in a packet.
ARCHIVE_EXTENSIONS = (
    ".zip",
    ".hrpacket",
    ".7z",
    ".rar",
    ".gz",
    ".tgz",
    ".tar",
    ".bz2",
    ".xz",
    ".zst",
    ".cab",
    ".jar",
    ".lz",
    ".lzma",
    ".z",
)
ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\xfd7zXZ\x00",
    b"\x1f\x8b\x08",
    b"\x28\xb5\x2f\xfd",
    b"MSCF\x00\x00\x00\x00",
    b"LZIP",
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_TAR_MAGIC_OFFSET = 257
_DRIVE = re.compile(r"^[A-Za-z]:")
_EOCD = b"PK\x05\x06"
_MAX_COMMENT = 65535


@dataclass(frozen=True)
class Limits:
    """Bounds for reading an archive. The defaults suit one office's packet with room to spare."""

    max_file_size: int = 200 * MB
    max_members: int = 20
    max_member_size: int = 200 * MB
    max_total_size: int = 500 * MB
    # Deflate rarely beats 20:1 on real data and reaches ~1000:1 on zeros; the ratio is only
    # checked past ratio_grace bytes so that small, repetitive members pass.
    max_ratio: int = 250
    ratio_grace: int = 1 * MB
    max_name_length: int = 255


class _CountingBytes(io.BytesIO):
    """The archive in memory, counting the bytes zipfile reads: the compressed bytes consumed."""

    consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.consumed += len(data)
        return data


def read_archive(path: str | Path, limits: Limits | None = None) -> dict[str, bytes]:
    """Every member of the ZIP file at path, by name; PacketError when anything is unsafe.

    Codes: unreadable, too_large, not_a_zip, truncated, corrupt_zip, too_many_members,
    unsafe_path, duplicate_member, link_member, unsupported_zip, nested_archive,
    decompressed_too_large. Directory entries are returned with empty content.
    """
    limits = limits or Limits()
    path = Path(path)
    data = _read_file(path, limits)
    return read_archive_bytes(data, limits, str(path))


def read_archive_bytes(
    data: bytes, limits: Limits | None = None, where: str = ""
) -> dict[str, bytes]:
    """Like read_archive, for a file already in memory; where names it in messages."""
    limits = limits or Limits()
    if len(data) > limits.max_file_size:
        raise _too_large(where, len(data), limits)
    buffer = _CountingBytes(data)
    archive = _open_zip(buffer, data, where)
    with archive:
        infos = _checked_infos(archive, limits, where)
        members: dict[str, bytes] = {}
        total = 0
        for info in infos:
            content = _read_member(archive, buffer, info, limits, total, where)
            total += len(content)
            _check_not_archive(info.filename, content, where)
            members[info.filename] = content
    return members


# --- the file and the directory -----------------------------------------------------------------


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_file_size:
            raise _too_large(str(path), size, limits)
        with path.open("rb") as f:
            # Read one byte more than allowed: the file may have grown since stat().
            data = f.read(limits.max_file_size + 1)
    except PacketError:
        raise
    except OSError as exc:
        raise PacketError(
            "unreadable",
            _("The file {path} cannot be read: {reason}.").format(
                path=path, reason=exc.strerror or exc
            ),
        ) from exc
    if len(data) > limits.max_file_size:
        raise _too_large(str(path), len(data), limits)
    return data


def _too_large(where: str, size: int, limits: Limits) -> PacketError:
    return PacketError(
        "too_large",
        _("The file {path} is {size} MB; a packet may be at most {limit} MB.").format(
            path=where, size=size // MB, limit=limits.max_file_size // MB
        ),
    )


def _open_zip(buffer: _CountingBytes, data: bytes, where: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(buffer)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OverflowError,
        EOFError,
        OSError,
        NotImplementedError,
        UnicodeDecodeError,
        IndexError,
        KeyError,
    ) as exc:
        raise _not_opened(data, where) from exc


def _not_opened(data: bytes, where: str) -> PacketError:
    if not data.startswith((b"PK\x03\x04", _EOCD)):
        return PacketError(
            "not_a_zip",
            _("The file {path} is not a packet (it is not a ZIP file).").format(path=where),
        )
    tail = data[-(_MAX_COMMENT + 22) :]
    end = tail.rfind(_EOCD)
    if end < 0 or end + 22 > len(tail):
        return PacketError(
            "truncated",
            _(
                "The file {path} is incomplete: its end is missing "
                "(an interrupted copy or download?)."
            ).format(path=where),
        )
    return _corrupt(where, _("its table of contents is damaged"))


def _corrupt(where: str, detail: str) -> PacketError:
    return PacketError(
        "corrupt_zip", _("The file {path} is damaged: {detail}.").format(path=where, detail=detail)
    )


def _checked_infos(archive: zipfile.ZipFile, limits: Limits, where: str) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise PacketError(
            "too_many_members",
            _("The file {path} holds {count} files; a packet holds at most {limit}.").format(
                path=where, count=len(infos), limit=limits.max_members
            ),
        )
    seen: set[str] = set()
    declared_total = 0
    for info in infos:
        name = info.filename
        # zipfile cuts a name at NUL; the name as stored must be safe too.
        problem = unsafe_name_problem(info.orig_filename, limits) or unsafe_name_problem(
            name, limits
        )
        if problem:
            raise PacketError(
                "unsafe_path",
                _("The file {path} holds a file with an unsafe name {name}: {problem}.").format(
                    path=where, name=repr(name), problem=problem
                ),
            )
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            raise PacketError(
                "duplicate_member",
                _("The file {path} holds the file {name} twice.").format(path=where, name=name),
            )
        seen.add(folded)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise PacketError(
                "link_member",
                _(
                    "The file {path} holds {name} as a link or special file; a packet holds only "
                    "plain files."
                ).format(path=where, name=name),
            )
        if info.flag_bits & 0x1:
            raise PacketError(
                "unsupported_zip",
                _(
                    "The file {path} holds {name} with ZIP password protection, which packets do "
                    "not use."
                ).format(path=where, name=name),
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PacketError(
                "unsupported_zip",
                _(
                    "The file {path} holds {name} compressed with a method packets do not use."
                ).format(path=where, name=name),
            )
        if name.lower().endswith(ARCHIVE_EXTENSIONS):
            raise _nested(where, name)
        # The declared sizes may lie; they are checked here only to refuse an honest bomb at
        # once. What is read is bounded again below, byte by byte.
        declared_total += info.file_size
        too_big = (
            info.file_size > limits.max_member_size
            or declared_total > limits.max_total_size
            or info.file_size > limits.ratio_grace
            and info.file_size > limits.max_ratio * max(info.compress_size, 1)
        )
        if too_big:
            raise _decompressed_too_large(where, name, limits)
    return infos


def unsafe_name_problem(name: str, limits: Limits | None = None) -> str:
    """Why a member name is unsafe to use as a path (translated), or "" when it is safe."""
    limits = limits or Limits()
    if not name or name in (".", "/"):
        return _("the name is empty")
    if len(name) > limits.max_name_length:
        return _("the name is too long")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        return _("the name contains control or invisible characters")
    if "\\" in name:
        return _("the name contains a backslash")
    if name.startswith("/") or _DRIVE.match(name):
        return _("the name is an absolute path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return _("the name points outside the packet")
    if any(part.endswith((" ", ".")) or ":" in part for part in parts):
        return _("the name is not a valid file name on Windows")
    return ""


def _nested(where: str, name: str) -> PacketError:
    return PacketError(
        "nested_archive",
        _(
            "The file {path} holds {name}, which is itself an archive; packets never hold archives."
        ).format(path=where, name=name),
    )


def _decompressed_too_large(where: str, name: str, limits: Limits) -> PacketError:
    return PacketError(
        "decompressed_too_large",
        _(
            "The file {path} holds {name}, which unpacks to more than the limit ({member} MB per "
            "file, {total} MB in all, at most {ratio} times its packed size); it may be a ZIP bomb."
        ).format(
            path=where,
            name=name,
            member=limits.max_member_size // MB,
            total=limits.max_total_size // MB,
            ratio=limits.max_ratio,
        ),
    )


# --- the members --------------------------------------------------------------------------------


def _read_member(
    archive: zipfile.ZipFile,
    buffer: _CountingBytes,
    info: zipfile.ZipInfo,
    limits: Limits,
    total_before: int,
    where: str,
) -> bytes:
    if info.is_dir():
        return b""
    member_limit = min(limits.max_member_size, limits.max_total_size - total_before)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            consumed_before = buffer.consumed
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                consumed = max(buffer.consumed - consumed_before, 1)
                if (
                    size > member_limit
                    or size > limits.ratio_grace
                    and size > limits.max_ratio * consumed
                ):
                    raise _decompressed_too_large(where, info.filename, limits)
                chunks.append(chunk)
    except PacketError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        OverflowError,
        OSError,
        NotImplementedError,
        RuntimeError,
        UnicodeDecodeError,
    ) as exc:
        raise _corrupt(
            where, _("the file {name} inside it cannot be unpacked").format(name=info.filename)
        ) from exc
    return b"".join(chunks)


def _check_not_archive(name: str, content: bytes, where: str) -> None:
    head = content[:16]
    if head.startswith(ARCHIVE_MAGIC) or _BZIP2.match(head):
        raise _nested(where, name)
    if content[_TAR_MAGIC_OFFSET : _TAR_MAGIC_OFFSET + 5] == b"ustar":
        raise _nested(where, name)

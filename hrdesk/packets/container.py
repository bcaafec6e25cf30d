"""The packet file: a ZIP with a signed manifest and members encrypted to MKK's key.

This module knows nothing of what the members hold; it takes and gives bytes. The format is
described in docs/packet-format.md; the manifest is checked against
resources/schemas/manifest.schema.json when written and when read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import hashlib
import json
import os
import secrets
import stat
import uuid
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nacl.exceptions
import nacl.public
import nacl.signing

from hrdesk import __version__
from hrdesk.i18n import _
from hrdesk.packets import PacketError, fastschema
from hrdesk.packets.keys import decode_key, encode_key, fingerprint, sign, verify
from hrdesk.packets.zipsafe import Limits, read_archive
from hrdesk.paths import RESOURCES

if TYPE_CHECKING:
    import jsonschema

FORMAT_NAME = "hrdesk-packet"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
ENCRYPTED_SUFFIX = ".enc"
PACKET_SUFFIX = ".hrpacket"
UNENCRYPTED_MARK = "-UNENCRYPTED"
CONSTRUCTION = "nacl-sealedbox-x25519-xsalsa20poly1305"
# Put before each sealed box so that an encrypted member never starts, by chance, with the
# leading bytes of an archive format (which the safe reader refuses) and says what it is.
SEALED_HEADER = b"hrdesk-sealed-1\n"
MAX_MANIFEST_SIZE = 1024 * 1024
MANIFEST_SCHEMA = RESOURCES / "schemas" / "manifest.schema.json"

# Fields the container writes itself; callers may not set them.
CONTAINER_FIELDS = frozenset(
    {
        "format",
        "format_version",
        "packet_id",
        "created_at",
        "app_version",
        "encrypted",
        "encryption",
        "signer",
        "members",
    }
)


@dataclass(frozen=True)
class OpenedPacket:
    """A packet that passed every check. members are the plain contents by name
    ("payload.json"); they are empty when the packet is encrypted and was only verified."""

    manifest: dict[str, Any]
    members: dict[str, bytes]
    signer_public_key: bytes
    encrypted: bool
    decrypted: bool = True
    manifest_bytes: bytes = field(default=b"", repr=False)

    @property
    def packet_id(self) -> str:
        return str(self.manifest["packet_id"])

    @property
    def signer_fingerprint(self) -> str:
        return fingerprint(self.signer_public_key)


# --- naming -------------------------------------------------------------------------------------


def packet_file_name(
    office_code: str, cycle: int, created_at: dt.datetime, unencrypted: bool = False
) -> str:
    """hrdesk-<office>-<cycle>-<YYYYMMDD-HHMMSS>[-UNENCRYPTED].hrpacket, time in UTC."""
    code = (
        "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in office_code.strip()) or "office"
    )
    stamp = _utc(created_at).strftime("%Y%m%d-%H%M%S")
    mark = UNENCRYPTED_MARK if unencrypted else ""
    return f"hrdesk-{code}-{cycle}-{stamp}{mark}{PACKET_SUFFIX}"


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


# --- writing ------------------------------------------------------------------------------------


def write_packet(
    path: str | os.PathLike[str],
    manifest_fields: Mapping[str, Any],
    members: Mapping[str, bytes],
    signing_key: nacl.signing.SigningKey,
    mkk_box_public_key: nacl.public.PublicKey | bytes | None,
    unencrypted: bool = False,
    *,
    created_at: dt.datetime | None = None,
    packet_id: str | None = None,
) -> Path:
    """Write a packet and return its path. When path is a folder, the file gets
    packet_file_name() in it; a file name of an unencrypted packet gets -UNENCRYPTED before its
    extension unless it has it. The file appears whole or not at all.

    manifest_fields are the caller's fields (office_code, cycle, office names, oblast,
    district, counts ...); members are the contents to carry, e.g. {"payload.json": ...}.
    Without MKK's key the packet is written only when unencrypted is True.
    """
    reserved = CONTAINER_FIELDS & set(manifest_fields)
    if reserved:
        raise ValueError(f"manifest fields set by the container: {sorted(reserved)}")
    if not members:
        raise ValueError("a packet needs at least one member")
    for name in members:
        if name in (MANIFEST, SIGNATURE) or name.endswith(ENCRYPTED_SUFFIX):
            raise ValueError(f"reserved member name {name!r}")
    if mkk_box_public_key is None and not unencrypted:
        raise PacketError(
            "no_mkk_key",
            _(
                "MKK's public key is not set up, so the packet cannot be encrypted. Import the "
                "catalogue file from MKK, or choose to export without encryption."
            ),
        )
    created_at = _utc(created_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    encrypt_to: nacl.public.PublicKey | None = None
    if not unencrypted:
        assert mkk_box_public_key is not None
        encrypt_to = (
            mkk_box_public_key
            if isinstance(mkk_box_public_key, nacl.public.PublicKey)
            else nacl.public.PublicKey(bytes(mkk_box_public_key))
        )

    stored: dict[str, bytes] = {}
    listed = []
    for name, content in members.items():
        content = bytes(content)
        if encrypt_to is None:
            stored_as, data = name, content
        else:
            stored_as = name + ENCRYPTED_SUFFIX
            sealed = nacl.public.SealedBox(encrypt_to).encrypt(zlib.compress(content, 6))
            data = SEALED_HEADER + bytes(sealed)
        stored[stored_as] = data
        listed.append(
            {
                "name": name,
                "stored_as": stored_as,
                "size": len(content),
                "stored_size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )

    signer_public = bytes(signing_key.verify_key)
    manifest: dict[str, Any] = {
        **dict(manifest_fields),
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "packet_id": packet_id or str(uuid.uuid4()),
        "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "app_version": __version__,
        "encrypted": encrypt_to is not None,
        "encryption": None
        if encrypt_to is None
        else {
            "construction": CONSTRUCTION,
            "compression": "zlib",
            "recipient_fingerprint": fingerprint(bytes(encrypt_to)),
        },
        "signer": {
            "algorithm": "ed25519",
            "public_key": encode_key(signer_public),
            "fingerprint": fingerprint(signer_public),
        },
        "members": listed,
    }
    problem = _manifest_problem(manifest)
    if problem:
        raise PacketError(
            "bad_manifest",
            _("The packet cannot be written: its manifest is not valid ({detail}).").format(
                detail=problem
            ),
        )
    manifest_bytes = (
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    signature = sign(signing_key, manifest_bytes)

    target = Path(path)
    if target.is_dir():
        target = target / packet_file_name(
            str(manifest["office_code"]), int(manifest["cycle"]), created_at, encrypt_to is None
        )
    elif encrypt_to is None and UNENCRYPTED_MARK not in target.name:
        # A file name the user chose must say, like ours, that the packet is not encrypted.
        target = target.with_name(target.stem + UNENCRYPTED_MARK + target.suffix)
    entries = [
        (MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED),
        (SIGNATURE, signature, zipfile.ZIP_STORED),
    ]
    entries += [
        (name, data, zipfile.ZIP_STORED if encrypt_to else zipfile.ZIP_DEFLATED)
        for name, data in stored.items()
    ]
    _write_zip_atomically(target, entries, created_at)
    return target


def _write_zip_atomically(
    target: Path, entries: list[tuple[str, bytes, int]], created_at: dt.datetime
) -> None:
    tmp_name = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = _create_part_file(target)
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w") as archive:
                for name, data, method in entries:
                    info = zipfile.ZipInfo(name, date_time=created_at.timetuple()[:6])
                    info.compress_type = method
                    info.create_system = 3
                    info.external_attr = (stat.S_IFREG | 0o644) << 16
                    archive.writestr(info, data)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        raise PacketError(
            "cannot_write",
            _("The packet {path} cannot be written: {reason}. Nothing was written.").format(
                path=target, reason=exc.strerror or exc
            ),
        ) from exc
    except BaseException:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        raise


def _create_part_file(target: Path) -> tuple[int, str]:
    """A new hidden file beside target, open for writing. Made with mode 0666 less the umask,
    like any file the user saves (mkstemp's 0600 would keep a copy on a USB stick from being
    read by anyone but its owner)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


# --- reading ------------------------------------------------------------------------------------


def read_packet(
    path: str | os.PathLike[str],
    mkk_box_private_key: nacl.public.PrivateKey | None,
    limits: Limits | None = None,
) -> OpenedPacket:
    """Check a packet and return its plain members; PacketError (with a stable code) when any
    check fails. Checks, in order: ZIP safety, required members, manifest (JSON, format, version,
    schema), member list, SHA-256 of each member, the signature with the key in the manifest,
    decryption, decompression. An encrypted packet needs MKK's private key."""
    return _open(Path(path), mkk_box_private_key, limits or Limits(), need_contents=True)


def verify_packet(
    path: str | os.PathLike[str],
    mkk_box_private_key: nacl.public.PrivateKey | None = None,
    limits: Limits | None = None,
) -> OpenedPacket:
    """Like read_packet; without a key, an encrypted packet is checked up to its signature and
    comes back with decrypted False and no members."""
    return _open(Path(path), mkk_box_private_key, limits or Limits(), need_contents=False)


def _open(
    path: Path, key: nacl.public.PrivateKey | None, limits: Limits, need_contents: bool
) -> OpenedPacket:
    where = str(path)
    archive = read_archive(path, limits)
    for required in (MANIFEST, SIGNATURE):
        if required not in archive:
            raise PacketError(
                "missing_member",
                _("The packet {path} has no {member}.").format(path=where, member=required),
            )
    manifest_bytes = archive[MANIFEST]
    manifest = _parse_manifest(manifest_bytes, where)
    _check_member_list(manifest, archive, where)
    for entry in manifest["members"]:
        data = archive[entry["stored_as"]]
        if len(data) != entry["stored_size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise PacketError(
                "checksum_mismatch",
                _(
                    "The packet {path} was changed after it was made: the checksum of "
                    "{member} does not match."
                ).format(path=where, member=entry["stored_as"]),
            )
    signer_public = decode_key(manifest["signer"]["public_key"])
    if not verify(signer_public, manifest_bytes, archive[SIGNATURE]):
        raise PacketError(
            "bad_signature",
            _(
                "The packet {path} is not signed by the key it names: its manifest was changed or "
                "signed by someone else."
            ).format(path=where),
        )
    encrypted = bool(manifest["encrypted"])
    if encrypted and key is None:
        if need_contents:
            raise PacketError(
                "no_key",
                _("The packet {path} is encrypted; MKK's private key is needed to open it.").format(
                    path=where
                ),
            )
        return OpenedPacket(manifest, {}, signer_public, encrypted, False, manifest_bytes)
    members: dict[str, bytes] = {}
    total = 0
    for entry in manifest["members"]:
        data = archive[entry["stored_as"]]
        if encrypted:
            assert key is not None
            data = _decrypt(data, entry, manifest, key, where)
            data = _decompress(data, entry, limits, total, where)
        total += len(data)
        if len(data) != entry["size"]:
            raise _corrupt_member(where, entry["name"])
        members[entry["name"]] = data
    return OpenedPacket(manifest, members, signer_public, encrypted, True, manifest_bytes)


def _parse_manifest(data: bytes, where: str) -> dict[str, Any]:
    def bad(detail: str) -> PacketError:
        return PacketError(
            "bad_manifest",
            _("The manifest of the packet {path} is not valid: {detail}.").format(
                path=where, detail=detail
            ),
        )

    if len(data) > MAX_MANIFEST_SIZE:
        raise bad(_("it is too large"))
    try:
        manifest = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_float=_no_float,
            parse_constant=_no_float,
        )
    except _ManifestSyntax as exc:
        raise bad(_("it has a repeated field or a fractional number")) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad(_("it is not JSON text")) from exc
    if not isinstance(manifest, dict):
        raise bad(_("it is not a JSON object"))
    if manifest.get("format") != FORMAT_NAME:
        raise PacketError(
            "wrong_format",
            _("The file {path} is not an hrdesk packet (its format is not {format}).").format(
                path=where, format=FORMAT_NAME
            ),
        )
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad(_("the format version is missing"))
    if version not in SUPPORTED_VERSIONS:
        raise PacketError(
            "unsupported_version",
            _(
                "The packet {path} has format version {version}; this hrdesk reads "
                "version {supported}. Update the program."
            ).format(
                path=where, version=version, supported=", ".join(map(str, SUPPORTED_VERSIONS))
            ),
        )
    problem = _manifest_problem(manifest)
    if problem:
        raise bad(problem)
    return manifest


class _ManifestSyntax(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _ManifestSyntax(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_float(text: str) -> Any:
    # No manifest field is fractional; refusing floats also keeps 2025.0 from passing as a year.
    raise _ManifestSyntax(f"number {text!r} is not an integer")


@functools.cache
def _manifest_schema() -> dict[str, Any]:
    return json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@functools.cache
def _fast_check() -> fastschema.Check:
    return fastschema.compile_schema(_manifest_schema())


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema  # only to name what is wrong: a worker process that finds nothing skips it

    schema = _manifest_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _manifest_problem(manifest: dict[str, Any]) -> str:
    """What is wrong with a manifest (translated), or "": the schema, then what a schema cannot
    say, fields that must agree with each other. The fast checker decides; jsonschema, which
    took half the time of verifying a packet, is asked only to word what is wrong."""
    if _fast_check()(manifest) is not None:
        import jsonschema

        error = jsonschema.exceptions.best_match(_validator().iter_errors(manifest))
        if error is not None:
            return _("the field {field} is missing or wrong").format(field=_field_of(error))
    return _manifest_consistency_problem(manifest)


def _field_of(error: jsonschema.ValidationError) -> str:
    path = "/".join(str(p) for p in error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [p for p in error.validator_value if p not in error.instance]
        path = "/".join(filter(None, [path, missing[0] if missing else ""]))
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        path = "/".join(filter(None, [path, extra[0] if extra else ""]))
    return path or _("(the whole manifest)")


def _manifest_consistency_problem(manifest: dict[str, Any]) -> str:
    encrypted = manifest["encrypted"]
    if encrypted != (manifest["encryption"] is not None):
        return _("it says both encrypted and not encrypted")
    signer = manifest["signer"]
    try:
        public = decode_key(signer["public_key"])
    except Exception:  # noqa: BLE001 - any failure here means a bad key text
        return _("the signer's public key is not a key")
    if fingerprint(public) != signer["fingerprint"]:
        return _("the signer's fingerprint does not match the signer's key")
    names: set[str] = set()
    stored: set[str] = set()
    for entry in manifest["members"]:
        name, stored_as = entry["name"], entry["stored_as"]
        expected = name + ENCRYPTED_SUFFIX if encrypted else name
        if (
            stored_as != expected
            or name in (MANIFEST, SIGNATURE)
            or name.endswith(ENCRYPTED_SUFFIX)
        ):
            return _("the member {member} is listed under a wrong name").format(member=stored_as)
        if name in names or stored_as in stored:
            return _("the member {member} is listed twice").format(member=stored_as)
        if not encrypted and entry["size"] != entry["stored_size"]:
            return _("the sizes of the member {member} disagree").format(member=stored_as)
        names.add(name)
        stored.add(stored_as)
    return ""


def _check_member_list(manifest: dict[str, Any], archive: dict[str, bytes], where: str) -> None:
    listed = {entry["stored_as"] for entry in manifest["members"]}
    for name in sorted(listed):
        if name not in archive:
            raise PacketError(
                "missing_member",
                _("The packet {path} has no {member}, which its manifest lists.").format(
                    path=where, member=name
                ),
            )
    for name in archive:
        if name not in listed and name not in (MANIFEST, SIGNATURE):
            raise PacketError(
                "unexpected_member",
                _("The packet {path} holds {member}, which its manifest does not list.").format(
                    path=where, member=name
                ),
            )


def _decrypt(
    data: bytes,
    entry: dict[str, Any],
    manifest: dict[str, Any],
    key: nacl.public.PrivateKey,
    where: str,
) -> bytes:
    ours = fingerprint(bytes(key.public_key))
    theirs = manifest["encryption"]["recipient_fingerprint"]
    if ours != theirs:
        raise PacketError(
            "not_for_this_key",
            _(
                "The packet {path} is encrypted for another key ({theirs}), not for this MKK "
                "installation's key ({ours}). The office must export it again with the current "
                "catalogue."
            ).format(path=where, theirs=theirs, ours=ours),
        )
    try:
        if not data.startswith(SEALED_HEADER):
            raise nacl.exceptions.CryptoError("no sealed header")
        return bytes(nacl.public.SealedBox(key).decrypt(data[len(SEALED_HEADER) :]))
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as exc:
        raise PacketError(
            "undecryptable",
            _(
                "The member {member} of the packet {path} cannot be decrypted with this "
                "installation's key."
            ).format(member=entry["stored_as"], path=where),
        ) from exc


def _decompress(
    data: bytes, entry: dict[str, Any], limits: Limits, total_before: int, where: str
) -> bytes:
    bound = min(limits.max_member_size, limits.max_total_size - total_before)
    try:
        inflater = zlib.decompressobj()
        plain = inflater.decompress(data, bound + 1)
        complete = inflater.eof and not inflater.unconsumed_tail and not inflater.unused_data
    except zlib.error as exc:
        raise _corrupt_member(where, entry["name"]) from exc
    if len(plain) > bound:
        raise PacketError(
            "decompressed_too_large",
            _("The member {member} of the packet {path} unpacks to more than {limit} MB.").format(
                member=entry["name"], path=where, limit=bound // (1024 * 1024)
            ),
        )
    if not complete:
        raise _corrupt_member(where, entry["name"])
    return plain


def _corrupt_member(where: str, name: str) -> PacketError:
    return PacketError(
        "corrupt_member",
        _(
            "The member {member} of the packet {path} is damaged: its content does not unpack to "
            "what the manifest says."
        ).format(member=name, path=where),
    )

"""The safe ZIP reader refuses hostile archives, each with its own code, and reads good ones."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
import struct
import time
import zipfile

import pytest
from helpers.zips import MiB, RawEntry, deflated, raw_zip, stored, zeros_bomb_entry

from hrdesk.packets import PacketError
from hrdesk.packets.zipsafe import Limits, read_archive, read_archive_bytes, unsafe_name_problem


def refused(data: bytes, limits: Limits | None = None) -> PacketError:
    with pytest.raises(PacketError) as info:
        read_archive_bytes(data, limits, "test.hrpacket")
    assert info.value.message and "test.hrpacket" in info.value.message
    return info.value


def test_reads_a_plain_archive(tmp_path):
    path = tmp_path / "good.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", b"{}")
        z.writestr("payload.json", b'{"x": 1}' * 1000)
    assert read_archive(path) == {"manifest.json": b"{}", "payload.json": b'{"x": 1}' * 1000}


@pytest.mark.parametrize(
    "content", [b"", b"hello, not a zip", bytes(range(256)) * 10, b"%PDF-1.4\n"]
)
def test_garbage_is_not_a_zip(content):
    assert refused(content).code == "not_a_zip"


def test_truncated_archive():
    data = raw_zip([stored("a.json", b"x" * 5000), stored("b.json", b"y" * 5000)])
    for cut in (len(data) - 10, len(data) // 2, 40):
        assert refused(data[:cut]).code == "truncated"


def test_damaged_member_is_corrupt():
    data = bytearray(raw_zip([deflated("a.json", b"abc" * 1000)]))
    data[40] ^= 0xFF  # inside the compressed bytes: bad deflate data or a bad CRC
    assert refused(bytes(data)).code == "corrupt_zip"


def test_file_too_large(tmp_path):
    path = tmp_path / "big.zip"
    path.write_bytes(raw_zip([stored("a.bin", bytes(2 * MiB))]))
    with pytest.raises(PacketError) as info:
        read_archive(path, Limits(max_file_size=MiB))
    assert info.value.code == "too_large"


def test_unreadable_file(tmp_path):
    with pytest.raises(PacketError) as info:
        read_archive(tmp_path / "missing.zip")
    assert info.value.code == "unreadable"


def test_too_many_members():
    data = raw_zip([stored(f"m{i}.json", b"{}") for i in range(21)])
    assert refused(data).code == "too_many_members"


@pytest.mark.parametrize(
    "name",
    [
        "../evil.json",
        "a/../../evil.json",
        "/etc/passwd",
        "\\windows\\evil.json",
        "..\\evil.json",
        "C:/evil.json",
        "c:evil.json",
        "a\\..\\b.json",
        "a//b.json",
        "./a.json",
        "a\x00b.json",
        "evil.json\u202egnp",
        "a.json.",
        "a:stream",
    ],
)
def test_unsafe_paths(name):
    assert unsafe_name_problem(name)
    assert refused(raw_zip([stored(name, b"{}")])).code == "unsafe_path"


def test_safe_names_pass():
    for name in ("payload.json", "summary.pdf.enc", "dir/file.txt", "Кыргыз.json"):
        assert unsafe_name_problem(name) == ""


def test_duplicate_names():
    data = raw_zip([stored("payload.json", b"{}"), stored("payload.json", b"[]")])
    assert refused(data).code == "duplicate_member"
    # Same file on Windows and macOS, so also refused.
    data = raw_zip([stored("payload.json", b"{}"), stored("PAYLOAD.json", b"[]")])
    assert refused(data).code == "duplicate_member"


def test_symlink_member():
    link = stored("payload.json", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)
    assert refused(raw_zip([link])).code == "link_member"


def test_device_member():
    dev = stored("payload.json", b"", external_attr=(stat.S_IFCHR | 0o600) << 16)
    assert refused(raw_zip([dev])).code == "link_member"


def test_nested_zip_by_name_and_by_content():
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("x.json", b"{}")
    assert refused(raw_zip([stored("inner.zip", inner.getvalue())])).code == "nested_archive"
    assert refused(raw_zip([stored("payload.json", inner.getvalue())])).code == "nested_archive"
    gz = b"\x1f\x8b\x08\x00" + bytes(20)
    assert refused(raw_zip([stored("summary.pdf", gz)])).code == "nested_archive"
    tar = bytes(257) + b"ustar\x0000" + bytes(300)
    assert refused(raw_zip([stored("payload.json", tar)])).code == "nested_archive"


def test_password_protected_member():
    data = raw_zip([stored("payload.json", b"{}", flags=0x1)])
    assert refused(data).code == "unsupported_zip"


def test_honest_zip_bomb_refused_at_once():
    bomb = zeros_bomb_entry()  # 1 GiB of zeros in about 1 MB
    data = raw_zip([bomb])
    assert len(data) < 2 * MiB
    started = time.perf_counter()
    assert refused(data).code == "decompressed_too_large"
    assert time.perf_counter() - started < 1


def _lying(entry: RawEntry, claimed: int) -> RawEntry:
    return dataclasses.replace(entry, file_size=claimed)


def test_bomb_with_lying_header_is_stopped_while_reading():
    # The headers claim 100 MB (under every limit, ratio 100:1), but the data is 1 GiB of zeros:
    # the reader counts what comes out against what went in and stops early.
    data = raw_zip([_lying(zeros_bomb_entry(), 100 * MiB)])
    started = time.perf_counter()
    assert refused(data).code == "decompressed_too_large"
    assert time.perf_counter() - started < 1


def test_bomb_claiming_a_tiny_size_is_refused():
    data = raw_zip([_lying(zeros_bomb_entry(), 1000)])
    assert refused(data).code in ("corrupt_zip", "decompressed_too_large")


def test_per_member_and_total_limits_while_reading():
    random_bytes = os.urandom(400 * 1024)
    limits = Limits(max_member_size=MiB, max_total_size=MiB)
    data = raw_zip([stored(f"m{i}.bin", random_bytes) for i in range(3)])
    assert refused(data, limits).code == "decompressed_too_large"
    # Headers that understate the size: caught by counting (zipfile stops at the declared size
    # and then fails the CRC, or the count passes the limit; either way refused).
    data = raw_zip([_lying(stored(f"m{i}.bin", random_bytes), 10) for i in range(3)])
    assert refused(data, limits).code in ("decompressed_too_large", "corrupt_zip")


def test_directory_entries_come_back_empty():
    data = raw_zip([stored("dir/", b"", external_attr=(stat.S_IFDIR | 0o755) << 16 | 0x10)])
    assert read_archive_bytes(data) == {"dir/": b""}


def test_eocd_pointing_past_the_end_is_damaged():
    data = bytearray(raw_zip([stored("a.json", b"{}")]))
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<L", data, eocd + 16, 10_000)  # central directory offset
    assert refused(bytes(data)).code in ("corrupt_zip", "truncated")

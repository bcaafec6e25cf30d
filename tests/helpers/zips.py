"""ZIP files built byte by byte, for tests of hostile archives that zipfile will not write:
lying sizes, links, duplicate names, and a 1 GiB bomb that takes a megabyte on disk."""

from __future__ import annotations

import functools
import stat
import struct
import zlib
from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass
class RawEntry:
    name: str
    data: bytes  # as stored in the file: already compressed when method is 8
    crc: int
    file_size: int
    method: int = 0  # 0 stored, 8 deflated
    external_attr: int = (stat.S_IFREG | 0o644) << 16
    flags: int = 0


def stored(name: str, content: bytes, **kw) -> RawEntry:
    return RawEntry(name, content, zlib.crc32(content), len(content), **kw)


def deflated(name: str, content: bytes, **kw) -> RawEntry:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return RawEntry(
        name, c.compress(content) + c.flush(), zlib.crc32(content), len(content), method=8, **kw
    )


def raw_zip(entries: list[RawEntry]) -> bytes:
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        flags = e.flags | (0x800 if not e.name.isascii() else 0)
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            flags,
            e.method,
            0,
            0x21,
            e.crc,
            len(e.data),
            e.file_size,
            len(name),
            0,
        )
        out += name + e.data
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            (3 << 8) | 20,
            20,
            flags,
            e.method,
            0,
            0x21,
            e.crc,
            len(e.data),
            e.file_size,
            len(name),
            0,
            0,
            0,
            0,
            e.external_attr,
            offset,
        )
        central += name
    cd_offset = len(out)
    out += central
    out += struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), cd_offset, 0
    )
    return bytes(out)


@functools.cache
def zeros_bomb_entry(gib: int = 1, name: str = "zeros.bin") -> RawEntry:
    """gib GiB of zeros deflated to about a megabyte per GiB, built without compressing it all:
    after a full flush deflate starts afresh, so each MiB of zeros compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(MiB)) + c.flush(zlib.Z_FULL_FLUSH)
    count = gib * 1024
    data = block * count + c.flush()
    crc = 0
    zeros = bytes(MiB)
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    return RawEntry(name, data, crc, count * MiB, method=8)

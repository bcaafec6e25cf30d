"""Packets: the signed, encrypted file an office sends to MKK, and reading it back safely.

The container (ZIP, manifest, signature, encryption) lives in container.py and knows nothing of
the payload; keys.py holds the key pairs; zipsafe.py reads ZIP files that may be hostile.
This module holds only the error every step raises, so that any module may import it without
pulling in the others.
"""

from __future__ import annotations

from hrdesk.errors import HrdeskError


class PacketError(HrdeskError):
    """A packet that cannot be written, or that is refused while reading.

    code is stable (it appears in JSON output and tests; see docs/packet-format.md); message is
    translated and says what is wrong and where.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    def __repr__(self) -> str:
        return f"PacketError({self.code!r}, {self.message!r})"

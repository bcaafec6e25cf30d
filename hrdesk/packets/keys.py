"""Key pairs of an office and of MKK: Ed25519 to sign packets, Curve25519 to encrypt them.

Every installation has a signing key; MKK also has a box (encryption) key whose public half
reaches the offices inside the catalogue file. Private keys are kept in the database settings
as base64 text and never written anywhere else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.signing

from hrdesk.domain.enums import Role
from hrdesk.errors import HrdeskError
from hrdesk.i18n import _
from hrdesk.store.database import Database
from hrdesk.store.settings import SettingsRepository

# Settings keys.
SIGNING_PRIVATE = "keys.signing_private"
BOX_PRIVATE = "keys.box_private"
# An office's copy of MKK's public encryption key, taken from the catalogue file.
MKK_BOX_PUBLIC = "keys.mkk_box_public"

KEY_SIZE = 32
SIGNATURE_SIZE = 64


class InvalidKey(HrdeskError):
    """Key text that is not a key of the expected kind."""


@dataclass(frozen=True)
class KeyPairs:
    """The installation's own keys. box is None for an office."""

    role: Role
    signing: nacl.signing.SigningKey
    box: nacl.public.PrivateKey | None = None

    @property
    def signing_public(self) -> bytes:
        return bytes(self.signing.verify_key)

    @property
    def box_public(self) -> bytes | None:
        return None if self.box is None else bytes(self.box.public_key)


# --- text form ----------------------------------------------------------------------------------


def encode_key(raw: bytes) -> str:
    """The base64 text of a 32-byte key, for settings, manifests and catalogue files."""
    return base64.b64encode(raw).decode("ascii")


def decode_key(text: str, what: str = "") -> bytes:
    """The 32 bytes of a key written with encode_key(); InvalidKey when it is not one."""
    what = what or _("key")
    try:
        raw = base64.b64decode(str(text).strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise InvalidKey(_("The {what} is not valid base64 text.").format(what=what)) from exc
    if len(raw) != KEY_SIZE:
        raise InvalidKey(
            _("The {what} has {size} bytes; a key has {expected}.").format(
                what=what, size=len(raw), expected=KEY_SIZE
            )
        )
    return raw


def signing_key_from_text(text: str) -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey(decode_key(text, _("private signing key")))


def verify_key_from_text(text: str) -> nacl.signing.VerifyKey:
    return nacl.signing.VerifyKey(decode_key(text, _("public signing key")))


def box_private_key_from_text(text: str) -> nacl.public.PrivateKey:
    return nacl.public.PrivateKey(decode_key(text, _("private encryption key")))


def box_public_key_from_text(text: str) -> nacl.public.PublicKey:
    return nacl.public.PublicKey(decode_key(text, _("public encryption key")))


def fingerprint(public_key_bytes: bytes) -> str:
    """A short, readable fingerprint: the first 16 bytes of SHA-256 as 8 groups of 4 hex digits.

    Read aloud over the phone to check that an office and MKK hold the same key.
    """
    digest = hashlib.sha256(bytes(public_key_bytes)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


# --- generate, sign, verify ---------------------------------------------------------------------


def generate_signing_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


def generate_box_key() -> nacl.public.PrivateKey:
    return nacl.public.PrivateKey.generate()


def sign(signing_key: nacl.signing.SigningKey, data: bytes) -> bytes:
    """The detached 64-byte Ed25519 signature of data."""
    return bytes(signing_key.sign(data).signature)


def verify(public_key_bytes: bytes, data: bytes, signature: bytes) -> bool:
    """True when signature is the Ed25519 signature of data by that public key."""
    if len(public_key_bytes) != KEY_SIZE or len(signature) != SIGNATURE_SIZE:
        return False
    try:
        nacl.signing.VerifyKey(bytes(public_key_bytes)).verify(bytes(data), bytes(signature))
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.CryptoError, ValueError, TypeError):
        return False
    return True


# --- storage ------------------------------------------------------------------------------------


def load_keys(database: Database, role: Role | str) -> KeyPairs | None:
    """The installation's keys as stored, or None when the signing key was never made."""
    settings = SettingsRepository(database)
    signing_text = settings.get(SIGNING_PRIVATE)
    if not signing_text:
        return None
    box_text = settings.get(BOX_PRIVATE)
    return KeyPairs(
        role=Role(role),
        signing=signing_key_from_text(signing_text),
        box=box_private_key_from_text(box_text) if box_text else None,
    )


def ensure_keys(database: Database, role: Role | str) -> KeyPairs:
    """The installation's keys, made and stored on first use (MKK also gets an encryption key).

    Keys once made are never replaced here: a new office key makes MKK refuse the office's
    packets until an MKK user accepts it.
    """
    role = Role(role)
    settings = SettingsRepository(database)
    with database.transaction():
        if not settings.get(SIGNING_PRIVATE):
            settings.set(SIGNING_PRIVATE, encode_key(bytes(generate_signing_key())))
        if role is Role.MKK and not settings.get(BOX_PRIVATE):
            settings.set(BOX_PRIVATE, encode_key(bytes(generate_box_key())))
    keys = load_keys(database, role)
    assert keys is not None
    return keys


def mkk_box_public_key(database: Database) -> nacl.public.PublicKey | None:
    """MKK's public encryption key as an office received it, or None when none was received."""
    text = SettingsRepository(database).get(MKK_BOX_PUBLIC)
    return box_public_key_from_text(text) if text else None


def set_mkk_box_public_key(database: Database, text: str) -> None:
    """Store MKK's public encryption key (from a catalogue file); InvalidKey changes nothing."""
    box_public_key_from_text(text)
    SettingsRepository(database).set(MKK_BOX_PUBLIC, str(text).strip())

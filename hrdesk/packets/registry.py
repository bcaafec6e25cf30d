"""MKK's register of offices and their signing keys.

The first packet of an office registers the key that signed it. A later packet signed with
another key is refused ("key_changed") until an MKK user accepts that key's fingerprint
explicitly (accept_new_key: who and when are recorded); the next packet signed with the
accepted key then replaces the registered one. Every step is a row in key_events.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hrdesk import errors
from hrdesk.domain.rules import Problem
from hrdesk.i18n import _
from hrdesk.packets import PacketError
from hrdesk.packets.keys import encode_key, fingerprint
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database


class KeyStatus(StrEnum):
    NEW = "new"  # the office's first packet: its key will be registered
    KNOWN = "known"  # the registered key
    ACCEPTED = "accepted"  # a new key an MKK user accepted: it will replace the registered one


@dataclass(frozen=True)
class OfficeKey:
    office_code: str
    public_key: str  # base64
    fingerprint: str
    registered_at: str
    pending_fingerprint: str = ""
    pending_accepted_by: str = ""
    pending_accepted_at: str | None = None


@dataclass(frozen=True)
class KeyEvent:
    office_code: str
    kind: str  # registered, accepted, replaced
    fingerprint: str
    previous_fingerprint: str
    by: str
    at: str
    packet_id: str


def office_key(database: Database, office_code: str) -> OfficeKey | None:
    row = database.execute(
        "SELECT office_code, public_key, fingerprint, registered_at, pending_fingerprint, "
        "pending_accepted_by, pending_accepted_at FROM office_keys WHERE office_code = ?",
        (office_code,),
    ).fetchone()
    return OfficeKey(*row) if row else None


def office_keys(database: Database) -> list[OfficeKey]:
    rows = database.execute(
        "SELECT office_code, public_key, fingerprint, registered_at, pending_fingerprint, "
        "pending_accepted_by, pending_accepted_at FROM office_keys ORDER BY office_code"
    ).fetchall()
    return [OfficeKey(*r) for r in rows]


def key_events(database: Database, office_code: str | None = None) -> list[KeyEvent]:
    sql = (
        "SELECT office_code, kind, fingerprint, previous_fingerprint, by_name, at, packet_id "
        "FROM key_events"
    )
    params: tuple = ()
    if office_code is not None:
        sql += " WHERE office_code = ?"
        params = (office_code,)
    return [KeyEvent(*r) for r in database.execute(sql + " ORDER BY id", params)]


def check_signer(
    database: Database, office_code: str, signer_public_key: bytes, where: str = ""
) -> KeyStatus:
    """Whether a packet of this office signed with this key may be imported; PacketError
    "key_changed" when the office has another registered key that nobody accepted a change of."""
    registered = office_key(database, office_code)
    if registered is None:
        return KeyStatus.NEW
    signer = fingerprint(signer_public_key)
    if signer == registered.fingerprint:
        return KeyStatus.KNOWN
    if registered.pending_fingerprint and signer == registered.pending_fingerprint:
        return KeyStatus.ACCEPTED
    raise key_changed(where, office_code, signer, registered.fingerprint)


def key_changed(where: str, office_code: str, new: str, old: str) -> PacketError:
    """The refusal of a packet signed with the key new when the office's key is old."""
    return PacketError(
        "key_changed",
        _(
            "The packet {path} of the office {office} is signed with the key {new}, but the "
            "office's registered key is {old}. If the office really has a new key (a new computer "
            "or a reinstalled program), confirm the fingerprint with the office by phone and "
            "accept the new key; then import the packet again."
        ).format(path=where, office=office_code, new=new, old=old),
    )


def record_signer(
    database: Database, office_code: str, signer_public_key: bytes, packet_id: str
) -> None:
    """Register the office's key with its first packet, or put an accepted new key in place.
    Call inside the import's transaction, after check_signer."""
    signer = fingerprint(signer_public_key)
    now = now_utc()
    registered = office_key(database, office_code)
    if registered is None:
        database.execute(
            "INSERT INTO office_keys(office_code, public_key, fingerprint, registered_at) "
            "VALUES (?, ?, ?, ?)",
            (office_code, encode_key(signer_public_key), signer, now),
        )
        _event(database, office_code, "registered", signer, "", "", now, packet_id)
    elif signer != registered.fingerprint and signer == registered.pending_fingerprint:
        database.execute(
            "UPDATE office_keys SET public_key = ?, fingerprint = ?, registered_at = ?, "
            "pending_fingerprint = '', pending_accepted_by = '', pending_accepted_at = NULL "
            "WHERE office_code = ?",
            (encode_key(signer_public_key), signer, now, office_code),
        )
        _event(
            database,
            office_code,
            "replaced",
            signer,
            registered.fingerprint,
            registered.pending_accepted_by,
            now,
            packet_id,
        )


def accept_new_key(
    database: Database, office_code: str, key_fingerprint: str, accepted_by: str
) -> None:
    """An MKK user accepts that the office now signs with the key of this fingerprint. The next
    packet signed with it replaces the registered key; packets signed with the old key are still
    accepted until then. Recorded with who and when."""
    wanted = " ".join(key_fingerprint.upper().split())
    compact = wanted.replace(" ", "")
    if len(compact) != 32 or any(ch not in "0123456789ABCDEF" for ch in compact):
        raise errors.ValidationFailed(
            [
                Problem(
                    "fingerprint",
                    _(
                        "A fingerprint is 32 hexadecimal digits, e.g. "
                        "E101 F444 89B9 BF0C 7A16 64D3 FE05 681F."
                    ),
                )
            ]
        )
    wanted = " ".join(compact[i : i + 4] for i in range(0, 32, 4))
    if not accepted_by.strip():
        raise errors.ValidationFailed(
            [Problem("accepted_by", _("Give the name of the MKK user who accepts the key."))]
        )
    with database.transaction():
        registered = office_key(database, office_code)
        if registered is None:
            raise errors.NotFound(
                _(
                    "No packet of the office {office} has been imported, so it has no registered "
                    "key; its first packet registers it."
                ).format(office=office_code)
            )
        if registered.fingerprint == wanted:
            raise errors.ValidationFailed(
                [Problem("fingerprint", _("This is already the office's registered key."))]
            )
        now = now_utc()
        database.execute(
            "UPDATE office_keys SET pending_fingerprint = ?, pending_accepted_by = ?, "
            "pending_accepted_at = ? WHERE office_code = ?",
            (wanted, accepted_by.strip(), now, office_code),
        )
        _event(
            database,
            office_code,
            "accepted",
            wanted,
            registered.fingerprint,
            accepted_by.strip(),
            now,
            "",
        )


def _event(
    database: Database,
    office_code: str,
    kind: str,
    key_fingerprint: str,
    previous: str,
    by: str,
    at: str,
    packet_id: str,
) -> None:
    database.execute(
        "INSERT INTO key_events(office_code, kind, fingerprint, previous_fingerprint, by_name, "
        "at, packet_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (office_code, kind, key_fingerprint, previous, by, at, packet_id),
    )

"""Accepted packets: MKK's word that an office's data for a cycle is final.

Accepting locks the office's current packet of the cycle; a newer packet of that office and
cycle is then refused by the importer (check_not_locked) until someone unlocks it, with a
reason. The trail of who accepted and unlocked is in the audit table.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrdesk import errors
from hrdesk.i18n import _
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database

LOCKED = "locked"  # PacketError code of a packet refused because of an accepted one


@dataclass(frozen=True)
class Acceptance:
    office_code: str
    cycle: int
    packet_id: str
    accepted_by: str
    accepted_at: str
    unlocked_by: str = ""
    unlocked_at: str | None = None
    unlock_reason: str = ""

    @property
    def locked(self) -> bool:
        return self.unlocked_at is None


def acceptance(database: Database, office_code: str, cycle: int) -> Acceptance | None:
    row = database.execute(
        "SELECT office_code, cycle, packet_id, accepted_by, accepted_at, unlocked_by, "
        "unlocked_at, unlock_reason FROM packet_acceptances WHERE office_code = ? AND cycle = ?",
        (office_code, cycle),
    ).fetchone()
    return Acceptance(*row) if row else None


def locked_packet(database: Database, office_code: str, cycle: int) -> str | None:
    """The id of the accepted, still locked packet of the office and cycle, or None."""
    found = acceptance(database, office_code, cycle)
    return found.packet_id if found and found.locked else None


def check_not_locked(database: Database, office_code: str, cycle: int, packet_id: str) -> None:
    """Refuse a packet that would replace an accepted one (the importer calls this)."""
    locked = locked_packet(database, office_code, cycle)
    if locked is not None and locked != packet_id:
        from hrdesk.packets import PacketError

        raise PacketError(
            LOCKED,
            _(
                "The data of the office {office} for the cycle {cycle} has been accepted and is "
                "locked. Unlock it first to import a newer packet."
            ).format(office=office_code, cycle=cycle),
        )


def accept_packet(database: Database, office_code: str, cycle: int, by: str) -> str:
    """Accept (and lock) the office's current packet of the cycle; returns its packet id."""
    packet_id = database.query_value(
        "SELECT packet_id FROM packets_received WHERE office_code = ? AND cycle = ? "
        "AND status = 'current' ORDER BY received_at DESC LIMIT 1",
        (office_code, cycle),
    )
    if packet_id is None:
        raise errors.NotFound(
            _("No packet of the office {office} for the cycle {cycle} has been imported.").format(
                office=office_code, cycle=cycle
            )
        )
    with database.transaction():
        database.execute(
            "INSERT INTO packet_acceptances(office_code, cycle, packet_id, accepted_by, "
            "accepted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(office_code, cycle) DO UPDATE SET "
            "packet_id = excluded.packet_id, accepted_by = excluded.accepted_by, "
            "accepted_at = excluded.accepted_at, unlocked_by = '', unlocked_at = NULL, "
            "unlock_reason = '' WHERE packet_acceptances.packet_id IS NOT excluded.packet_id "
            "OR packet_acceptances.unlocked_at IS NOT NULL",
            (office_code, cycle, str(packet_id), by.strip(), now_utc()),
        )
    return str(packet_id)


def unlock_packet(database: Database, office_code: str, cycle: int, by: str, reason: str) -> None:
    """Allow a newer packet of an accepted office; the reason is required and kept."""
    if not reason.strip():
        raise errors.ValidationFailed(
            [_problem("reason", _("Say why the accepted data is unlocked."))]
        )
    found = acceptance(database, office_code, cycle)
    if found is None or not found.locked:
        raise errors.NotFound(
            _("The data of the office {office} for the cycle {cycle} is not locked.").format(
                office=office_code, cycle=cycle
            )
        )
    with database.transaction():
        database.execute(
            "UPDATE packet_acceptances SET unlocked_by = ?, unlocked_at = ?, unlock_reason = ? "
            "WHERE office_code = ? AND cycle = ?",
            (by.strip(), now_utc(), reason.strip(), office_code, cycle),
        )


def _problem(field: str, message: str):
    from hrdesk.domain.rules import Problem

    return Problem(field, message)

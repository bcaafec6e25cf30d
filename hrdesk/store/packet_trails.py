"""MKK: the audit trails that imported packets carry (hrdesk.packets.trail), so MKK can see how
an office's data came to be — who entered, imported or changed what, when, old and new values.

The importer stores a packet's trail in the packet's own transaction (store_packet_trail); only
the current packet of an office and cycle keeps one. Each packet carries the office's whole
trail, so the packets of one office for different cycles repeat each other: a reader looks at
one packet's trail at a time (by default the office's newest).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hrdesk.store.audit import AuditEntry, AuditKind
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository

_INSERT = (
    "INSERT INTO packet_trails(packet_id, office_code, staff_uid, at, kind, record, entry) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


# MKK's person of a trail entry: the uid, at the entry's own office (a trail that names another
# office's uid names nobody MKK holds).
_OWN_PERSON = (
    "s.uid = t.staff_uid "
    "AND s.office_id = (SELECT o.id FROM offices o WHERE o.code = t.office_code)"
)


def store_packet_trail(
    database: Database,
    packet_id: str,
    office_code: str,
    cycle: int,
    trail: Sequence[dict[str, Any]] | None,
) -> int:
    """Keep the trail of a packet being imported in place of the trail of the office's current
    packet of the cycle (the one it supersedes). The caller holds the transaction and writes
    the packet's packets_received row after this. A packet without a trail (made before the
    trail was carried) only removes the older one's. Returns the number of entries stored."""
    database.execute(
        "DELETE FROM packet_trails WHERE packet_id IN (SELECT packet_id FROM packets_received "
        "WHERE office_code = ? AND cycle = ? AND status = 'current')",
        (office_code, cycle),
    )
    if not trail:
        return 0
    # One encoder call per entry is most of the cost; the schema has checked every field.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    database.conn.executemany(
        _INSERT,
        [
            (packet_id, office_code, e["staff_uid"], e["at"], e["kind"], e["record"], encode(e))
            for e in trail
        ],
    )
    return len(trail)


@dataclass(frozen=True)
class PacketTrailEntry:
    """One entry of an office's trail as MKK received it. `change` holds it in the form of the
    local trail (change.id: the stored row; change.staff_id: MKK's id of the person, None when
    the entry names nobody or a person MKK does not hold)."""

    packet_id: str
    office_code: str
    staff_uid: str | None
    change: AuditEntry


@dataclass(frozen=True)
class TrailPacket:
    """A current packet of an office that carried a trail."""

    packet_id: str
    cycle: int
    created_at: str
    entries: int


@dataclass(frozen=True)
class TrailPerson:
    uid: str
    staff_id: int | None
    full_name: str
    pin: str


@dataclass(frozen=True)
class TrailFilter:
    """Which entries to read. packet_id None: the office's newest current packet that carried
    a trail. pin: the people of the office with that PIN. Dates are UTC days, both included."""

    office_code: str
    packet_id: str | None = None
    staff_uid: str | None = None
    pin: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: AuditKind | None = None


def _when(text: str) -> dt.datetime:
    # The schema checks only that the text starts with a date: read what can be read.
    for candidate in (text, text[:19], text[:10]):
        try:
            value = dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _values(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _entry(row: Sequence[Any]) -> PacketTrailEntry:
    row_id, packet_id, office_code, staff_uid, text, staff_id = row
    e = json.loads(text)
    record_id = e.get("record_id")
    return PacketTrailEntry(
        packet_id=packet_id,
        office_code=office_code,
        staff_uid=staff_uid,
        change=AuditEntry(
            id=row_id,
            at=_when(str(e.get("at", ""))),
            clerk=str(e.get("clerk") or ""),
            os_user=str(e.get("os_user") or ""),
            operation=str(e.get("operation") or ""),
            table=str(e.get("record") or ""),
            record_id=record_id if isinstance(record_id, (int, str)) else None,
            record_key=str(e.get("record_key") or ""),
            staff_id=staff_id,
            kind=AuditKind(e["kind"]),
            old=_values(e.get("old")),
            new=_values(e.get("new")),
        ),
    )


class PacketTrailRepository:
    """Reads the stored trails; only the importer writes them (store_packet_trail)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def office_codes(self) -> list[str]:
        """Offices whose current packets carried a trail, by code."""
        rows = self.database.execute(
            "SELECT DISTINCT p.office_code FROM packets_received p WHERE p.status = 'current' "
            "AND EXISTS (SELECT 1 FROM packet_trails t WHERE t.packet_id = p.packet_id) "
            "ORDER BY p.office_code"
        )
        return [r[0] for r in rows]

    def packets(self, office_code: str) -> list[TrailPacket]:
        """The office's current packets that carried a trail, newest cycle first."""
        rows = self.database.execute(
            "SELECT p.packet_id, p.cycle, p.created_at, "
            "(SELECT count(*) FROM packet_trails t WHERE t.packet_id = p.packet_id) AS n "
            "FROM packets_received p WHERE p.office_code = ? AND p.status = 'current' "
            "AND n > 0 ORDER BY p.cycle DESC, p.created_at DESC",
            (office_code,),
        )
        return [TrailPacket(*r) for r in rows]

    def people(self, packet_id: str) -> list[TrailPerson]:
        """The people the packet's trail names, by name (those MKK does not hold by uid)."""
        rows = self.database.execute(
            "SELECT t.staff_uid, s.id, s.pin FROM (SELECT DISTINCT staff_uid, office_code "
            "FROM packet_trails WHERE packet_id = ? AND staff_uid IS NOT NULL) t "
            f"LEFT JOIN staff s ON {_OWN_PERSON}",
            (packet_id,),
        ).fetchall()
        found = StaffRepository(self.database).rows(r[1] for r in rows if r[1] is not None)
        people = [
            TrailPerson(
                uid=uid,
                staff_id=staff_id,
                full_name=found[staff_id].member.full_name if staff_id in found else "",
                pin=pin or "",
            )
            for uid, staff_id, pin in rows
        ]
        return sorted(people, key=lambda p: (not p.full_name, p.full_name.casefold(), p.uid))

    def newest_packet(self, office_code: str) -> str | None:
        packets = self.packets(office_code)
        return packets[0].packet_id if packets else None

    def _where(self, f: TrailFilter) -> tuple[str, list[object]] | None:
        packet_id = f.packet_id if f.packet_id is not None else self.newest_packet(f.office_code)
        if packet_id is None:
            return None
        where = ["t.packet_id = ?", "t.office_code = ?"]
        params: list[object] = [packet_id, f.office_code]
        if f.staff_uid is not None:
            where.append("t.staff_uid = ?")
            params.append(f.staff_uid)
        if f.pin is not None:
            where.append(
                "t.staff_uid IN (SELECT s.uid FROM staff s JOIN offices o ON o.id = s.office_id "
                "WHERE s.pin = ? AND o.code = ?)"
            )
            params += [f.pin.strip(), f.office_code]
        # Entries are stamped in UTC, ISO 8601: a day's text sorts before its times.
        if f.since is not None:
            where.append("t.at >= ?")
            params.append(f.since.isoformat())
        if f.until is not None:
            where.append("t.at < ?")
            params.append((f.until + dt.timedelta(days=1)).isoformat())
        if f.kind is not None:
            where.append("t.kind = ?")
            params.append(str(f.kind))
        return " WHERE " + " AND ".join(where), params

    def query(
        self, f: TrailFilter, limit: int | None = 200, offset: int = 0, *, newest_first: bool = True
    ) -> list[PacketTrailEntry]:
        """Entries matching the filter, newest first (in the order the office recorded them)."""
        found = self._where(f)
        if found is None:
            return []
        where, params = found
        sql = (
            "SELECT t.id, t.packet_id, t.office_code, t.staff_uid, t.entry, s.id "
            f"FROM packet_trails t LEFT JOIN staff s ON {_OWN_PERSON}{where} "
            f"ORDER BY t.id {'DESC' if newest_first else 'ASC'}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_entry(r) for r in self.database.execute(sql, tuple(params))]

    def count(self, f: TrailFilter) -> int:
        found = self._where(f)
        if found is None:
            return 0
        where, params = found
        return int(
            self.database.query_value(f"SELECT count(*) FROM packet_trails t{where}", tuple(params))
            or 0
        )

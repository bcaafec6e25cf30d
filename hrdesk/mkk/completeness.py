"""Who has sent the cycle's packet: expected, received, on time, late and missing offices
(DHIS2's reporting rates), per oblast, per district and per office type.

An office counts as received when a current packet of the cycle from its code has been
imported; on time when its first packet of the cycle arrived on or before the cycle's deadline
(a correction sent later keeps it on time); the day is counted in Kyrgyz time (UTC+6). Offices
that sent a packet without being on the expected list are listed apart and not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hrdesk.mkk.expected_offices import expected_in
from hrdesk.store.database import Database

LOCAL_TIME = "+6 hours"  # Kyrgyzstan, no daylight saving time
KYRGYZ_TIME = dt.timezone(dt.timedelta(hours=6))
COUNTS = ("expected", "received", "on_time", "late", "missing")


def local_time(stamp: str | None) -> dt.datetime | None:
    """A stored UTC time stamp (ISO 8601) as Kyrgyz time, for showing; None for none."""
    if not stamp:
        return None
    value = dt.datetime.fromisoformat(stamp)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(KYRGYZ_TIME)


def _cycle_deadline(database: Database, cycle: int) -> str | None:
    value = database.query_value("SELECT deadline FROM cycles WHERE year = ?", (cycle,))
    return str(value)[:10] if value else None


def _received(database: Database, cycle: int) -> dict[str, dict[str, Any]]:
    """Per office code: its current packet and when its first packet of the cycle came."""
    rows = database.execute(
        "SELECT p.office_code, MAX(CASE WHEN p.status = 'current' THEN p.packet_id END), "
        "MAX(CASE WHEN p.status = 'current' THEN p.created_at END), "
        "MAX(CASE WHEN p.status = 'current' THEN p.received_at END), "
        f"MIN(p.received_at), date(MIN(p.received_at), '{LOCAL_TIME}'), COUNT(*) "
        "FROM packets_received p WHERE p.cycle = ? GROUP BY p.office_code",
        (cycle,),
    ).fetchall()
    acceptances = {
        code: (packet, unlocked is None)
        for code, packet, unlocked in database.execute(
            "SELECT office_code, packet_id, unlocked_at FROM packet_acceptances WHERE cycle = ?",
            (cycle,),
        )
    }
    result = {}
    for code, packet_id, created, received, first, first_day, packets in rows:
        if packet_id is None:
            continue
        accepted, locked = False, False
        if code in acceptances:
            accepted_packet, locked = acceptances[code]
            accepted = accepted_packet == packet_id
        result[code] = {
            "packet_id": packet_id,
            "created_at": created,
            "received_at": received,
            "first_received_at": first,
            "first_received_day": first_day,
            "packets": packets,
            "accepted": accepted,
            "locked": locked,
        }
    return result


def _offices_of_packets(database: Database, codes: list[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for code, type_, name_ky, name_ru, oblast, district in database.execute(
        "SELECT code, type, name_ky, name_ru, oblast, district FROM offices WHERE is_own = 0"
    ):
        if code in codes:
            found[code] = {
                "type": type_,
                "name_ky": name_ky,
                "name_ru": name_ru,
                "oblast": oblast,
                "district": district,
            }
    return found


def completeness(database: Database, cycle: int) -> dict[str, Any]:
    """The completeness of a cycle as a JSON-ready dict (keys in docs/cli-mkk.md)."""
    deadline = _cycle_deadline(database, cycle)
    received = _received(database, cycle)
    where, params = expected_in(cycle)
    expected_rows = database.execute(
        "SELECT code, type, name_ky, name_ru, oblast, district FROM expected_offices "
        f"WHERE {where} ORDER BY oblast, district, code",
        params,
    ).fetchall()
    expected_codes = {r[0] for r in expected_rows}
    offices: list[dict[str, Any]] = []
    for code, type_, name_ky, name_ru, oblast, district in expected_rows:
        office: dict[str, Any] = {
            "code": code,
            "type": type_,
            "name_ky": name_ky,
            "name_ru": name_ru,
            "oblast": oblast,
            "district": district,
            "expected": True,
        }
        office.update(_status(received.get(code), deadline))
        offices.append(office)
    others = sorted(set(received) - expected_codes)
    known = _offices_of_packets(database, others)
    unexpected = []
    for code in others:
        office = {
            "code": code,
            "expected": False,
            **known.get(
                code, {"type": "", "name_ky": "", "name_ru": "", "oblast": "", "district": ""}
            ),
        }
        office.update(_status(received[code], deadline))
        unexpected.append(office)
    expected = [o for o in offices if o["expected"]]
    return {
        "cycle": cycle,
        "deadline": deadline,
        "totals": _tally(expected),
        "by_oblast": _grouped(expected, lambda o: (o["oblast"],), ("oblast",)),
        "by_district": _grouped(
            expected, lambda o: (o["oblast"], o["district"]), ("oblast", "district")
        ),
        "by_office_type": _grouped(expected, lambda o: (o["type"],), ("type",)),
        "missing": [_brief(o) for o in expected if o["status"] == "missing"],
        "offices": offices,
        "unexpected": unexpected,
    }


def _status(packet: dict[str, Any] | None, deadline: str | None) -> dict[str, Any]:
    if packet is None:
        return {
            "status": "missing",
            "packet_id": None,
            "created_at": None,
            "received_at": None,
            "first_received_at": None,
            "packets": 0,
            "on_time": None,
            "accepted": False,
            "locked": False,
        }
    on_time = deadline is None or packet["first_received_day"] <= deadline
    result = {k: v for k, v in packet.items() if k != "first_received_day"}
    result["on_time"] = on_time
    result["status"] = "on_time" if on_time else "late"
    return result


def _brief(office: dict[str, Any]) -> dict[str, Any]:
    return {k: office[k] for k in ("code", "type", "name_ky", "name_ru", "oblast", "district")}


def _tally(offices: list[dict[str, Any]]) -> dict[str, Any]:
    counts = dict.fromkeys(COUNTS, 0)
    for office in offices:
        counts["expected"] += 1
        counts[office["status"]] += 1
        if office["status"] != "missing":
            counts["received"] += 1
    counts["rate"] = (
        round(counts["received"] / counts["expected"], 4) if counts["expected"] else None
    )
    counts["on_time_rate"] = (
        round(counts["on_time"] / counts["expected"], 4) if counts["expected"] else None
    )
    return counts


def _grouped(
    offices: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple],
    names: tuple[str, ...],
) -> list[dict[str, Any]]:
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for office in offices:
        groups.setdefault(key(office), []).append(office)
    return [
        {**dict(zip(names, group, strict=True)), **_tally(members)}
        for group, members in sorted(groups.items())
    ]


# Accepting and unlocking live in locks.py so that the packet importer can check a lock
# without importing this module; they are part of the completeness workflow.
from hrdesk.mkk.locks import accept_packet, unlock_packet  # noqa: E402

__all__ = ["accept_packet", "completeness", "local_time", "unlock_packet"]

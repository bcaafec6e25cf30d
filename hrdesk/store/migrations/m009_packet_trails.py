"""MKK: the audit trail each imported packet carries (hrdesk.packets.trail), kept so MKK can see
how an office's data came to be. One row per entry, keyed by the packet, its office and the
person the entry is about; `entry` is the packet's entry as received (JSON), the other columns
are copies of its fields to filter on.

Only the current packet of an office and cycle keeps its trail (a newer one replaces it). No
audit triggers: like the records a packet writes, the trail is data received, not a change
made here (hrdesk.packets.import_store)."""

from __future__ import annotations

STATEMENTS = (
    """CREATE TABLE packet_trails (
    id INTEGER PRIMARY KEY,
    packet_id TEXT NOT NULL,
    office_code TEXT NOT NULL,
    staff_uid TEXT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    record TEXT NOT NULL,
    entry TEXT NOT NULL
    )""",
    # One index: every query names the packet; a second would double the cost of the import.
    "CREATE INDEX packet_trails_packet ON packet_trails(packet_id, staff_uid)",
)


def migrate(database) -> None:
    for statement in STATEMENTS:
        database.conn.execute(statement)

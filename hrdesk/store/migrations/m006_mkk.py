"""MKK's desk: the list of offices expected to send a packet, and accepted (locked) packets.

The expected list is MKK's own (imported from XLSX/CSV or typed in); it is kept apart from the
offices rows that packets create, and matched to them by office code.
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE expected_offices (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    type TEXT NOT NULL,
    name_ky TEXT NOT NULL,
    name_ru TEXT NOT NULL DEFAULT '',
    oblast TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX expected_offices_place ON expected_offices(oblast, district);
CREATE TABLE packet_acceptances (
    office_code TEXT NOT NULL,
    cycle INTEGER NOT NULL CHECK (cycle BETWEEN 2000 AND 2100),
    packet_id TEXT NOT NULL,
    accepted_by TEXT NOT NULL DEFAULT '',
    accepted_at TEXT NOT NULL,
    unlocked_by TEXT NOT NULL DEFAULT '',
    unlocked_at TEXT,
    unlock_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (office_code, cycle),
    CHECK (unlocked_at IS NULL OR unlock_reason <> '')
);
"""


def migrate(database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            database.conn.execute(statement)
    has_trail = database.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone()
    if has_trail:
        from hrdesk.store.audit import install_audit_triggers

        install_audit_triggers(database, "expected_offices", ("id", "code"))
        # Accepting and unlocking decide which data counts nationally: worth a trail.
        install_audit_triggers(database, "packet_acceptances", ("cycle", "office_code"))

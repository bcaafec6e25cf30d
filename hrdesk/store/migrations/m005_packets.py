"""Packets: what an office exported, and at MKK what it received, the offices' keys and the
catalogues it published.

Imported people live in the ordinary tables (staff with the office's offices row, is_own = 0);
everything else hangs off staff, so no other table needs to know which office a row came from.
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE packet_exports (
    id INTEGER PRIMARY KEY,
    packet_id TEXT NOT NULL UNIQUE,
    cycle INTEGER NOT NULL CHECK (cycle BETWEEN 2000 AND 2100),
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
    counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
    warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings))
);
CREATE INDEX packet_exports_cycle ON packet_exports(cycle, created_at);
CREATE TABLE packets_received (
    id INTEGER PRIMARY KEY,
    packet_id TEXT NOT NULL UNIQUE,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    office_code TEXT NOT NULL,
    cycle INTEGER NOT NULL CHECK (cycle BETWEEN 2000 AND 2100),
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
    superseded_by TEXT,
    received_at TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL,
    encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
    counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts))
);
CREATE INDEX packets_received_office ON packets_received(office_code, cycle, status);
CREATE TABLE office_keys (
    office_code TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    pending_fingerprint TEXT NOT NULL DEFAULT '',
    pending_accepted_by TEXT NOT NULL DEFAULT '',
    pending_accepted_at TEXT
);
CREATE TABLE key_events (
    id INTEGER PRIMARY KEY,
    office_code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('registered', 'accepted', 'replaced')),
    fingerprint TEXT NOT NULL,
    previous_fingerprint TEXT NOT NULL DEFAULT '',
    by_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    packet_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX key_events_office ON key_events(office_code, id);
CREATE TABLE catalogue_publications (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
    cycle INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL
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

        # Who may sign for an office is worth a trail of its own. At MKK a packet is the unit
        # of change: its receipt is audited, the rows it writes are not (import_store).
        install_audit_triggers(database, "office_keys", ("office_code",))
        install_audit_triggers(database, "packets_received", ("id", "packet_id"))

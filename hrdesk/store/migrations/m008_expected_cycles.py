"""The cycles an expected office is expected in, so that changing the list for a new cycle
leaves the completeness of earlier cycles as it was.

An office is expected in cycle C when it is active and from_cycle <= C <= until_cycle (an empty
bound is open). Offices already on the list stay expected in every cycle."""

from __future__ import annotations


def migrate(database) -> None:
    for column in ("from_cycle", "until_cycle"):
        database.conn.execute(
            f"ALTER TABLE expected_offices ADD COLUMN {column} INTEGER "
            f"CHECK ({column} IS NULL OR {column} BETWEEN 2000 AND 2100)"
        )
    has_trail = database.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone()
    if has_trail:
        from hrdesk.store.audit import install_audit_triggers

        # The triggers list the columns they record: made again, they record the new ones too.
        install_audit_triggers(database, "expected_offices", ("id", "code"))

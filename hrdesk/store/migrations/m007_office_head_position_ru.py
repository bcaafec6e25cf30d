"""The head's position in Russian, so that a plan printed in Russian says it in Russian.

head_position stays the Kyrgyz text (the state language, and what older databases and packets
hold); an empty head_position_ru means "print the Kyrgyz one"."""

from __future__ import annotations


def migrate(database) -> None:
    database.conn.execute(
        "ALTER TABLE offices ADD COLUMN head_position_ru TEXT NOT NULL DEFAULT ''"
    )
    has_trail = database.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone()
    if has_trail:
        from hrdesk.store.audit import install_audit_triggers

        # The triggers list the columns they record: made again, they record the new one too.
        install_audit_triggers(database, "offices", ("id", "code"))

"""The audit trail: a table that triggers fill and nobody may change (see hrdesk.store.audit).

Later migrations that add tables of user data call install_audit_triggers for them."""

from __future__ import annotations

STATEMENTS = (
    """CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    clerk TEXT NOT NULL DEFAULT '',
    os_user TEXT NOT NULL DEFAULT '',
    operation TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL,
    record_id,
    record_key TEXT NOT NULL DEFAULT '',
    staff_id INTEGER,
    kind TEXT NOT NULL,
    old TEXT,
    new TEXT
    )""",
    "CREATE INDEX audit_staff ON audit(staff_id) WHERE staff_id IS NOT NULL",
    "CREATE INDEX audit_at ON audit(at)",
    "CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
    "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
)

# table -> (key columns, person) as install_audit_triggers takes them.
_ASSESSMENT_PERSON = "(SELECT staff_id FROM assessments WHERE id = {row}.assessment_id)"
AUDITED = {
    "settings": (("key",), None),
    "offices": (("id", "code"), None),
    "units": (("id", "name"), None),
    "staff": (("id", "uid"), "id"),
    "education": (("id",), "staff_id"),
    "training": (("id",), "staff_id"),
    "assessments": (("id", "uid"), "staff_id"),
    "ratings": (("assessment_id", "competency_code"), _ASSESSMENT_PERSON),
    "answers": (("assessment_id", "question", "answer"), _ASSESSMENT_PERSON),
    "requests": (("id", "uid"), _ASSESSMENT_PERSON),
}


def migrate(database) -> None:
    from hrdesk.store.audit import install_audit_triggers

    for statement in STATEMENTS:
        database.conn.execute(statement)
    existing = {
        r[0] for r in database.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table, (keys, person) in AUDITED.items():
        if table in existing:
            install_audit_triggers(database, table, keys, person=person)

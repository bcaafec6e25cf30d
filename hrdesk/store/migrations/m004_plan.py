"""The annual training plan: plans, their lines, and the events (drafted, approved, reopened)."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    approved_by TEXT NOT NULL DEFAULT '',
    approved_on TEXT,
    seats_per_course INTEGER CHECK (seats_per_course IS NULL OR seats_per_course > 0),
    max_hours INTEGER CHECK (max_hours IS NULL OR max_hours > 0),
    drafted_at TEXT NOT NULL DEFAULT '',
    skipped TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skipped)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (office_id, year),
    CHECK (status <> 'approved' OR (approved_by <> '' AND approved_on IS NOT NULL))
);
CREATE TABLE plan_entries (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    course_code TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    format TEXT CHECK (format IN ('in_person', 'distance', 'blended')),
    language TEXT CHECK (language IN ('ky', 'ru', 'en', 'other')),
    funding TEXT NOT NULL CHECK (funding IN ('state_order', 'departmental', 'donor', 'own')),
    hours INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),
    priority_score REAL NOT NULL DEFAULT 0,
    source_request_uid TEXT NOT NULL DEFAULT '',
    manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    training_id INTEGER REFERENCES training(id) ON DELETE SET NULL,
    warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
    CHECK (course_code <> '' OR title <> ''),
    CHECK (status <> 'cancelled' OR cancel_reason <> '')
);
CREATE INDEX plan_entries_plan ON plan_entries(plan_id, position);
CREATE INDEX plan_entries_staff ON plan_entries(staff_id);
CREATE TABLE plan_events (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('drafted', 'approved', 'reopened')),
    by_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    on_date TEXT,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_events_plan ON plan_events(plan_id);
"""


def migrate(database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            database.conn.execute(statement)
    _audit(database)


def _audit(database) -> None:
    has_trail = database.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'"
    ).fetchone()
    if not has_trail:
        return
    from hrdesk.store.audit import install_audit_triggers

    install_audit_triggers(database, "plans", ("id", "year"))
    install_audit_triggers(database, "plan_entries", ("id", "uid"), person="staff_id")

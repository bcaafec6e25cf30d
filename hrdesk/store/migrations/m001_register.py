"""The office, its units and the staff register with education and training history."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE offices (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name_ky TEXT NOT NULL,
    name_ru TEXT NOT NULL DEFAULT '',
    oblast TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    parent_code TEXT NOT NULL DEFAULT '',
    head_name TEXT NOT NULL DEFAULT '',
    head_position TEXT NOT NULL DEFAULT '',
    hr_clerk_name TEXT NOT NULL DEFAULT '',
    is_own INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (office_id, name)
);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    office_id INTEGER NOT NULL REFERENCES offices(id),
    pin TEXT NOT NULL,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    sex TEXT,
    birth_date TEXT,
    phone TEXT NOT NULL DEFAULT '',
    unit_id INTEGER REFERENCES units(id),
    service_type TEXT,
    position_title TEXT NOT NULL DEFAULT '',
    position_category TEXT,
    position_group TEXT,
    class_rank TEXT NOT NULL DEFAULT '',
    appointed_on TEXT,
    service_started_on TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'active',
    left_on TEXT,
    left_reason TEXT NOT NULL DEFAULT '',
    missing TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL DEFAULT '',
    sort_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX staff_pin ON staff(pin);
-- Covers the register's default query (filter as you type, sorted by name) without touching
-- the wide table rows: the filter is a scan of this index alone.
CREATE INDEX staff_sort_name ON staff(sort_name, id, search, status, office_id);
CREATE INDEX staff_office ON staff(office_id, status);
-- Trigram index over the search text: a filter term of three letters or more finds its people
-- without scanning the register. Kept in step with staff by the triggers below.
CREATE VIRTUAL TABLE staff_search USING fts5(
    search, content='staff', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER staff_search_insert AFTER INSERT ON staff BEGIN
    INSERT INTO staff_search(rowid, search) VALUES (NEW.id, NEW.search);
END;
CREATE TRIGGER staff_search_delete AFTER DELETE ON staff BEGIN
    INSERT INTO staff_search(staff_search, rowid, search) VALUES ('delete', OLD.id, OLD.search);
END;
CREATE TRIGGER staff_search_update AFTER UPDATE OF search ON staff BEGIN
    INSERT INTO staff_search(staff_search, rowid, search) VALUES ('delete', OLD.id, OLD.search);
    INSERT INTO staff_search(rowid, search) VALUES (NEW.id, NEW.search);
END;
CREATE INDEX staff_unit ON staff(unit_id);
CREATE TABLE education (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    level TEXT NOT NULL,
    field TEXT,
    institution TEXT NOT NULL DEFAULT '',
    speciality TEXT NOT NULL DEFAULT '',
    graduation_year INTEGER
);
CREATE INDEX education_staff ON education(staff_id);
CREATE TABLE training (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    course_code TEXT NOT NULL DEFAULT '',
    course_title TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    hours INTEGER,
    format TEXT,
    funding TEXT,
    language TEXT,
    certificate_no TEXT NOT NULL DEFAULT '',
    fb_relevance INTEGER,
    fb_trainer INTEGER,
    fb_practice INTEGER,
    fb_language_fit INTEGER,
    fb_overall INTEGER,
    fb_comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_staff ON training(staff_id);
CREATE INDEX training_course ON training(course_code);
"""


def migrate(database) -> None:
    database.execute_script(SCHEMA)

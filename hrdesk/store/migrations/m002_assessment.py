"""Course catalogue, competency framework, assessment cycles, needs assessments and requests.

The built-in catalogue is seeded here so that a new office can start at once."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE catalogue_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    format TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    cycle INTEGER NOT NULL CHECK (cycle BETWEEN 2000 AND 2100),
    deadline TEXT NOT NULL,
    body_name_ky TEXT NOT NULL DEFAULT '',
    body_name_ru TEXT NOT NULL DEFAULT '',
    body_name_en TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(document)),
    imported_at TEXT NOT NULL
);
CREATE TABLE competencies (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    title_ky TEXT NOT NULL,
    title_ru TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_ky TEXT NOT NULL DEFAULT '',
    description_ru TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE courses (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    title_ky TEXT NOT NULL,
    title_ru TEXT NOT NULL,
    title_en TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    competencies TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(competencies)),
    service_types TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(service_types)),
    categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),
    groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups)),
    hours INTEGER NOT NULL CHECK (hours > 0),
    format TEXT NOT NULL CHECK (format IN ('in_person', 'distance', 'blended')),
    languages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
    repeat_years INTEGER NOT NULL DEFAULT 0 CHECK (repeat_years >= 0),
    provider TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE cycles (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    deadline TEXT,
    opened_at TEXT NOT NULL,
    catalogue_version INTEGER
);
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    cycle INTEGER NOT NULL REFERENCES cycles(year),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
    preferred_format TEXT CHECK (preferred_format IN ('in_person', 'distance', 'blended')),
    preferred_language TEXT CHECK (preferred_language IN ('ky', 'ru', 'en', 'other')),
    preferred_season TEXT CHECK (preferred_season IN ('winter', 'spring', 'summer', 'autumn', 'any')),
    obstacles_duties_other TEXT NOT NULL DEFAULT '',
    obstacles_training_other TEXT NOT NULL DEFAULT '',
    growth_needs_other TEXT NOT NULL DEFAULT '',
    assessed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (cycle, staff_id)
);
CREATE INDEX assessments_staff ON assessments(staff_id);
CREATE INDEX assessments_cycle_status ON assessments(cycle, status);
CREATE TABLE ratings (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    competency_code TEXT NOT NULL REFERENCES competencies(code),
    importance INTEGER CHECK (importance BETWEEN 1 AND 5),
    performance INTEGER CHECK (performance BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, competency_code)
) WITHOUT ROWID;
CREATE INDEX ratings_competency ON ratings(competency_code);
CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    question TEXT NOT NULL
        CHECK (question IN ('obstacles_duties', 'obstacles_training', 'growth_needs')),
    answer TEXT NOT NULL CHECK (answer <> ''),
    PRIMARY KEY (assessment_id, question, answer)
) WITHOUT ROWID;
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    course_code TEXT CHECK (course_code IS NULL OR course_code <> ''),
    free_text TEXT NOT NULL DEFAULT '',
    is_free_text INTEGER NOT NULL DEFAULT 0 CHECK (is_free_text IN (0, 1)),
    endorsement TEXT NOT NULL DEFAULT 'pending'
        CHECK (endorsement IN ('pending', 'endorsed', 'declined')),
    decline_reason TEXT NOT NULL DEFAULT '',
    endorsed_by TEXT NOT NULL DEFAULT '',
    endorsed_at TEXT,
    UNIQUE (assessment_id, priority),
    CHECK ((is_free_text = 0 AND course_code IS NOT NULL)
           OR (is_free_text = 1 AND course_code IS NULL AND free_text <> '')),
    CHECK (endorsement <> 'declined' OR decline_reason <> '')
);
CREATE INDEX requests_assessment ON requests(assessment_id);
CREATE INDEX requests_course ON requests(course_code);
"""

# Years without any training after which a person gets priority (DESIGN.md, eligibility rules).
TRAINING_GAP_YEARS_KEY = "training_gap_years"


def migrate(database) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            database.conn.execute(statement)
    database.conn.execute(
        "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)", (TRAINING_GAP_YEARS_KEY, "3")
    )
    _seed_builtin_catalogue(database)


def _seed_builtin_catalogue(database) -> None:
    from hrdesk.store.catalogue import seed_builtin_catalogue

    seed_builtin_catalogue(database)

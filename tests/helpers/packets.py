"""Offices and MKK for the packet tests: demo offices made once per session and copied per
test, MKK set up with its catalogue published, and a dump to prove that nothing was written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hrdesk import assessment, register
from hrdesk.demo.generate import write_demo_database
from hrdesk.domain.models import Feedback
from hrdesk.packets.catalogue_publish import publish_catalogue
from hrdesk.planning import ops as plan_ops
from hrdesk.store.database import Database

CYCLE = dt.date.today().year + 1  # the demo's assessment cycle
_CACHE: dict[tuple[int, int, bool], Path] = {}


def demo_office_file(cache_dir: Path, seed: int, staff: int, with_plan: bool = True) -> Path:
    """A demo office database (made once per session): the register, the demo cycle and, with
    with_plan, an approved plan with one line done and one cancelled."""
    key = (seed, staff, with_plan)
    if key not in _CACHE:
        path = cache_dir / f"demo-{seed}-{staff}-{int(with_plan)}.sqlite3"
        write_demo_database(path, staff=staff, seed=seed)
        if with_plan:
            database = Database.open(path)
            try:
                add_plan(database)
            finally:
                database.close()
        _CACHE[key] = path
    return _CACHE[key]


def add_plan(database: Database) -> None:
    outcome = plan_ops.draft(database, CYCLE, by="Head")
    plan_ops.approve(database, CYCLE, "Асанов Нурлан", dt.date.today())
    entries = [e for e in _entries(database, outcome.plan.id)]
    plan_ops.record_done(
        database,
        entries[0],
        start_date=dt.date.today() - dt.timedelta(days=10),
        end_date=dt.date.today() - dt.timedelta(days=5),
        certificate_no="CERT-1",
        feedback=Feedback(5, 4, 3, 5, 4, "Пайдалуу курс"),
    )
    plan_ops.cancel_entry(database, entries[1], "Ооруп калды")


def _entries(database: Database, plan_id: int | None) -> list[str]:
    rows = database.execute(
        "SELECT uid FROM plan_entries WHERE plan_id = ? ORDER BY position", (plan_id,)
    )
    return [r[0] for r in rows]


def copy_office(source: Path, target: Path) -> Database:
    shutil.copyfile(source, target)
    return Database.open(target)


def make_mkk(path: Path) -> tuple[Database, Path]:
    """MKK's database with its keys and a published catalogue file (returned)."""
    database = Database.open(path, create=True)
    register.setup_mkk(database)
    catalogue = path.with_name(path.stem + "-catalogue.json")
    publish_catalogue(database, catalogue)
    return database, catalogue


def receive_catalogue(office: Database, catalogue: Path) -> None:
    assessment.import_catalogue(office, catalogue)


def offices_for(root: Path, catalogue: Path, seeds: tuple[int, ...]) -> list[Database]:
    """Demo offices of 25 people without a plan, one per seed, that received MKK's catalogue."""
    offices = []
    for seed in seeds:
        office = copy_office(
            demo_office_file(root, seed, 25, with_plan=False), root / f"o{seed}.sqlite3"
        )
        receive_catalogue(office, catalogue)
        offices.append(office)
    return offices


def dump(database: Database) -> dict[str, list[tuple]]:
    """Every row of every table: equal before and after means nothing was written."""
    tables = [
        r[0]
        for r in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        t: sorted(database.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
    }


def office_records(database: Database, office_code: str, cycle: int) -> dict[str, list]:
    """An office's records as comparable values: no database ids, people by uid, units by name,
    training records by content. Read with plain SQL, independently of the packet code."""
    db = database
    office = db.execute(
        "SELECT id, code, type, name_ky, name_ru, oblast, district, parent_code, head_name, "
        "head_position, head_position_ru, hr_clerk_name FROM offices WHERE code = ?",
        (office_code,),
    ).fetchone()
    office_id = office[0]
    staff_cols = [
        r[1]
        for r in db.execute("PRAGMA table_info(staff)")
        if r[1] not in ("id", "office_id", "unit_id", "created_at", "updated_at")
    ]
    people = "SELECT id FROM staff WHERE office_id = :o"
    training_cols = [
        r[1] for r in db.execute("PRAGMA table_info(training)") if r[1] not in ("id", "staff_id")
    ]
    training = ", ".join("t." + c for c in training_cols)

    def rows(sql: str, **params: object) -> list:
        return sorted(db.execute(sql, {"o": office_id, "c": cycle, **params}).fetchall(), key=repr)

    return {
        "office": [office[1:]],
        "units": rows("SELECT name, position FROM units WHERE office_id = :o"),
        "staff": rows(
            f"SELECT {', '.join('s.' + c for c in staff_cols)}, u.name FROM staff s "
            "LEFT JOIN units u ON u.id = s.unit_id WHERE s.office_id = :o"
        ),
        "education": rows(
            "SELECT s.uid, e.level, e.field, e.institution, e.speciality, e.graduation_year "
            f"FROM education e JOIN staff s ON s.id = e.staff_id WHERE e.staff_id IN ({people})"
        ),
        "training": rows(
            f"SELECT s.uid, {training} FROM training t JOIN staff s ON s.id = t.staff_id "
            f"WHERE t.staff_id IN ({people})"
        ),
        "assessments": rows(
            "SELECT a.uid, s.uid, a.cycle, a.status, a.preferred_format, a.preferred_language, "
            "a.preferred_season, a.obstacles_duties_other, a.obstacles_training_other, "
            "a.growth_needs_other, a.assessed_on FROM assessments a "
            "JOIN staff s ON s.id = a.staff_id WHERE s.office_id = :o AND a.cycle = :c"
        ),
        "ratings": rows(
            "SELECT a.uid, r.competency_code, r.importance, r.performance FROM ratings r "
            "JOIN assessments a ON a.id = r.assessment_id JOIN staff s ON s.id = a.staff_id "
            "WHERE s.office_id = :o AND a.cycle = :c"
        ),
        "answers": rows(
            "SELECT a.uid, x.question, x.answer FROM answers x "
            "JOIN assessments a ON a.id = x.assessment_id JOIN staff s ON s.id = a.staff_id "
            "WHERE s.office_id = :o AND a.cycle = :c"
        ),
        "requests": rows(
            "SELECT r.uid, a.uid, r.priority, r.course_code, r.free_text, r.is_free_text, "
            "r.endorsement, r.decline_reason, r.endorsed_by, r.endorsed_at FROM requests r "
            "JOIN assessments a ON a.id = r.assessment_id JOIN staff s ON s.id = a.staff_id "
            "WHERE s.office_id = :o AND a.cycle = :c"
        ),
        "plans": rows(
            "SELECT year, status, approved_by, approved_on, seats_per_course, max_hours, "
            "drafted_at, (SELECT json_group_array(json_object('uid', s.uid, 'code', "
            "json_extract(k.value, '$.code'), 'request', json_extract(k.value, '$.request_uid'))) "
            "FROM json_each(p.skipped) k LEFT JOIN staff s "
            "ON s.id = json_extract(k.value, '$.staff_id')) FROM plans p "
            "WHERE office_id = :o AND year = :c"
        ),
        "plan_events": rows(
            "SELECT e.kind, e.by_name, e.at, e.on_date, e.reason FROM plan_events e "
            "JOIN plans p ON p.id = e.plan_id WHERE p.office_id = :o AND p.year = :c"
        ),
        "plan_entries": rows(
            "SELECT e.uid, e.position, s.uid, e.course_code, e.title, e.quarter, e.format, "
            "e.language, e.funding, e.hours, e.priority_score, e.source_request_uid, e.manual, "
            f"e.status, e.cancel_reason, e.warnings, {training} FROM plan_entries e "
            "JOIN plans p ON p.id = e.plan_id JOIN staff s ON s.id = e.staff_id "
            "LEFT JOIN training t ON t.id = e.training_id WHERE p.office_id = :o AND p.year = :c"
        ),
    }


def break_commits(monkeypatch) -> None:
    """Every group of packets the import writes then fails at its COMMIT: each packet's cycle
    adds a row that breaks a foreign key under deferred checking, which nothing but the
    COMMIT catches."""
    from hrdesk.packets import payload_rows

    real = payload_rows.insert_assessments

    def breaks_the_commit(db, *args, **kwargs):
        real(db, *args, **kwargs)
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute("INSERT INTO education(staff_id, level) VALUES (999999, 'higher')")

    monkeypatch.setattr(payload_rows, "insert_assessments", breaks_the_commit)


def count_commits(monkeypatch) -> list[int]:
    """The number of packets each commit of a group held, in order, as the import runs."""
    from hrdesk.packets import write_groups

    commits: list[int] = []
    real = write_groups.WriteGroups.commit

    def counted(self):
        held, error = real(self)
        commits.append(len(held))
        return held, error

    monkeypatch.setattr(write_groups.WriteGroups, "commit", counted)
    return commits

"""The register's name and search indexes are the office's alone; two redundant indexes are
gone for all."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.fixtures import make_office_database

from hrdesk import register
from hrdesk.store.database import Database


def _indexes(database: Database) -> set[str]:
    return {r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _names(database: Database) -> set[str]:
    return {r[0] for r in database.execute("SELECT name FROM sqlite_master")}


def test_mkk_has_no_register_name_index_and_an_office_has_it(tmp_path: Path) -> None:
    office_db = make_office_database(tmp_path / "office.sqlite3")
    mkk = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(mkk)
    assert not {"staff_sort_name", "staff_search"} & _names(mkk)
    assert {"staff_sort_name", "staff_search", "staff_search_insert"} <= _names(office_db)
    for database in (mkk, office_db):
        assert not {
            "requests_assessment",
            "ratings_competency",
            "training_course",
            "requests_course",
        } & _indexes(database)
    mkk.close()
    office_db.close()


def test_the_migration_fits_an_older_database_to_its_role(tmp_path: Path) -> None:
    for role, keeps_name_index in (("mkk", False), ("office", True)):
        path = tmp_path / f"{role}.sqlite3"
        database = Database.open(path, create=True)
        database.conn.executescript(
            "CREATE INDEX requests_assessment ON requests(assessment_id);"
            "CREATE INDEX ratings_competency ON ratings(competency_code);"
            "CREATE INDEX training_course ON training(course_code);"
            "CREATE INDEX requests_course ON requests(course_code);"
            f"INSERT INTO settings(key, value) VALUES ('role', '{json.dumps(role)}');"
            "PRAGMA user_version = 9;"
        )
        database.close()
        database = Database.open(path)
        indexes = _indexes(database)
        assert ("staff_sort_name" in indexes) == keeps_name_index, role
        assert ("staff_search" in _names(database)) == keeps_name_index, role
        assert (
            not {"requests_assessment", "ratings_competency", "training_course", "requests_course"}
            & indexes
        )
        database.close()


def test_an_office_database_without_the_search_index_gets_it_back_whole(tmp_path: Path) -> None:
    from hrdesk.demo.generate import write_demo_database
    from hrdesk.store.role_indexes import fit_indexes
    from hrdesk.store.staff import StaffQuery, StaffRepository

    write_demo_database(tmp_path / "office.sqlite3", staff=30, seed=3)
    database = Database.open(tmp_path / "office.sqlite3")
    surname, staff_id = database.execute("SELECT surname, id FROM staff").fetchone()
    with database.transaction():
        fit_indexes(database, "mkk")
    assert staff_id in StaffRepository(database).ids(StaffQuery(text=surname))  # by a scan
    with database.transaction():
        fit_indexes(database, "office")
    database.execute("INSERT INTO staff_search(staff_search, rank) VALUES ('integrity-check', 1)")
    found = database.execute(
        "SELECT rowid FROM staff_search WHERE staff_search MATCH ?", (f'"{surname.lower()}"',)
    ).fetchall()
    assert (staff_id,) in found
    database.close()

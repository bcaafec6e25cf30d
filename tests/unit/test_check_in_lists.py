"""CHECK constraints with lists of values are stored as chains of equalities (schema 11): the
same values pass, NULL included, and SQLite does not build a table for every row checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hrdesk.store.database import Database
from hrdesk.store.migrations.m011_check_in_lists import IN_LIST, as_equalities


@pytest.fixture
def mkk(mkk_database: Database) -> Database:
    return mkk_database


def test_no_table_checks_a_list_of_three_or_more(mkk) -> None:
    for name, sql in mkk.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        for match in IN_LIST.finditer(sql or ""):
            assert match.group(2).count(",") < 2, (name, match.group(0))
    assert mkk.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_same_values_pass(mkk) -> None:
    mkk.execute("INSERT INTO cycles(year, opened_at) VALUES (2026, 'now')")
    mkk.execute("INSERT INTO offices(code, type, name_ky) VALUES ('X', 'aiyl_okmotu', 'X')")
    mkk.execute(
        "INSERT INTO staff(uid, office_id, pin, surname, name, created_at, updated_at) "
        "VALUES ('s1', 1, '12345678901234', 'A', 'B', 'now', 'now')"
    )
    insert = (
        "INSERT INTO assessments(uid, cycle, staff_id, preferred_season, created_at, updated_at) "
        "VALUES (?, 2026, 1, ?, 'now', 'now')"
    )
    for n, season in enumerate(("winter", "spring", "summer", "autumn", "any", None)):
        mkk.execute("DELETE FROM assessments")
        mkk.execute(insert, (f"a{n}", season))
    mkk.execute("DELETE FROM assessments")
    with pytest.raises(sqlite3.IntegrityError):
        mkk.execute(insert, ("bad", "monsoon"))


def test_as_equalities_leaves_short_lists_and_the_rest_alone() -> None:
    sql = (
        "a TEXT CHECK (a IN ('x', 'y')), b INTEGER CHECK (b IN (1, 2, 3)), c TEXT DEFAULT 'IN', "
        "CHECK (d = 1 OR e IN ('p', 'q', 'r'))"
    )
    assert as_equalities(sql) == (
        "a TEXT CHECK (a IN ('x', 'y')), b INTEGER CHECK ((b = 1 OR b = 2 OR b = 3)), "
        "c TEXT DEFAULT 'IN', CHECK (d = 1 OR (e = 'p' OR e = 'q' OR e = 'r'))"
    )


def test_a_schema_10_database_is_rewritten_and_keeps_its_rows(tmp_path: Path, monkeypatch) -> None:
    from hrdesk.store import database as database_module

    steps = database_module._migrations()
    monkeypatch.setattr(database_module, "_migrations", lambda: [s for s in steps if s[0] <= 10])
    path = tmp_path / "old.sqlite3"
    old = Database.open(path, create=True)
    old.execute("INSERT INTO cycles(year, opened_at) VALUES (2026, 'now')")
    assert "preferred_season IN (" in old.query_value(
        "SELECT sql FROM sqlite_master WHERE name = 'assessments'"
    )
    old.close()
    monkeypatch.undo()
    new = Database.open(path)
    assert new.query_value("PRAGMA user_version") >= 11
    assert "preferred_season IN (" not in new.query_value(
        "SELECT sql FROM sqlite_master WHERE name = 'assessments'"
    )
    assert new.query_value("SELECT count(*) FROM cycles") == 1
    assert new.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    new.close()


@pytest.mark.parametrize(
    "sql",
    [
        "CHECK (a NOT IN ('x', 'y', 'z'))",
        "CHECK (a COLLATE NOCASE IN ('x', 'y', 'z'))",
        "CHECK (t.a IN ('x', 'y', 'z'))",
        "CHECK (a IN ('x, y', 'z', 'w'))",
        "CHECK (a IN (SELECT b FROM c))",
        "CHECK (a IN (1 + 1, 3, 4))",
        "CHECK (a || b IN ('x', 'y', 'z'))",
        "CHECK (x + y IN (1, 2, 3))",
        "CHECK (-x IN (1, 2, 3))",
    ],
)
def test_as_equalities_leaves_what_it_does_not_fully_understand(sql: str) -> None:
    assert as_equalities(sql) == sql


def test_the_migrating_connection_uses_the_new_checks_at_once(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "fresh.sqlite3", create=True)
    plan = database.execute(
        "EXPLAIN INSERT INTO answers(assessment_id, question, answer) VALUES (1, 'x', 'y')"
    ).fetchall()
    assert not [op for op in plan if op[1] == "OpenEphemeral"]
    database.close()

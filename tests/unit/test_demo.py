"""The demo database: set up, realistic, valid under the rules, deterministic per seed."""

from __future__ import annotations

import datetime as dt

import pytest

from hrdesk import register
from hrdesk.cli import main as cli_main
from hrdesk.demo import generate
from hrdesk.domain import rules
from hrdesk.domain.enums import OfficeType, StaffStatus
from hrdesk.domain.reference import class_ranks, oblast
from hrdesk.exporting.staff_export import export_staff
from hrdesk.store import Database
from hrdesk.store.staff import StaffRepository

TODAY = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    summary = generate.write_demo_database(path, staff=400, seed=1, today=TODAY)
    database = Database.open(path)
    yield database, summary
    database.close()


def test_summary_names_the_office_and_count(demo):
    database, summary = demo
    office = register.own_office(database)
    assert "400" in summary and office.code in summary and "\n" not in summary


def test_office_is_set_up_in_a_real_district(demo):
    database, _ = demo
    office = register.own_office(database)
    assert register.is_set_up(database)
    assert office.type in (OfficeType.AIYL_OKMOTU, OfficeType.DISTRICT_ADMINISTRATION)
    region = oblast(office.oblast)
    assert region is not None and office.district in {d.code for d in region.districts}
    assert office.name_ky and office.name_ru and office.head_name and office.head_position


def test_everyone_passes_the_rules_with_unique_pins(demo):
    database, _ = demo
    repo = StaffRepository(database)
    people = repo.all()
    assert len(people) == 400
    assert len({m.pin for m in people}) == 400
    for m in people:
        assert rules.check_staff(m, TODAY) == [], m
        assert rules.pin_sex(m.pin) == m.sex
        if m.birth_date:
            assert rules.pin_birth_date(m.pin) == m.birth_date
    ranks = {r.code for rs in class_ranks().values() for r in rs}
    assert {m.class_rank for m in people} - {""} <= ranks


def test_register_has_variety(demo):
    database, _ = demo
    people = StaffRepository(database).all()
    statuses = {s: sum(1 for m in people if m.status == s) for s in StaffStatus}
    assert statuses[StaffStatus.LEFT] > 0 and statuses[StaffStatus.ON_LEAVE] > 0
    incomplete = database.query_value("SELECT count(*) FROM staff WHERE missing != ''")
    assert 5 <= incomplete <= 80
    assert len({m.position_title for m in people}) >= 8
    assert len({m.surname for m in people}) >= 40
    assert any(m.patronymic.endswith(("уулу", "кызы")) for m in people)
    assert any(m.patronymic.endswith(("ович", "овна")) for m in people)
    per_person = database.execute("SELECT count(*) FROM education GROUP BY staff_id").fetchall()
    assert {n for (n,) in per_person} <= {1, 2, 3}
    trainings = database.query_value("SELECT count(*) FROM training")
    rated = database.query_value("SELECT count(*) FROM training WHERE fb_overall IS NOT NULL")
    assert trainings > 200 and 0 < rated < trainings


def test_same_seed_same_data_other_seed_other_office(tmp_path):
    for name, seed in (("a", 5), ("b", 5)):
        generate.write_demo_database(tmp_path / f"{name}.sqlite3", staff=40, seed=seed, today=TODAY)
    codes = set()
    for name in ("a", "b"):
        with Database.open(tmp_path / f"{name}.sqlite3") as database:
            export_staff(database, tmp_path / f"{name}.csv")
            codes.add(register.own_office(database).code)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert len(codes) == 1
    for seed in (6, 7, 8):
        generate.write_demo_database(tmp_path / f"s{seed}.sqlite3", staff=3, seed=seed, today=TODAY)
        with Database.open(tmp_path / f"s{seed}.sqlite3") as database:
            codes.add(register.own_office(database).code)
    assert len(codes) == 4


def test_replaces_an_existing_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "demo.sqlite3"
    path.write_bytes(b"old contents")
    (tmp_path / "demo.sqlite3-wal").write_bytes(b"stale wal")
    generate.write_demo_database(path, staff=5, seed=2, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite3"]
    with Database.open(path) as database:
        assert StaffRepository(database).count() == 5


def test_extras_run_in_the_same_transaction(tmp_path, monkeypatch):
    calls = []

    def extra(database, rng, today):
        calls.append((StaffRepository(database).count(), today))
        raise RuntimeError("extra failed")

    monkeypatch.setattr(generate, "EXTRA_POPULATORS", (f"{__name__}:_extra",))
    monkeypatch.setitem(globals(), "_extra", extra)
    path = tmp_path / "demo.sqlite3"
    with pytest.raises(RuntimeError):
        generate.write_demo_database(path, staff=7, seed=1, today=TODAY)
    assert calls == [(7, TODAY)]
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_cli_demo_db(tmp_path, capsys):
    path = tmp_path / "d.sqlite3"
    assert cli_main(["demo-db", str(path), "--staff", "12", "--seed", "3"]) == 0
    assert "12" in capsys.readouterr().out
    with Database.open(path) as database:
        assert StaffRepository(database).count() == 12

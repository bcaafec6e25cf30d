"""The national analysis: the office summary's method on the cube, filters, by oblast, seats,
state-order training, feedback quality and who has not been trained for N years."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from hrdesk.analysis.summary import office_summary
from hrdesk.demo.generate import write_demo_database
from hrdesk.domain.rules import add_years
from hrdesk.mkk.national import (
    NationalAnalysis,
    NationalFilter,
    _not_trained_cutoff,
    national_report,
)
from hrdesk.store.database import Database

TODAY = dt.date(2026, 11, 15)
CYCLE = TODAY.year + 1


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national") / "demo.sqlite3"
    write_demo_database(path, staff=140, seed=12, today=TODAY)
    return path


@pytest.fixture
def database(demo_file: Path, tmp_path: Path):
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(demo_file, path)
    db = Database.open(path)
    yield db
    db.close()


def _split(database: Database) -> tuple[int, int]:
    """Move every third person to a second office in another oblast; (first id, second id)."""
    first = database.query_value("SELECT id FROM offices WHERE is_own = 1")
    oblast = database.query_value("SELECT oblast FROM offices WHERE id = ?", (first,))
    other = "KG-N" if oblast != "KG-N" else "KG-T"
    with database.transaction():
        cur = database.execute(
            "INSERT INTO offices(code, type, name_ky, oblast, district, is_own) "
            "VALUES ('X-1', 'district_administration', 'Экинчи', ?, '', 0)",
            (other,),
        )
        second = cur.lastrowid
        database.execute("UPDATE staff SET office_id = ? WHERE id % 3 = 0", (second,))
    return int(first), int(second)


def test_the_national_figures_of_one_office_are_its_summary(database: Database) -> None:
    summary = office_summary(database, CYCLE, today=TODAY)
    national = national_report(database, CYCLE, today=TODAY)
    assert summary["assessed"] > 50 and summary["course_demand"]
    for key, value in summary.items():
        assert national[key] == value, key


def test_each_oblast_is_the_summary_of_its_offices(database: Database) -> None:
    first, second = _split(database)
    national = national_report(database, CYCLE, today=TODAY)
    assert len(national["by_oblast"]) == 2
    for office_id in (first, second):
        oblast = database.query_value("SELECT oblast FROM offices WHERE id = ?", (office_id,))
        summary = office_summary(database, CYCLE, [office_id], today=TODAY)
        part = national["by_oblast"][oblast]
        for key, value in summary.items():
            assert part[key] == value, (oblast, key)
    whole = office_summary(database, CYCLE, today=TODAY)
    for key, value in whole.items():
        assert national[key] == value, key
    assert [o["staff_total"] for o in national["offices"]] and sum(
        o["staff_total"] for o in national["offices"]
    ) == national["staff_total"]


def test_office_filter_gives_that_office_as_it_printed_it(database: Database) -> None:
    first, second = _split(database)
    code = database.query_value("SELECT code FROM offices WHERE id = ?", (second,))
    report = national_report(database, CYCLE, NationalFilter(office=str(code)), today=TODAY)
    summary = office_summary(database, CYCLE, [second], today=TODAY)
    for key, value in summary.items():
        assert report[key] == value, key
    assert report["filters"] == {"office": code}


def test_filters_by_service_type_and_group(database: Database) -> None:
    analysis = NationalAnalysis(database, CYCLE, TODAY)
    try:
        whole = analysis.report()
        for service, n in whole["by_service_type"].items():
            part = analysis.report(NationalFilter(service_type=service), by_oblast=False)
            assert part["staff_total"] == n
            assert part["by_service_type"][service] == n
        group = max(whole["by_group"], key=lambda g: whole["by_group"][g])
        part = analysis.report(NationalFilter(group=group))
        expected = database.query_value(
            "SELECT COUNT(*) FROM staff WHERE status IN ('active', 'on_leave') "
            "AND COALESCE(position_group, 'none') = ?",
            (group,),
        )
        assert part["staff_total"] == expected
        nobody = analysis.report(NationalFilter(oblast="KG-XX"))
        assert nobody["staff_total"] == 0 and nobody["by_oblast"] == {}
        assert all(c["respondents"] == 0 for c in nobody["competencies"])
        # The cube is unchanged by the filters: asking for everything again gives the same.
        assert analysis.report() == whole
    finally:
        analysis.close()


def test_seats_come_from_endorsed_requests(database: Database) -> None:
    report = national_report(database, CYCLE, today=TODAY)
    endorsed = database.query_value(
        "SELECT COUNT(*) FROM requests r JOIN assessments a ON a.id = r.assessment_id "
        "JOIN staff s ON s.id = a.staff_id WHERE a.cycle = ? AND a.status = 'complete' "
        "AND s.status IN ('active', 'on_leave') AND r.endorsement = 'endorsed' "
        "AND r.is_free_text = 0",
        (CYCLE,),
    )
    assert sum(s["seats"] for s in report["seats"]) == endorsed
    hours = dict(database.execute("SELECT code, hours FROM courses").fetchall())
    by_course: dict[str, int] = {}
    for seat in report["seats"]:
        assert set(seat) >= {"course_code", "oblast", "language", "format", "seats", "hours"}
        by_course[seat["course_code"]] = by_course.get(seat["course_code"], 0) + seat["hours"]
        assert seat["hours"] == seat["seats"] * hours[seat["course_code"]]
    demand = {d["course_code"]: d["endorsed"] for d in report["course_demand"]}
    for code, endorsed_n in demand.items():
        seats = sum(s["seats"] for s in report["seats"] if s["course_code"] == code)
        assert seats == endorsed_n


def test_an_approved_plan_replaces_the_requests_in_the_seats(database: Database) -> None:
    from hrdesk.planning import ops as plan_ops

    plan_ops.draft(database, CYCLE, by="Head")
    plan_ops.approve(database, CYCLE, "Асанов Нурлан", TODAY)
    lines = database.execute(
        "SELECT COUNT(*), TOTAL(hours) FROM plan_entries e JOIN plans p ON p.id = e.plan_id "
        "WHERE p.year = ? AND e.funding = 'state_order' AND e.status <> 'cancelled' "
        "AND e.course_code <> ''",
        (CYCLE,),
    ).fetchone()
    report = national_report(database, CYCLE, today=TODAY)
    assert lines[0] > 0
    assert sum(s["seats"] for s in report["seats"]) == lines[0]
    assert sum(s["from_plans"] for s in report["seats"]) == lines[0]


def test_state_order_training_by_year_and_quality(database: Database) -> None:
    report = national_report(database, CYCLE, today=TODAY)
    counted = sum(n for years in report["training_by_year"].values() for n in years.values())
    expected = database.query_value(
        "SELECT COUNT(*) FROM training WHERE funding = 'state_order' "
        "AND COALESCE(start_date, end_date) IS NOT NULL"
    )
    assert counted == expected > 0
    answers = database.query_value("SELECT COUNT(fb_overall) FROM training")
    assert sum(p["overall_answers"] for p in report["provider_quality"]) == answers
    for item in report["provider_quality"] + report["course_quality"]:
        for key in ("relevance", "trainer", "practice", "language_fit", "overall"):
            assert (item[key] is None) == (item[f"{key}_answers"] == 0)
            if item[key] is not None:
                assert 1 <= item[key] <= 5


def test_not_trained_counts_the_eligibility_rule(database: Database) -> None:
    report = national_report(database, CYCLE, today=TODAY)
    years = report["not_trained"]["years"]
    from hrdesk.domain.eligibility import not_trained_recently
    from hrdesk.store.staff import StaffRepository

    staff = StaffRepository(database)
    trainings = staff.trainings_of()
    expected = never = 0
    for member in staff.all(None):
        if member.status.value == "left":
            continue
        finding = not_trained_recently(member, trainings.get(member.id, []), TODAY, years)
        if finding is not None:
            expected += 1
            never += finding.code == "never_trained"
    assert report["not_trained"]["people"] == expected > 0
    assert report["not_trained"]["never_trained"] == never


@pytest.mark.parametrize(
    "today", [dt.date(2028, 2, 29), dt.date(2027, 2, 28), dt.date(2027, 3, 1), TODAY]
)
def test_not_trained_cutoff_agrees_with_add_years(today: dt.date) -> None:
    cutoff = dt.date.fromisoformat(_not_trained_cutoff(today, 3))
    assert add_years(cutoff, 3) <= today
    assert add_years(cutoff + dt.timedelta(days=1), 3) > today


def test_languages_count_each_person_once_per_language(database: Database) -> None:
    from hrdesk.store.staff import StaffRepository

    report = national_report(database, CYCLE, today=TODAY)
    expected: dict[str, int] = dict.fromkeys(report["by_language"], 0)
    for member in StaffRepository(database).all(None):
        if member.status.value != "left":
            for language in {s.language.value for s in member.languages}:
                expected[language] += 1
    assert report["by_language"] == expected
    assert expected["ky"] > 0

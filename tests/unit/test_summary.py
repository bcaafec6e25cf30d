"""The summary's numbers against an independent computation on a small hand-made set."""

from __future__ import annotations

import datetime as dt
import random
from statistics import mean

import pytest
from helpers.fixtures import fill_register

from hrdesk import assessment as ops
from hrdesk.analysis.bands import age_band, tenure_band
from hrdesk.analysis.summary import office_summary
from hrdesk.domain.assessment import Assessment, CourseRequest, Question
from hrdesk.domain.enums import EducationField, EducationLevel, StaffStatus
from hrdesk.domain.models import Education
from hrdesk.register import own_office
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.staff import StaffRepository

CYCLE = 2027
TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def filled(office_database):
    database = office_database
    ids = fill_register(database, 7, seed=5, left=1)
    staff = StaffRepository(database)
    on_leave = staff.get(ids[5])
    on_leave.status = StaffStatus.ON_LEAVE
    staff.update(on_leave)
    # ids[0]: secondary then higher -> field of the vocational one (first by graduation).
    staff.save_education(
        Education(EducationLevel.GENERAL_SECONDARY, None, staff_id=ids[0], graduation_year=1990)
    )
    staff.save_education(
        Education(EducationLevel.MASTER, EducationField.LAW, staff_id=ids[0], graduation_year=2005)
    )
    staff.save_education(
        Education(
            EducationLevel.SECONDARY_VOCATIONAL,
            EducationField.PEDAGOGY,
            staff_id=ids[0],
            graduation_year=1995,
        )
    )
    staff.save_education(
        Education(EducationLevel.BACHELOR, None, staff_id=ids[1], graduation_year=2001)
    )
    staff.save_education(
        Education(
            EducationLevel.BACHELOR, EducationField.ECONOMICS, staff_id=ids[6], graduation_year=2001
        )
    )

    ops.open_cycle(database, CYCLE)
    codes = CatalogueRepository(database).competency_codes()
    rng = random.Random(9)
    ratings: dict[int, dict[str, tuple[int, int]]] = {}
    # Complete: ids[0..3] and the person who left (ids[6], excluded); draft: ids[4].
    for staff_id in (ids[0], ids[1], ids[2], ids[3], ids[6], ids[4]):
        a = Assessment(cycle=CYCLE, staff_id=staff_id)
        chosen = codes if staff_id != ids[4] else codes[:3]
        ratings[staff_id] = {c: (rng.randint(1, 5), rng.randint(1, 5)) for c in chosen}
        for c, (i, p) in ratings[staff_id].items():
            a.rate(c, i, p)
        a.answers = {
            Question.OBSTACLES_TRAINING: {"working_hours"},
            Question.GROWTH_NEEDS: {"courses", "motivation"},
        }
        a.requests = [
            CourseRequest(1, "MKK-2026-05"),
            CourseRequest(2, "MKK-2026-03"),
            CourseRequest(3, free_text="Excel"),
        ]
        if staff_id == ids[3]:
            a.requests = [CourseRequest(1, "MKK-2026-03")]
        ops.save_assessment(database, a)
    repo = AssessmentRepository(database)
    for row in repo.requests(CYCLE, staff_id=ids[0]):
        ops.endorse_request(database, row.request.uid, by="head")
    ops.decline_request(
        database, repo.requests(CYCLE, staff_id=ids[1])[0].request.uid, "no", by="head"
    )
    # The person who left since the assessment leaves the population.
    StaffRepository(database).update(_left(staff.get(ids[6])))
    return database, ids, ratings, codes


def _left(member):
    member.status = StaffStatus.LEFT
    member.left_on = TODAY - dt.timedelta(days=3)
    return member


def test_competency_figures_equal_an_independent_computation(filled):
    database, ids, ratings, codes = filled
    summary = office_summary(database, CYCLE, today=TODAY)
    assert summary["cycle"] == CYCLE and summary["staff_total"] == 6 and summary["assessed"] == 4
    respondents = [ratings[i] for i in ids[:4]]
    expected = {}
    for code in codes:
        imp = [r[code][0] for r in respondents]
        perf = [r[code][1] for r in respondents]
        diffs = [i - p for i, p in zip(imp, perf, strict=True)]
        expected[code] = (
            mean(imp),
            mean(perf),
            mean(max(0, d) for d in diffs),
            mean(diffs) * mean(imp),
        )
    got = {c["code"]: c for c in summary["competencies"]}
    assert set(got) == set(codes)
    for code, (mi, mp, mg, mwds) in expected.items():
        c = got[code]
        assert c["mean_importance"] == pytest.approx(mi, abs=1e-4)
        assert c["mean_performance"] == pytest.approx(mp, abs=1e-4)
        assert c["mean_gap"] == pytest.approx(mg, abs=1e-4)
        assert c["weighted_discrepancy"] == pytest.approx(mwds, abs=1e-4)
    order = sorted(expected, key=lambda code: (-expected[code][3], code))
    assert [got[code]["rank"] for code in order] == list(range(1, len(codes) + 1))


def test_demand_answers_and_profile(filled):
    database, ids, _, _ = filled
    s = office_summary(database, CYCLE, today=TODAY)
    demand = {
        d["course_code"]: (d["requested"], d["endorsed"], d["declined"]) for d in s["course_demand"]
    }
    assert demand == {"MKK-2026-03": (4, 1, 0), "MKK-2026-05": (3, 1, 1)}
    assert [d["course_code"] for d in s["course_demand"]] == ["MKK-2026-03", "MKK-2026-05"]
    assert s["free_text_requests"] == {"requested": 3, "endorsed": 1, "declined": 0}
    assert s["obstacles_training"]["working_hours"] == 4 and s["obstacles_training"]["family"] == 0
    assert s["obstacles_duties"] == {code: 0 for code in s["obstacles_duties"]}
    assert s["growth_needs"]["courses"] == 4 and s["growth_needs"]["motivation"] == 4

    staff = StaffRepository(database)
    people = [staff.get(i) for i in ids[:6]]
    for key in (
        "by_sex",
        "by_age_band",
        "by_tenure_band",
        "by_education_field",
        "by_education_level",
        "by_service_type",
        "by_category",
        "by_group",
        "by_status",
    ):
        assert sum(s[key].values()) == 6, key
    assert s["by_status"] == {"active": 5, "on_leave": 1}
    assert s["by_education_field"]["pedagogy"] == 1  # first vocational, not the later master's
    assert s["by_education_field"]["unknown"] == 1 and s["by_education_field"]["none"] == 4
    assert s["by_education_field"]["economics"] == 0  # that person has left
    assert s["by_education_level"]["master"] == 1 and s["by_education_level"]["bachelor"] == 1
    assert s["by_sex"]["female"] == sum(p.sex == "female" for p in people)
    for p in people:
        assert s["by_age_band"][age_band(p.birth_date, TODAY)] >= 1
        assert s["by_tenure_band"][tenure_band(p.appointed_on, TODAY)] >= 1
    assert set(s["by_tenure_band"]) == {"<1", "1-3", "3-5", "5-10", "10+", "unknown"}


def test_office_filter_and_empty_cycle(filled):
    database, *_ = filled
    office_id = own_office(database).id
    assert office_summary(database, CYCLE, [office_id], today=TODAY) == office_summary(
        database, CYCLE, today=TODAY
    )
    other = office_summary(database, CYCLE, [office_id + 100], today=TODAY)
    assert other["staff_total"] == 0 and other["course_demand"] == []
    assert len(other["competencies"]) == 14 and other["competencies"][0]["mean_importance"] is None
    empty = office_summary(database, 2031, today=TODAY)
    assert empty["assessed"] == 0 and empty["staff_total"] == 6


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (dt.date(1997, 11, 2), "<30"),
        (dt.date(1996, 11, 1), "30-39"),
        (dt.date(1967, 1, 1), "50-59"),
        (dt.date(1966, 11, 1), "60+"),
        (None, "unknown"),
    ],
)
def test_age_bands(birth, band):
    assert age_band(birth, TODAY) == band


@pytest.mark.parametrize(
    ("appointed", "band"),
    [
        (dt.date(2026, 1, 1), "<1"),
        (dt.date(2025, 11, 1), "1-3"),
        (dt.date(2023, 11, 2), "1-3"),
        (dt.date(2023, 11, 1), "3-5"),
        (dt.date(2016, 11, 1), "10+"),
        (None, "unknown"),
    ],
)
def test_tenure_bands(appointed, band):
    assert tenure_band(appointed, TODAY) == band


def test_cli_report_summary_json_and_xlsx(filled, tmp_path):
    import json

    from openpyxl import load_workbook

    from hrdesk.cli import main

    database, *_ = filled
    path = database.path
    out = tmp_path / "s.json"
    args = ["report", "summary", "--db", str(path), "--cycle", str(CYCLE)]
    assert main([*args, "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["assessed"] == 4 and len(data["competencies"]) == 14
    xlsx = tmp_path / "s.xlsx"
    assert main([*args, "--format", "xlsx", "--out", str(xlsx), "--lang", "ru"]) == 0
    book = load_workbook(xlsx)
    assert len(book.sheetnames) >= 10
    ranks = book[book.sheetnames[1]]
    assert isinstance(ranks.cell(2, 8).value, float)  # real numbers, not text
    assert main([*args[:-1], "2031", "--format", "json", "--out", str(out)]) == 1  # no such cycle


def test_demo_database_carries_a_finished_cycle(tmp_path):
    from hrdesk.demo.generate import write_demo_database
    from hrdesk.store.database import Database

    today = dt.date(2026, 11, 20)
    write_demo_database(tmp_path / "demo.sqlite3", staff=60, seed=4, today=today)
    with Database.open(tmp_path / "demo.sqlite3") as database:
        s = office_summary(database, today.year + 1, today=today)
        drafts = database.query_value("SELECT COUNT(*) FROM assessments WHERE status = 'draft'")
        declined = database.query_value(
            "SELECT COUNT(*) FROM requests WHERE endorsement = 'declined' AND decline_reason <> ''"
        )
    assert 0.6 * s["staff_total"] < s["assessed"] <= s["staff_total"]
    assert drafts > 0 and declined > 0
    ranked = sorted(s["competencies"], key=lambda c: c["rank"])
    assert {ranked[0]["code"], ranked[1]["code"]} & {"digital_skills", "state_language"}


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pdf"])
def test_cli_report_summary_to_an_unwritable_place_exits_2_and_writes_nothing(
    filled, tmp_path, capsys, fmt
):
    from hrdesk.cli import main

    database, *_ = filled
    taken = tmp_path / f"s.{fmt}"
    taken.mkdir()  # a folder where the file should go: it cannot be written
    args = ["report", "summary", "--db", str(database.path), "--cycle", str(CYCLE)]
    assert main([*args, "--format", fmt, "--out", str(taken), "--lang", "en"]) == 2
    error = capsys.readouterr().err
    assert str(taken) in error and "written" in error
    assert taken.is_dir() and list(taken.iterdir()) == []
    left = [p.name for p in tmp_path.iterdir() if not p.name.startswith(database.path.name)]
    assert left == [taken.name]  # no half-written or temporary file beside it

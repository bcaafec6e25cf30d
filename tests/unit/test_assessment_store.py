"""Cycles, saving assessments (draft and complete), endorsement, and refusing bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.fixtures import fill_register

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.domain.assessment import (
    Assessment,
    AssessmentStatus,
    CourseRequest,
    Endorsement,
    Question,
    Season,
)
from hrdesk.domain.enums import Language, TrainingFormat
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository

CYCLE = 2027


@pytest.fixture
def ready(office_database):
    ids = fill_register(office_database, 4, seed=3)
    ops.open_cycle(office_database, CYCLE)
    return office_database, ids


def _full(database, staff_id: int) -> Assessment:
    a = Assessment(
        cycle=CYCLE,
        staff_id=staff_id,
        preferred_format=TrainingFormat.BLENDED,
        preferred_language=Language.KYRGYZ,
        preferred_season=Season.AUTUMN,
        assessed_on=dt.date(2026, 10, 5),
    )
    for code in CatalogueRepository(database).competency_codes():
        a.rate(code, 4, 2)
    a.answers = {
        Question.OBSTACLES_TRAINING: {"working_hours", "other"},
        Question.GROWTH_NEEDS: {"courses"},
    }
    a.other_texts = {Question.OBSTACLES_TRAINING: "жол алыс"}
    a.requests = [CourseRequest(1, "MKK-2026-03"), CourseRequest(2, free_text="Excel боюнча курс")]
    return a


def test_open_cycle_takes_deadline_from_catalogue_and_refuses_twice(office_database):
    ops.open_cycle(office_database, CYCLE)
    cycle = AssessmentRepository(office_database).cycle(CYCLE)
    assert cycle.deadline == dt.date(2026, 12, 31) and cycle.catalogue_version == 1
    with pytest.raises(errors.ValidationFailed, match="already open"):
        ops.open_cycle(office_database, CYCLE)


def test_half_done_is_draft_and_full_is_complete(ready):
    database, ids = ready
    draft = Assessment(cycle=CYCLE, staff_id=ids[0])
    draft.rate("digital_skills", 5, 2)
    draft.rate("leadership", 3, None)
    ops.save_assessment(database, draft)
    repo = AssessmentRepository(database)
    loaded = repo.get(CYCLE, ids[0])
    assert loaded.status == AssessmentStatus.DRAFT and loaded.uid
    assert loaded.ratings["leadership"].performance is None

    full = _full(database, ids[0])  # no id: the same person's assessment is updated, not doubled
    ops.save_assessment(database, full)
    loaded = repo.get(CYCLE, ids[0])
    assert loaded.status == AssessmentStatus.COMPLETE and loaded.uid == draft.uid
    assert loaded.answers[Question.OBSTACLES_TRAINING] == {"working_hours", "other"}
    assert loaded.other_texts[Question.OBSTACLES_TRAINING] == "жол алыс"
    assert [(r.priority, r.course_code, r.free_text, r.is_free_text) for r in loaded.requests] == [
        (1, "MKK-2026-03", "", False),
        (2, None, "Excel боюнча курс", True),
    ]
    assert (loaded.preferred_season, loaded.assessed_on) == (Season.AUTUMN, dt.date(2026, 10, 5))


def test_endorse_and_decline_survive_resaving_with_the_same_uid(ready):
    database, ids = ready
    ops.save_assessment(database, _full(database, ids[1]))
    repo = AssessmentRepository(database)
    first, second = repo.get(CYCLE, ids[1]).requests
    ops.endorse_request(database, first.uid, by="Асанов Н.")
    with pytest.raises(errors.ValidationFailed, match="reason"):
        ops.decline_request(database, second.uid, reason="  ", by="Асанов Н.")
    assert repo.request_by_uid(second.uid).request.endorsement == Endorsement.PENDING
    ops.decline_request(database, second.uid, reason="Курс каталогдо жок", by="Асанов Н.")

    loaded = repo.get(CYCLE, ids[1])
    loaded.requests.reverse()  # the clerk swaps the priorities
    loaded.requests[0].priority, loaded.requests[1].priority = 1, 2
    ops.save_assessment(database, loaded)
    again = {r.uid: r for r in repo.get(CYCLE, ids[1]).requests}
    assert again[first.uid].endorsement == Endorsement.ENDORSED and again[first.uid].priority == 2
    assert again[second.uid].decline_reason == "Курс каталогдо жок"
    assert [r.request.uid for r in repo.requests(CYCLE, endorsement=Endorsement.ENDORSED)] == [
        first.uid
    ]


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda a: a.rate("digital_skills", 6, 1), "from 1 to 5"),
        (lambda a: a.rate("astrology", 3, 3), "astrology is not in the catalogue"),
        (
            lambda a: a.requests.append(CourseRequest(3, "NO-SUCH")),
            "NO-SUCH is not in the catalogue",
        ),
        (lambda a: a.requests.append(CourseRequest(2, "MKK-2026-05")), "own priority"),
        (lambda a: a.requests.append(CourseRequest(3, None, "  ")), "Request 3"),
        (lambda a: a.answers.__setitem__(Question.GROWTH_NEEDS, {"luck"}), "luck is not an answer"),
        (
            lambda a: a.requests.extend(CourseRequest(p, free_text="x") for p in range(3, 7)),
            "At most 5",
        ),
    ],
)
def test_bad_assessment_is_refused_and_changes_nothing(ready, spoil, message):
    database, ids = ready
    ops.save_assessment(database, _full(database, ids[2]))
    before = AssessmentRepository(database).get(CYCLE, ids[2])
    bad = _full(database, ids[2])
    spoil(bad)
    with pytest.raises(errors.ValidationFailed, match=message):
        ops.save_assessment(database, bad)
    assert AssessmentRepository(database).get(CYCLE, ids[2]) == before


def test_assessment_needs_an_open_cycle(office_database):
    ids = fill_register(office_database, 1)
    with pytest.raises(errors.NotFound, match="2030 has not been opened"):
        ops.save_assessment(office_database, Assessment(cycle=2030, staff_id=ids[0]))


def test_progress_by_unit(ready):
    database, ids = ready
    ops.save_assessment(database, _full(database, ids[0]))
    draft = Assessment(cycle=CYCLE, staff_id=ids[1])
    draft.rate("leadership", 3, 3)
    ops.save_assessment(database, draft)
    from hrdesk.register import own_office

    rows = AssessmentRepository(database).progress(CYCLE, own_office(database).id)
    assert sum(r.complete for r in rows) == 1 and sum(r.drafts for r in rows) == 1
    assert sum(r.to_assess for r in rows) == 2


def test_eligibility_findings_for_the_office(ready):
    database, ids = ready
    ops.save_assessment(database, _full(database, ids[0]))
    findings = ops.eligibility_findings(database, CYCLE, today=dt.date(2026, 11, 1))
    assert {f.code for f in findings} >= {"never_trained"}
    uid = AssessmentRepository(database).get(CYCLE, ids[0]).requests[0].uid
    assert [f.code for f in ops.request_findings(database, uid, today=dt.date(2026, 11, 1))] == [
        "never_trained"
    ]


def test_training_gap_years_setting(office_database):
    assert ops.training_gap_years(office_database) == 3
    ops.set_training_gap_years(office_database, 5)
    assert ops.training_gap_years(office_database) == 5
    with pytest.raises(errors.ValidationFailed):
        ops.set_training_gap_years(office_database, 0)


def _rows(database) -> dict[str, list[tuple]]:
    """Every stored row of the assessment tables, without uids and clock times."""
    return {
        "assessments": database.execute(
            "SELECT id, cycle, staff_id, status, preferred_format, preferred_language, "
            "preferred_season, obstacles_duties_other, obstacles_training_other, "
            "growth_needs_other, assessed_on FROM assessments ORDER BY id"
        ).fetchall(),
        "ratings": database.execute("SELECT * FROM ratings ORDER BY 1, 2").fetchall(),
        "answers": database.execute("SELECT * FROM answers ORDER BY 1, 2, 3").fetchall(),
        "requests": database.execute(
            "SELECT id, assessment_id, priority, course_code, free_text, is_free_text, "
            "endorsement, decline_reason, endorsed_by, endorsed_at FROM requests ORDER BY id"
        ).fetchall(),
    }


def _several(database, ids) -> list[Assessment]:
    first, second, third = _full(database, ids[0]), _full(database, ids[1]), _full(database, ids[2])
    second.requests[0].endorsement = Endorsement.DECLINED
    second.requests[0].decline_reason = " бюджет жок "
    second.requests[0].endorsed_by = "Башчы"
    second.requests[0].endorsed_at = "2026-10-09T10:00:00+00:00"
    third.ratings = {}
    third.rate("digital_skills", 5, None)  # a draft, one rating half given
    third.status = AssessmentStatus.DRAFT
    third.requests = []
    return [first, second, third]


def test_add_many_writes_the_same_rows_as_saving_one_by_one(tmp_path):
    # The demo writes its cycle with add_many; it must be the data save() would have written.
    from helpers.fixtures import make_office_database

    databases = []
    for name in ("one_by_one", "at_once"):
        database = make_office_database(tmp_path / f"{name}.sqlite3")
        ids = fill_register(database, 4, seed=3)
        ops.open_cycle(database, CYCLE)
        databases.append((database, ids))
    (one, ids_one), (many, ids_many) = databases
    repo_one = AssessmentRepository(one)
    with one.transaction():
        for assessment in _several(one, ids_one):
            repo_one.save(assessment)
    given = _several(many, ids_many)
    with many.transaction():
        AssessmentRepository(many).add_many(given)
    assert _rows(many) == _rows(one)
    assert all(a.id and a.uid for a in given)
    assert all(r.id and r.uid for a in given for r in a.requests)
    loaded = AssessmentRepository(many).get(CYCLE, ids_many[1])
    assert loaded.requests[0].decline_reason == "бюджет жок"
    assert loaded.requests[0].uid == given[1].requests[0].uid
    for database, _ids in databases:
        database.close()


def test_add_many_refuses_assessments_already_stored(ready):
    database, ids = ready
    assessment = _full(database, ids[0])
    AssessmentRepository(database).save(assessment)
    before = _rows(database)
    with pytest.raises(ValueError, match="new assessments only"):
        AssessmentRepository(database).add_many([assessment])
    assert _rows(database) == before

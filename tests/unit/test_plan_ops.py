"""Plan changes on a real database: draft, redraft, edit, approve/reopen, done/cancel."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from helpers.fixtures import fill_register

from hrdesk import errors, register
from hrdesk.domain.enums import Funding, StaffStatus, TrainingFormat
from hrdesk.domain.models import Feedback
from hrdesk.domain.plan import (
    SKIP_LEFT,
    EntryStatus,
    PlanEntry,
    PlanEventKind,
    PlanLimits,
    PlanStatus,
)
from hrdesk.planning import ops
from hrdesk.planning.inputs import line_warnings
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository

YEAR = 2027
TODAY = dt.date(2026, 11, 20)


def seed_cycle(database, staff_ids, requests_per_person=2, year=YEAR, seasons=("winter", "any")):
    """An assessment per person with ratings and endorsed requests, written with plain SQL."""
    courses = [r[0] for r in database.execute("SELECT code FROM courses ORDER BY position")]
    competencies = [r[0] for r in database.execute("SELECT code FROM competencies")]
    now = "2026-10-01T00:00:00+00:00"
    with database.transaction():
        database.execute("INSERT OR IGNORE INTO cycles(year, opened_at) VALUES (?, ?)", (year, now))
        for n, staff_id in enumerate(staff_ids):
            cur = database.execute(
                "INSERT INTO assessments(uid, cycle, staff_id, status, preferred_format, "
                "preferred_language, preferred_season, created_at, updated_at) "
                "VALUES (?, ?, ?, 'complete', 'in_person', 'ky', ?, ?, ?)",
                (str(uuid.uuid4()), year, staff_id, seasons[n % len(seasons)], now, now),
            )
            assessment_id = cur.lastrowid
            database.conn.executemany(
                "INSERT INTO ratings VALUES (?, ?, ?, ?)",
                [(assessment_id, c, 5, 1 + (n + i) % 5) for i, c in enumerate(competencies)],
            )
            for p in range(1, requests_per_person + 1):
                database.execute(
                    "INSERT INTO requests(uid, assessment_id, priority, course_code, endorsement) "
                    "VALUES (?, ?, ?, ?, 'endorsed')",
                    (f"req-{staff_id}-{p}", assessment_id, p, courses[(n + p) % len(courses)]),
                )


@pytest.fixture
def office(office_database):
    ids = fill_register(office_database, 6, seed=4)
    seed_cycle(office_database, ids)
    return office_database, ids


def entries(database, year=YEAR):
    plan = ops.plan_for(database, year)
    return PlanRepository(database).entries(plan.id)


def test_draft_makes_one_line_per_endorsed_request_and_records_the_event(office):
    database, ids = office
    outcome = ops.draft(database, YEAR, today=TODAY)
    assert outcome.added == 12 and outcome.kept == 0 and not outcome.skipped
    lines = entries(database)
    assert [e.position for e in lines] == list(range(1, 13))
    assert {e.staff_id for e in lines} == set(ids)
    assert all(e.hours > 0 and e.source_request_uid for e in lines)
    # every person's history is empty: all flagged, and the flag stays on the line
    assert all(e.warnings[0].code == "never_trained" for e in lines)
    events = PlanRepository(database).events(outcome.plan.id)
    assert [e.kind for e in events] == [PlanEventKind.DRAFTED]
    assert ops.counts(database, YEAR).planned == 12


def test_person_who_left_is_listed_with_the_reason(office):
    database, ids = office
    register.mark_left(database, ids[0], dt.date(2026, 6, 1), "moved")
    outcome = ops.draft(database, YEAR, today=TODAY)
    assert outcome.added == 10
    assert {s.code for s in outcome.skipped} == {SKIP_LEFT}
    stored = ops.plan_for(database, YEAR).skipped
    assert len(stored) == 2 and "has left" in stored[0].reason


def test_limits_are_kept_on_the_plan_and_used_by_the_next_draft(office):
    database, _ids = office
    outcome = ops.draft(database, YEAR, limits=PlanLimits(max_hours=100), today=TODAY)
    assert sum(e.hours for e in entries(database)) <= 100 and outcome.skipped
    again = ops.draft(database, YEAR, today=TODAY)
    assert again.plan.limits.max_hours == 100 and len(again.skipped) == len(outcome.skipped)


def test_bad_limits_and_years_are_refused_and_change_nothing(office):
    database, _ids = office
    with pytest.raises(errors.ValidationFailed, match="seats per course"):
        ops.draft(database, YEAR, limits=PlanLimits(seats_per_course=0))
    with pytest.raises(errors.ValidationFailed, match="between 2000 and 2100"):
        ops.draft(database, 1999)
    assert database.query_value("SELECT count(*) FROM plans") == 0


def test_redraft_keeps_hand_edits_unless_reset(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    first = entries(database)
    ops.change_entry(database, first[3].uid, quarter=4, funding=Funding.DONOR)
    ops.move_entry(database, first[5].uid, 1)
    ops.draft(database, YEAR, today=TODAY)
    lines = entries(database)
    assert len(lines) == 12
    assert lines[0].uid == first[5].uid and lines[0].manual
    changed = next(e for e in lines if e.uid == first[3].uid)
    assert (changed.quarter, changed.funding, changed.manual) == (4, Funding.DONOR, True)
    ops.draft(database, YEAR, reset=True, today=TODAY)
    lines = entries(database)
    assert len(lines) == 12 and not any(e.manual for e in lines)
    reverted = next(e for e in lines if e.uid == first[3].uid)  # the same request keeps its line
    assert reverted.funding == first[3].funding and reverted.quarter == first[3].quarter


def test_redraft_that_changes_nothing_writes_no_line(office):
    database, _ids = office
    ops.draft(database, YEAR, today=TODAY)
    before = [(e.id, e.uid, e.position) for e in entries(database)]
    trail = database.query_value("SELECT count(*) FROM audit WHERE table_name = 'plan_entries'")
    outcome = ops.draft(database, YEAR, today=TODAY)
    assert outcome.added == 12 and outcome.removed == 0
    assert [(e.id, e.uid, e.position) for e in entries(database)] == before
    assert database.query_value(
        "SELECT count(*) FROM audit WHERE table_name = 'plan_entries'") == trail


def test_add_move_remove_and_refuse_bad_lines(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[0], quarter=3, title="Excel", position=2))
    lines = entries(database)
    assert len(lines) == 13 and lines[1].title == "Excel" and lines[1].manual
    assert [e.position for e in lines] == list(range(1, 14))
    with pytest.raises(errors.ValidationFailed, match="quarter must be"):
        ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[0], quarter=5, title="X"))
    with pytest.raises(errors.ValidationFailed, match="not in the catalogue"):
        ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[0], quarter=1, course_code="NOPE"))
    with pytest.raises(errors.ValidationFailed, match="between 1 and 13"):
        ops.move_entry(database, lines[0].uid, 14)
    with pytest.raises(errors.ValidationFailed, match="quarter must be"):
        ops.change_entry(database, lines[0].uid, quarter=0)
    assert [(e.uid, e.quarter) for e in entries(database)] == [(e.uid, e.quarter) for e in lines]
    ops.move_entry(database, lines[12].uid, 1)
    assert entries(database)[0].uid == lines[12].uid
    ops.remove_entry(database, lines[1].uid)
    after = entries(database)
    assert len(after) == 12 and lines[1].uid not in {e.uid for e in after}
    assert [e.position for e in after] == list(range(1, 13))
    with pytest.raises(errors.NotFound):
        ops.remove_entry(database, "no-such-line")


def test_approved_plan_is_read_only_until_reopened_and_reopening_is_recorded(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    line = entries(database)[0]
    with pytest.raises(errors.ValidationFailed, match="name of the head"):
        ops.approve(database, YEAR, "  ", dt.date(2027, 1, 10))
    ops.approve(database, YEAR, "Асанов Н.", dt.date(2027, 1, 10))
    plan = ops.plan_for(database, YEAR)
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == "Асанов Н."
    before = [(e.uid, e.quarter, e.position) for e in entries(database)]
    for attempt in (
        lambda: ops.draft(database, YEAR, today=TODAY),
        lambda: ops.change_entry(database, line.uid, quarter=2),
        lambda: ops.move_entry(database, line.uid, 3),
        lambda: ops.remove_entry(database, line.uid),
        lambda: ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[0], quarter=1, title="X")),
    ):
        with pytest.raises(errors.ValidationFailed, match="approved by Асанов Н.*Reopen it"):
            attempt()
    assert [(e.uid, e.quarter, e.position) for e in entries(database)] == before
    with pytest.raises(errors.ValidationFailed, match="reason"):
        ops.reopen(database, YEAR, "Осмонова А.", "")
    ops.reopen(database, YEAR, "Осмонова А.", "a new person joined")
    events = PlanRepository(database).events(plan.id)
    assert [e.kind for e in events] == [PlanEventKind.DRAFTED, PlanEventKind.APPROVED,
                                        PlanEventKind.REOPENED]
    assert events[2].by == "Осмонова А." and events[2].reason == "a new person joined"
    assert events[1].on_date == dt.date(2027, 1, 10)
    ops.change_entry(database, line.uid, quarter=2)


def test_done_makes_a_linked_training_record_and_cancel_needs_a_reason(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    ops.approve(database, YEAR, "Асанов Н.", dt.date(2027, 1, 10))
    done, cancelled = entries(database)[:2]
    changes = ops.record_done(
        database, done.uid, start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 5),
        certificate_no="C-1", feedback=Feedback(overall=5, relevance=4),
    )
    assert changes.plan and done.staff_id in changes.staff_ids
    stored = PlanRepository(database).entry(done.uid)
    record = next(r for r in StaffRepository(database).trainings(done.staff_id)
                  if r.id == stored.training_id)
    assert stored.status == EntryStatus.DONE
    assert (record.course_code, record.hours, record.certificate_no, record.feedback.overall) == (
        done.course_code, done.hours, "C-1", 5)
    assert record.format == done.format and record.funding == done.funding
    with pytest.raises(errors.ValidationFailed, match="Only a planned line"):
        ops.cancel_entry(database, done.uid, "ill")
    with pytest.raises(errors.ValidationFailed, match="reason"):
        ops.cancel_entry(database, cancelled.uid, " ")
    with pytest.raises(errors.ValidationFailed, match="hours must be"):
        ops.record_done(database, cancelled.uid, start_date=None, end_date=dt.date(2027, 3, 5),
                        hours=5000)
    assert PlanRepository(database).entry(cancelled.uid).status == EntryStatus.PLANNED
    ops.cancel_entry(database, cancelled.uid, "the course was not held")
    counts = ops.counts(database, YEAR)
    assert (counts.done, counts.cancelled, counts.planned) == (1, 1, 10)


def test_redraft_after_done_keeps_the_done_line(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    line = entries(database)[0]
    ops.record_done(database, line.uid, start_date=None, end_date=dt.date(2027, 2, 1))
    ops.draft(database, YEAR, reset=True, today=TODAY)
    lines = entries(database)
    assert line.uid in {e.uid for e in lines} and len(lines) == 12


def test_on_leave_is_not_drafted(office):
    database, ids = office
    member = StaffRepository(database).get(ids[1])
    member.status = StaffStatus.ON_LEAVE
    StaffRepository(database).update(member)
    outcome = ops.draft(database, YEAR, today=TODAY)
    assert outcome.added == 10 and {s.staff_id for s in outcome.skipped} == {ids[1]}


def test_drafting_from_the_database_for_two_thousand_people(office_database):
    # Speed is measured by bench/, not here; this checks the large case comes out whole.
    ids = fill_register(office_database, 2000, seed=9)
    seed_cycle(office_database, ids)
    outcome = ops.draft(office_database, YEAR, today=TODAY)
    assert outcome.added == 4000
    assert outcome.plan.limits == PlanLimits()
    assert {e.format for e in entries(office_database)} <= set(TrainingFormat)


def test_did_not_fit_names_the_course_in_the_reading_language(office):
    """A plan drafted in Russian lists what did not fit with Kyrgyz titles when read in Kyrgyz."""
    from hrdesk.domain.plan import SKIP_SEATS, Note, note_message
    from hrdesk.i18n import temporary_language
    from hrdesk.store.catalogue import CatalogueRepository

    database, _ids = office
    with temporary_language("ru"):
        outcome = ops.draft(database, YEAR, limits=PlanLimits(seats_per_course=1), today=TODAY)
    seats = [s for s in ops.plan_for(database, YEAR).skipped if s.code == SKIP_SEATS]
    assert seats and len(seats) == len([s for s in outcome.skipped if s.code == SKIP_SEATS])
    titles = CatalogueRepository(database).course(seats[0].course_code).title
    assert titles.ky != titles.ru
    with temporary_language("ky"):
        assert titles.ky in seats[0].reason and titles.ru not in seats[0].reason
    with temporary_language("ru"):
        assert titles.ru in seats[0].reason
    # Notes stored before titles were kept in every language still read.
    old = Note(SKIP_SEATS, {"name": "A", "seats": 1, "course": "Право"})
    assert "Право" in note_message(old)


def test_a_line_by_hand_keeps_its_warnings_and_refuses_who_left_or_is_on_leave(office):
    database, ids = office
    ops.draft(database, YEAR, today=TODAY)
    course = database.execute("SELECT code FROM courses ORDER BY position").fetchone()[0]
    ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[1], quarter=2, course_code=course))
    added = next(e for e in entries(database) if e.manual)
    fresh = line_warnings(database, ids[1], course, YEAR)
    assert fresh and [n.code for n in added.warnings] == [n.code for n in fresh]

    register.mark_left(database, ids[0], dt.date(2026, 6, 1), "moved")
    member = StaffRepository(database).get(ids[2])
    member.status = StaffStatus.ON_LEAVE
    register.save_staff(database, member)
    before = [(e.uid, e.position) for e in entries(database)]
    for staff_id, words in ((ids[0], "has left"), (ids[2], "on leave")):
        with pytest.raises(errors.ValidationFailed) as refused:
            ops.add_entry(database, YEAR, PlanEntry(staff_id=staff_id, quarter=1, title="Excel"))
        (problem,) = refused.value.problems
        name = StaffRepository(database).get(staff_id).full_name
        assert problem.field == "staff" and name in problem.message and words in problem.message
    assert [(e.uid, e.position) for e in entries(database)] == before

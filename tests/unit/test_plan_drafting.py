"""The drafting rules, on plain data: order, quarter, format, language, funding, limits, redraft."""

from __future__ import annotations

from hrdesk.domain.assessment import Season
from hrdesk.domain.enums import Funding, Language, ServiceType, StaffStatus, TrainingFormat
from hrdesk.domain.plan import (
    SKIP_DUPLICATE,
    SKIP_HOURS,
    SKIP_LEFT,
    SKIP_ON_LEAVE,
    SKIP_SEATS,
    WARN_HOURS_UNKNOWN,
    EntryStatus,
    Note,
    PlanEntry,
    PlanLimits,
)
from hrdesk.planning.drafting import (
    CourseOffer,
    Person,
    Rating,
    Request,
    course_gap,
    draft_plan,
    need_score,
)

LAW = CourseOffer("LAW", "Law", 36, (TrainingFormat.BLENDED,), (Language.KYRGYZ, Language.RUSSIAN),
                  (ServiceType.MUNICIPAL,))
IT = CourseOffer("IT", "Digital", 16, (TrainingFormat.DISTANCE,), (Language.RUSSIAN,))
COURSES = {c.code: c for c in (LAW, IT)}


def person(staff_id, **kw):
    base = dict(staff_id=staff_id, full_name=f"P{staff_id}", sort_name=f"p{staff_id:04d}",
                service_type=ServiceType.MUNICIPAL)
    base.update(kw)
    return Person(**base)


def req(staff_id, course="LAW", priority=1, **kw):
    return Request(uid=f"r{staff_id}-{course}-{priority}", staff_id=staff_id, priority=priority,
                   course_code=course, **kw)


def persons(*people):
    return {p.staff_id: p for p in people}


def test_need_score_is_the_mean_positive_gap_and_course_gap_sums_its_competencies():
    ratings = [Rating("a", 5, 2), Rating("b", 2, 4), Rating("c", 4, None), Rating("d", 4, 3)]
    assert need_score(ratings) == (3 + 0 + 1) / 3
    assert course_gap(ratings, ["a", "d", "x"]) == 4
    assert need_score([]) == 0.0


def test_order_flagged_first_then_need_score_then_request_priority():
    people = persons(
        person(1, need_score=3.5),
        person(2, need_score=0.5, flagged=True, flag_note=Note("never_trained")),
        person(3, need_score=2.0),
    )
    requests = [req(1, "LAW", 1), req(1, "IT", 2), req(3, "IT", 1), req(2, "IT", 1)]
    draft = draft_plan(people, COURSES, requests)
    assert [(e.staff_id, e.course_code) for e in draft.entries] == [
        (2, "IT"), (1, "LAW"), (1, "IT"), (3, "IT"),
    ]
    assert [e.position for e in draft.entries] == [1, 2, 3, 4]
    assert draft.entries[0].priority_score > draft.entries[1].priority_score
    assert draft.entries[0].warnings[0].code == "never_trained"


def test_quarter_format_language_funding_from_preferences_and_catalogue():
    people = persons(
        person(1, preferred_season=Season.WINTER, preferred_format=TrainingFormat.BLENDED,
               preferred_language=Language.RUSSIAN),
        person(2, preferred_season=Season.AUTUMN, preferred_format=TrainingFormat.IN_PERSON,
               preferred_language=Language.KYRGYZ, service_type=ServiceType.STATE_CIVIL),
    )
    draft = draft_plan(people, COURSES, [req(1, "LAW"), req(2, "LAW"), req(2, "IT", 2)])
    one, two_law, two_it = sorted(draft.entries, key=lambda e: (e.staff_id, e.course_code))[0:1] + \
        sorted([e for e in draft.entries if e.staff_id == 2], key=lambda e: e.course_code != "LAW")
    assert (one.quarter, one.format, one.language, one.funding, one.hours) == (
        1, TrainingFormat.BLENDED, Language.RUSSIAN, Funding.STATE_ORDER, 36)
    # in person is not offered by LAW: the course's format; Kyrgyz is offered
    assert (two_law.quarter, two_law.format, two_law.language) == (4, TrainingFormat.BLENDED,
                                                                   Language.KYRGYZ)
    # LAW targets municipal servants only: a state civil servant is departmental
    assert two_law.funding == Funding.DEPARTMENTAL
    # IT has no target list: state order for everyone; Kyrgyz not offered -> Russian
    assert (two_it.language, two_it.funding) == (Language.RUSSIAN, Funding.STATE_ORDER)


def test_lines_without_a_season_are_spread_over_the_least_busy_quarters():
    people = persons(*(person(i) for i in range(1, 9)))
    draft = draft_plan(people, COURSES, [req(i, "IT") for i in range(1, 9)])
    assert [e.quarter for e in draft.entries] == [2, 3, 4, 1, 2, 3, 4, 1]


def test_free_text_request_has_unknown_hours_departmental_funding_and_a_warning():
    people = persons(person(1, preferred_format=TrainingFormat.IN_PERSON))
    request = Request("u1", 1, 1, free_text="Excel боюнча курс")
    (entry,) = draft_plan(people, COURSES, [request]).entries
    assert (entry.course_code, entry.title, entry.hours) == ("", "Excel боюнча курс", 0)
    assert entry.funding == Funding.DEPARTMENTAL and entry.format == TrainingFormat.IN_PERSON
    assert [w.code for w in entry.warnings] == [WARN_HOURS_UNKNOWN]
    assert "hours are not known" in entry.warnings[0].message


def test_people_who_left_or_are_on_leave_are_listed_not_drafted():
    people = persons(person(1, status=StaffStatus.LEFT), person(2, status=StaffStatus.ON_LEAVE),
                     person(3))
    draft = draft_plan(people, COURSES, [req(1), req(2), req(3)])
    assert [e.staff_id for e in draft.entries] == [3]
    assert {(s.staff_id, s.code) for s in draft.skipped} == {(1, SKIP_LEFT), (2, SKIP_ON_LEAVE)}
    assert "P1 has left" in next(s.reason for s in draft.skipped if s.staff_id == 1)


def test_seats_per_course_limit_keeps_the_highest_priority_and_lists_the_rest():
    people = persons(*(person(i, need_score=i / 10) for i in range(1, 6)))
    draft = draft_plan(people, COURSES, [req(i, "LAW") for i in range(1, 6)],
                       PlanLimits(seats_per_course=2))
    assert [e.staff_id for e in draft.entries] == [5, 4]
    assert [(s.staff_id, s.code) for s in draft.skipped] == [(3, SKIP_SEATS), (2, SKIP_SEATS),
                                                             (1, SKIP_SEATS)]
    assert draft.skipped[0].reason == "P3: all 2 seats of the course Law are taken."


def test_hours_limit_skips_what_does_not_fit_and_still_takes_smaller_lines_further_down():
    people = persons(person(1, need_score=3), person(2, need_score=2), person(3, need_score=1))
    requests = [req(1, "LAW"), req(2, "LAW"), req(3, "IT")]
    draft = draft_plan(people, COURSES, requests, PlanLimits(max_hours=60))
    assert [(e.staff_id, e.hours) for e in draft.entries] == [(1, 36), (3, 16)]
    (skipped,) = draft.skipped
    assert (skipped.staff_id, skipped.code) == (2, SKIP_HOURS)
    assert "limit of 60 training hours" in skipped.reason


def _stored(entries):
    for i, e in enumerate(entries, start=1):
        e.id, e.uid = i, f"e{i}"
    return entries


def test_redraft_keeps_manual_lines_in_place_and_replaces_the_rest():
    people = persons(person(1, need_score=1), person(2, need_score=2), person(3, need_score=3))
    requests = [req(1, "IT"), req(2, "IT"), req(3, "IT")]
    first = _stored(draft_plan(people, COURSES, requests).entries)
    assert [e.staff_id for e in first] == [3, 2, 1]
    first[2].quarter, first[2].manual = 4, True  # person 1's line edited by hand, third place
    hand = PlanEntry(staff_id=2, quarter=1, course_code="LAW", hours=36, manual=True, position=4,
                     id=99, uid="hand")
    again = draft_plan(people, COURSES, requests, existing=[*first, hand])
    assert [(e.staff_id, e.course_code) for e in again.entries] == [
        (3, "IT"), (2, "IT"), (1, "IT"), (2, "LAW"),
    ]
    assert again.entries[2].uid == "e3" and again.entries[2].quarter == 4
    assert {e.uid for e in again.kept} == {"e3", "hand"} and len(again.added) == 2
    assert not again.skipped  # the edited line's own request is not drafted twice

    reset = draft_plan(people, COURSES, requests, existing=[*first, hand], reset=True)
    assert not reset.kept and all(not e.manual for e in reset.entries)


def test_redraft_keeps_done_lines_even_on_reset_and_lists_other_duplicates():
    people = persons(person(1))
    done = PlanEntry(staff_id=1, quarter=2, course_code="IT", hours=16, position=1,
                     status=EntryStatus.DONE, source_request_uid="old", id=1, uid="d")
    draft = draft_plan(people, COURSES, [req(1, "IT")], existing=[done], reset=True)
    assert [e.uid for e in draft.entries] == ["d"]
    assert [s.code for s in draft.skipped] == [SKIP_DUPLICATE]


def test_manual_and_kept_lines_count_against_the_limits():
    people = persons(person(1), person(2))
    hand = PlanEntry(staff_id=9, quarter=2, course_code="LAW", hours=36, manual=True, position=1,
                     id=1, uid="h")
    draft = draft_plan(people, COURSES, [req(1, "LAW"), req(2, "IT")],
                       PlanLimits(seats_per_course=1, max_hours=50), existing=[hand])
    assert [e.uid or e.course_code for e in draft.entries] == ["h"]
    assert sorted(s.code for s in draft.skipped) == [SKIP_HOURS, SKIP_SEATS]


def test_drafting_two_thousand_people_with_a_seat_limit():
    # Speed is measured by bench/, not here.
    people = persons(*(person(i, need_score=(i * 7 % 40) / 10,
                              flagged=i % 5 == 0) for i in range(1, 2001)))
    requests = [req(i, c, p) for i in range(1, 2001) for p, c in ((1, "LAW"), (2, "IT"))]
    draft = draft_plan(people, COURSES, requests, PlanLimits(seats_per_course=1500))
    assert len(draft.entries) == 3000 and len(draft.skipped) == 1000

"""Each eligibility rule on its own, then the combinations."""

from __future__ import annotations

import datetime as dt

from hrdesk.domain import eligibility as el
from hrdesk.domain.catalogue import Course, Texts
from hrdesk.domain.enums import (
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import StaffMember, TrainingRecord

TODAY = dt.date(2026, 11, 1)
COURSE = Course(
    code="MKK-2026-10",
    title=Texts("Жергиликтүү бюджет", "Местный бюджет", "The local budget"),
    hours=40,
    format=TrainingFormat.IN_PERSON,
    languages=(Language.KYRGYZ,),
    repeat_years=3,
    service_types=(ServiceType.MUNICIPAL,),
    categories=(PositionCategory.ADMINISTRATIVE,),
    groups=(PositionGroup.MAIN, PositionGroup.SENIOR),
)


def person(**changes) -> StaffMember:
    values = dict(
        surname="Асанов",
        name="Нурлан",
        pin="20101198012345",
        id=7,
        service_type=ServiceType.MUNICIPAL,
        position_category=PositionCategory.ADMINISTRATIVE,
        position_group=PositionGroup.SENIOR,
    )
    values.update(changes)
    return StaffMember(**values)


def trained(day: dt.date, code: str = "X-1") -> TrainingRecord:
    return TrainingRecord(course_title="курс", course_code=code, start_date=day, end_date=day)


# --- not trained for N years ------------------------------------------------------------------


def test_never_trained_is_a_priority():
    finding = el.not_trained_recently(person(), [], TODAY, 3)
    assert finding.code == "never_trained" and finding.severity == "priority"
    assert finding.message == "No training on record: a priority."


def test_trained_exactly_n_years_ago_is_a_priority():
    finding = el.not_trained_recently(person(), [trained(dt.date(2023, 11, 1))], TODAY, 3)
    assert finding.code == "not_trained_recently"
    assert "3 years or more" in finding.message and "2023" in finding.message


def test_trained_recently_is_no_priority_and_n_is_a_parameter():
    history = [trained(dt.date(2020, 1, 1)), trained(dt.date(2024, 6, 1))]
    assert el.not_trained_recently(person(), history, TODAY, 3) is None
    assert el.not_trained_recently(person(), history, TODAY, 2) is not None


# --- repeat interval ----------------------------------------------------------------------------


def test_same_course_within_repeat_interval_warns_naming_course_and_years():
    finding = el.repeated_too_soon(
        person(), COURSE, [trained(dt.date(2025, 3, 1), COURSE.code)], TODAY
    )
    assert finding.code == "repeated_too_soon" and finding.severity == "warning"
    assert "The local budget" in finding.message and "3 years" in finding.message


def test_same_course_after_interval_or_other_course_is_fine():
    assert (
        el.repeated_too_soon(person(), COURSE, [trained(dt.date(2023, 10, 1), COURSE.code)], TODAY)
        is None
    )
    assert (
        el.repeated_too_soon(person(), COURSE, [trained(dt.date(2026, 1, 1), "OTHER")], TODAY)
        is None
    )


# --- target groups ------------------------------------------------------------------------------


def test_course_for_other_service_type_category_and_group_warns_each():
    member = person(
        service_type=ServiceType.STATE_CIVIL,
        position_category=PositionCategory.SPECIAL,
        position_group=PositionGroup.JUNIOR,
    )
    codes = [f.code for f in el.not_targeted(member, COURSE)]
    assert codes == ["not_for_service_type", "not_for_category", "not_for_group"]
    assert "State civil service" in el.not_targeted(member, COURSE)[0].message


def test_matching_or_unknown_target_data_gives_no_warning():
    assert el.not_targeted(person(), COURSE) == []
    assert el.not_targeted(person(service_type=None, position_group=None), COURSE) == []


# --- left or on leave ---------------------------------------------------------------------------


def test_left_and_on_leave_block():
    assert el.not_available(person(status=StaffStatus.LEFT)).code == "person_left"
    on_leave = el.not_available(person(status=StaffStatus.ON_LEAVE))
    assert on_leave.code == "person_on_leave" and on_leave.severity == "block"
    assert el.not_available(person()) is None


# --- combinations -------------------------------------------------------------------------------


def test_check_request_combines_rules_and_carries_the_request():
    member = person(status=StaffStatus.ON_LEAVE, position_group=PositionGroup.JUNIOR)
    findings = el.check_request(
        member, COURSE, [trained(dt.date(2025, 1, 1), COURSE.code)], TODAY, 3, request_uid="r-1"
    )
    assert [f.code for f in findings] == ["person_on_leave", "repeated_too_soon", "not_for_group"]
    assert {f.request_uid for f in findings} == {"r-1"}
    assert [f.code for f in el.check_request(person(), None, [], TODAY, 3)] == ["never_trained"]


def test_office_findings_lists_people_once_and_requests_each():
    a, b = person(id=1), person(id=2, status=StaffStatus.LEFT, position_group=PositionGroup.JUNIOR)
    requests = [
        el.RequestedCourse(1, COURSE.code, "r1"),
        el.RequestedCourse(1, None, "r2"),
        el.RequestedCourse(2, COURSE.code, "r3"),
    ]
    findings = el.office_findings(
        [a, b],
        requests,
        {1: [trained(dt.date(2026, 1, 1), COURSE.code)]},
        {COURSE.code: COURSE},
        TODAY,
        3,
    )
    got = sorted((f.staff_id, f.code, f.request_uid) for f in findings)
    assert got == [
        (1, "repeated_too_soon", "r1"),
        (2, "not_for_group", "r3"),
        (2, "person_left", None),
    ]

"""Eligibility of a person for a requested course, explained in plain words. One function per
rule (DESIGN.md, "Eligibility rules"); check_request and office_findings combine them.

Findings keep a stable English code and their parameters; the sentence is made in the language
in force when it is read, so a list survives a change of UI language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk.domain.catalogue import Course, Texts
from hrdesk.domain.enums import StaffStatus, label
from hrdesk.domain.models import StaffMember, TrainingRecord
from hrdesk.domain.rules import add_years
from hrdesk.i18n import _, format_date


class FindingSeverity(StrEnum):
    PRIORITY = "priority"  # information: the person should be sent first
    WARNING = "warning"  # the clerk or head should think twice
    BLOCK = "block"  # the person cannot attend


NOT_TRAINED_RECENTLY = "not_trained_recently"
NEVER_TRAINED = "never_trained"
REPEATED_TOO_SOON = "repeated_too_soon"
NOT_FOR_SERVICE_TYPE = "not_for_service_type"
NOT_FOR_CATEGORY = "not_for_category"
NOT_FOR_GROUP = "not_for_group"
PERSON_LEFT = "person_left"
PERSON_ON_LEAVE = "person_on_leave"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: FindingSeverity
    staff_id: int | None = None
    course_code: str | None = None
    request_uid: str | None = None
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def message(self) -> str:
        return finding_message(self)


def _course_name(value: object) -> str:
    return value.get() if isinstance(value, Texts) else str(value)


def finding_message(finding: Finding) -> str:
    """The plain sentence for a finding, in the language in force."""
    p = finding.params
    course = _course_name(p.get("course", finding.course_code or ""))
    code = finding.code
    if code == NOT_TRAINED_RECENTLY:
        return _(
            "Last trained on {date}: not trained for {years} years or more, so a priority."
        ).format(date=format_date(p["last"]), years=p["years"])  # type: ignore[arg-type]
    if code == NEVER_TRAINED:
        return _("No training on record: a priority.")
    if code == REPEATED_TOO_SOON:
        return _(
            "Already took \u201c{course}\u201d on {date}; it may be taken again only after "
            "{years} years."
        ).format(
            course=course,
            date=format_date(p["last"]),  # type: ignore[arg-type]
            years=p["years"],
        )
    if code == NOT_FOR_SERVICE_TYPE:
        return _("\u201c{course}\u201d is not meant for this service type ({value}).").format(
            course=course, value=label(p["value"])
        )  # type: ignore[arg-type]
    if code == NOT_FOR_CATEGORY:
        return _("\u201c{course}\u201d is not meant for this position category ({value}).").format(
            course=course, value=label(p["value"])
        )  # type: ignore[arg-type]
    if code == NOT_FOR_GROUP:
        return _("\u201c{course}\u201d is not meant for this position group ({value}).").format(
            course=course, value=label(p["value"])
        )  # type: ignore[arg-type]
    if code == PERSON_LEFT:
        return _("The person has left the office and cannot be sent to training.")
    if code == PERSON_ON_LEAVE:
        return _("The person is on leave and cannot be sent to training now.")
    return code


def _training_day(record: TrainingRecord) -> dt.date | None:
    return record.end_date or record.start_date


# --- the rules ------------------------------------------------------------------------------


def not_trained_recently(
    member: StaffMember, trainings: Sequence[TrainingRecord], today: dt.date, years: int
) -> Finding | None:
    """Priority when the last training is N years old or more, or there is none."""
    days = [d for d in (_training_day(t) for t in trainings) if d is not None]
    if not days:
        return Finding(NEVER_TRAINED, FindingSeverity.PRIORITY, member.id, params={"years": years})
    last = max(days)
    if add_years(last, years) <= today:
        return Finding(
            NOT_TRAINED_RECENTLY,
            FindingSeverity.PRIORITY,
            member.id,
            params={"years": years, "last": last},
        )
    return None


def repeated_too_soon(
    member: StaffMember, course: Course, trainings: Sequence[TrainingRecord], today: dt.date
) -> Finding | None:
    """Warning when the same course was taken within its repeat interval."""
    if course.repeat_years <= 0:
        return None
    days = [
        d for t in trainings if t.course_code == course.code and (d := _training_day(t)) is not None
    ]
    if not days:
        return None
    last = max(days)
    if today < add_years(last, course.repeat_years):
        return Finding(
            REPEATED_TOO_SOON,
            FindingSeverity.WARNING,
            member.id,
            course.code,
            params={"course": course.title, "last": last, "years": course.repeat_years},
        )
    return None


def not_targeted(member: StaffMember, course: Course) -> list[Finding]:
    """Warnings when the course targets other service types, categories or groups. Unknown
    data about the person gives no warning: the clerk cannot be warned about what is unknown."""
    findings = []
    for code, wanted, value in (
        (NOT_FOR_SERVICE_TYPE, course.service_types, member.service_type),
        (NOT_FOR_CATEGORY, course.categories, member.position_category),
        (NOT_FOR_GROUP, course.groups, member.position_group),
    ):
        if wanted and value is not None and value not in wanted:
            findings.append(
                Finding(
                    code,
                    FindingSeverity.WARNING,
                    member.id,
                    course.code,
                    params={"course": course.title, "value": value},
                )
            )
    return findings


def not_available(member: StaffMember) -> Finding | None:
    """Block when the person has left or is on leave."""
    if member.status == StaffStatus.LEFT:
        return Finding(PERSON_LEFT, FindingSeverity.BLOCK, member.id)
    if member.status == StaffStatus.ON_LEAVE:
        return Finding(PERSON_ON_LEAVE, FindingSeverity.BLOCK, member.id)
    return None


# --- combinations ---------------------------------------------------------------------------


def check_request(
    member: StaffMember,
    course: Course | None,
    trainings: Sequence[TrainingRecord],
    today: dt.date,
    years: int,
    request_uid: str | None = None,
) -> list[Finding]:
    """Every finding for one requested course (course None for a free-text request)."""
    findings: list[Finding | None] = [
        not_available(member),
        not_trained_recently(member, trainings, today, years),
    ]
    if course is not None:
        findings.append(repeated_too_soon(member, course, trainings, today))
        findings.extend(not_targeted(member, course))
    return [_with_request(f, request_uid) for f in findings if f is not None]


def _with_request(finding: Finding, uid: str | None) -> Finding:
    if uid is None:
        return finding
    return Finding(
        finding.code, finding.severity, finding.staff_id, finding.course_code, uid, finding.params
    )


@dataclass(frozen=True)
class RequestedCourse:
    """What office_findings needs of a request."""

    staff_id: int
    course_code: str | None
    request_uid: str = ""


def office_findings(
    people: Iterable[StaffMember],
    requests: Iterable[RequestedCourse],
    trainings: Mapping[int, Sequence[TrainingRecord]],
    courses: Mapping[str, Course],
    today: dt.date,
    years: int,
) -> list[Finding]:
    """The office's list: per person (priority, block) once, then per request (repeat,
    targeting). People are those given: normally active and on-leave staff and anyone with a
    request in the cycle."""
    by_id = {m.id: m for m in people}
    findings: list[Finding] = []
    for member in by_id.values():
        if member.status == StaffStatus.LEFT:
            continue
        for f in (
            not_available(member),
            not_trained_recently(member, trainings.get(member.id or 0, ()), today, years),
        ):
            if f is not None:
                findings.append(f)
    blocked_left: set[int] = set()
    for request in requests:
        member = by_id.get(request.staff_id)
        if member is None:
            continue
        if member.status == StaffStatus.LEFT and request.staff_id not in blocked_left:
            blocked_left.add(request.staff_id)
            findings.append(Finding(PERSON_LEFT, FindingSeverity.BLOCK, member.id))
        course = courses.get(request.course_code) if request.course_code else None
        if course is None:
            continue
        history = trainings.get(request.staff_id, ())
        found = [repeated_too_soon(member, course, history, today), *not_targeted(member, course)]
        findings.extend(
            _with_request(f, request.request_uid or None) for f in found if f is not None
        )
    return findings

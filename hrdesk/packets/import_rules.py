"""The data rules a packet's records must pass at MKK: the same rules the office applies when the
records are entered (hrdesk.domain.rules, hrdesk.domain.assessment), plus what holds a payload
together (unique uids, people that assessments and plan lines name, dates that exist).

The schema has already checked types, codes and lengths; this module checks meaning. It reads
no database: what depends on MKK's data (the same PIN or uid at another office) is checked by
the importer.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from hrdesk.domain import rules
from hrdesk.domain.assessment import (
    Assessment,
    CourseRequest,
    Endorsement,
    Question,
    Rating,
    check_assessment,
)
from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    LanguageLevel,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import Education, Feedback, LanguageSkill, StaffMember, TrainingRecord
from hrdesk.i18n import _

E = TypeVar("E", bound=Enum)

# Conflict codes (stable; they appear in the JSON of `hrdesk packet import`).
INVALID_RECORD = "invalid_record"
INVALID_DATE = "invalid_date"
DUPLICATE_UID = "duplicate_uid"
UNKNOWN_PERSON = "unknown_person"
UNKNOWN_UNIT = "unknown_unit"
DUPLICATE_ASSESSMENT = "duplicate_assessment"
BAD_TRAINING_REF = "bad_training_ref"


@dataclass(frozen=True)
class Conflict:
    """A problem with one record. blocking conflicts reject the packet; the others (a PIN also
    recorded by another office) are reported and the record is imported."""

    code: str
    record: str
    message: str
    blocking: bool = True

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "record": self.record, "message": self.message}


def _by_code(enum_type: type[E]) -> dict[str | None, E | None]:
    """Code -> enum member, for codes the schema has already checked; no code ("" or null) ->
    None. Looking a member up here costs a tenth of calling the enum, and there are a few
    thousand per packet."""
    return {**enum_type._value2member_map_, None: None, "": None}  # type: ignore[dict-item]


_SEX = _by_code(Sex)
_SERVICE_TYPE = _by_code(ServiceType)
_POSITION_CATEGORY = _by_code(PositionCategory)
_POSITION_GROUP = _by_code(PositionGroup)
_STAFF_STATUS = _by_code(StaffStatus)
_LANGUAGE = _by_code(Language)
_LANGUAGE_LEVEL = _by_code(LanguageLevel)
_EDUCATION_LEVEL = _by_code(EducationLevel)
_EDUCATION_FIELD = _by_code(EducationField)
_TRAINING_FORMAT = _by_code(TrainingFormat)
_FUNDING = _by_code(Funding)
_QUESTION = _by_code(Question)
_ENDORSEMENT = _by_code(Endorsement)


class _BadDate(ValueError):
    def __init__(self, field: str, value: str) -> None:
        super().__init__(value)
        self.field = field
        self.value = value


def _date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _BadDate(field, value) from None


def person_label(person: dict[str, Any]) -> str:
    name = " ".join(p for p in (person.get("surname"), person.get("name")) if p)
    return f"{name} ({person.get('uid')})" if name else str(person.get("uid"))


def staff_member(person: dict[str, Any]) -> StaffMember:
    """The person of a payload as the domain's StaffMember (no ids); _BadDate on a date that
    does not exist."""
    return StaffMember(
        uid=person["uid"],
        pin=person["pin"],
        surname=person["surname"],
        name=person["name"],
        patronymic=person["patronymic"],
        sex=_SEX[person["sex"]],
        birth_date=_date(person["birth_date"], "birth_date"),
        phone=person["phone"],
        service_type=_SERVICE_TYPE[person["service_type"]],
        position_title=person["position_title"],
        position_category=_POSITION_CATEGORY[person["position_category"]],
        position_group=_POSITION_GROUP[person["position_group"]],
        class_rank=person["class_rank"],
        appointed_on=_date(person["appointed_on"], "appointed_on"),
        service_started_on=_date(person["service_started_on"], "service_started_on"),
        languages=[
            LanguageSkill(_LANGUAGE[s["language"]], _LANGUAGE_LEVEL[s["level"]])
            for s in person["languages"]
        ],
        status=_STAFF_STATUS[person["status"]],
        left_on=_date(person["left_on"], "left_on"),
        left_reason=person["left_reason"],
    )


def education_record(item: dict[str, Any]) -> Education:
    return Education(
        level=_EDUCATION_LEVEL[item["level"]],  # type: ignore[arg-type]
        field=_EDUCATION_FIELD[item["field"]],
        institution=item["institution"],
        speciality=item["speciality"],
        graduation_year=item["graduation_year"],
    )


def training_record(item: dict[str, Any]) -> TrainingRecord:
    fb = item["feedback"]
    return TrainingRecord(
        course_title=item["course_title"],
        course_code=item["course_code"],
        provider=item["provider"],
        start_date=_date(item["start_date"], "start_date"),
        end_date=_date(item["end_date"], "end_date"),
        hours=item["hours"],
        format=_TRAINING_FORMAT[item["format"]],
        funding=_FUNDING[item["funding"]],
        language=_LANGUAGE[item["language"]],
        certificate_no=item["certificate_no"],
        feedback=Feedback(
            fb["relevance"],
            fb["trainer"],
            fb["practice"],
            fb["language_fit"],
            fb["overall"],
            fb["comment"],
        ),
    )


def assessment_record(item: dict[str, Any], cycle: int) -> Assessment:
    answers: dict[Question, set[str]] = {
        _QUESTION[question]: set(chosen)  # type: ignore[misc]
        for question, chosen in item["answers"].items()
    }
    return Assessment(
        cycle=cycle,
        staff_id=0,
        uid=item["uid"],
        ratings={code: Rating(code, imp, perf) for code, imp, perf in item["ratings"]},
        answers=answers,
        requests=[
            CourseRequest(
                priority=r["priority"],
                course_code=r["course_code"],
                free_text=r["free_text"],
                endorsement=_ENDORSEMENT[r["endorsement"]],  # type: ignore[arg-type]
                decline_reason=r["decline_reason"],
                endorsed_by=r["endorsed_by"],
                endorsed_at=r["endorsed_at"],
                uid=r["uid"],
            )
            for r in item["requests"]
        ],
        assessed_on=_date(item["assessed_on"], "assessed_on"),
    )


# Messages name the record in words ("Staff member ..., training 2"); they are built only for
# a record that breaks a rule: most records pass, and building them all cost a third of the
# checking. `what` is therefore a function that returns the words.
Words = Callable[[], str]


class _Checker:
    def __init__(self, competencies: Iterable[str], courses: Iterable[str], today: dt.date):
        self.competencies = list(competencies)
        self.courses = set(courses)
        self.today = today
        self.conflicts: list[Conflict] = []

    def add(self, code: str, record: str, message: str) -> None:
        self.conflicts.append(Conflict(code, record, message))

    def bad_date(self, record: str, what: Words, exc: _BadDate) -> None:
        self.add(
            INVALID_DATE,
            record,
            _("{what}: {field} {value} is not a real date.").format(
                what=what(), field=rules.field_label(exc.field), value=exc.value
            ),
        )

    def problems(self, record: str, what: Words, problems: list[rules.Problem]) -> None:
        for problem in problems:
            if problem.severity != rules.Severity.ERROR:
                continue
            self.add(
                INVALID_RECORD,
                record,
                _("{what}: {field}: {message}").format(
                    what=what(), field=rules.field_label(problem.field), message=problem.message
                ),
            )

    def unique(self, seen: set[str], uid: str, record: str, what: Words) -> None:
        if uid in seen:
            self.add(
                DUPLICATE_UID,
                record,
                _("{what}: the identifier {uid} appears twice in the packet.").format(
                    what=what(), uid=uid
                ),
            )
        seen.add(uid)


def _staff_words(person: dict[str, Any]) -> str:
    return _("Staff member {name}").format(name=person_label(person))


def _education_words(person: dict[str, Any], n: int) -> str:
    return _("{what}, education {n}").format(what=_staff_words(person), n=n)


def _training_words(person: dict[str, Any], n: int) -> str:
    return _("{what}, training {n}").format(what=_staff_words(person), n=n)


def _assessment_words(item: dict[str, Any]) -> str:
    return _("The assessment {uid}").format(uid=item["uid"])


def _request_words(item: dict[str, Any], request: dict[str, Any]) -> str:
    return _("{what}, requested course {priority}").format(
        what=_assessment_words(item), priority=request["priority"]
    )


def _entry_words(entry: dict[str, Any]) -> str:
    return _("Plan line {uid}").format(uid=entry["uid"])


def check_records(
    payload: dict[str, Any],
    competency_codes: Iterable[str],
    course_codes: Iterable[str],
    today: dt.date | None = None,
    members: dict[str, StaffMember] | None = None,
) -> list[Conflict]:
    """Every record of the payload that breaks a rule, as blocking conflicts (empty: all pass).

    competency_codes and course_codes are those MKK knows (inactive ones too: an office may
    rate or request what a newer catalogue dropped). members, when given, receives each
    person's StaffMember by uid (for what else is made of them)."""
    checker = _Checker(competency_codes, course_codes, today or dt.date.today())
    unit_names = {u["name"] for u in payload["units"]}
    trainings_of: dict[str, int] = {}
    seen: set[str] = set()
    for person in payload["staff"]:
        member = _check_person(checker, person, unit_names, seen)
        if members is not None and member is not None:
            members[person["uid"]] = member
        trainings_of[person["uid"]] = len(person["training"])
    _check_assessments(checker, payload, trainings_of)
    _check_plan(checker, payload, trainings_of)
    return checker.conflicts


def _check_person(
    checker: _Checker, person: dict[str, Any], unit_names: set[str], seen: set[str]
) -> StaffMember | None:
    record = f"staff {person['uid']}"
    what = functools.partial(_staff_words, person)
    checker.unique(seen, person["uid"], record, what)
    if person["unit"] is not None and person["unit"] not in unit_names:
        checker.add(
            UNKNOWN_UNIT,
            record,
            _("{what}: the unit {unit} is not among the office's units.").format(
                what=what(), unit=person["unit"]
            ),
        )
    try:
        member = staff_member(person)
    except _BadDate as exc:
        checker.bad_date(record, what, exc)
        return None
    today = checker.today
    checker.problems(record, what, rules.check_staff(member, today))
    for n, item in enumerate(person["education"], 1):
        problems = rules.check_education(education_record(item), member.birth_date, today)
        if problems:
            words = functools.partial(_education_words, person, n)
            checker.problems(f"{record} education {n}", words, problems)
    for n, item in enumerate(person["training"], 1):
        try:
            problems = rules.check_training(training_record(item), today)
        except _BadDate as exc:
            words = functools.partial(_training_words, person, n)
            checker.bad_date(f"{record} training {n}", words, exc)
            continue
        if problems:
            words = functools.partial(_training_words, person, n)
            checker.problems(f"{record} training {n}", words, problems)
    return member


def _check_assessments(
    checker: _Checker, payload: dict[str, Any], trainings_of: dict[str, int]
) -> None:
    cycle = payload["cycle"]["year"]
    seen: set[str] = set()
    request_uids: set[str] = set()
    assessed: set[str] = set()
    for item in payload["assessments"]:
        record = f"assessment {item['uid']}"
        what = functools.partial(_assessment_words, item)
        checker.unique(seen, item["uid"], record, what)
        if item["staff_uid"] not in trainings_of:
            checker.add(
                UNKNOWN_PERSON,
                record,
                _("{what} is of the person {uid}, who is not in the packet's staff.").format(
                    what=what(), uid=item["staff_uid"]
                ),
            )
        elif item["staff_uid"] in assessed:
            checker.add(
                DUPLICATE_ASSESSMENT,
                record,
                _("{what}: the person {uid} has two assessments in the cycle.").format(
                    what=what(), uid=item["staff_uid"]
                ),
            )
        assessed.add(item["staff_uid"])
        try:
            assessment = assessment_record(item, cycle)
        except _BadDate as exc:
            checker.bad_date(record, what, exc)
            continue
        problems = check_assessment(assessment, checker.competencies, checker.courses)
        checker.problems(record, what, problems)
        for request in item["requests"]:
            sub = f"request {request['uid']}"
            sub_what = functools.partial(_request_words, item, request)
            checker.unique(request_uids, request["uid"], sub, sub_what)
            if request["endorsement"] == "declined" and not request["decline_reason"].strip():
                checker.add(
                    INVALID_RECORD,
                    sub,
                    _("{what}: it is declined without a reason.").format(what=sub_what()),
                )


def _check_plan(checker: _Checker, payload: dict[str, Any], trainings_of: dict[str, int]) -> None:
    plan = payload["plan"]
    if plan is None:
        return

    def what_plan() -> str:
        return _("The plan")

    if plan["status"] == "approved" and not (plan["approved_by"] and plan["approved_on"]):
        checker.add(
            INVALID_RECORD,
            "plan",
            _("{what} is approved without the name of who approved it and the date.").format(
                what=what_plan()
            ),
        )
    try:
        _date(plan["approved_on"], "approved_on")
        for event in plan["events"]:
            _date(event["on_date"], "on_date")
    except _BadDate as exc:
        checker.bad_date("plan", what_plan, exc)
    seen: set[str] = set()
    for entry in plan["entries"]:
        record = f"plan_entry {entry['uid']}"
        what = functools.partial(_entry_words, entry)
        checker.unique(seen, entry["uid"], record, what)
        trainings = trainings_of.get(entry["staff_uid"])
        if trainings is None:
            checker.add(
                UNKNOWN_PERSON,
                record,
                _("{what} is of the person {uid}, who is not in the packet's staff.").format(
                    what=what(), uid=entry["staff_uid"]
                ),
            )
        elif entry["training_ref"] is not None and entry["training_ref"] >= trainings:
            checker.add(
                BAD_TRAINING_REF,
                record,
                _("{what} refers to a training record the person does not have.").format(
                    what=what()
                ),
            )
        if not entry["course_code"] and not entry["title"].strip():
            checker.add(
                INVALID_RECORD,
                record,
                _("{what} has neither a course nor a title.").format(what=what()),
            )
        if entry["status"] == "cancelled" and not entry["cancel_reason"].strip():
            checker.add(
                INVALID_RECORD,
                record,
                _("{what} is cancelled without a reason.").format(what=what()),
            )

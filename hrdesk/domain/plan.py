"""The annual training plan of an office: the plan, its lines and what happened to it.

Warnings and "did not fit" notes are kept as codes with parameters and translated where they
are shown (the plan outlives a change of UI language)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk.domain import eligibility
from hrdesk.domain.catalogue import Texts
from hrdesk.domain.enums import Funding, Language, TrainingFormat
from hrdesk.i18n import N_, _


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class EntryStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class PlanEventKind(StrEnum):
    DRAFTED = "drafted"
    APPROVED = "approved"
    REOPENED = "reopened"


QUARTERS = (1, 2, 3, 4)

_LABELS: dict[StrEnum, str] = {
    PlanStatus.DRAFT: N_("draft"),
    PlanStatus.APPROVED: N_("approved"),
    EntryStatus.PLANNED: N_("planned"),
    EntryStatus.DONE: N_("done"),
    EntryStatus.CANCELLED: N_("cancelled"),
    PlanEventKind.DRAFTED: N_("drafted"),
    PlanEventKind.APPROVED: N_("approved"),
    PlanEventKind.REOPENED: N_("reopened"),
}


def plan_label(member: StrEnum | None) -> str:
    """The name of a plan, line or event status in the language in force."""
    return _(_LABELS[member]) if member is not None else ""


@dataclass(frozen=True)
class Note:
    """A warning on a line, or the reason a request did not make it into the plan.

    `code` is a stable English identifier (packets, JSON); `params` fill the message."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return note_message(self)

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Note:
        params = data.get("params") or {}
        return cls(str(data.get("code", "")), dict(params) if isinstance(params, dict) else {})


# Warnings attached to a line (they do not keep the line out of the plan). The eligibility
# findings (hrdesk.domain.eligibility) are kept on lines too, under their own codes.
WARN_HOURS_UNKNOWN = "hours_unknown"
WARN_COURSE_UNKNOWN = "course_not_in_catalogue"

# Why a request is not in the plan.
SKIP_LEFT = eligibility.PERSON_LEFT
SKIP_ON_LEAVE = eligibility.PERSON_ON_LEAVE
SKIP_SEATS = "seats_full"
SKIP_HOURS = "hours_limit"
SKIP_DUPLICATE = "already_planned"

_NOTE_MESSAGES = {
    WARN_HOURS_UNKNOWN: N_("Free-text course: the hours are not known."),
    WARN_COURSE_UNKNOWN: N_("The course {code} is not in the catalogue."),
    SKIP_LEFT: N_("{name} has left the office."),
    SKIP_ON_LEAVE: N_("{name} is on leave."),
    SKIP_SEATS: N_("{name}: all {seats} seats of the course {course} are taken."),
    SKIP_HOURS: N_("{name}: the {hours} hours of the course {course} would exceed the office's "
                   "limit of {limit} training hours."),
    SKIP_DUPLICATE: N_("{name} already has the course {course} in the plan."),
}


def note_message(note: Note) -> str:
    """The note as a sentence in the language in force."""
    template = _NOTE_MESSAGES.get(note.code)
    if template is None:
        return _finding_message(note)
    params = {
        key: Texts.from_json(value[_TEXTS_MARK]).get()
        if isinstance(value, dict) and _TEXTS_MARK in value else value
        for key, value in note.params.items()
    }
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return _(template)


# Eligibility findings carry dates and texts; on a line they are kept as JSON values.
_TEXTS_MARK = "__texts__"


def texts_param(texts: Texts) -> dict[str, object]:
    """A text in three languages as a note parameter: the note is read in the language of the
    reader, not in the one the plan was drafted in."""
    return {_TEXTS_MARK: texts.to_json()}


def note_from_finding(finding: eligibility.Finding) -> Note:
    params: dict[str, object] = {}
    for key, value in finding.params.items():
        if isinstance(value, Texts):
            params[key] = {_TEXTS_MARK: value.to_json()}
        elif isinstance(value, dt.date):
            params[key] = value.isoformat()
        elif isinstance(value, StrEnum):
            params[key] = value.value
        else:
            params[key] = value
    return Note(finding.code, params)


def _finding_message(note: Note) -> str:
    params: dict[str, object] = {}
    for key, value in note.params.items():
        if isinstance(value, dict) and _TEXTS_MARK in value:
            params[key] = Texts.from_json(value[_TEXTS_MARK])
        elif key == "last" and isinstance(value, str):
            params[key] = dt.date.fromisoformat(value)
        else:
            params[key] = value
    finding = eligibility.Finding(note.code, eligibility.FindingSeverity.WARNING, params=params)
    try:
        return eligibility.finding_message(finding)
    except (KeyError, ValueError, TypeError):
        return note.code


@dataclass(frozen=True)
class PlanLimits:
    """Optional limits of a draft; None means no limit."""

    seats_per_course: int | None = None
    max_hours: int | None = None


@dataclass
class Plan:
    office_id: int
    year: int
    status: PlanStatus = PlanStatus.DRAFT
    approved_by: str = ""
    approved_on: dt.date | None = None
    limits: PlanLimits = field(default_factory=PlanLimits)
    drafted_at: str = ""
    # What the last draft left out (codes and parameters, shown translated).
    skipped: list[SkippedRequest] = field(default_factory=list)
    id: int | None = None

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


@dataclass
class PlanEntry:
    """One line of the plan: a person and a course (from the catalogue, or a free title)."""

    staff_id: int
    quarter: int
    course_code: str = ""  # empty for a free-text course
    title: str = ""  # the free title; for catalogue courses the catalogue gives the title
    format: TrainingFormat | None = None
    language: Language | None = None
    funding: Funding = Funding.DEPARTMENTAL
    hours: int = 0  # 0 = not known (free-text courses)
    priority_score: float = 0.0
    source_request_uid: str = ""
    manual: bool = False
    status: EntryStatus = EntryStatus.PLANNED
    cancel_reason: str = ""
    training_id: int | None = None
    warnings: list[Note] = field(default_factory=list)
    position: int = 0
    uid: str = ""
    plan_id: int | None = None
    id: int | None = None

    @property
    def is_free_text(self) -> bool:
        return not self.course_code


@dataclass(frozen=True)
class SkippedRequest:
    """A request that is not in the plan, and why."""

    staff_id: int
    request_uid: str
    course_code: str
    title: str
    note: Note

    @property
    def code(self) -> str:
        return self.note.code

    @property
    def reason(self) -> str:
        return self.note.message


@dataclass(frozen=True)
class PlanEvent:
    kind: PlanEventKind
    by: str
    at: str  # UTC timestamp of the recording
    on_date: dt.date | None = None  # the date the head gave (approval)
    reason: str = ""


@dataclass(frozen=True)
class PlanCounts:
    planned: int = 0
    done: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.planned + self.done + self.cancelled

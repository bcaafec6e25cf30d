"""Drafting the annual plan from endorsed requests: pure functions over plain data.

The rules are written down in docs/method.md ("Plan drafting"); in short:

- one line per person and course; people who left or are on leave are not drafted;
- order: people flagged by the N-year rule first, then by the person's need score (mean
  positive gap over the rated competencies), then by the request's own priority (1 first),
  then by the gap on the course's competencies, then by name;
- quarter from the preferred season; without one, the least busy quarter (ties: Q2, Q3, Q4, Q1);
- format and language: the preference when the course offers it, else the course's first;
- funding: state order for a catalogue course aimed at the person's service type,
  departmental otherwise (free-text courses included);
- limits (seats per course, total hours) are filled greedily in priority order; what does not
  fit is listed with the reason, and smaller lines further down may still fit;
- a redraft keeps lines edited by hand and lines already done or cancelled, in their places.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from hrdesk.domain.assessment import Season
from hrdesk.domain.catalogue import Texts
from hrdesk.domain.enums import Funding, Language, ServiceType, StaffStatus, TrainingFormat
from hrdesk.domain.plan import (
    SKIP_DUPLICATE,
    SKIP_HOURS,
    SKIP_LEFT,
    SKIP_ON_LEAVE,
    SKIP_SEATS,
    WARN_COURSE_UNKNOWN,
    WARN_HOURS_UNKNOWN,
    EntryStatus,
    Note,
    PlanEntry,
    PlanLimits,
    SkippedRequest,
    texts_param,
)

SEASON_QUARTER = {Season.WINTER: 1, Season.SPRING: 2, Season.SUMMER: 3, Season.AUTUMN: 4}
# Where lines without a season go when quarters are equally busy: Q1 last, since the plan is
# usually approved during it.
SPREAD_ORDER = (2, 3, 4, 1)
# A flagged person's score is raised above any need score (gaps are at most 4).
FLAG_BONUS = 10.0


@dataclass(frozen=True)
class Rating:
    competency: str
    importance: int | None
    performance: int | None

    @property
    def gap(self) -> int | None:
        """importance − performance where positive, 0 otherwise; None when not both rated."""
        if self.importance is None or self.performance is None:
            return None
        return max(self.importance - self.performance, 0)


def need_score(ratings: Iterable[Rating]) -> float:
    """The person's need: the mean positive gap over the competencies rated on both scales."""
    gaps = [g for g in (r.gap for r in ratings) if g is not None]
    return sum(gaps) / len(gaps) if gaps else 0.0


def course_gap(ratings: Iterable[Rating], competencies: Iterable[str]) -> int:
    """The sum of the person's gaps on the competencies a course develops."""
    wanted = set(competencies)
    return sum(r.gap or 0 for r in ratings if r.competency in wanted)


@dataclass(frozen=True)
class Person:
    """What drafting needs to know about one person who has endorsed requests."""

    staff_id: int
    full_name: str
    sort_name: str = ""
    status: StaffStatus = StaffStatus.ACTIVE
    service_type: ServiceType | None = None
    preferred_format: TrainingFormat | None = None
    preferred_language: Language | None = None
    preferred_season: Season | None = None
    need_score: float = 0.0
    flagged: bool = False  # not trained for N years (or never)
    flag_note: Note | None = None


@dataclass(frozen=True)
class CourseOffer:
    """A catalogue course as drafting sees it."""

    code: str
    title: str
    hours: int
    formats: tuple[TrainingFormat, ...]
    languages: tuple[Language, ...] = ()
    service_types: tuple[ServiceType, ...] = ()  # empty: every service type
    titles: Texts | None = None  # the title in every language, for the notes


@dataclass(frozen=True)
class Request:
    """An endorsed request. `warnings` are the eligibility warnings for this person and course."""

    uid: str
    staff_id: int
    priority: int
    course_code: str = ""  # empty for a free-text request
    free_text: str = ""
    course_gap: float = 0.0
    warnings: tuple[Note, ...] = ()


@dataclass
class Draft:
    """The plan's lines in order (kept and new), and what did not make it in."""

    entries: list[PlanEntry] = field(default_factory=list)
    added: list[PlanEntry] = field(default_factory=list)
    kept: list[PlanEntry] = field(default_factory=list)
    skipped: list[SkippedRequest] = field(default_factory=list)


def kept_on_redraft(entries: Iterable[PlanEntry], reset: bool) -> list[PlanEntry]:
    """Lines a redraft leaves alone: done lines always; without reset, also manual and cancelled."""
    if reset:
        return [e for e in entries if e.status == EntryStatus.DONE]
    return [e for e in entries if e.manual or e.status != EntryStatus.PLANNED]


def priority_score(person: Person) -> float:
    return round((FLAG_BONUS if person.flagged else 0.0) + person.need_score, 3)


def order_key(person: Person, request: Request) -> tuple:
    return (
        not person.flagged,
        -round(person.need_score, 6),
        request.priority,
        -request.course_gap,
        person.sort_name or person.full_name,
        person.staff_id,
        request.uid,
    )


def choose(preferred: object, offered: Sequence) -> object:
    """The preference when offered (or when nothing is listed), else the first offered."""
    if not offered:
        return preferred
    return preferred if preferred in offered else offered[0]


def funding_for(person: Person, course: CourseOffer | None) -> Funding:
    if course is None:
        return Funding.DEPARTMENTAL
    if not course.service_types or person.service_type in course.service_types:
        return Funding.STATE_ORDER
    return Funding.DEPARTMENTAL


class _QuarterLoad:
    def __init__(self, entries: Iterable[PlanEntry]) -> None:
        self.load = Counter(e.quarter for e in entries if e.status != EntryStatus.CANCELLED)

    def take(self, season: Season | None) -> int:
        quarter = SEASON_QUARTER.get(season) if season is not None else None
        if quarter is None:
            quarter = min(SPREAD_ORDER, key=lambda q: (self.load[q], SPREAD_ORDER.index(q)))
        self.load[quarter] += 1
        return quarter


def _skip(request: Request, title: str, note: Note) -> SkippedRequest:
    return SkippedRequest(request.staff_id, request.uid, request.course_code, title, note)


def draft_plan(
    persons: Mapping[int, Person],
    courses: Mapping[str, CourseOffer],
    requests: Iterable[Request],
    limits: PlanLimits | None = None,
    existing: Sequence[PlanEntry] = (),
    reset: bool = False,
) -> Draft:
    """Draft the lines of a plan. `existing` are the plan's current lines (by position)."""
    limits = limits or PlanLimits()
    kept = kept_on_redraft(sorted(existing, key=lambda e: e.position), reset)
    live = [e for e in kept if e.status != EntryStatus.CANCELLED]
    seats = Counter(e.course_code for e in live if e.course_code)
    hours = sum(e.hours for e in live)
    taken = {(e.staff_id, e.course_code or e.title.casefold()) for e in live}
    kept_sources = {e.source_request_uid for e in kept if e.source_request_uid}
    quarters = _QuarterLoad(kept)
    result = Draft(kept=kept)

    candidates = []
    for request in requests:
        person = persons.get(request.staff_id)
        if person is None or request.uid in kept_sources:
            continue
        candidates.append((order_key(person, request), person, request))
    candidates.sort(key=lambda c: c[0])

    for _key, person, request in candidates:
        course = courses.get(request.course_code) if request.course_code else None
        title = course.title if course is not None else (request.free_text or request.course_code)
        course_name: object = (texts_param(course.titles) if course is not None and course.titles
                               else title)
        if person.status == StaffStatus.LEFT:
            result.skipped.append(
                _skip(request, title, Note(SKIP_LEFT, {"name": person.full_name}))
            )
            continue
        if person.status == StaffStatus.ON_LEAVE:
            result.skipped.append(
                _skip(request, title, Note(SKIP_ON_LEAVE, {"name": person.full_name}))
            )
            continue
        what = (person.staff_id, request.course_code or request.free_text.casefold())
        if what in taken:
            result.skipped.append(_skip(request, title, Note(
                SKIP_DUPLICATE, {"name": person.full_name, "course": course_name}
            )))
            continue
        line_hours = course.hours if course is not None else 0
        if course is not None and limits.seats_per_course is not None:
            if seats[course.code] >= limits.seats_per_course:
                result.skipped.append(_skip(request, title, Note(
                    SKIP_SEATS,
                    {"name": person.full_name, "seats": limits.seats_per_course,
                     "course": course_name},
                )))
                continue
        if limits.max_hours is not None and hours + line_hours > limits.max_hours:
            result.skipped.append(_skip(request, title, Note(SKIP_HOURS, {
                "name": person.full_name, "hours": line_hours, "course": course_name,
                "limit": limits.max_hours,
            })))
            continue
        warnings = list(request.warnings)
        if person.flag_note is not None:
            warnings.insert(0, person.flag_note)
        if course is None and request.course_code:
            warnings.append(Note(WARN_COURSE_UNKNOWN, {"code": request.course_code}))
        elif course is None:
            warnings.append(Note(WARN_HOURS_UNKNOWN))
        entry = PlanEntry(
            staff_id=person.staff_id,
            quarter=quarters.take(person.preferred_season),
            course_code=request.course_code,
            title="" if course is not None else request.free_text,
            format=choose(person.preferred_format, course.formats if course else ()),  # type: ignore[arg-type]
            language=choose(person.preferred_language, course.languages if course else ()),  # type: ignore[arg-type]
            funding=funding_for(person, course),
            hours=line_hours,
            priority_score=priority_score(person),
            source_request_uid=request.uid,
            warnings=warnings,
        )
        taken.add(what)
        if course is not None:
            seats[course.code] += 1
        hours += line_hours
        result.added.append(entry)

    result.entries = merge_in_place(kept, result.added)
    return result


def merge_in_place(kept: Sequence[PlanEntry], added: Sequence[PlanEntry]) -> list[PlanEntry]:
    """Kept lines stay at their old positions where they can; new lines fill the rest in order.
    Positions are renumbered 1..n."""
    merged: list[PlanEntry] = []
    kept_queue = list(kept)
    added_queue = list(added)
    while kept_queue or added_queue:
        slot = len(merged) + 1
        if kept_queue and (not added_queue or kept_queue[0].position <= slot):
            merged.append(kept_queue.pop(0))
        else:
            merged.append(added_queue.pop(0))
    for number, entry in enumerate(merged, start=1):
        entry.position = number
    return merged


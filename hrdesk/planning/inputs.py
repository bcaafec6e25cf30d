"""Reads what drafting needs from the database and applies the eligibility rules to it.

The needs assessment of cycle Y is for the plan of year Y (DESIGN.md: assessed in the autumn
for next year's plan), so the plan of year Y is drafted from the endorsed requests of cycle Y.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hrdesk.domain import eligibility
from hrdesk.domain.catalogue import Course
from hrdesk.domain.plan import Note, note_from_finding
from hrdesk.planning.drafting import CourseOffer, Person, Rating, Request, course_gap, need_score
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.plans import PlanRepository
from hrdesk.store.settings import SettingsRepository
from hrdesk.store.staff import StaffRepository
from hrdesk.store.text import sort_key

TRAINING_GAP_YEARS_KEY = "training_gap_years"
DEFAULT_TRAINING_GAP_YEARS = 3


@dataclass
class DraftInputs:
    persons: dict[int, Person]
    courses: dict[str, CourseOffer]
    requests: list[Request]


def training_gap_years(database: Database) -> int:
    value = SettingsRepository(database).get(TRAINING_GAP_YEARS_KEY, DEFAULT_TRAINING_GAP_YEARS)
    try:
        years = int(value)
    except (TypeError, ValueError):
        return DEFAULT_TRAINING_GAP_YEARS
    return years if years > 0 else DEFAULT_TRAINING_GAP_YEARS


def reference_date(year: int, today: dt.date | None = None) -> dt.date:
    """The day the eligibility rules are checked for a plan: the start of the plan year, or
    today when the year has already begun (training happens within the year)."""
    today = today or dt.date.today()
    return max(today, dt.date(year, 1, 1))


def course_offer(course: Course, language: str | None = None) -> CourseOffer:
    return CourseOffer(
        code=course.code, title=course.title.get(language), hours=course.hours,
        formats=(course.format,), languages=course.languages,
        service_types=course.service_types, titles=course.title,
    )


def load_draft_inputs(
    database: Database, office_id: int, year: int, today: dt.date | None = None
) -> DraftInputs:
    plans = PlanRepository(database)
    staff_repo = StaffRepository(database)
    endorsed = plans.endorsed_requests(office_id, year)
    staff_ids = {r.staff_id for r in endorsed}
    members = {m.id: m for m in staff_repo.all(office_id) if m.id in staff_ids}
    trainings = staff_repo.trainings_of(staff_ids)
    preferences = plans.preferences(year, staff_ids)
    ratings = {
        staff_id: [Rating(*r) for r in rows]
        for staff_id, rows in plans.ratings(year, staff_ids).items()
    }
    catalogue = CatalogueRepository(database).course_map()
    day = reference_date(year, today)
    gap_years = training_gap_years(database)

    persons: dict[int, Person] = {}
    for staff_id, member in members.items():
        assert staff_id is not None
        history = trainings.get(staff_id, [])
        flag = eligibility.not_trained_recently(member, history, day, gap_years)
        prefs = preferences.get(staff_id)
        persons[staff_id] = Person(
            staff_id=staff_id,
            full_name=member.full_name,
            sort_name=sort_key(member.full_name),
            status=member.status,
            service_type=member.service_type,
            preferred_format=prefs.format if prefs else None,
            preferred_language=prefs.language if prefs else None,
            preferred_season=prefs.season if prefs else None,
            need_score=need_score(ratings.get(staff_id, ())),
            flagged=flag is not None,
            flag_note=note_from_finding(flag) if flag is not None else None,
        )

    requests = []
    for r in endorsed:
        member = members.get(r.staff_id)
        if member is None:
            continue
        course = catalogue.get(r.course_code) if r.course_code else None
        warnings = []
        if course is not None:
            history = trainings.get(r.staff_id, [])
            found = [
                eligibility.repeated_too_soon(member, course, history, day),
                *eligibility.not_targeted(member, course),
            ]
            warnings = [note_from_finding(f) for f in found if f is not None]
        gap = course_gap(ratings.get(r.staff_id, ()), course.competencies) if course else 0
        requests.append(Request(
            uid=r.uid, staff_id=r.staff_id, priority=r.priority, course_code=r.course_code,
            free_text=r.free_text, course_gap=gap, warnings=tuple(warnings),
        ))
    courses = {code: course_offer(c) for code, c in catalogue.items()}
    return DraftInputs(persons, courses, requests)


def line_warnings(database: Database, staff_id: int, course_code: str, year: int) -> list[Note]:
    """The eligibility findings of a person and course for the plan of `year` (a line added or
    chosen by hand), as notes to keep on the line."""
    staff = StaffRepository(database)
    member = staff.get(staff_id)
    if member is None:
        return []
    history = staff.trainings(staff_id)
    day = reference_date(year)
    found = [eligibility.not_available(member),
             eligibility.not_trained_recently(member, history, day, training_gap_years(database))]
    course = CatalogueRepository(database).course(course_code) if course_code else None
    if course is not None:
        found += [eligibility.repeated_too_soon(member, course, history, day),
                  *eligibility.not_targeted(member, course)]
    return [note_from_finding(f) for f in found if f is not None]

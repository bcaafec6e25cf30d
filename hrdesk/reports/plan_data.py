"""The bridge from the store to the printed plan and training card: reports take data, they
don't query, so this module reads the database and fills PlanPrintout and CardPrintout.

Display strings are made in the language in force (hrdesk.i18n.set_language, which the caller
sets before filling and rendering); `language` picks the office name and course titles, and
defaults to the language in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hrdesk import errors
from hrdesk.domain import rules
from hrdesk.domain.catalogue import Course
from hrdesk.domain.enums import label
from hrdesk.domain.models import Office, StaffMember
from hrdesk.domain.plan import EntryStatus, Plan, PlanEntry
from hrdesk.domain.reference import class_rank_name
from hrdesk.i18n import _, current_language
from hrdesk.reports.printouts import (
    CardEducation,
    CardPrintout,
    CardTraining,
    PlanLine,
    PlanPrintout,
)
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _own_office(database: Database) -> Office:
    office = OfficeRepository(database).own()
    if office is None:
        raise errors.NotSetUp(database.path)
    return office


def course_title(entry: PlanEntry, courses: dict[str, Course], language: str) -> str:
    course = courses.get(entry.course_code) if entry.course_code else None
    if course is not None:
        return course.title.get(language)
    return entry.title or entry.course_code


def plan_lines(
    entries: Iterable[PlanEntry],
    people: dict[int, StaffMember],
    courses: dict[str, Course],
    language: str,
) -> list[PlanLine]:
    lines = []
    for number, entry in enumerate(entries, start=1):
        member = people.get(entry.staff_id)
        lines.append(PlanLine(
            number=number,
            full_name=member.full_name if member else "",
            position=member.position_title if member else "",
            group=label(member.position_group) if member else "",
            course=course_title(entry, courses, language),
            hours=entry.hours or None,
            format=label(entry.format),
            language=label(entry.language),
            quarter=ROMAN_QUARTERS.get(entry.quarter, ""),
            funding=label(entry.funding),
            person_key=member.pin if member else str(entry.staff_id),
        ))
    return lines


def printed_entries(
    entries: Iterable[PlanEntry], include_cancelled: bool = False
) -> list[PlanEntry]:
    """What the printed plan lists: lines planned and done, in the plan's order."""
    return [e for e in entries if include_cancelled or e.status != EntryStatus.CANCELLED]


def plan_of_year(database: Database, year: int) -> Plan:
    office = _own_office(database)
    plan = PlanRepository(database).get(office.id or 0, year)
    if plan is None:
        raise errors.NotFound(
            _("There is no training plan for {year}. Draft it first.").format(year=year)
        )
    return plan


def plan_printout(
    database: Database, year: int, language: str | None = None, include_cancelled: bool = False
) -> PlanPrintout:
    """The plan of the own office for the year, ready to print.

    The approval block names the head who approved the plan, or the head in the office
    profile while the plan is not approved."""
    language = language or current_language()
    office = _own_office(database)
    plan = plan_of_year(database, year)
    entries = printed_entries(PlanRepository(database).entries(plan.id or 0), include_cancelled)
    wanted = {e.staff_id for e in entries}
    people = {m.id: m for m in StaffRepository(database).all(office.id) if m.id in wanted}
    courses = CatalogueRepository(database).course_map()
    return PlanPrintout(
        office_name=office.name(language),
        year=year,
        head_position=office.head_position_in(language),
        head_name=plan.approved_by if plan.is_approved else office.head_name,
        hr_clerk_name=office.hr_clerk_name,
        approved=plan.is_approved,
        approved_on=plan.approved_on,
        lines=plan_lines(entries, people, courses, language),  # type: ignore[arg-type]
    )


def _languages(member: StaffMember) -> str:
    return ", ".join(
        _("{language} ({level})").format(language=label(s.language), level=label(s.level))
        for s in member.languages
    )


def card_printout(
    database: Database,
    staff_id: int,
    year: int | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> CardPrintout:
    """A person's training card: profile, education, training history with feedback, and the
    person's lines in the plan of the year (this year by default)."""
    language = language or current_language()
    today = today or dt.date.today()
    year = year or today.year
    staff = StaffRepository(database)
    member = staff.get(staff_id)
    if member is None:
        raise errors.NotFound(_("The person was not found."))
    office = OfficeRepository(database).get(member.office_id or 0) or _own_office(database)
    units = {u.id: u.name for u in OfficeRepository(database).units(office.id or 0)}
    courses = CatalogueRepository(database).course_map()
    entries = PlanRepository(database).entries_of_staff(staff_id, year)
    return CardPrintout(
        office_name=office.name(language),
        year=year,
        full_name=member.full_name,
        pin=member.pin,
        sex=label(member.sex),
        birth_date=member.birth_date,
        unit=units.get(member.unit_id, ""),
        position=member.position_title,
        service_type=label(member.service_type),
        category=label(member.position_category),
        group=label(member.position_group),
        class_rank=class_rank_name(member.class_rank, language) if member.class_rank else "",
        status=label(member.status),
        languages=_languages(member),
        appointed_on=member.appointed_on,
        tenure=rules.tenure(member, today),
        service_started_on=member.service_started_on,
        service_length=rules.length_of_service(member, today),
        education=[
            CardEducation(
                level=label(e.level), field=label(e.field), institution=e.institution,
                speciality=e.speciality, graduation_year=e.graduation_year,
            )
            for e in staff.educations(staff_id)
        ],
        training=[
            CardTraining(
                course=(courses[t.course_code].title.get(language)
                        if t.course_code in courses else t.course_title),
                provider=t.provider, start_date=t.start_date, end_date=t.end_date,
                hours=t.hours, format=label(t.format), funding=label(t.funding),
                language=label(t.language), certificate_no=t.certificate_no,
                feedback=None if t.feedback.is_empty() else t.feedback,
            )
            for t in staff.trainings(staff_id)
        ],
        plan_lines=plan_lines(printed_entries(entries), {staff_id: member}, courses, language),
        hr_clerk_name=office.hr_clerk_name,
        printed_on=today,
    )

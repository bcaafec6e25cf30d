"""Changes to the annual training plan. Each takes plain values, checks the rules, writes in one
transaction and returns what changed (hrdesk.changes.Changes).

An approved plan is read-only: every change refuses with a message until the plan is reopened,
and reopening is recorded (who, when, why) in plan_events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from hrdesk import errors
from hrdesk import register as register_ops
from hrdesk.changes import Changes
from hrdesk.domain import eligibility
from hrdesk.domain.enums import Funding, Language, TrainingFormat
from hrdesk.domain.models import Feedback, TrainingRecord
from hrdesk.domain.plan import (
    QUARTERS,
    EntryStatus,
    Plan,
    PlanCounts,
    PlanEntry,
    PlanEvent,
    PlanEventKind,
    PlanLimits,
    PlanStatus,
    SkippedRequest,
    plan_label,
)
from hrdesk.domain.rules import Problem
from hrdesk.i18n import _, format_date
from hrdesk.planning.drafting import draft_plan
from hrdesk.planning.inputs import line_warnings, load_draft_inputs
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass
class DraftOutcome:
    """What a draft did: the plan, how many lines were added and kept, what did not fit."""

    plan: Plan
    added: int
    kept: int
    removed: int
    skipped: list[SkippedRequest] = field(default_factory=list)
    changes: Changes = field(default_factory=lambda: Changes(plan=True))


def _refuse(field_name: str, message: str) -> errors.ValidationFailed:
    return errors.ValidationFailed([Problem(field_name, message)])


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _refuse("year", _("The year must be between {low} and {high}; {year} was given.")
                      .format(low=MIN_YEAR, high=MAX_YEAR, year=year))


def _office_id(database: Database) -> int:
    return register_ops.own_office(database).id or 0


def plan_for(database: Database, year: int) -> Plan | None:
    """The own office's plan of the year, or None when it has not been drafted."""
    return PlanRepository(database).get(_office_id(database), year)


def _existing_plan(database: Database, year: int) -> Plan:
    plan = plan_for(database, year)
    if plan is None:
        raise errors.NotFound(
            _("There is no training plan for {year}. Draft it first.").format(year=year)
        )
    return plan


def _editable(plan: Plan) -> None:
    if plan.is_approved:
        raise _refuse("plan", _(
            "The training plan for {year} was approved by {name} on {date} and cannot be changed. "
            "Reopen it first."
        ).format(year=plan.year, name=plan.approved_by, date=format_date(plan.approved_on)))


def _entry_and_plan(database: Database, entry_uid: str) -> tuple[PlanEntry, Plan]:
    repo = PlanRepository(database)
    entry = repo.entry(entry_uid)
    plan = repo.by_id(entry.plan_id or 0) if entry is not None else None
    if entry is None or plan is None:
        raise errors.NotFound(_("The plan line was not found."))
    return entry, plan


def _check_limits(limits: PlanLimits) -> None:
    if limits.seats_per_course is not None and limits.seats_per_course < 1:
        raise _refuse("seats_per_course", _("The seats per course must be 1 or more."))
    if limits.max_hours is not None and limits.max_hours < 1:
        raise _refuse("max_hours", _("The limit of training hours must be 1 or more."))


# --- drafting -------------------------------------------------------------------------------


def draft(
    database: Database,
    year: int,
    *,
    reset: bool = False,
    limits: PlanLimits | None = None,
    by: str = "",
    today: dt.date | None = None,
) -> DraftOutcome:
    """Draft (or redraft) the plan of the year from the endorsed requests of that year's cycle.

    A redraft keeps lines changed by hand and lines done or cancelled, unless reset (then only
    done lines stay). limits None keeps the plan's limits from the last draft."""
    _check_year(year)
    office_id = _office_id(database)
    repo = PlanRepository(database)
    plan = repo.get(office_id, year) or Plan(office_id=office_id, year=year)
    _editable(plan)
    if limits is not None:
        _check_limits(limits)
        plan.limits = limits
    existing = repo.entries(plan.id) if plan.id is not None else []
    inputs = load_draft_inputs(database, office_id, year, today)
    if plan.id is None and not inputs.requests:
        raise errors.NotFound(_(
            "There are no endorsed requests in the assessment cycle {year}, so there is nothing "
            "to draft. Endorse requests first, or start an empty plan and add lines by hand."
        ).format(year=year))
    result = draft_plan(
        inputs.persons, inputs.courses, inputs.requests, plan.limits, existing, reset
    )
    kept_ids = {e.id for e in result.kept}
    replaced = {e.source_request_uid: e for e in existing
                if e.id not in kept_ids and e.source_request_uid}
    new, changed = [], []
    for entry in result.added:
        old = replaced.pop(entry.source_request_uid, None)
        if old is None:
            new.append(entry)
            continue
        # The same request drafted again keeps its line (uid, id): a redraft that changes
        # nothing writes nothing, and the UI keeps its selection.
        entry.id, entry.uid, entry.plan_id = old.id, old.uid, old.plan_id
        if replace(entry, position=0) != replace(old, position=0):
            changed.append(entry)
    reused = {e.id for e in result.added if e.id is not None}
    removed = [e.id for e in existing if e.id not in kept_ids and e.id not in reused]
    with database.transaction():
        plan.drafted_at = now_utc()
        plan.skipped = result.skipped
        repo.save(plan)
        for entry in result.added:
            entry.plan_id = plan.id
        repo.delete_entries(i for i in removed if i is not None)
        for entry in changed:
            repo.update_entry(entry)
        repo.add_entries(new)
        repo.set_positions(result.entries)
        repo.add_event(plan.id or 0, PlanEvent(PlanEventKind.DRAFTED, by, plan.drafted_at,
                                               reason="reset" if reset else ""))
    return DraftOutcome(plan, len(result.added), len(result.kept), len(removed), result.skipped)


def start_plan(database: Database, year: int) -> Changes:
    """An empty plan for the year, to fill by hand."""
    _check_year(year)
    office_id = _office_id(database)
    repo = PlanRepository(database)
    if repo.get(office_id, year) is not None:
        raise _refuse("year", _("There is already a training plan for {year}.").format(year=year))
    repo.save(Plan(office_id=office_id, year=year))
    return Changes(plan=True)


# --- editing lines --------------------------------------------------------------------------


def _check_entry(database: Database, entry: PlanEntry) -> list[Problem]:
    problems = []
    if entry.quarter not in QUARTERS:
        problems.append(Problem("quarter", _("The quarter must be 1, 2, 3 or 4.")))
    if entry.hours < 0 or entry.hours > 2000:
        problems.append(Problem("hours", _("The hours must be between 0 and 2000.")))
    if not entry.course_code and not entry.title.strip():
        problems.append(
            Problem("course", _("Choose a course from the catalogue or type its title."))
        )
    if entry.course_code and CatalogueRepository(database).course(entry.course_code) is None:
        problems.append(Problem(
            "course", _("The course {code} is not in the catalogue.").format(code=entry.course_code)
        ))
    member = StaffRepository(database).get(entry.staff_id)
    if member is None:
        problems.append(Problem("staff", _("The person was not found.")))
    elif (blocked := eligibility.not_available(member)) is not None:
        # Someone who left or is on leave is not sent to training (drafting skips them too).
        reason = eligibility.finding_message(blocked)
        problems.append(Problem("staff", f"{member.full_name}: {reason}"))
    return problems


def add_entry(database: Database, year: int, entry: PlanEntry) -> Changes:
    """Add a line by hand (flagged manual) at entry.position, or at the end when 0. The line
    keeps the eligibility warnings of the person and course; a person who left or is on leave
    is refused."""
    plan = _existing_plan(database, year)
    _editable(plan)
    if entry.course_code and not entry.hours:
        course = CatalogueRepository(database).course(entry.course_code)
        entry.hours = course.hours if course is not None else 0
    problems = _check_entry(database, entry)
    if problems:
        raise errors.ValidationFailed(problems)
    repo = PlanRepository(database)
    entries = repo.entries(plan.id or 0)
    entry.warnings = line_warnings(database, entry.staff_id, entry.course_code, year)
    entry.plan_id = plan.id
    entry.manual = True
    entry.status = EntryStatus.PLANNED
    entry.id = None
    entry.uid = ""
    slot = entry.position if 1 <= entry.position <= len(entries) else len(entries) + 1
    entries.insert(slot - 1, entry)
    with database.transaction():
        entry.position = slot
        repo.add_entry(entry)
        _renumber(repo, entries)
    return Changes(plan=True)


def _renumber(repo: PlanRepository, entries: list[PlanEntry]) -> None:
    for number, e in enumerate(entries, start=1):
        e.position = number
    repo.set_positions(entries)


def move_entry(database: Database, entry_uid: str, position: int) -> Changes:
    """Move a line to another place (1 = first) in the plan's order; the line becomes manual,
    so a redraft leaves it where it was put."""
    entry, plan = _entry_and_plan(database, entry_uid)
    _editable(plan)
    repo = PlanRepository(database)
    entries = repo.entries(plan.id or 0)
    if not 1 <= position <= len(entries):
        raise _refuse("position", _("The place must be between 1 and {count}.")
                      .format(count=len(entries)))
    entries = [e for e in entries if e.uid != entry_uid]
    entry.manual = True
    entries.insert(position - 1, entry)
    with database.transaction():
        _renumber(repo, entries)
        repo.update_entry(entry)
    return Changes(plan=True)


def remove_entry(database: Database, entry_uid: str) -> Changes:
    """Remove a line. A line done is history (it has a training record) and is not removed."""
    entry, plan = _entry_and_plan(database, entry_uid)
    _editable(plan)
    if entry.status == EntryStatus.DONE:
        raise _refuse("status", _("The line is done and linked to a training record; it cannot "
                                  "be removed."))
    repo = PlanRepository(database)
    with database.transaction():
        repo.delete_entries([entry.id or 0])
        _renumber(repo, [e for e in repo.entries(plan.id or 0)])
    return Changes(plan=True)


def change_entry(
    database: Database,
    entry_uid: str,
    *,
    quarter: int | None = None,
    format: TrainingFormat | None = None,
    language: Language | None = None,
    funding: Funding | None = None,
    hours: int | None = None,
) -> Changes:
    """Change a line's quarter, format, language, funding or hours. The line becomes manual."""
    entry, plan = _entry_and_plan(database, entry_uid)
    _editable(plan)
    if entry.status != EntryStatus.PLANNED:
        raise _refuse("status", _("Only a planned line can be changed; this one is {status}.")
                      .format(status=_status_word(entry.status)))
    if quarter is not None:
        entry.quarter = quarter
    if format is not None:
        entry.format = format
    if language is not None:
        entry.language = language
    if funding is not None:
        entry.funding = funding
    if hours is not None:
        entry.hours = hours
    problems = [p for p in _check_entry(database, entry) if p.field in ("quarter", "hours")]
    if problems:
        raise errors.ValidationFailed(problems)
    entry.manual = True
    PlanRepository(database).update_entry(entry)
    return Changes(plan=True)


def _status_word(status: EntryStatus) -> str:
    return plan_label(status)


# --- approval -------------------------------------------------------------------------------


def approve(database: Database, year: int, head_name: str, approved_on: dt.date) -> Changes:
    plan = _existing_plan(database, year)
    if plan.is_approved:
        raise _refuse("plan", _("The training plan for {year} is already approved.")
                      .format(year=year))
    head_name = head_name.strip()
    if not head_name:
        raise _refuse("approved_by", _("Give the name of the head who approves the plan."))
    if approved_on.year < year - 1 or approved_on.year > year:
        raise _refuse("approved_on", _("The plan for {year} must be approved in {before} or "
                                       "{year}.").format(year=year, before=year - 1))
    plan.status = PlanStatus.APPROVED
    plan.approved_by = head_name
    plan.approved_on = approved_on
    repo = PlanRepository(database)
    with database.transaction():
        repo.save(plan)
        repo.add_event(plan.id or 0, PlanEvent(PlanEventKind.APPROVED, head_name, now_utc(),
                                               approved_on))
    return Changes(plan=True)


def reopen(database: Database, year: int, by: str, reason: str) -> Changes:
    plan = _existing_plan(database, year)
    if not plan.is_approved:
        raise _refuse("plan", _("The training plan for {year} is not approved; there is nothing "
                                "to reopen.").format(year=year))
    if not by.strip():
        raise _refuse("by", _("Give the name of who reopens the plan."))
    if not reason.strip():
        raise _refuse("reason", _("Give the reason for reopening the approved plan."))
    plan.status = PlanStatus.DRAFT
    plan.approved_by = ""
    plan.approved_on = None
    repo = PlanRepository(database)
    with database.transaction():
        repo.save(plan)
        repo.add_event(plan.id or 0, PlanEvent(PlanEventKind.REOPENED, by.strip(), now_utc(),
                                               reason=reason.strip()))
    return Changes(plan=True)


# --- what happened --------------------------------------------------------------------------


def record_done(
    database: Database,
    entry_uid: str,
    *,
    start_date: dt.date | None,
    end_date: dt.date | None,
    hours: int | None = None,
    certificate_no: str = "",
    provider: str = "",
    feedback: Feedback | None = None,
) -> Changes:
    """The line took place: a training record is made from it and linked to the line.

    Allowed on an approved plan: recording what happened does not change what was approved."""
    entry, plan = _entry_and_plan(database, entry_uid)
    if entry.status != EntryStatus.PLANNED:
        raise _refuse("status", _("Only a planned line can be recorded as done; this one is "
                                  "{status}.").format(status=_status_word(entry.status)))
    if end_date is None:
        raise _refuse("end_date", _("Give the date the course ended."))
    title = entry.title
    course = CatalogueRepository(database).course(entry.course_code) if entry.course_code else None
    if course is not None:
        title = course.title.get()
        provider = provider or course.provider
    record = TrainingRecord(
        course_title=title or entry.course_code, course_code=entry.course_code if course else "",
        provider=provider, start_date=start_date, end_date=end_date,
        hours=hours if hours is not None else (entry.hours or None), format=entry.format,
        funding=entry.funding, language=entry.language, certificate_no=certificate_no,
        feedback=feedback or Feedback(), staff_id=entry.staff_id,
    )
    with database.transaction():
        changes = register_ops.save_training(database, record)
        entry.status = EntryStatus.DONE
        entry.training_id = record.id
        PlanRepository(database).update_entry(entry)
    return changes.merge(Changes(plan=True))


def cancel_entry(database: Database, entry_uid: str, reason: str) -> Changes:
    """The line will not take place. Allowed on an approved plan, like record_done."""
    entry, _plan = _entry_and_plan(database, entry_uid)
    if entry.status != EntryStatus.PLANNED:
        raise _refuse("status", _("Only a planned line can be cancelled; this one is {status}.")
                      .format(status=_status_word(entry.status)))
    if not reason.strip():
        raise _refuse("cancel_reason", _("Give the reason the line is cancelled."))
    entry.status = EntryStatus.CANCELLED
    entry.cancel_reason = reason.strip()
    PlanRepository(database).update_entry(entry)
    return Changes(plan=True)


def counts(database: Database, year: int) -> PlanCounts:
    plan = plan_for(database, year)
    return PlanRepository(database).counts(plan.id) if plan and plan.id else PlanCounts()

"""Changes of the needs assessment: cycles, assessments, endorsement, catalogue import.

Each takes plain values, checks them, writes in one transaction and returns what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.assessment import (
    Assessment,
    AssessmentStatus,
    Endorsement,
    check_assessment,
    is_complete,
)
from hrdesk.domain.catalogue import Catalogue, CatalogueInfo, read_catalogue_file
from hrdesk.domain.eligibility import Finding, RequestedCourse, check_request, office_findings
from hrdesk.domain.enums import StaffStatus
from hrdesk.domain.rules import Problem
from hrdesk.i18n import _
from hrdesk.packets.catalogue_publish import store_mkk_key_from_catalogue
from hrdesk.store import audit
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.audit import AuditKind
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database
from hrdesk.store.settings import SettingsRepository
from hrdesk.store.staff import StaffRepository

TRAINING_GAP_YEARS_KEY = "training_gap_years"
DEFAULT_TRAINING_GAP_YEARS = 3


def training_gap_years(database: Database) -> int:
    """N of the rule "not trained for N years or more" (a setting, 3 by default)."""
    value = SettingsRepository(database).get(TRAINING_GAP_YEARS_KEY, DEFAULT_TRAINING_GAP_YEARS)
    return int(value)


def set_training_gap_years(database: Database, years: int) -> Changes:
    if not 1 <= years <= 20:
        raise errors.ValidationFailed(
            [Problem(TRAINING_GAP_YEARS_KEY, _("The number of years must be from 1 to 20."))]
        )
    SettingsRepository(database).set(TRAINING_GAP_YEARS_KEY, years)
    return Changes(settings=True)


# --- cycles ---------------------------------------------------------------------------------


def open_cycle(database: Database, year: int, deadline: dt.date | None = None) -> Changes:
    """Open the assessment cycle for a year; the deadline defaults to the catalogue's."""
    if not 2000 <= year <= 2100:
        raise errors.ValidationFailed(
            [Problem("year", _("The cycle year {year} is not plausible.").format(year=year))]
        )
    repo = AssessmentRepository(database)
    if repo.cycle(year) is not None:
        raise errors.ValidationFailed(
            [Problem("year", _("The cycle {year} is already open.").format(year=year))]
        )
    info = CatalogueRepository(database).info()
    if deadline is None and info is not None and info.cycle == year:
        deadline = info.deadline
    repo.add_cycle(year, deadline, info.version if info else None)
    return Changes(assessments=True)


def _require_cycle(database: Database, year: int) -> None:
    if AssessmentRepository(database).cycle(year) is None:
        raise errors.NotFound(
            _("The assessment cycle {year} has not been opened.").format(year=year)
        )


# --- assessments ----------------------------------------------------------------------------


def save_assessment(database: Database, assessment: Assessment) -> Changes:
    """Save a whole or half-done assessment. It is complete when every competency is rated,
    a draft otherwise. Invalid values refuse the save and change nothing."""
    _require_cycle(database, assessment.cycle)
    member = StaffRepository(database).get(assessment.staff_id)
    if member is None:
        raise errors.NotFound(_("The staff member was not found."))
    catalogue = CatalogueRepository(database)
    competency_codes = catalogue.competency_codes()
    course_codes = set(catalogue.course_map())
    problems = check_assessment(assessment, competency_codes, course_codes)
    if problems:
        raise errors.ValidationFailed(problems)
    repo = AssessmentRepository(database)
    with database.transaction():
        existing = repo.get(assessment.cycle, assessment.staff_id)
        if existing is not None and assessment.id is None:
            assessment.id, assessment.uid = existing.id, existing.uid
        assessment.status = (
            AssessmentStatus.COMPLETE
            if is_complete(assessment, competency_codes)
            else AssessmentStatus.DRAFT
        )
        repo.save(assessment)
    return Changes(staff_ids={assessment.staff_id}, assessments=True)


def endorse_request(database: Database, request_uid: str, by: str) -> Changes:
    """The head of the office endorses a requested course."""
    return _set_endorsement(database, request_uid, Endorsement.ENDORSED, "", by)


def decline_request(database: Database, request_uid: str, reason: str, by: str) -> Changes:
    """The head declines a requested course; the reason is required."""
    if not reason.strip():
        raise errors.ValidationFailed(
            [Problem("decline_reason", _("Give the reason for declining the request."))]
        )
    return _set_endorsement(database, request_uid, Endorsement.DECLINED, reason.strip(), by)


def reset_endorsement(database: Database, request_uid: str) -> Changes:
    return _set_endorsement(database, request_uid, Endorsement.PENDING, "", "")


def _set_endorsement(
    database: Database, uid: str, endorsement: Endorsement, reason: str, by: str
) -> Changes:
    repo = AssessmentRepository(database)
    row = repo.request_by_uid(uid)
    if row is None:
        raise errors.NotFound(_("The requested course was not found."))
    at = now_utc() if endorsement != Endorsement.PENDING else None
    repo.set_endorsement(uid, endorsement, reason, by.strip(), at)
    return Changes(staff_ids={row.staff_id}, assessments=True)


# --- catalogue ------------------------------------------------------------------------------


def import_catalogue(database: Database, path: str | Path) -> Changes:
    """Put a newer catalogue file in force. An older or equal version is refused; a file that
    cannot be read or is not valid raises InputFileError. Either way nothing changes."""
    catalogue = read_catalogue_file(path)
    return install_catalogue(database, catalogue)


def install_catalogue(database: Database, catalogue: Catalogue) -> Changes:
    repo = CatalogueRepository(database)
    with audit.operation(database, "catalogue_import"), database.transaction():
        current = repo.info()
        before = _catalogue_summary(current, repo) if current is not None else None
        if current is not None and catalogue.info.version <= current.version:
            raise errors.ValidationFailed(
                [
                    Problem(
                        "version",
                        _(
                            "This catalogue is version {new}, but version {current} is already in "
                            "use. Only a newer catalogue can be imported."
                        ).format(new=catalogue.info.version, current=current.version),
                    )
                ]
            )
        repo.replace(catalogue)
        store_mkk_key_from_catalogue(database, catalogue.document)
        # The catalogue's tables have no row triggers: the trail keeps one entry per import,
        # with only what changed (as the triggers do for a row); the version always does.
        after = _catalogue_summary(catalogue.info, repo)
        if before is not None:
            changed = {k for k in after if after[k] != before.get(k)}
            before = {k: v for k, v in before.items() if k in changed}
            after = {k: v for k, v in after.items() if k in changed}
        audit.record_event(
            database,
            AuditKind.INSERT if before is None else AuditKind.UPDATE,
            after,
            table="catalogue",
            record_key=str(catalogue.info.version),
            old=before,
        )
    return Changes(catalogue=True)


def _catalogue_summary(info: CatalogueInfo, repo: CatalogueRepository) -> dict[str, object]:
    return {
        "version": info.version,
        "cycle": info.cycle,
        "deadline": info.deadline.isoformat(),
        "courses": len(repo.courses()),
        "competencies": len(repo.competency_codes()),
    }


# --- eligibility ----------------------------------------------------------------------------


def request_findings(
    database: Database, request_uid: str, today: dt.date | None = None
) -> list[Finding]:
    """What the eligibility rules say about one requested course."""
    row = AssessmentRepository(database).request_by_uid(request_uid)
    if row is None:
        raise errors.NotFound(_("The requested course was not found."))
    staff = StaffRepository(database)
    member = staff.get(row.staff_id)
    assert member is not None
    course = (
        CatalogueRepository(database).course(row.request.course_code)
        if row.request.course_code
        else None
    )
    return check_request(
        member,
        course,
        staff.trainings(row.staff_id),
        today or dt.date.today(),
        training_gap_years(database),
        request_uid,
    )


def eligibility_findings(
    database: Database, cycle: int, office_id: int | None = None, today: dt.date | None = None
) -> list[Finding]:
    """The list for the whole office (or every office when None) for a cycle."""
    staff = StaffRepository(database)
    rows = AssessmentRepository(database).requests(cycle, office_id=office_id)
    requesters = {r.staff_id for r in rows}
    people = [m for m in staff.all(office_id) if m.status != StaffStatus.LEFT or m.id in requesters]
    requests = [RequestedCourse(r.staff_id, r.request.course_code, r.request.uid) for r in rows]
    return office_findings(
        people,
        requests,
        staff.trainings_of({m.id for m in people if m.id is not None}),
        CatalogueRepository(database).course_map(),
        today or dt.date.today(),
        training_gap_years(database),
    )

"""The audit trail as a read-only table, a page of entries at a time (AuditRepository pages in
SQL; the view asks for more as it scrolls)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hrdesk.domain import assessment, enums, plan, rules
from hrdesk.i18n import N_, _, format_date, format_datetime
from hrdesk.store.audit import AuditEntry, AuditKind, AuditRepository, kind_label
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from ui.models.paged_model import PagedEntriesModel

WHEN, WHO, KIND, RECORD, CHANGES = range(5)
COLUMN_COUNT = 5
PAGE_SIZE = 200

HEADERS = {
    WHEN: N_("When"),
    WHO: N_("Who"),
    KIND: N_("Change"),
    RECORD: N_("Record"),
    CHANGES: N_("Old and new values"),
}

# What each audited table holds, as the user calls it.
RECORD_KINDS = {
    "staff": N_("person"),
    "education": N_("education"),
    "training": N_("training"),
    "settings": N_("setting"),
    "offices": N_("office"),
    "units": N_("unit"),
    "assessments": N_("needs assessment"),
    "ratings": N_("competency rating"),
    "answers": N_("assessment answer"),
    "requests": N_("course request"),
    "plans": N_("training plan"),
    "plan_entries": N_("plan line"),
    "office_keys": N_("office key"),
    "expected_offices": N_("expected office"),
    "packet_acceptances": N_("packet acceptance"),
    "catalogue": N_("course catalogue"),
    "": N_("database"),
}

# Column names beyond those the register's rules name already.
COLUMN_NAMES = {
    "level": N_("level"),
    "field": N_("field"),
    "institution": N_("institution"),
    "speciality": N_("speciality"),
    "graduation_year": N_("graduation year"),
    "course_title": N_("course"),
    "course_code": N_("course code"),
    "provider": N_("provider"),
    "start_date": N_("start"),
    "end_date": N_("end"),
    "hours": N_("hours"),
    "format": N_("format"),
    "funding": N_("funding"),
    "language": N_("language"),
    "certificate_no": N_("certificate no."),
    "fb_relevance": N_("feedback: relevance"),
    "fb_trainer": N_("feedback: trainer"),
    "fb_practice": N_("feedback: share of practice"),
    "fb_language_fit": N_("feedback: language fit"),
    "fb_overall": N_("feedback: overall"),
    "fb_comment": N_("feedback: comment"),
    "languages": N_("languages"),
    "name_ky": N_("name in Kyrgyz"),
    "name_ru": N_("name in Russian"),
    "head_name": N_("head"),
    "head_position": N_("head's position"),
    "head_position_ru": N_("head's position in Russian"),
    "hr_clerk_name": N_("HR clerk"),
    "status": N_("status"),
    "left_reason": N_("reason for leaving"),
    "value": N_("value"),
    "key": N_("setting"),
    "from": N_("backup"),
    "kept": N_("replaced database kept as"),
    "version": N_("version"),
    "cycle": N_("assessment cycle"),
    "deadline": N_("deadline"),
    "courses": N_("courses"),
    "competencies": N_("competencies"),
    # the assessment
    "question": N_("question"),
    "answer": N_("answer"),
    "preferred_format": N_("preferred format"),
    "preferred_language": N_("preferred language"),
    "preferred_season": N_("preferred season"),
    "obstacles_duties_other": N_("what hinders the duties (other)"),
    "obstacles_training_other": N_("what hinders training (other)"),
    "growth_needs_other": N_("what growth needs (other)"),
    "assessed_on": N_("assessed on"),
    "competency_code": N_("competency"),
    "importance": N_("importance"),
    "performance": N_("performance"),
    "priority": N_("priority"),
    "free_text": N_("course described in words"),
    "is_free_text": N_("outside the catalogue"),
    "endorsement": N_("endorsement"),
    "decline_reason": N_("reason for declining"),
    "endorsed_by": N_("endorsed by"),
    "endorsed_at": N_("endorsed at"),
    # the plan
    "year": N_("year"),
    "approved_by": N_("approved by"),
    "approved_on": N_("approved on"),
    "seats_per_course": N_("seats per course"),
    "max_hours": N_("limit of training hours"),
    "drafted_at": N_("drafted"),
    "skipped": N_("not placed in the plan"),
    "title": N_("course title"),
    "quarter": N_("quarter"),
    "priority_score": N_("priority score"),
    "manual": N_("added by hand"),
    "cancel_reason": N_("reason for cancelling"),
    "warnings": N_("warnings"),
    # offices, and MKK's records of them
    "code": N_("office code"),
    "office_code": N_("office code"),
    "type": N_("office type"),
    "oblast": N_("oblast"),
    "district": N_("district"),
    "parent_code": N_("parent office code"),
    "active": N_("expected"),
    "from_cycle": N_("from the cycle"),
    "until_cycle": N_("until the cycle"),
    "fingerprint": N_("key fingerprint"),
    "registered_at": N_("registered"),
    "pending_fingerprint": N_("new key accepted"),
    "pending_accepted_by": N_("new key accepted by"),
    "pending_accepted_at": N_("new key accepted at"),
    "packet_id": N_("packet"),
    "accepted_by": N_("accepted by"),
    "accepted_at": N_("accepted at"),
    "unlocked_by": N_("unlocked by"),
    "unlocked_at": N_("unlocked at"),
    "unlock_reason": N_("reason for unlocking"),
    "file_name": N_("file"),
    "sha256": N_("SHA-256 of the file"),
    "superseded_by": N_("replaced by the packet"),
    "received_at": N_("received"),
    "signer_fingerprint": N_("signer's key fingerprint"),
    "encrypted": N_("encrypted"),
    "counts": N_("record counts"),
}

# Labels of the operations that mark their changes (hrdesk.store.audit.operation).
OPERATIONS = {
    "staff_import": N_("import of a staff list"),
    "packet_import": N_("import of a packet"),
    "catalogue_import": N_("import of the course catalogue"),
    "restore": N_("restore from a backup"),
}


def operation_label(operation: str) -> str:
    return _(OPERATIONS[operation]) if operation in OPERATIONS else operation


# Keys and bookkeeping that say nothing to the clerk (the record column names the record).
# Keys, and what is kept up from other columns (the change of the column it comes from shows).
HIDDEN_COLUMNS = frozenset(
    {
        *("id", "uid", "staff_id", "office_id", "assessment_id", "plan_id", "training_id"),
        *("source_request_uid", "public_key", "created_at", "updated_at", "is_own", "position"),
        *("missing", "search", "sort_name"),
    }
)

# Coded columns whose values are shown with their labels.
CODED: dict[str, type[StrEnum]] = {
    "sex": enums.Sex,
    "service_type": enums.ServiceType,
    "position_category": enums.PositionCategory,
    "position_group": enums.PositionGroup,
    "status": enums.StaffStatus,
    "level": enums.EducationLevel,
    "field": enums.EducationField,
    "format": enums.TrainingFormat,
    "funding": enums.Funding,
    "language": enums.Language,
}


def column_label(column: str) -> str:
    if column in rules.FIELD_NAMES:
        return rules.field_label(column)
    return _(COLUMN_NAMES[column]) if column in COLUMN_NAMES else column


# Coded columns whose codes depend on the table (a status is a person's, an assessment's...).
CODED_IN: dict[tuple[str, str], tuple[type[StrEnum], Callable[[Any], str]]] = {
    ("assessments", "status"): (assessment.AssessmentStatus, assessment.label),
    ("assessments", "preferred_season"): (assessment.Season, assessment.label),
    ("requests", "endorsement"): (assessment.Endorsement, assessment.label),
    ("answers", "question"): (assessment.Question, lambda q: _(assessment.QUESTION_TEXTS[q])),
    ("plans", "status"): (plan.PlanStatus, plan.plan_label),
    ("plan_entries", "status"): (plan.EntryStatus, plan.plan_label),
    ("assessments", "preferred_format"): (enums.TrainingFormat, enums.label),
    ("assessments", "preferred_language"): (enums.Language, enums.label),
}
YES_NO = frozenset({"is_free_text", "manual", "encrypted", "active"})


def value_text(
    column: str,
    value: Any,
    unit_names: dict[int, str] | None = None,
    table: str = "",
    record: dict[str, Any] | None = None,
) -> str:
    """A value as the log shows it. table: where the column is; record: the other values of
    the same record (an answer's code is named by its question)."""
    if value is None or value == "":
        return "—"
    if column == "unit_id" and unit_names and value in unit_names:
        return unit_names[value]
    if column in YES_NO and value in (0, 1):
        return _("yes") if value else _("no")
    if table == "answers" and column == "answer" and record and "question" in record:
        try:
            return assessment.answer_label(assessment.Question(record["question"]), str(value))
        except ValueError:
            return str(value)
    coded, label = CODED_IN.get((table, column)) or (CODED.get(column), enums.label)
    if coded is not None and isinstance(value, str):
        try:
            return label(coded(value))
        except (ValueError, KeyError):
            pass
    if column.endswith("_at") and isinstance(value, str):
        try:
            return format_datetime(dt.datetime.fromisoformat(value).astimezone())
        except ValueError:
            pass
    if column.endswith(("_on", "_date")) and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


def record_kind_label(table: str) -> str:
    return _(RECORD_KINDS[table]) if table in RECORD_KINDS else table


def change_lines(entry: AuditEntry, unit_names: dict[int, str] | None = None) -> list[str]:
    """One line per changed column: "phone: — → 0555 123 456" (added and deleted records show
    only their values)."""
    lines = []
    for column in entry.changed_columns:
        if column in HIDDEN_COLUMNS and entry.kind != AuditKind.RESTORE:
            continue
        name = column_label(column)
        if entry.kind == AuditKind.UPDATE:
            lines.append(
                _("{column}: {old} → {new}").format(
                    column=name,
                    old=value_text(
                        column, entry.old.get(column), unit_names, entry.table, entry.old
                    ),
                    new=value_text(
                        column, entry.new.get(column), unit_names, entry.table, entry.new
                    ),
                )
            )
        else:
            values = entry.new if column in entry.new else entry.old
            if values[column] in (None, "", "[]"):
                continue  # an added or deleted record: only what it held
            lines.append(
                _("{column}: {value}").format(
                    column=name,
                    value=value_text(column, values[column], unit_names, entry.table, values),
                )
            )
    return lines


@dataclass(frozen=True)
class AuditFilter:
    person_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # that whole day included
    kind: AuditKind | None = None


class AuditModel(PagedEntriesModel):
    """Entries matching `audit_filter`, newest first. Nothing here can change the trail:
    no cell is editable and the repository only reads."""

    HEADERS = HEADERS
    CHANGES = CHANGES

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.repository = AuditRepository(database)
        self.staff = StaffRepository(database)
        self.offices = OfficeRepository(database)
        self._filter = AuditFilter()
        self._names: dict[int, str] = {}
        self.unit_names: dict[int, str] = {}
        self.reload()

    @property
    def audit_filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, audit_filter: AuditFilter) -> None:
        if audit_filter != self._filter:
            self._filter = audit_filter
            self.reload()

    def _query(self, offset: int) -> list[AuditEntry]:
        f = self._filter
        return self.repository.query(
            person_id=f.person_id,
            since=f.since,
            until=f.until,
            kind=f.kind,
            limit=PAGE_SIZE,
            offset=offset,
        )

    def reload(self) -> None:
        """Run the query again from the first page (the trail grows with every change)."""
        self.beginResetModel()
        f = self._filter
        self._total = self.repository.count(
            person_id=f.person_id, since=f.since, until=f.until, kind=f.kind
        )
        self._entries = self._query(0)
        self._names.clear()
        self._learn_names(self._entries)
        self.unit_names = self._unit_names()
        self.endResetModel()

    def person_name(self, staff_id: int | None) -> str:
        return self._names.get(staff_id, "") if staff_id is not None else ""

    def _unit_names(self) -> dict[int, str]:
        office = self.offices.own()
        if office is None or office.id is None:
            return {}
        return {u.id: u.name for u in self.offices.units(office.id) if u.id is not None}

    def _loaded(self, entries: list[AuditEntry]) -> None:
        self._learn_names(entries)

    def _learn_names(self, entries: list[AuditEntry]) -> None:
        wanted = {e.staff_id for e in entries if e.staff_id is not None} - set(self._names)
        for staff_id, row in self.staff.rows(wanted).items():
            self._names[staff_id] = row.member.full_name

    def change_lines(self, entry: AuditEntry) -> list[str]:
        return change_lines(entry, self.unit_names)

    def cell_text(self, entry: AuditEntry, column: int) -> str:
        if column == WHEN:
            return format_datetime(entry.at.astimezone())
        if column == WHO:
            return who_text(entry)
        if column == KIND:
            return _("{record}: {change}").format(
                record=record_kind_label(entry.table), change=kind_label(entry.kind)
            )
        if column == RECORD:
            return self.record_text(entry)
        return ""

    def record_text(self, entry: AuditEntry) -> str:
        name = self.person_name(entry.staff_id)
        if name:
            return name
        if entry.staff_id is not None:
            return _("person no. {id}").format(id=entry.staff_id)
        key = entry.record_key or (str(entry.record_id) if entry.record_id is not None else "")
        return key


def who_text(entry: AuditEntry) -> str:
    if entry.clerk and entry.os_user:
        return _("{clerk} ({user})").format(clerk=entry.clerk, user=entry.os_user)
    return entry.clerk or entry.os_user or "—"

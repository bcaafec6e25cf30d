"""The audit trail as a read-only table, a page of entries at a time (AuditRepository pages in
SQL; the view asks for more as it scrolls)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from hrdesk.domain import enums, rules
from hrdesk.i18n import N_, _, format_datetime
from hrdesk.store.audit import AuditEntry, AuditKind, AuditRepository, kind_label
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from ui.models.paged_model import PagedEntriesModel

WHEN, WHO, KIND, RECORD, CHANGES = range(5)
COLUMN_COUNT = 5
PAGE_SIZE = 200
# Changes shown in the table cell; the details pane shows them all.
CELL_CHANGES = 4

HEADERS = {
    WHEN: N_("When"),
    WHO: N_("Who"),
    KIND: N_("Change"),
    RECORD: N_("Record"),
    CHANGES: N_("Old and new values"),
}

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

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
HIDDEN_COLUMNS = frozenset(
    {"id", "uid", "staff_id", "office_id", "assessment_id", "created_at", "is_own", "position"}
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


def value_text(column: str, value: Any, unit_names: dict[int, str] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if column == "unit_id" and unit_names and value in unit_names:
        return unit_names[value]
    coded = CODED.get(column)
    if coded is not None and isinstance(value, str):
        try:
            return enums.label(coded(value))
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
                    old=value_text(column, entry.old.get(column), unit_names),
                    new=value_text(column, entry.new.get(column), unit_names),
                )
            )
        else:
            values = entry.new if column in entry.new else entry.old
            if values[column] in (None, "", "[]"):
                continue  # an added or deleted record: only what it held
            lines.append(
                _("{column}: {value}").format(
                    column=name, value=value_text(column, values[column], unit_names)
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

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == CHANGES:
            lines = change_lines(entry, self.unit_names)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(lines) or None
            shown = "; ".join(lines[:CELL_CHANGES])
            return shown + ("; …" if len(lines) > CELL_CHANGES else "")
        return self.cell_text(entry, column)

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

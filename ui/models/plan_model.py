"""The lines of one year's training plan as a table.

A plan has at most a few thousand lines, so the model holds them all (PlanEntry objects and the
people and courses they name), reloaded when a change touches the plan."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from hrdesk.domain.catalogue import Course
from hrdesk.domain.enums import label
from hrdesk.domain.models import StaffMember
from hrdesk.domain.plan import EntryStatus, Plan, PlanEntry, note_message, plan_label
from hrdesk.i18n import N_, _, current_language, format_number
from hrdesk.planning import ops
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository

(NUMBER, NAME, POSITION, GROUP, COURSE, HOURS, FORMAT, LANGUAGE, QUARTER, FUNDING, STATUS,
 WARNINGS) = range(12)
COLUMN_COUNT = 12

HEADERS = {
    NUMBER: N_("No."), NAME: N_("Full name"), POSITION: N_("Position"), GROUP: N_("Group"),
    COURSE: N_("Course"), HOURS: N_("Hours"), FORMAT: N_("Format"), LANGUAGE: N_("Language"),
    QUARTER: N_("Quarter"), FUNDING: N_("Funding"), STATUS: N_("Status"),
    WARNINGS: N_("Warnings"),
}

WARNING_MARK = "⚠"
Index = QModelIndex | QPersistentModelIndex


class PlanModel(QAbstractTableModel):
    def __init__(self, database: Database, year: int) -> None:
        super().__init__()
        self.database = database
        self.year = year
        self.plan: Plan | None = None
        self.entries: list[PlanEntry] = []
        self.people: dict[int, StaffMember] = {}
        self.courses: dict[str, Course] = {}
        self.reload()

    # --- data -------------------------------------------------------------------------------

    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.plan = ops.plan_for(self.database, self.year)
        self.entries = (PlanRepository(self.database).entries(self.plan.id)
                        if self.plan is not None and self.plan.id is not None else [])
        wanted = {e.staff_id for e in self.entries}
        self.people = {m.id: m for m in StaffRepository(self.database).all()
                       if m.id in wanted and m.id is not None}
        self.courses = CatalogueRepository(self.database).course_map()
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.entries) - 1, COLUMN_COUNT - 1))

    def entry(self, row: int) -> PlanEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, uid: str) -> int | None:
        return next((i for i, e in enumerate(self.entries) if e.uid == uid), None)

    def course_title(self, entry: PlanEntry) -> str:
        course = self.courses.get(entry.course_code) if entry.course_code else None
        if course is not None:
            return course.title.get(current_language())
        return entry.title or entry.course_code

    def person_name(self, entry: PlanEntry) -> str:
        member = self.people.get(entry.staff_id)
        return member.full_name if member is not None else ""

    def hours_total(self) -> int:
        return sum(e.hours for e in self.entries if e.status != EntryStatus.CANCELLED)

    def people_count(self) -> int:
        return len({e.staff_id for e in self.entries if e.status != EntryStatus.CANCELLED})

    # --- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, HOURS, QUARTER):
            flag = Qt.AlignmentFlag
            align = flag.AlignHCenter if column == QUARTER else flag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and entry.status == EntryStatus.CANCELLED:
            palette = QApplication.palette()
            return QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return None

    def _text(self, entry: PlanEntry, column: int) -> str:
        member = self.people.get(entry.staff_id)
        if column == NUMBER:
            return str(entry.position)
        if column == NAME:
            return member.full_name if member else ""
        if column == POSITION:
            return member.position_title if member else ""
        if column == GROUP:
            return label(member.position_group) if member else ""
        if column == COURSE:
            return self.course_title(entry)
        if column == HOURS:
            return format_number(entry.hours) if entry.hours else ""
        if column == FORMAT:
            return label(entry.format)
        if column == LANGUAGE:
            return label(entry.language)
        if column == QUARTER:
            return str(entry.quarter)
        if column == FUNDING:
            return label(entry.funding)
        if column == STATUS:
            return plan_label(entry.status)
        if column == WARNINGS and entry.warnings:
            first = note_message(entry.warnings[0])
            more = len(entry.warnings) - 1
            return f"{WARNING_MARK} {first}" + (f" (+{more})" if more else "")
        return ""

    def _tooltip(self, entry: PlanEntry, column: int) -> str | None:
        if column == WARNINGS and entry.warnings:
            return "\n".join(note_message(w) for w in entry.warnings)
        if column == STATUS and entry.status == EntryStatus.CANCELLED and entry.cancel_reason:
            return _("Cancelled: {reason}").format(reason=entry.cancel_reason)
        if column == COURSE:
            return self.course_title(entry)
        return None

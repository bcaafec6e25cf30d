"""The course catalogue as a table. The catalogue is a few dozen courses, so the model holds
them all; the search runs in SQL (CatalogueRepository.courses(text=...))."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.domain.catalogue import Course
from hrdesk.domain.enums import label
from hrdesk.i18n import N_, _, format_number, ngettext
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database

CODE, TITLE, HOURS, FORMAT, LANGUAGES, TARGETS, COMPETENCIES, REPEAT = range(8)
COLUMN_COUNT = 8

HEADERS = {
    CODE: N_("Code"),
    TITLE: N_("Course"),
    HOURS: N_("Hours"),
    FORMAT: N_("Format"),
    LANGUAGES: N_("Languages"),
    TARGETS: N_("Meant for"),
    COMPETENCIES: N_("Competencies"),
    REPEAT: N_("Repeat after"),
}

COURSE_CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def course_targets(course: Course) -> str:
    """Service types, categories and groups the course is meant for, or "everyone"."""
    parts = [label(x) for x in (*course.service_types, *course.categories, *course.groups)]
    return ", ".join(parts) if parts else _("everyone")


def repeat_text(years: int) -> str:
    if years <= 0:
        return _("any time")
    return ngettext("{count} year", "{count} years", years).format(count=years)


class CatalogueModel(QAbstractTableModel):
    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.repository = CatalogueRepository(database)
        self._text = ""
        self._courses: list[Course] = []
        self._competency_titles: dict[str, object] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._courses = self.repository.courses(text=self._text)
        self._competency_titles = {
            c.code: c.title for c in self.repository.competencies(include_inactive=True)
        }
        self.endResetModel()

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.reload()

    def course(self, row: int) -> Course | None:
        return self._courses[row] if 0 <= row < len(self._courses) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._courses:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._courses) - 1, COLUMN_COUNT - 1)
            )

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._courses)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return _(HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        course = self.course(index.row()) if index.isValid() else None
        if course is None:
            return None
        if role == COURSE_CODE_ROLE:
            return course.code
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (HOURS,):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text_of(course, index.column()) or None
        return None

    def _text_of(self, course: Course, column: int) -> str:
        if column == CODE:
            return course.code
        if column == TITLE:
            return course.title.get()
        if column == HOURS:
            return format_number(course.hours)
        if column == FORMAT:
            return label(course.format)
        if column == LANGUAGES:
            return ", ".join(label(x) for x in course.languages)
        if column == TARGETS:
            return course_targets(course)
        if column == COMPETENCIES:
            titles = [self._competency_titles.get(code) for code in course.competencies]
            return "; ".join(
                t.get() if t is not None else code  # type: ignore[attr-defined]
                for t, code in zip(titles, course.competencies, strict=True)
            )
        if column == REPEAT:
            return repeat_text(course.repeat_years)
        return ""

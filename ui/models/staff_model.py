"""The staff register table. Holds only the ids of the current query and fetches the rows it
shows on demand, a window at a time, into a small cache; filtering and sorting run in SQL
(StaffRepository.ids). So 50,000 people cost a list of ints, not 50,000 objects."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from hrdesk.changes import Changes
from hrdesk.domain import rules
from hrdesk.domain.enums import StaffStatus, label
from hrdesk.i18n import N_, _, format_date, format_years_months
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffQuery, StaffRepository, StaffRow

# Columns, in order.
(
    NAME,
    PIN,
    SEX,
    BIRTH_DATE,
    UNIT,
    POSITION,
    GROUP,
    SERVICE_TYPE,
    TENURE,
    SERVICE_LENGTH,
    STATUS,
    MISSING,
) = range(12)
COLUMN_COUNT = 12

HEADERS = {
    NAME: N_("Full name"),
    PIN: N_("PIN"),
    SEX: N_("Sex"),
    BIRTH_DATE: N_("Date of birth"),
    UNIT: N_("Unit"),
    POSITION: N_("Position"),
    GROUP: N_("Group"),
    SERVICE_TYPE: N_("Service type"),
    TENURE: N_("Tenure in position"),
    SERVICE_LENGTH: N_("Length of service"),
    STATUS: N_("Status"),
    MISSING: N_("Missing"),
}

# Column -> (sort key of StaffRepository.SORT_EXPRESSIONS, ascending means descending dates).
# Longer tenure is an earlier date, so tenure and length of service sort the date backwards.
SORT_KEYS: dict[int, tuple[str, bool]] = {
    NAME: ("name", False),
    PIN: ("pin", False),
    SEX: ("sex", False),
    BIRTH_DATE: ("birth_date", False),
    UNIT: ("unit", False),
    POSITION: ("position", False),
    GROUP: ("position_group", False),
    SERVICE_TYPE: ("service_type", False),
    TENURE: ("appointed_on", True),
    SERVICE_LENGTH: ("service_started_on", True),
    STATUS: ("status", False),
    MISSING: ("missing", False),
}

# Rows fetched around the one asked for, and how many rows the cache keeps.
FETCH_WINDOW = 80
CACHE_SIZE = 3000

STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# The view asks for a dozen roles per cell on every repaint; these are looked up once here, as
# enum attribute lookups and enum arithmetic per call cost a third of a filter keystroke.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_SHOWN_ROLES = frozenset({int(_DISPLAY), int(_TOOLTIP), int(_FOREGROUND), int(_DECORATION)})
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class StaffModel(QAbstractTableModel):
    def __init__(self, database: Database, query: StaffQuery | None = None, parent=None) -> None:
        super().__init__(parent)
        self.repository = StaffRepository(database)
        self._query = query or StaffQuery()
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        # id -> (StaffRow, display texts); display texts depend on the language.
        self._cache: OrderedDict[int, tuple[StaffRow, list[str]]] = OrderedDict()
        self._today = dt.date.today()
        self._icon: QIcon | None = None
        self._durations: dict[tuple[int, int], str] = {}
        self._dates: dict[dt.date, str] = {}
        self.reload()

    # --- query ------------------------------------------------------------------------------

    @property
    def query(self) -> StaffQuery:
        return self._query

    def set_query(self, query: StaffQuery) -> None:
        """Show what `query` selects (filter text, filters, order)."""
        self._query = query
        self.reload()

    def set_text(self, text: str) -> None:
        if text != self._query.text:
            self.set_query(replace(self._query, text=text))

    def reload(self) -> None:
        """Re-run the id query; row contents are fetched again as they are shown."""
        self.beginResetModel()
        self._ids = self.repository.ids(self._query)
        self._row_of = None
        self._cache.clear()
        self._today = dt.date.today()
        self.endResetModel()

    def staff_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, staff_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {sid: row for row, sid in enumerate(self._ids)}
        return self._row_of.get(staff_id)

    def refresh(self, changes: Changes) -> None:
        """Update what `changes` touched: re-query when people were added, else just their rows."""
        if changes.staff_added or changes.units:
            self.reload()
            return
        for staff_id in changes.staff_ids:
            self._cache.pop(staff_id, None)
            row = self.row_of(staff_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def retranslate(self) -> None:
        """The language changed: headers and every formatted cell."""
        self._cache.clear()
        self._durations.clear()
        self._dates.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1)
            )

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return _(HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole and section == MISSING:
                return _("What a complete record still lacks")
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _CELL_FLAGS

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role not in _SHOWN_ROLES and role != STAFF_ID_ROLE:
            return None
        at = index.row()
        if not index.isValid() or not 0 <= at < len(self._ids):
            return None
        if role == STAFF_ID_ROLE:
            return self._ids[at]
        column = index.column()
        entry = self._entry(at)
        if entry is None:
            return None
        row, texts = entry
        if role == _DISPLAY:
            return texts[column]
        if role == _FOREGROUND:
            if row.member.status == StaffStatus.LEFT:
                return QBrush(
                    QApplication.palette().color(
                        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                    )
                )
            return None
        if role == _TOOLTIP and column != MISSING:
            return texts[column] or None  # the whole text of a cell too narrow for it
        if column != MISSING or not row.missing:
            return None
        if role == _DECORATION:
            return self._missing_icon()
        return _("Missing: {fields}").format(
            fields=", ".join(rules.field_label(f) for f in row.missing)
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        key, backwards = SORT_KEYS[column]
        descending = (order == Qt.SortOrder.DescendingOrder) != backwards
        if (key, descending) == (self._query.sort, self._query.descending):
            return  # the view asks again when sorting is switched on: the ids are in order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self.staff_id(i.row()), i.column()) for i in before]
        self._query = replace(self._query, sort=key, descending=descending)
        self._ids = self.repository.ids(self._query)
        self._row_of = None
        after = []
        for staff_id, column in kept:
            row = self.row_of(staff_id) if staff_id is not None else None
            after.append(self.index(row, column) if row is not None else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- rows on demand ---------------------------------------------------------------------

    def _entry(self, row: int) -> tuple[StaffRow, list[str]] | None:
        staff_id = self._ids[row]
        entry = self._cache.get(staff_id)
        if entry is None:
            self._fetch_around(row)
            entry = self._cache.get(staff_id)
        return entry

    def _fetch_around(self, row: int) -> None:
        start = max(0, row - FETCH_WINDOW // 4)
        wanted = [i for i in self._ids[start : start + FETCH_WINDOW] if i not in self._cache]
        for staff_id, found in self.repository.rows(wanted).items():
            self._cache[staff_id] = (found, self._texts(found))
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _texts(self, row: StaffRow) -> list[str]:
        m = row.member
        tenure = rules.tenure(m, self._today)
        service = rules.length_of_service(m, self._today)
        texts = [""] * COLUMN_COUNT
        texts[NAME] = m.full_name
        texts[PIN] = m.pin
        texts[SEX] = label(m.sex)
        texts[BIRTH_DATE] = self._date(m.birth_date)
        texts[UNIT] = row.unit_name
        texts[POSITION] = m.position_title
        texts[GROUP] = label(m.position_group)
        texts[SERVICE_TYPE] = label(m.service_type)
        texts[TENURE] = self._years_months(tenure)
        texts[SERVICE_LENGTH] = self._years_months(service)
        texts[STATUS] = label(m.status)
        texts[MISSING] = str(len(row.missing)) if row.missing else ""
        return texts

    def _years_months(self, value: tuple[int, int] | None) -> str:
        # babel's unit formatting is slow and there are only a few hundred distinct values.
        if value is None:
            return ""
        text = self._durations.get(value)
        if text is None:
            text = self._durations[value] = format_years_months(*value)
        return text

    def _date(self, value: dt.date | None) -> str:
        # babel's date formatting costs about as much as the rest of a row; birth dates repeat.
        if value is None:
            return ""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = format_date(value)
        return text

    def _missing_icon(self) -> QIcon:
        if self._icon is None:
            self._icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._icon

    # --- for the status bar -----------------------------------------------------------------

    def totals(self) -> tuple[int, int]:
        """(people in the register, active people whose record is incomplete)."""
        office_id = self._query.office_id
        return self.repository.count(office_id), self.repository.count_incomplete(office_id)

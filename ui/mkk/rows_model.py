"""A read-only table of aggregate rows (a few hundred at most) with named columns: values are
kept as they are (numbers stay numbers, for sorting and XLSX) and formatted only for display."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.i18n import _, format_datetime, format_number, format_percent

TEXT, INTEGER, DECIMAL, PERCENT = "text", "integer", "decimal", "percent"
DATETIME = "datetime"  # an aware datetime, shown in its own time zone
YEAR = "year"  # a number shown as it is: 2027, not "2 027"
RAW_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str  # marked with N_(); translated when shown
    kind: str = TEXT
    # Some titles take a value ("MWDS: {oblast}"); the owner passes it already translated.
    title_args: tuple[tuple[str, str], ...] = ()

    def header(self) -> str:
        text = _(self.title)
        return text.format(**dict(self.title_args)) if self.title_args else text


def display(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == YEAR:
        return str(value)
    if kind == INTEGER:
        return format_number(value)
    if kind == DECIMAL:
        return format_number(value, 2)
    if kind == PERCENT:
        return format_percent(value)
    if kind == DATETIME:
        return format_datetime(value)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Rows of plain values; set_rows() replaces them, sort() sorts the values themselves."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[tuple] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_rows(
        self, rows: Sequence[Sequence[Any]], columns: Sequence[Column] | None = None
    ) -> None:
        self.beginResetModel()
        if columns is not None:
            self.columns = list(columns)
        self.rows = [tuple(r) for r in rows]
        if self._sorted is not None and self._sorted[0] < len(self.columns):
            self._sort_rows(*self._sorted)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        kind = self.columns[index.column()].kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(value, kind)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sorted = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key: Callable[[tuple], tuple] = lambda row: (  # noqa: E731
            row[column] is None,
            row[column] if not isinstance(row[column], str) else row[column].casefold(),
        )
        numbers = [r for r in self.rows if not isinstance(r[column], str)]
        texts = [r for r in self.rows if isinstance(r[column], str)]
        # Numbers and texts never meet in one column, except None, sorted last either way.
        if texts and numbers and any(r[column] is not None for r in numbers):
            key = lambda row: str(row[column])  # noqa: E731
        reverse = order == Qt.SortOrder.DescendingOrder
        present = [r for r in self.rows if r[column] is not None]
        missing = [r for r in self.rows if r[column] is None]
        self.rows = sorted(present, key=key, reverse=reverse) + missing

    def headers(self) -> list[str]:
        return [c.header() for c in self.columns]

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

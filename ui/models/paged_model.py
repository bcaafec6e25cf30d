"""A read-only table of entries read a page at a time: the repository pages in SQL and the view
asks for more as it scrolls. The changes log and MKK's view of the offices' logs share it, and
how a change's old and new values show in a cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.i18n import _

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry of a row
CELL_CHANGES = 4  # changes shown in the cell; the details pane shows them all


class PagedEntriesModel(QAbstractTableModel):
    """Subclasses set HEADERS (column -> N_ text) and CHANGES (the column of old and new
    values), fill `_entries` and `_total` in reload(), and give `_query(offset)` (one page),
    `change_lines(entry)` and `cell_text(entry, column)`. Nothing here can change an entry."""

    HEADERS: dict[int, str] = {}
    CHANGES = -1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[Any] = []
        self._total = 0

    def _query(self, offset: int) -> list[Any]:
        raise NotImplementedError

    def _loaded(self, entries: list[Any]) -> None:
        """Called with each further page before it is shown (e.g. to look up names)."""

    def change_lines(self, entry: Any) -> list[str]:
        raise NotImplementedError

    def cell_text(self, entry: Any, column: int) -> str:
        raise NotImplementedError

    @property
    def total(self) -> int:
        """Entries that match the filter, loaded or not."""
        return self._total

    def entry(self, row: int) -> Any:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def retranslate(self) -> None:
        columns = len(self.HEADERS)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, columns - 1))

    # --- paging -----------------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._entries) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self.canFetchMore():
            return
        more = self._query(len(self._entries))
        if not more:
            self._total = len(self._entries)  # fewer than counted (the data changed); stop here
            return
        self._loaded(more)
        start = len(self._entries)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._entries += more
        self.endInsertRows()

    # --- Qt model ---------------------------------------------------------------------------

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
        if index.column() == self.CHANGES:
            lines = self.change_lines(entry)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(lines) or None
            shown = "; ".join(lines[:CELL_CHANGES])
            return shown + ("; …" if len(lines) > CELL_CHANGES else "")
        return self.cell_text(entry, index.column())

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section in self.HEADERS
        ):
            return _(self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

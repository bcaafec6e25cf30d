"""A read-only table of entries read a page at a time: the repository pages in SQL and the view
asks for more as it scrolls. The changes log and MKK's view of the offices' logs share it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.i18n import _


class PagedEntriesModel(QAbstractTableModel):
    """Subclasses set HEADERS (column -> N_ text), fill `_entries` and `_total` in reload(),
    and give `_query(offset)` (one page) and data(). Nothing here can change an entry."""

    HEADERS: dict[int, str] = {}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[Any] = []
        self._total = 0

    def _query(self, offset: int) -> list[Any]:
        raise NotImplementedError

    def _loaded(self, entries: list[Any]) -> None:
        """Called with each further page before it is shown (e.g. to look up names)."""

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
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._entries) - 1, columns - 1)
            )

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

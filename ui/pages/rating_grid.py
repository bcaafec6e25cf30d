"""The keyboard-first grid of competency ratings: type 1–5 to rate the focused cell and move
on (importance, then performance, then the next competency); arrows move; 0, Delete or
Backspace clears. The cursor stays on the two rating columns."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from ui.models import rating_model
from ui.models.rating_model import RatingModel

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}
_CLEAR = {Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}


class RatingGrid(QTableView):
    """`completed()` when the last cell was rated by key (the page moves focus on)."""

    completed = Signal()

    def __init__(self, model: RatingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(rating_model.COMPETENCY, QHeaderView.ResizeMode.Stretch)
        for column in (rating_model.IMPORTANCE, rating_model.PERFORMANCE, rating_model.GAP):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Tall enough for every competency: the page scrolls, not the grid.
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        model.modelReset.connect(self.start)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Room for the rating columns and a readable competency column: the page's other
        # column must give way rather than squeeze the ratings to nothing.
        header = self.horizontalHeader()
        width = sum(
            header.sectionSizeHint(c)
            for c in (rating_model.IMPORTANCE, rating_model.PERFORMANCE, rating_model.GAP)
        )
        width += self.fontMetrics().horizontalAdvance("M") * 14 + 2 * self.frameWidth()
        return QSize(width, super().minimumSizeHint().height())

    def rating_model(self) -> RatingModel:
        return self.model()  # type: ignore[return-value]

    def start(self) -> None:
        """Put the cursor on the first importance cell."""
        if self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, rating_model.IMPORTANCE))

    def focusInEvent(self, event) -> None:  # noqa: N802
        if not self.currentIndex().isValid():
            self.start()
        super().focusInEvent(event)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:  # noqa: N802
        index = super().moveCursor(action, modifiers)
        if not index.isValid():
            return index
        column = min(max(index.column(), rating_model.IMPORTANCE), rating_model.PERFORMANCE)
        return self.model().index(index.row(), column)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        plain = not (
            event.modifiers()
            & ~Qt.KeyboardModifier.KeypadModifier
            & ~Qt.KeyboardModifier.ShiftModifier
        )
        if plain and (key in _DIGITS or key in _CLEAR):
            index = self.currentIndex()
            if not index.isValid():
                self.start()
                index = self.currentIndex()
            if not index.isValid():
                return
            if index.column() not in rating_model.RATING_COLUMNS:
                index = self.model().index(index.row(), rating_model.IMPORTANCE)
            if key in _CLEAR:
                self.model().setData(index, None)
                return
            self.model().setData(index, _DIGITS[key])
            self._advance(index)
            return
        super().keyPressEvent(event)

    def _advance(self, index: QModelIndex) -> None:
        if index.column() == rating_model.IMPORTANCE:
            self.setCurrentIndex(self.model().index(index.row(), rating_model.PERFORMANCE))
        elif index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(index.row() + 1, rating_model.IMPORTANCE))
        else:
            self.completed.emit()

"""The competency ratings of one assessment: a row per competency, importance and performance
1–5 (or not yet answered), and the gap they give."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrdesk.domain.assessment import RATING_MAX, RATING_MIN, Rating, gap
from hrdesk.domain.catalogue import Competency
from hrdesk.i18n import N_, _

COMPETENCY, IMPORTANCE, PERFORMANCE, GAP = range(4)
COLUMN_COUNT = 4
RATING_COLUMNS = (IMPORTANCE, PERFORMANCE)

HEADERS = {
    COMPETENCY: N_("Competency"),
    IMPORTANCE: N_("Importance"),
    PERFORMANCE: N_("Performance"),
    GAP: N_("Gap"),
}
HEADER_TIPS = {
    IMPORTANCE: N_(
        "How important the competency is for the job: 1 (not important) to 5 (essential)"
    ),
    PERFORMANCE: N_("How well the person performs it today: 1 (poorly) to 5 (excellently)"),
    GAP: N_("Importance minus performance, where positive: the training need"),
}

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class RatingModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.competencies: list[Competency] = []
        self._values: list[list[int | None]] = []  # per row: [importance, performance]

    def set_competencies(self, competencies: list[Competency]) -> None:
        self.beginResetModel()
        self.competencies = list(competencies)
        self._values = [[None, None] for _c in self.competencies]
        self.endResetModel()

    def set_ratings(self, ratings: dict[str, Rating]) -> None:
        """Show these ratings; competencies without one are unanswered."""
        for row, competency in enumerate(self.competencies):
            rating = ratings.get(competency.code)
            self._values[row] = [rating.importance, rating.performance] if rating else [None, None]
        if self.competencies:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.competencies) - 1, COLUMN_COUNT - 1)
            )

    def ratings(self) -> dict[str, Rating]:
        """The answered ratings (an unanswered competency is left out)."""
        return {
            c.code: Rating(c.code, values[0], values[1])
            for c, values in zip(self.competencies, self._values, strict=True)
            if values[0] is not None or values[1] is not None
        }

    def rating(self, row: int, column: int) -> int | None:
        return self._values[row][column - IMPORTANCE] if column in RATING_COLUMNS else None

    def answered(self) -> int:
        """Competencies with both ratings."""
        return sum(1 for v in self._values if v[0] is not None and v[1] is not None)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.competencies:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.competencies) - 1, COLUMN_COUNT - 1)
            )

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.competencies)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in HEADER_TIPS:
            return _(HEADER_TIPS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in RATING_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.competencies):
            return None
        row, column = index.row(), index.column()
        competency = self.competencies[row]
        if column == COMPETENCY:
            if role == _DISPLAY:
                return competency.title.get()
            if role == Qt.ItemDataRole.ToolTipRole:
                return competency.description.get() or competency.title.get()
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        importance, performance = self._values[row]
        if column == GAP:
            if role == _DISPLAY and importance is not None and performance is not None:
                return str(gap(importance, performance))
            return None
        value = self._values[row][column - IMPORTANCE]
        if role == _EDIT:
            return value
        if role == _DISPLAY:
            return str(value) if value is not None else "·"
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = _EDIT) -> bool:  # noqa: N802
        if role != _EDIT or not index.isValid() or index.column() not in RATING_COLUMNS:
            return False
        if value is not None and (
            not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX
        ):
            return False
        row = index.row()
        if self._values[row][index.column() - IMPORTANCE] == value:
            return True
        self._values[row][index.column() - IMPORTANCE] = value
        self.dataChanged.emit(self.index(row, IMPORTANCE), self.index(row, GAP))
        return True

"""Tables of the import preview: the refused rows, and the conflicts the clerk decides."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from hrdesk.i18n import N_, _
from hrdesk.importing import ConflictDecision, RowError, RowOutcome
from ui.models.list_model import ListTableModel

_Index = QModelIndex | QPersistentModelIndex

DECISION_LABELS = {
    ConflictDecision.SKIP: N_("skip this row"),
    ConflictDecision.ADD: N_("import as a new person"),
    ConflictDecision.UPDATE: N_("update the person holding the PIN"),
}


class RowErrorsModel(ListTableModel):
    ROW, COLUMN, MESSAGE = range(3)
    HEADERS = (N_("Row"), N_("Column"), N_("Reason"))

    def __init__(self, errors: list[RowError] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(errors or [])

    def set_errors(self, errors: list[RowError]) -> None:
        self.set_rows(list(errors))

    def text(self, row: RowError, column: int) -> str:
        return (str(row.row), row.column, row.message)[column]


class ConflictsModel(ListTableModel):
    """Conflict rows with the clerk's decision (editable in the DECISION column)."""

    ROW, IN_FILE, PIN, HELD_BY, DECISION = range(5)
    HEADERS = (N_("Row"), N_("Name in the file"), N_("PIN"), N_("PIN recorded for"), N_("Decision"))

    def __init__(
        self, conflicts: list[RowOutcome] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rows: list[RowOutcome] = []
        self.decisions: dict[int, ConflictDecision] = {}
        self.set_conflicts(conflicts or [])

    def set_conflicts(self, conflicts: list[RowOutcome]) -> None:
        self.decisions = {c.row: ConflictDecision.SKIP for c in conflicts}
        self.set_rows(list(conflicts))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DECISION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == self.DECISION:
            return self.decisions[c.row].value
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.ROW:
            return str(c.row)
        if col == self.IN_FILE:
            return c.member.full_name if c.member else ""
        if col == self.PIN:
            return c.member.pin if c.member else ""
        if col == self.HELD_BY:
            return c.existing.full_name if c.existing else ""
        return _(DECISION_LABELS[self.decisions[c.row]])

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (
            not index.isValid()
            or index.column() != self.DECISION
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        try:
            decision = ConflictDecision(value)
        except ValueError:
            return False
        self.decisions[self.rows[index.row()].row] = decision
        self.dataChanged.emit(index, index)
        return True


class DecisionDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: Any, index: _Index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for decision, source in DECISION_LABELS.items():
            combo.addItem(_(source), decision.value)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

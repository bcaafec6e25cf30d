"""What the office's changes log and MKK's trail of an office share: the choice of a kind of
change, and the changes one a row over every value the current one changed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from hrdesk.i18n import _
from hrdesk.store.audit import AuditKind, kind_label
from ui.widgets.row_table import row_table


class ChangeKindCombo(QComboBox):
    """All changes, or one kind of change; the choice stays through a change of language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not as wide as its longest kind: that made the window wider than a 1,024-pixel
        # screen in Kyrgyz; the popup still shows each kind whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def kind(self) -> AuditKind | None:
        return self.currentData()

    def retranslate(self) -> None:
        chosen = self.kind()
        self.blockSignals(True)
        self.clear()
        self.addItem(_("All changes"), None)
        for kind in AuditKind:
            self.addItem(kind_label(kind), kind)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen else 0)
        self.blockSignals(False)


class ChangesView(QSplitter):
    """The table of changes (`table`) over the details of the current one (`details`)."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        table = self.table = row_table(model)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.addWidget(table)
        self.addWidget(self.details)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)

    def retranslate(self) -> None:
        self.details.setPlaceholderText(_("Choose an entry to see every value it changed."))

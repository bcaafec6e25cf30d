"""A combo box of the opened assessment cycles, newest first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from hrdesk.i18n import _
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.database import Database


class CycleCombo(QComboBox):
    """`cycle_changed(year or None)` when the user or reload() changes the cycle shown."""

    cycle_changed = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._year: int | None = None
        self.currentIndexChanged.connect(self._changed)
        self.reload()

    def year(self) -> int | None:
        return self.currentData()

    def set_year(self, year: int | None) -> None:
        at = self.findData(year)
        if at >= 0:
            self.setCurrentIndex(at)

    def reload(self) -> None:
        """Read the cycles again, keeping the one shown (else the newest)."""
        keep = self.year()
        self.blockSignals(True)
        self.clear()
        for cycle in AssessmentRepository(self.database).cycles():
            self.addItem(str(cycle.year), cycle.year)
        if not self.count():
            self.addItem("", None)
        at = self.findData(keep) if keep is not None else -1
        self.setCurrentIndex(max(at, 0))
        self.blockSignals(False)
        self.retranslate()
        self._changed()

    def retranslate(self) -> None:
        if self.currentData() is None and self.count() == 1:
            # Short: the combo is as wide as this, beside other filters on a 1,024-pixel screen.
            self.setItemText(0, _("— no cycle —"))

    def _changed(self, _index: int = 0) -> None:
        if self.year() != self._year:
            self._year = self.year()
            self.cycle_changed.emit(self._year)

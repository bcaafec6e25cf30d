"""A 1–5 rating that may be left unanswered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from hrdesk.i18n import _


class RatingCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for score in range(1, 6):
            self.addItem(str(score), score)
        self.retranslate()

    def retranslate(self) -> None:
        self.setItemText(0, _("— no answer —"))

    def value(self) -> int | None:
        return self.currentData()

    def setValue(self, score: int | None) -> None:  # noqa: N802
        self.setCurrentIndex(max(self.findData(score), 0) if score is not None else 0)

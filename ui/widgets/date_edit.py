"""A date field that can be empty: a line edit for DD.MM.YYYY with a calendar popup.

QDateEdit cannot hold "no date", and an unknown date is common in a register that is filled in
over time, so this is a line edit that understands a few ways of typing a date.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from hrdesk.i18n import _, current_language

_DOTTED = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def parse_date(text: str) -> dt.date | None:
    """DD.MM.YYYY, D.M.YYYY, DDMMYYYY or YYYY-MM-DD; None when it is not a real date."""
    for pattern, order in ((_DOTTED, "dmy"), (_DIGITS, "dmy"), (_ISO, "ymd")):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()]
            day, month, year = parts if order == "dmy" else parts[::-1]
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


class DateEdit(QWidget):
    """date() is None when the field is empty; hasValidText() is False for text that is no date."""

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setMaxLength(10)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setFocusPolicy(self.button.focusPolicy().NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(lambda _text: self.dateChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.line.setPlaceholderText(_("DD.MM.YYYY"))
        self.button.setToolTip(_("Choose the date from a calendar"))

    def date(self) -> dt.date | None:
        return parse_date(self.line.text())

    def setDate(self, value: dt.date | None) -> None:  # noqa: N802 - Qt naming
        self.line.setText(value.strftime("%d.%m.%Y") if value else "")

    def isBlank(self) -> bool:  # noqa: N802
        return not self.line.text().strip()

    def hasValidText(self) -> bool:  # noqa: N802
        return self.isBlank() or self.date() is not None

    def text(self) -> str:
        return self.line.text()

    def _prepare_calendar(self) -> None:
        # Month and day names come from QLocale, not from the translators: the program's
        # language, not the system's (Qt knows Kyrgyz: "Март", "дүй.").
        self.calendar.setLocale(QLocale(current_language()))
        current = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, qdate: QDate) -> None:
        self.setDate(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()
        self.line.setFocus()


def date_problem_text() -> str:
    return _("Type the date as DD.MM.YYYY, for example 08.03.1985.")

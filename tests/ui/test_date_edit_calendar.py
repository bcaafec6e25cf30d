"""The date field's calendar names months and days in the program's language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

from hrdesk import i18n
from ui.widgets.date_edit import DateEdit


@pytest.mark.parametrize(("language", "march"), [("ky", "Март"), ("ru", "март"), ("en", "March")])
def test_calendar_follows_the_language(qtbot, language, march):
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(dt.date(2025, 3, 8))
    i18n.set_language(language)
    try:
        edit.button.menu().aboutToShow.emit()
    finally:
        i18n.set_language("en")
    locale = edit.calendar.locale()
    assert locale.language() == QLocale(language).language()
    assert locale.standaloneMonthName(3) == march
    assert edit.calendar.selectedDate().day() == 8

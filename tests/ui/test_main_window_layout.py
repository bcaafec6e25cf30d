"""The register's search and filters are not clipped, even in a language that runs long, at
the window's smallest width."""

from __future__ import annotations

import gettext

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk import i18n
from ui.main_window import MainWindow
from ui.session import open_session


class Lengthened(gettext.NullTranslations):
    """A pseudo-language: every text half as long again, as Kyrgyz and Russian run."""

    def gettext(self, message: str) -> str:
        return message + "·" * (len(message) // 2)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


@pytest.fixture
def long_language(monkeypatch):
    monkeypatch.setattr(i18n._state, "translations", Lengthened())


def test_filters_fit_at_the_smallest_width(qtbot, tmp_path, messages, long_language):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 5)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(window.minimumSizeHint().width(), 600)
    qtbot.wait(50)
    combo = window.unit
    assert combo.currentText().startswith("All units·")
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())
    assert window.search.width() >= window.fontMetrics().horizontalAdvance("M") * 20
    for box in (window.show_left, window.incomplete_only):
        assert box.width() >= box.sizeHint().width()
    assert window.minimumSizeHint().width() <= 1024  # an old office screen
    window.close()
    session.close()

"""What the main window does before its first paint: the register is queried once."""

from __future__ import annotations

from helpers.fixtures import fill_register, make_office_database

from hrdesk.store.staff import StaffQuery, StaffRepository
from ui.main_window import MainWindow
from ui.models import staff_model
from ui.session import open_session


def test_the_register_is_queried_once_at_start(qtbot, tmp_path, messages, monkeypatch):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 5)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    assert session is not None
    queries: list[StaffQuery] = []
    original = StaffRepository.ids

    def counted(self, query):
        queries.append(query)
        return original(self, query)

    monkeypatch.setattr(StaffRepository, "ids", counted)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The list itself once, and the count of incomplete records for the status bar once.
    assert len([q for q in queries if not q.incomplete_only]) == 1
    assert len(queries) == 2
    assert window.model.rowCount() == 5
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == staff_model.NAME
    window.close()
    session.close()

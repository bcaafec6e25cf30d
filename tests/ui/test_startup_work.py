"""What the main window does before its first paint: the register is queried once."""

from __future__ import annotations

from helpers.fixtures import fill_register, make_office_database

from hrdesk.changes import Changes
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
    # The list itself, once; the status bar's counts are counts, not lists.
    assert len(queries) == 1
    assert window.model.rowCount() == 5
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == staff_model.NAME
    window.close()
    session.close()


def test_status_bar_counts_everyone_and_the_incomplete(qtbot, tmp_path, messages):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 12, left=3)  # nobody has education: all incomplete
    repository = StaffRepository(database)
    expected = len(repository.ids(StaffQuery(include_left=False, incomplete_only=True)))
    assert repository.count_incomplete() == expected == 9
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    assert window.model.totals() == (12, 9)
    assert window.status_label.text() == "12 people, 12 shown, 9 incomplete"
    window.close()
    session.close()


def test_filtering_keeps_the_totals_and_a_change_recounts(qtbot, tmp_path, messages, monkeypatch):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 12, left=3)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    counted = []
    original = StaffRepository.count_incomplete
    monkeypatch.setattr(
        StaffRepository,
        "count_incomplete",
        lambda self, office_id=None: counted.append(1) or original(self, office_id),
    )
    window.search.setText("zzz")
    window.apply_filter()
    assert window.model.rowCount() == 0
    assert window.status_label.text() == "12 people, 0 shown, 9 incomplete"
    assert counted == []
    window.apply_changes(Changes(staff_ids={1}))
    assert counted == [1]
    window.close()
    session.close()

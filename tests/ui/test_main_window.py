from __future__ import annotations

import sqlite3

from helpers.fixtures import fill_register, make_office_database
from helpers.typing import type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from hrdesk.store.staff import StaffRepository
from ui import app as app_module
from ui.instance_lock import InstanceLock
from ui.main_window import MainWindow
from ui.models import staff_model
from ui.session import open_session


def _window(qtbot, tmp_path, messages, people=60, left=0):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, people, left=left, with_education=True)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    assert session is not None
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window, session


def _close(window, session):
    window.close()
    session.close()


def test_search_box_filters_as_you_type(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    assert window.model.rowCount() == 60
    member = StaffRepository(session.database).get(window.model.staff_id(5))
    type_text(window.search, member.pin[:12])
    qtbot.waitUntil(lambda: window.model.rowCount() < 60, timeout=2000)
    shown = [window.model.staff_id(r) for r in range(window.model.rowCount())]
    assert member.id in shown
    assert all(member.pin[:12] in StaffRepository(session.database).get(i).pin for i in shown)
    assert "shown" in window.status_label.text()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: window.model.rowCount() == 60, timeout=2000)
    _close(window, session)


def test_search_by_kyrgyz_name(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    type_text(window.search, "үсөн")
    qtbot.waitUntil(lambda: window.model.rowCount() < 60, timeout=2000)
    names = [
        window.model.data(window.model.index(r, staff_model.NAME))
        for r in range(window.model.rowCount())
    ]
    assert names and all("Үсөн" in n for n in names)
    _close(window, session)


def test_ctrl_f_focuses_search(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    _close(window, session)


def test_clicking_a_header_sorts_by_that_column(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(staff_model.PIN) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    pins = [
        window.model.data(window.model.index(r, staff_model.PIN))
        for r in range(window.model.rowCount())
    ]
    assert pins == sorted(pins) or pins == sorted(pins, reverse=True)
    assert window.model.query.sort == "pin"
    _close(window, session)


def test_filters_left_and_incomplete(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages, people=40, left=4)
    window.show_left.setChecked(False)
    assert window.model.rowCount() == 36
    window.incomplete_only.setChecked(True)
    incomplete = window.model.rowCount()
    assert 0 < incomplete < 36
    assert (
        f"{incomplete} incomplete" in window.status_label.text()
        or "incomplete" in window.status_label.text()
    )
    _close(window, session)


def test_locked_database_shows_message_and_exits(qtbot, tmp_path, messages):
    make_office_database(tmp_path / "office.sqlite3").close()
    with InstanceLock(tmp_path / "office.sqlite3") as other_copy:
        assert other_copy.acquire()
        code = app_module.run_gui(
            ["--db", str(tmp_path / "office.sqlite3"), "--lang", "en"], messages=messages
        )
    assert code == app_module.EXIT_FAILED
    assert messages.shown and messages.shown[0][0] == "error"
    assert "in use by another copy" in messages.shown[0][1]
    assert not QApplication.topLevelWidgets() or all(
        not w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_not_an_hrdesk_database_shows_message_and_exits(qtbot, tmp_path, messages):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    code = app_module.run_gui(["--db", str(other), "--lang", "en"], messages=messages)
    assert code == app_module.EXIT_FAILED
    assert messages.shown == [("error", f"The file {other} is not an hrdesk database.")]
    assert other.read_bytes() == before
    assert not (tmp_path / "other.sqlite3.lock").exists()


def test_the_program_has_its_icon(qtbot, tmp_path, messages):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    app_module.run_gui(["--db", str(other), "--lang", "en"], messages=messages)
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert not icon.pixmap(32, 32).toImage().isNull()


def test_text_file_is_not_an_hrdesk_database(qtbot, tmp_path, messages):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert (
        app_module.run_gui(["--db", str(other), "--lang", "en"], messages=messages)
        == app_module.EXIT_FAILED
    )
    assert "is not an hrdesk database" in messages.shown[0][1]


def test_window_state_is_remembered(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages, people=5)
    window.table.setColumnWidth(staff_model.PIN, 333)
    _close(window, session)
    session = open_session(tmp_path / "office.sqlite3", messages)
    again = MainWindow(session, messages)
    qtbot.addWidget(again)
    assert again.table.columnWidth(staff_model.PIN) == 333
    _close(again, session)

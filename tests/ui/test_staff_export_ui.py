"""Export of the register from the main window: a worker with a progress bar and Cancel."""

from __future__ import annotations

import csv
import threading

from helpers.fixtures import fill_register, make_office_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from hrdesk.exporting import staff_export
from ui.main_window import MainWindow
from ui.session import open_session


def _window(qtbot, tmp_path, messages, people=12):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, people)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    assert session is not None
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, session


def _wait_done(qtbot, window):
    qtbot.waitUntil(lambda: not window.export_runner.is_running(), timeout=10000)


def test_export_runs_in_a_worker_and_says_how_many(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    target = tmp_path / "out" / "staff.csv"
    window.start_export(target)
    _wait_done(qtbot, window)
    assert messages.shown == [("info", f"Exported 12 people to {target}.")]
    with target.open(encoding="utf-8-sig") as f:
        assert sum(1 for _ in csv.DictReader(f)) == 12
    window.close()
    session.close()


def test_bad_file_name_is_refused_and_nothing_written(qtbot, tmp_path, messages):
    window, session = _window(qtbot, tmp_path, messages)
    window.start_export(tmp_path / "staff.txt")
    _wait_done(qtbot, window)
    assert messages.shown == [("error", "Choose a file name ending in .xlsx or .csv: staff.txt")]
    assert list(tmp_path.glob("staff*")) == []
    window.close()
    session.close()


def test_cancel_shows_it_and_keeps_the_old_file(qtbot, tmp_path, messages, monkeypatch):
    window, session = _window(qtbot, tmp_path, messages)
    target = tmp_path / "staff.csv"
    target.write_text("the list of last year", encoding="utf-8")
    started = threading.Event()

    def slow_export(database, path, progress=None, cancel=None):
        # Stands for a long export: reports progress until the user cancels.
        started.set()
        done = 0
        while not cancel():
            progress(done % 100, 100)
            done += 1
            threading.Event().wait(0.01)
        raise staff_export.ExportCancelled

    monkeypatch.setattr(staff_export, "export_staff", slow_export)
    window.start_export(target)
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=5000
    )
    progress = next(d for d in window.findChildren(QProgressDialog) if d.isVisible())
    assert progress.maximum() == 100
    cancel_button = progress.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    _wait_done(qtbot, window)
    assert messages.shown == [("info", "Export cancelled. No file was written.")]
    assert target.read_text(encoding="utf-8") == "the list of last year"
    window.close()
    session.close()

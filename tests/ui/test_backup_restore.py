from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk import register
from hrdesk.paths import backup_dir
from hrdesk.store import backup
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository
from ui import app as app_module
from ui.auto_backup import AutomaticBackup
from ui.dialogs import check_dialog
from ui.dialogs.backup_dialog import BackupDialog
from ui.dialogs.restore_dialog import RestoreDialog


def _people(database: Database) -> list[tuple[int, str, str]]:
    return sorted((m.id, m.full_name, m.pin) for m in StaffRepository(database).all())


@pytest.fixture
def office_file(tmp_path) -> Path:
    path = tmp_path / "office.sqlite3"
    database = make_office_database(path)
    fill_register(database, 12, with_education=True)
    database.close()
    return path


@pytest.fixture
def desktop(qapp, messages, office_file):
    desktop = app_module.Desktop(messages)
    assert desktop.open(office_file)
    yield desktop
    if desktop.window is not None:
        desktop.window.close()
    desktop.close()


def test_back_up_now_writes_a_checked_copy_with_the_same_people(
    qtbot, office_database, messages, tmp_path
):
    fill_register(office_database, 15)
    usb = tmp_path / "usb stick"
    usb.mkdir()
    dialog = BackupDialog(office_database, messages)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(usb))
    dialog.file_name.setText("office-copy")
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=5000)

    target = usb / "office-copy.sqlite3"
    assert dialog.made.path == target and dialog.made.people == 15
    assert backup.verify(target) > 0
    with Database.open(target) as copy:
        assert _people(copy) == _people(office_database)
    assert messages.shown[-1][0] == "info" and "15 people" in messages.shown[-1][1]
    assert not list(usb.glob("*.part")) and not list(usb.glob("*.new"))


def test_back_up_now_to_a_missing_folder_says_so_and_writes_nothing(
    qtbot, office_database, messages, tmp_path
):
    dialog = BackupDialog(office_database, messages)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "no stick"))
    dialog.backup_button.click()
    assert "no stick" in dialog.problem.text() and "Folder" in dialog.problem.text()
    assert not dialog.runner.is_running() and dialog.made is None
    assert not (tmp_path / "no stick").exists()

    usb = tmp_path / "usb"
    usb.mkdir()
    dialog.folder.setText(str(usb))
    dialog.file_name.setText("sub/dir")
    dialog.backup_button.click()
    assert "File name" in dialog.problem.text()
    assert not dialog.runner.is_running() and list(usb.iterdir()) == []


def test_restore_from_the_list_brings_the_data_back_and_keeps_the_database_it_replaced(
    qtbot, desktop, messages
):
    database = desktop.session.database
    before = _people(database)
    made = backup.automatic(database)
    assert made is not None
    # Later work that the restore takes back: one person renamed, one added.
    member = StaffRepository(database).get(before[0][0])
    member.surname = "Жаңыбаев"
    register.save_staff(database, member)
    fill_register(database, 3, seed=7)
    assert _people(database) != before

    dialog = RestoreDialog(database, messages)
    qtbot.addWidget(dialog)
    assert dialog.list.topLevelItemCount() == 1
    assert dialog.list.topLevelItem(0).text(1) == "12"  # the people the backup holds
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    assert dialog.choose_selected()
    assert dialog.chosen == made.path
    assert any(kind == "confirm" for kind, _text in messages.shown)

    old_window = desktop.window
    old_window.restore_requested.emit(str(dialog.chosen))
    assert desktop.window is not old_window and desktop.window.isVisible()
    assert _people(desktop.session.database) == before
    assert "restored" in messages.shown[-1][1]

    kept = [b for b in backup.list_backups() if b.kind == backup.BEFORE_RESTORE]
    assert len(kept) == 1 and kept[0].people == 15
    # ... and it is offered for a restore that undoes this one.
    again = RestoreDialog(desktop.session.database, messages)
    qtbot.addWidget(again)
    assert kept[0].path in [b.path for b in again.backups]


def test_restore_from_a_file_that_is_no_backup_changes_nothing(qtbot, desktop, messages, tmp_path):
    database = desktop.session.database
    before = _people(database)
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("not a database")
    dialog = RestoreDialog(database, messages)
    qtbot.addWidget(dialog)
    assert not dialog.add_file(junk)
    assert messages.shown[-1][0] == "error" and "notes.sqlite3" in messages.shown[-1][1]
    assert dialog.chosen is None and not dialog.choose_selected()

    window = desktop.window
    assert not desktop.restore(junk)  # straight to the application: refused, data kept
    assert messages.shown[-1][0] == "error"
    assert desktop.window is not None and desktop.window is not window
    assert _people(desktop.session.database) == before
    assert not [b for b in backup.list_backups() if b.kind == backup.BEFORE_RESTORE]


def test_automatic_backup_runs_in_a_worker_once_a_day(qtbot, office_file, tmp_path):
    folder = tmp_path / "backups"
    auto = AutomaticBackup(office_file, folder=folder, first_after_ms=0)
    made = []
    auto.made.connect(made.append)
    auto.run_now()
    assert auto.is_running() or made  # the GUI thread did not wait for it
    qtbot.waitUntil(lambda: len(made) == 1, timeout=5000)
    assert made[0].kind == backup.AUTOMATIC and made[0].people == 12
    qtbot.waitUntil(lambda: not auto.is_running(), timeout=5000)
    auto.run_now()  # today's exists: nothing more
    qtbot.waitUntil(lambda: not auto.is_running(), timeout=5000)
    assert len(list(folder.glob("*.sqlite3"))) == 1
    auto.stop()
    assert not auto.timer.isActive()


def test_closing_the_program_makes_a_backup(qapp, messages, office_file):
    desktop = app_module.Desktop(messages)
    assert desktop.open(office_file)
    assert backup.list_backups() == []
    desktop.window.close()
    desktop.close()
    made = backup.list_backups()
    assert len(made) == 1 and made[0].kind == backup.AUTOMATIC and made[0].people == 12
    assert made[0].path.parent == backup_dir()


def test_check_database_reports_sound_or_lists_findings(
    qtbot, office_database, messages, monkeypatch
):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = check_dialog.run_check(office_database.path, messages, parent)
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=5000)
    assert messages.shown[-1][0] == "info" and "sound" in messages.shown[-1][1]
    del runner

    ids = fill_register(office_database, 2)
    pin = StaffRepository(office_database).get(ids[0]).pin
    office_database.execute("UPDATE staff SET pin = ? WHERE id = ?", (pin, ids[1]))
    shown = []

    def record(dialog):
        rows = [dialog.list.topLevelItem(r) for r in range(dialog.list.topLevelItemCount())]
        shown.append((dialog.summary.text(), [(r.text(0), r.text(1), r.text(2)) for r in rows]))
        return 0

    monkeypatch.setattr(check_dialog.CheckDialog, "exec", record)
    check_dialog.run_check(office_database.path, messages, parent)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    summary, rows = shown[0]
    assert summary.endswith(", 1 warning.")
    assert any(severity == "warning" and pin in where for severity, where, _problem in rows)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_backup_to_a_read_only_folder_is_a_clear_message(
    qtbot, office_database, messages, tmp_path
):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root")
        dialog = BackupDialog(office_database, messages)
        qtbot.addWidget(dialog)
        dialog.folder.setText(str(folder))
        dialog.backup_button.click()
        qtbot.waitUntil(lambda: any(k == "error" for k, _t in messages.shown), timeout=5000)
        assert dialog.made is None and list(folder.iterdir()) == []
        assert str(folder) in dialog.problem.text()
    finally:
        folder.chmod(0o700)


def test_backup_names_sort_by_time():
    # The list shows newest first by the time in the name.
    first = backup.backup_name(Path("x.sqlite3"), "manual", dt.datetime(2025, 1, 1, 9))
    later = backup.backup_name(Path("x.sqlite3"), "manual", dt.datetime(2025, 1, 1, 10))
    assert first < later


def test_file_menu_offers_backup_restore_and_check_and_the_changes_log_opens_for_a_person(
    qtbot, desktop
):
    window = desktop.window
    texts = [a.text() for a in window.file_menu.actions()]
    for wanted in ("&Back up now…", "&Restore from a backup…", "&Check database"):
        assert wanted in texts
    assert "Changes log" in [window.nav.item(r).text() for r in range(window.nav.count())]

    window.table.selectRow(3)
    staff_id = window.current_staff_id()
    window.audit_action.trigger()
    page = window.loaded_pages["AuditPage"]
    assert window.pages.currentWidget() is page
    assert page.model.audit_filter.person_id == staff_id
    assert page.model.rowCount() >= 1
    assert {page.model.entry(r).staff_id for r in range(page.model.rowCount())} == {staff_id}

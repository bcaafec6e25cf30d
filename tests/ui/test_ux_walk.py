"""Findings of the walk through the whole program as a user (fixed ones keep a test here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from hrdesk import register
from hrdesk.store.database import Database
from ui.main_window import MainWindow
from ui.session import open_session


def _mkk_window(qtbot, tmp_path: Path, messages) -> tuple[MainWindow, object]:
    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.close()
    session = open_session(tmp_path / "mkk.sqlite3", messages)
    assert session is not None
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, session


def test_mkk_window_offers_no_staff_register_tools(qtbot, tmp_path: Path, messages) -> None:
    """MKK has no office of its own: Add person, Units, Office… crashed with a traceback there."""
    window, session = _mkk_window(qtbot, tmp_path, messages)
    assert not window.staff_menu.menuAction().isVisible()
    assert not window.toolbar.isVisible()
    assert not window.toolbar.toggleViewAction().isVisible()
    assert not window.office_action.isVisible()
    assert not window.status_label.isVisible()
    opened: list[QDialog] = []
    QApplication.instance().focusChanged.connect(
        lambda _old, new: opened.append(new.window()) if new and new.window() is not window
        else None
    )
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not opened and messages.shown == []
    window.close()
    session.close()


def test_cycle_column_of_the_packets_shows_the_year_as_a_year(qtbot, messages) -> None:
    """It read "2 027" (a number with a thousands separator)."""
    from ui.mkk import import_panel
    from ui.mkk.rows_model import YEAR, RowsModel

    cycle = next(c for c in import_panel.COLUMNS if c.title == "Cycle")
    assert cycle.kind == YEAR
    model = RowsModel([cycle])
    model.set_rows([(2027,)])
    assert model.data(model.index(0, 0)) == "2027"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == 2027


def test_completeness_deadline_is_not_followed_by_two_full_stops(
    qtbot, tmp_path: Path, messages
) -> None:
    """"Мөөнөтү 2026-ж., 31-дек.. Күтүлгөн": the date's own dot and the sentence's."""
    from hrdesk.i18n import temporary_language
    from ui.mkk.completeness_panel import CompletenessPanel

    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.execute(
        "INSERT INTO cycles(year, deadline, opened_at) VALUES (2027, '2026-12-31', "
        "'2026-09-01T00:00:00+00:00')"
    )
    panel = CompletenessPanel(database, messages)
    qtbot.addWidget(panel)
    for language in ("ky", "ru", "en"):
        with temporary_language(language):
            panel.retranslate()
            assert panel.totals.text() and ".." not in panel.totals.text(), language
    database.close()


def test_import_columns_are_matched_to_register_fields_not_to_a_field_of_education(
    qtbot, tmp_path: Path, messages
) -> None:
    """The msgid "Field" is the field of education: ky "Тармагы", ru "Область" (an oblast)."""
    from helpers.fixtures import make_office_database

    from ui.dialogs.import_dialog import COLUMNS_PAGE, ImportDialog

    database = make_office_database(tmp_path / "office.sqlite3")
    path = tmp_path / "staff.csv"
    path.write_bytes("Фамилия;Имя;ПИН\r\nАсанов;Нурлан;21503198500123".encode("cp1251"))
    dialog = ImportDialog(database, messages)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.runner.succeeded, timeout=10000):
        dialog.next_step()
    assert dialog.pages.currentIndex() == COLUMNS_PAGE
    assert dialog.columns_table.horizontalHeaderItem(2).text() == "Register field"
    dialog.close()
    database.close()


def test_approve_dialog_is_tall_enough_for_its_wrapped_note(
    qtbot, tmp_path: Path, messages, qt_language
) -> None:
    """Sized with resize(480, 0), the dialog left its note on top of the date field."""
    from helpers.fixtures import make_office_database
    from PySide6.QtWidgets import QLabel

    from ui.dialogs.plan_done_dialog import ApproveDialog
    from ui.language import switch_language

    database = make_office_database(tmp_path / "office.sqlite3")
    for language in ("ky", "ru", "en"):
        switch_language(language, remember=False)
        dialog = ApproveDialog(database, 2027, "Карабаева Гүлмира Бакытовна", messages)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        note = next(w for w in dialog.findChildren(QLabel) if w.wordWrap() and w.text())
        qtbot.waitUntil(
            lambda n=note: n.height() >= n.heightForWidth(n.width()), timeout=2000
        )
        date_bottom = dialog.approved_on.mapTo(dialog, dialog.approved_on.rect().bottomLeft())
        assert note.geometry().top() > date_bottom.y(), language
        dialog.close()
    database.close()


def test_setup_wizard_focuses_the_first_wrong_field_of_the_form(qtbot, tmp_path, messages) -> None:
    """All empty: the focus went to the office code (the check's order), below the name."""
    from PySide6.QtWidgets import QWizard

    from ui.setup_wizard import PAGE_OFFICE, SetupWizard

    database = Database.open(tmp_path / "new.sqlite3", create=True)
    wizard = SetupWizard(database, messages)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_OFFICE
    assert QApplication.focusWidget() is wizard.office_page.name_ky
    wizard.office_page.name_ky.setText("Ат")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is wizard.office_page.code
    database.close()


FITS_1024 = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from helpers.fixtures import make_office_database
from ui.app import load_fonts
from ui.language import switch_language
from ui.main_window import MainWindow
from ui.messages import RecordingMessages
from ui.session import open_session
load_fonts()  # as the program does: the widths depend on the font
make_office_database(Path(sys.argv[1])).close()  # no cycle yet: the first start
messages = RecordingMessages()
session = open_session(Path(sys.argv[1]), messages)
window = MainWindow(session, messages)
window.resize(900, 700)
window.show()
for language in ("ky", "ru"):
    switch_language(language, remember=False)
    # A page hidden while the language changed updates its size when shown: measure on the
    # second round.
    for round in (1, 2):
        for row in range(window.nav.count()):
            window.show_page(row)
            app.processEvents()
            if round == 2:
                print(language, row, window.minimumSizeHint().width())
window.close()
session.close()
"""


def test_every_office_page_fits_a_1024_pixel_screen_in_kyrgyz_and_russian(tmp_path: Path) -> None:
    """Labels and totals beside the filters (the first start's "No cycle is open yet…" too) made
    the window 1,036-1,275 px wide in Kyrgyz. In a process of its own, with the program's fonts."""
    import os
    import subprocess
    import sys

    tests = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tests))
    done = subprocess.run(
        [sys.executable, "-c", FITS_1024, str(tmp_path / "office.sqlite3")],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    widths = [line.split() for line in done.stdout.splitlines() if line[:2] in ("ky", "ru")]
    assert len(widths) >= 12
    too_wide = [(language, row, int(w)) for language, row, w in widths if int(w) > 1024 - 16]
    assert not too_wide


def test_the_demo_leaves_no_backups_for_restoring_over_the_real_register(
    qapp, tmp_path: Path, messages
) -> None:
    """A demo's backups went into the office's backup folder (400 demo people offered for
    restoring over the real register); a real database is still backed up at close."""
    from helpers.fixtures import make_office_database

    from hrdesk.store import backup
    from ui import app as app_module

    folder = tmp_path / "hrdesk-demo-x"
    folder.mkdir()
    make_office_database(folder / "hrdesk-demo.sqlite3").close()
    make_office_database(tmp_path / "office.sqlite3").close()
    before = {b.path for b in backup.list_backups()}
    desktop = app_module.Desktop(messages)
    desktop.demo_folder = folder
    assert desktop.open(folder / "hrdesk-demo.sqlite3")
    assert desktop.auto_backup is None
    assert desktop.open(tmp_path / "office.sqlite3")  # the demo closes: no backup of it
    assert desktop.auto_backup is not None
    desktop.window.close()
    desktop.close()
    made = [b for b in backup.list_backups() if b.path not in before]
    assert [b.path.name.split("-")[0] for b in made] == ["office"]

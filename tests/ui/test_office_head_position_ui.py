"""The head's position in Kyrgyz and in Russian, typed into the office profile and the first-run
setup, then read back from the database."""

from __future__ import annotations

from helpers.typing import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWizard

from hrdesk import register
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from ui.dialogs.office_dialog import OfficeDialog
from ui.setup_wizard import PAGE_PEOPLE, SetupWizard

KY = "Райондук мамлекеттик администрациянын башчысы – аким"
RU = "Глава районной государственной администрации – аким"


def test_office_dialog_saves_both_positions(qtbot, office_database, messages):
    dialog = OfficeDialog(office_database, messages)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.buddy(): w.text().replace("&", "") for w in dialog.findChildren(QLabel)}
    assert "Kyrgyz" in labels[dialog.head_position] and "Russian" in labels[dialog.head_position_ru]
    dialog.head_position.clear()
    type_text(dialog.head_position, KY)
    type_text(dialog.head_position_ru, RU)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes.office
    office = register.own_office(office_database)
    assert (office.head_position, office.head_position_ru) == (KY, RU)

    again = OfficeDialog(office_database, messages)  # loads what was saved
    qtbot.addWidget(again)
    assert (again.head_position.text(), again.head_position_ru.text()) == (KY, RU)
    assert not again.is_dirty()


def test_setup_wizard_asks_both_positions(qtbot, tmp_path, messages):
    database = Database.open(tmp_path / "new.sqlite3", create=True)
    wizard = SetupWizard(database, messages)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    page = wizard.office_page
    type_text(page.name_ky, "Аламүдүн райондук мамлекеттик администрациясы")
    type_text(page.code, "RGA-ALM")
    page.oblast.setCurrentIndex(page.oblast.findData("KG-C"))
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_PEOPLE
    type_text(wizard.people_page.head_position, KY)
    type_text(wizard.people_page.head_position_ru, RU)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    office = OfficeRepository(database).own()
    assert (office.head_position, office.head_position_ru) == (KY, RU)
    database.close()

from __future__ import annotations

from helpers.typing import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from hrdesk import register
from hrdesk.domain.enums import OfficeType, Role
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from ui.setup_wizard import PAGE_OFFICE, PAGE_PEOPLE, SetupWizard


def _wizard(qtbot, tmp_path, messages):
    database = Database.open(tmp_path / "new.sqlite3", create=True)
    wizard = SetupWizard(database, messages)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return database, wizard


def _next(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_wizard_sets_up_an_office(qtbot, tmp_path, messages):
    database, wizard = _wizard(qtbot, tmp_path, messages)
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_OFFICE
    page = wizard.office_page
    page.type.setCurrentIndex(page.type.findData(OfficeType.DISTRICT_ADMINISTRATION.value))
    type_text(page.name_ky, "Аламүдүн райондук мамлекеттик администрациясы")
    type_text(page.name_ru, "Аламудунская районная государственная администрация")
    type_text(page.code, "RGA-ALM")
    page.oblast.setCurrentIndex(page.oblast.findData("KG-C"))
    page.district.setCurrentIndex(page.district.findData("Аламүдүн"))
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_PEOPLE
    type_text(wizard.people_page.head_name, "Асанов Нурлан")
    type_text(wizard.people_page.head_position, "Аким")
    type_text(wizard.people_page.clerk_name, "Осмонова Асел")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert register.role(database) == Role.OFFICE
    office = OfficeRepository(database).own()
    assert office.code == "RGA-ALM" and office.type == OfficeType.DISTRICT_ADMINISTRATION
    assert office.oblast == "KG-C" and office.district == "Аламүдүн"
    assert office.head_name == "Асанов Нурлан" and office.hr_clerk_name == "Осмонова Асел"
    assert len(OfficeRepository(database).units(office.id)) > 0
    assert messages.shown == []
    database.close()


def test_missing_fields_are_named_next_to_them_and_nothing_saved(qtbot, tmp_path, messages):
    database, wizard = _wizard(qtbot, tmp_path, messages)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_OFFICE
    page = wizard.office_page
    assert page.errors["code"].isVisible() and "code" in page.errors["code"].text()
    assert page.errors["name_ky"].isVisible()
    assert page.errors["oblast"].text() == "Choose the oblast from the list."
    assert not register.is_set_up(database)
    type_text(page.code, "X1")
    type_text(page.name_ky, "Ат")
    page.oblast.setCurrentIndex(1)
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_PEOPLE
    assert not page.errors["code"].isVisible()
    database.close()


def test_district_can_be_typed(qtbot, tmp_path, messages):
    database, wizard = _wizard(qtbot, tmp_path, messages)
    _next(qtbot, wizard)
    page = wizard.office_page
    page.oblast.setCurrentIndex(page.oblast.findData("KG-GO"))
    type_text(page.district.lineEdit(), "Төлөйкөн")
    assert page.district_value() == "Төлөйкөн"
    database.close()


def test_wizard_sets_up_mkk(qtbot, tmp_path, messages):
    database, wizard = _wizard(qtbot, tmp_path, messages)
    wizard.role_page.mkk.click()
    _next(qtbot, wizard)
    assert "national analysis" in wizard.mkk_page.note.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert register.role(database) == Role.MKK
    database.close()

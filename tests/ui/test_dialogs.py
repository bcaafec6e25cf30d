"""Mark as left, the office's units and the office profile: typed into, then checked in the
database."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.fixtures import fill_register
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from hrdesk import register
from hrdesk.domain.enums import OfficeType, StaffStatus
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from ui.dialogs.left_dialog import LeftDialog
from ui.dialogs.office_dialog import OfficeDialog
from ui.dialogs.units_dialog import UnitsDialog


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def units(database):
    return [u.name for u in OfficeRepository(database).units(register.own_office(database).id)]


# --- mark as left ---------------------------------------------------------------------------


def test_mark_as_left_keeps_the_record(qtbot, office_database, messages):
    [staff_id] = fill_register(office_database, 1)
    dialog = shown(qtbot, LeftDialog(office_database, staff_id, messages))
    QTest.keyClicks(dialog.left_on.line, dt.date.today().strftime("%d.%m.%Y"))
    QTest.keyClicks(dialog.reason, "transfer")
    press(qtbot, save_button(dialog))

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changes.staff_ids == {staff_id}
    member = StaffRepository(office_database).get(staff_id)
    assert member.status == StaffStatus.LEFT
    assert (member.left_on, member.left_reason) == (dt.date.today(), "transfer")
    assert StaffRepository(office_database).count() == 1


def test_leaving_needs_a_real_date(qtbot, office_database, messages):
    [staff_id] = fill_register(office_database, 1)
    dialog = shown(qtbot, LeftDialog(office_database, staff_id, messages))
    press(qtbot, save_button(dialog))
    assert "date the person left" in dialog.fields["left_on"].error.text()
    future = dt.date.today() + dt.timedelta(days=3)
    QTest.keyClicks(dialog.left_on.line, future.strftime("%d.%m.%Y"))
    press(qtbot, save_button(dialog))
    assert "future" in dialog.fields["left_on"].error.text()
    assert StaffRepository(office_database).get(staff_id).status == StaffStatus.ACTIVE
    assert dialog.isVisible()


# --- units ----------------------------------------------------------------------------------


def test_units_add_rename_and_reorder(qtbot, office_database, messages):
    before = units(office_database)
    dialog = shown(qtbot, UnitsDialog(office_database, messages))
    QTest.keyClicks(dialog.name, "Legal unit")
    press(qtbot, dialog.add_button)
    assert units(office_database) == [*before, "Legal unit"]

    dialog.list.setCurrentRow(len(before))
    dialog.name.selectAll()
    QTest.keyClicks(dialog.name, "Law unit")
    press(qtbot, dialog.rename_button)
    press(qtbot, dialog.up_button)
    after = units(office_database)
    assert after[len(before) - 1] == "Law unit" and "Legal unit" not in after
    assert dialog.changes.units


def test_unit_name_problems_show_next_to_the_name(qtbot, office_database, messages):
    before = units(office_database)
    dialog = shown(qtbot, UnitsDialog(office_database, messages))
    press(qtbot, dialog.add_button)
    assert "needs a name" in dialog.fields["name"].error.text()
    dialog.name.setText(before[0])
    press(qtbot, dialog.add_button)
    assert "exists already" in dialog.fields["name"].error.text()
    assert units(office_database) == before


def test_unit_with_staff_cannot_be_deleted(qtbot, office_database, messages):
    [staff_id] = fill_register(office_database, 1)
    unit_id = StaffRepository(office_database).get(staff_id).unit_id
    assert unit_id is not None
    before = units(office_database)
    dialog = shown(qtbot, UnitsDialog(office_database, messages))
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == unit_id:
            dialog.list.setCurrentRow(row)
    press(qtbot, dialog.delete_button)
    assert "still has staff" in dialog.general_error.text()
    assert units(office_database) == before

    empty_row = next(
        r
        for r in range(dialog.list.count())
        if dialog.list.item(r).data(Qt.ItemDataRole.UserRole) != unit_id
    )
    name = dialog.list.item(empty_row).text()
    dialog.list.setCurrentRow(empty_row)
    press(qtbot, dialog.delete_button)
    assert name not in units(office_database)


# --- office ---------------------------------------------------------------------------------


def test_office_dialog_saves_a_change(qtbot, office_database, messages):
    dialog = shown(qtbot, OfficeDialog(office_database, messages))
    dialog.type.setValue(OfficeType.CITY_HALL)
    dialog.head_name.clear()
    QTest.keyClicks(dialog.head_name, "Usonov Talant")
    dialog.oblast.setCurrentIndex(dialog.oblast.findData("KG-Y"))
    dialog.district.setCurrentIndex(2)
    district = dialog.district.itemData(2)
    press(qtbot, save_button(dialog))

    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changes.office
    office = register.own_office(office_database)
    assert (office.type, office.head_name, office.oblast, office.district) == (
        OfficeType.CITY_HALL,
        "Usonov Talant",
        "KG-Y",
        district,
    )
    assert office.name_ky == "Сынак айыл өкмөтү"  # untouched fields stay


def test_office_without_code_is_refused(qtbot, office_database, messages):
    dialog = shown(qtbot, OfficeDialog(office_database, messages))
    dialog.code.clear()
    press(qtbot, save_button(dialog))
    assert "code is required" in dialog.fields["code"].error.text()
    assert register.own_office(office_database).code == "TEST-001"
    assert dialog.isVisible()


def test_dialogs_follow_the_language(qtbot, office_database, messages, qt_language):
    """A language switch reaches the open dialog; the oblast list turns to Russian names."""
    from ui.language import switch_language

    dialog = shown(qtbot, OfficeDialog(office_database, messages))
    switch_language("ru", remember=False)
    assert dialog.oblast.currentText() == "Чуйская область"
    assert dialog.district.currentData() == "Аламүдүн"


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_units_dialog_has_one_alt_key_per_control(qtbot, office_database, messages, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from hrdesk import i18n

    i18n.set_language(language)
    try:
        dialog = shown(qtbot, UnitsDialog(office_database, messages))
        texts = [
            w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)
        ]
        keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
        assert len(keys) >= 5 and len(keys) == len(set(keys)), texts
        dialog.reject()
    finally:
        i18n.set_language("en")

"""The person dialog, driven like a clerk would: typing, clicking, then checking the database."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.fixtures import fill_register
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    LanguageLevel,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from ui.dialogs.person_dialog import PersonDialog
from ui.widgets.record_tables import EducationModel, TrainingModel

PIN = "21503198500123"  # male, born 15.03.1985


def type_text(widget, text: str) -> None:
    """Type text key by key. QTest.keyClicks asserts on non-ASCII (Cyrillic) characters, so
    this sends the key events with their text itself."""
    if text.isascii():
        QTest.keyClicks(widget, text)
        return
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def open_dialog(qtbot, database, messages, staff_id=None) -> PersonDialog:
    dialog = PersonDialog(database, staff_id, messages)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_save(qtbot, dialog: PersonDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def type_name(qtbot, dialog: PersonDialog, pin: str) -> None:
    p = dialog.profile
    type_text(p.surname, "Асанов")
    type_text(p.name, "Нурлан")
    type_text(p.pin, pin)


def test_bad_pin_is_explained_next_to_it_and_nothing_is_saved(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, "21503198")
    pin_error = dialog.fields["pin"].error
    assert pin_error.isVisible()
    assert "14 digits" in pin_error.text()  # live, before saving

    click_save(qtbot, dialog)

    assert dialog.isVisible()
    assert StaffRepository(office_database).count() == 0
    assert "14 digits" in pin_error.text()
    assert dialog.focusWidget() is dialog.profile.pin
    assert dialog.profile.surname.text() == "Асанов"  # nothing typed is lost
    assert dialog.profile.pin.text() == "21503198"


def test_first_digit_of_pin_is_checked(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, "31503198500123")
    assert "first digit" in dialog.fields["pin"].error.text()


def test_valid_pin_fills_sex_and_birth_date(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, PIN)
    assert dialog.profile.sex.value() == Sex.MALE
    assert dialog.profile.birth_date.date() == dt.date(1985, 3, 15)
    assert not dialog.fields["pin"].error.isVisible()


def test_fixed_pin_saves_a_person_with_all_fields(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    p = dialog.profile
    type_name(qtbot, dialog, "2150319850012")
    click_save(qtbot, dialog)
    assert StaffRepository(office_database).count() == 0

    type_text(p.pin, "3")  # now 14 digits
    type_text(p.patronymic, "Бакытович")
    type_text(p.phone, "+996 555 123 456")
    unit = OfficeRepository(office_database).units(1)[1]
    p.unit.setCurrentIndex(p.unit.findData(unit.id))
    p.service_type.setValue(ServiceType.STATE_CIVIL)
    type_text(p.position_title, "Башкы адис")
    p.position_category.setValue(PositionCategory.ADMINISTRATIVE)
    p.position_group.setValue(PositionGroup.SENIOR)
    p.class_rank.setCurrentIndex(p.class_rank.findData("inspector_2"))
    type_text(p.appointed_on.line, "01.02.2020")
    type_text(p.service_started_on.line, "2010-09-01")
    p.levels[Language.KYRGYZ].setValue(LanguageLevel.NATIVE)
    p.levels[Language.RUSSIAN].setValue(LanguageLevel.FLUENT)
    assert p.tenure.text() not in ("", "—")
    click_save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changes.staff_added
    [saved] = StaffRepository(office_database).all()
    assert (saved.surname, saved.name, saved.patronymic, saved.pin) == (
        "Асанов",
        "Нурлан",
        "Бакытович",
        PIN,
    )
    assert saved.sex == Sex.MALE and saved.birth_date == dt.date(1985, 3, 15)
    assert saved.phone == "+996 555 123 456" and saved.unit_id == unit.id
    assert saved.service_type == ServiceType.STATE_CIVIL and saved.position_title == "Башкы адис"
    assert saved.position_group == PositionGroup.SENIOR and saved.class_rank == "inspector_2"
    assert saved.appointed_on == dt.date(2020, 2, 1) and saved.service_started_on == dt.date(
        2010, 9, 1
    )
    assert {(s.language, s.level) for s in saved.languages} == {
        (Language.KYRGYZ, LanguageLevel.NATIVE),
        (Language.RUSSIAN, LanguageLevel.FLUENT),
    }
    assert saved.status == StaffStatus.ACTIVE


def test_typed_class_rank_is_kept_as_text(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, PIN)
    dialog.profile.service_type.setValue(ServiceType.MUNICIPAL)
    type_text(dialog.profile.class_rank.lineEdit(), "атайын даража")
    click_save(qtbot, dialog)
    assert StaffRepository(office_database).all()[0].class_rank == "атайын даража"


@pytest.mark.parametrize("answer", [False, True])
def test_duplicate_pin_asks_the_clerk(qtbot, office_database, messages, answer):
    [other_id] = fill_register(office_database, 1)
    pin = StaffRepository(office_database).get(other_id).pin
    messages.confirm_answer = answer
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, pin)
    assert dialog.fields["pin"].error.isVisible()  # the warning shows as the PIN is typed
    click_save(qtbot, dialog)

    assert [kind for kind, _text in messages.shown] == ["confirm"]
    assert "already recorded" in messages.shown[0][1]
    assert len(StaffRepository(office_database).with_pin(pin)) == (2 if answer else 1)
    assert dialog.isVisible() is not answer


def test_future_birth_date_is_refused_next_to_its_field(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_text(dialog.profile.surname, "Асанова")
    type_text(dialog.profile.name, "Айгүл")
    future = dt.date.today() + dt.timedelta(days=40)
    type_text(dialog.profile.birth_date.line, future.strftime("%d.%m.%Y"))
    click_save(qtbot, dialog)
    assert "future" in dialog.fields["birth_date"].error.text()
    assert StaffRepository(office_database).count() == 0


def test_a_date_that_is_no_date_is_explained(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, PIN)
    type_text(dialog.profile.appointed_on.line, "31.02.2020")
    click_save(qtbot, dialog)
    assert "DD.MM.YYYY" in dialog.fields["appointed_on"].error.text()
    assert dialog.focusWidget() is dialog.profile.appointed_on.line
    assert StaffRepository(office_database).count() == 0


def test_escape_with_edits_asks_before_closing(qtbot, office_database, messages):
    messages.confirm_answer = False
    dialog = open_dialog(qtbot, office_database, messages)
    type_text(dialog.profile.surname, "Асанов")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and messages.shown[0][0] == "confirm"
    messages.confirm_answer = True
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_ctrl_s_saves(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    with qtbot.waitActive(dialog):  # a shortcut needs an active window
        dialog.activateWindow()
    type_name(qtbot, dialog, PIN)
    qtbot.keyClick(dialog.profile.pin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert StaffRepository(office_database).count() == 1


def _drive(filler):
    """run_dialog replacement: fill the child dialog in code and press its Save."""

    def run(self, child):
        child.show()
        filler(child)
        child.on_save()
        return child.result() == QDialog.DialogCode.Accepted

    return run


def test_edit_adds_education_and_training_with_feedback(
    qtbot, office_database, messages, monkeypatch
):
    [staff_id] = fill_register(office_database, 1)
    dialog = open_dialog(qtbot, office_database, messages, staff_id)
    assert "education" in dialog.missing.text(), (
        dialog.staff_id,
        dialog.education_list.model.rowCount(),
        StaffRepository(office_database).educations(staff_id),
    )

    def fill_education(child):
        child.level.setValue(EducationLevel.MASTER)
        child.field_combo.setValue(EducationField.LAW)
        type_text(child.institution, "КУУ")
        type_text(child.year, "2022")

    monkeypatch.setattr(PersonDialog, "run_dialog", _drive(fill_education))
    dialog.tabs.setCurrentWidget(dialog.education_page)
    qtbot.mouseClick(dialog.education_list.add_button, Qt.MouseButton.LeftButton)
    assert dialog.education_list.model.rowCount() == 1
    assert "education" not in dialog.missing.text()

    def fill_training(child):
        type_text(child.course_title, "Мамлекеттик тилде иш кагаздарын жүргүзүү")
        type_text(child.provider, "КРПМБА")
        type_text(child.start_date.line, "10.03.2024")
        type_text(child.end_date.line, "14.03.2024")
        type_text(child.hours, "36")
        child.format.setValue(TrainingFormat.IN_PERSON)
        child.funding.setValue(Funding.STATE_ORDER)
        child.language.setValue(Language.KYRGYZ)
        for name, score in (
            ("relevance", 5),
            ("trainer", 4),
            ("practice", 3),
            ("language_fit", 5),
            ("overall", 4),
        ):
            child.ratings[name].setValue(score)
        type_text(child.comment, "Пайдалуу")

    monkeypatch.setattr(PersonDialog, "run_dialog", _drive(fill_training))
    dialog.tabs.setCurrentWidget(dialog.training_page)
    qtbot.mouseClick(dialog.training_list.add_button, Qt.MouseButton.LeftButton)

    repo = StaffRepository(office_database)
    [education] = repo.educations(staff_id)
    assert (education.level, education.field, education.institution, education.graduation_year) == (
        EducationLevel.MASTER,
        EducationField.LAW,
        "КУУ",
        2022,
    )
    [training] = repo.trainings(staff_id)
    assert training.hours == 36 and training.funding == Funding.STATE_ORDER
    assert training.start_date == dt.date(2024, 3, 10)
    fb = training.feedback
    assert (fb.relevance, fb.trainer, fb.practice, fb.language_fit, fb.overall, fb.comment) == (
        5,
        4,
        3,
        5,
        4,
        "Пайдалуу",
    )
    assert dialog.changes.staff_ids == {staff_id}


def test_bad_training_is_refused_in_its_dialog(qtbot, office_database, messages, monkeypatch):
    [staff_id] = fill_register(office_database, 1)
    dialog = open_dialog(qtbot, office_database, messages, staff_id)
    seen = {}

    def fill(child):
        type_text(child.course_title, "Курс")
        type_text(child.start_date.line, "14.03.2024")
        type_text(child.end_date.line, "10.03.2024")
        seen["child"] = child

    monkeypatch.setattr(PersonDialog, "run_dialog", _drive(fill))
    dialog.edit_training(None)
    assert "end before it starts" in seen["child"].fields["end_date"].error.text()
    assert StaffRepository(office_database).trainings(staff_id) == []


def test_new_person_gets_history_tabs_after_first_save(qtbot, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    assert not dialog.education_list.isEnabled()
    type_name(qtbot, dialog, PIN)
    qtbot.mouseClick(dialog.education_page.save_now, Qt.MouseButton.LeftButton)
    assert dialog.staff_id is not None and dialog.education_list.isEnabled()
    assert dialog.isVisible()


def test_history_models(qtmodeltester, office_database):
    [staff_id] = fill_register(office_database, 1)
    from hrdesk import register
    from hrdesk.domain.models import Education, TrainingRecord

    register.save_education(office_database, Education(EducationLevel.BACHELOR, staff_id=staff_id))
    register.save_training(office_database, TrainingRecord("Курс", hours=8, staff_id=staff_id))
    repo = StaffRepository(office_database)
    education, training = EducationModel(), TrainingModel()
    education.set_records(repo.educations(staff_id))
    training.set_records(repo.trainings(staff_id))
    qtmodeltester.check(education)
    qtmodeltester.check(training)


def test_language_switch_retranslates_and_keeps_typed_values(
    qtbot, office_database, messages, qt_language
):
    from ui.language import switch_language

    dialog = open_dialog(qtbot, office_database, messages)
    type_name(qtbot, dialog, PIN)
    dialog.profile.service_type.setValue(ServiceType.STATE_CIVIL)
    dialog.profile.class_rank.setCurrentIndex(dialog.profile.class_rank.findData("inspector_3"))
    switch_language("ru", remember=False)
    assert dialog.profile.class_rank.currentText() == "инспектор 3 класса"
    assert dialog.profile.class_rank_value() == "inspector_3"
    assert dialog.profile.surname.text() == "Асанов" and dialog.profile.pin.text() == PIN

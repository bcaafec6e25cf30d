from __future__ import annotations

import datetime as dt

from helpers.fixtures import fill_register
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from hrdesk import register
from hrdesk.i18n import format_date
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.staff import StaffRepository
from ui.models import audit_model
from ui.models.audit_model import AuditModel
from ui.pages.audit_page import AuditPage


def _page(qtbot, database, messages):
    page = AuditPage(database, messages)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _texts(model, row):
    return [model.data(model.index(row, c)) for c in range(audit_model.COLUMN_COUNT)]


def test_an_edit_to_a_person_shows_with_old_and_new_values(qtbot, office_database, messages):
    ids = fill_register(office_database, 5)
    page = _page(qtbot, office_database, messages)
    member = StaffRepository(office_database).get(ids[2])
    old_phone = member.phone
    member.phone = "0555 123 456"
    member.position_title = "Башкы адис"
    changes = register.save_staff(office_database, member)
    page.refresh(changes)

    page.set_person(member.id)
    model = page.model
    assert model.rowCount() >= 2  # added, then changed
    newest = _texts(model, 0)
    assert member.full_name in newest[audit_model.RECORD]
    assert "changed" in newest[audit_model.KIND]
    assert f"phone: {old_phone or '—'} → 0555 123 456" in newest[audit_model.CHANGES]
    assert "Осмонова Асел" in newest[audit_model.WHO]
    assert all(model.entry(r).staff_id == member.id for r in range(model.rowCount()))

    page.table.selectRow(0)
    assert "0555 123 456" in page.details.toPlainText()
    assert "position" in page.details.toPlainText()


def test_filter_by_kind_and_date(qtbot, office_database, messages):
    ids = fill_register(office_database, 3)
    member = StaffRepository(office_database).get(ids[0])
    member.phone = "0700 000 001"
    register.save_staff(office_database, member)
    page = _page(qtbot, office_database, messages)
    total = page.model.total

    page.kind.setCurrentIndex(page.kind.findData(AuditKind.UPDATE))
    assert page.model.total == AuditRepository(office_database).count(kind=AuditKind.UPDATE) >= 1
    assert {page.model.entry(r).kind for r in range(page.model.rowCount())} == {AuditKind.UPDATE}

    page.kind.setCurrentIndex(0)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    page.since.setDate(tomorrow)
    assert page.apply_filter()
    assert page.model.rowCount() == 0
    page.clear_filters()
    assert page.model.total == total


def test_bad_filter_input_says_what_and_changes_nothing(qtbot, office_database, messages):
    fill_register(office_database, 3)
    page = _page(qtbot, office_database, messages)
    before = page.model.audit_filter, page.model.rowCount()

    page.since.line.setText("31.02.2024")
    assert not page.apply_filter()
    assert "From" in page.problem.text() and "DD.MM.YYYY" in page.problem.text()
    assert (page.model.audit_filter, page.model.rowCount()) == before

    page.since.line.setText("")
    page.person.setEditText("Nobody Such")
    assert not page.apply_filter()
    assert "Nobody Such" in page.problem.text()
    assert (page.model.audit_filter, page.model.rowCount()) == before

    page.person.setCurrentIndex(0)
    page.since.setDate(dt.date(2025, 5, 2))
    page.until.setDate(dt.date(2025, 5, 1))
    assert not page.apply_filter()
    assert "after" in page.problem.text()
    assert (page.model.audit_filter, page.model.rowCount()) == before


def test_the_audit_page_offers_no_edit(qtbot, office_database, messages):
    fill_register(office_database, 3)
    page = _page(qtbot, office_database, messages)
    model = page.model
    assert model.rowCount() > 0
    assert page.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            flags = model.flags(model.index(row, column))
            assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, audit_model.CHANGES), "forged")
    assert page.details.isReadOnly()
    # No button on the page changes data: the only one clears the filters.
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)]
    assert {b.text() for b in buttons if b.text() not in ("…",)} == {"&Clear filters"}


def test_model_pages_through_a_long_trail(qtbot, office_database, qtmodeltester):
    fill_register(office_database, audit_model.PAGE_SIZE + 50)
    model = AuditModel(office_database)
    total = model.total
    assert total > audit_model.PAGE_SIZE
    assert model.rowCount() == audit_model.PAGE_SIZE
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    ids = [model.entry(r).id for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total
    qtmodeltester.check(model)


def test_a_unit_change_shows_unit_names_not_numbers(qtbot, office_database, messages):
    from hrdesk.store.offices import OfficeRepository

    ids = fill_register(office_database, 3)
    offices = OfficeRepository(office_database)
    units = offices.units(offices.own().id)
    member = StaffRepository(office_database).get(ids[0])
    old_unit = {u.id: u.name for u in units}.get(member.unit_id, "—")
    member.unit_id = next(u.id for u in units if u.id != member.unit_id)
    register.save_staff(office_database, member)
    page = _page(qtbot, office_database, messages)
    page.set_person(member.id)
    new_unit = {u.id: u.name for u in units}[member.unit_id]
    assert f"unit: {old_unit} → {new_unit}" in _texts(page.model, 0)[audit_model.CHANGES]


def test_the_page_follows_a_language_switch(qtbot, office_database, messages, qt_language):
    from ui.language import switch_language

    fill_register(office_database, 2)
    page = _page(qtbot, office_database, messages)
    english = (page.person_label.text(), page.model.headerData(0, Qt.Orientation.Horizontal))
    switch_language("ru", remember=False)
    assert page.person_label.text() != english[0]
    assert page.kind.count() == 1 + len(AuditKind)
    kinds = [page.kind.itemText(i) for i in range(page.kind.count())]
    assert "changed" not in kinds


def test_every_audited_column_is_shown_by_a_name_of_its_own(office_database, tmp_path) -> None:
    # Else the log would show a column's English name in a Kyrgyz or Russian window.
    from helpers.packets import make_mkk

    from hrdesk.domain import rules
    from hrdesk.store import audit

    mkk, _catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    unnamed = set()
    for database in (office_database, mkk):
        for table in audit.audited_tables(database):
            for _cid, column, *_rest in database.execute(f'PRAGMA table_info("{table}")'):
                if column not in audit_model.HIDDEN_COLUMNS and column not in rules.FIELD_NAMES:
                    if column not in audit_model.COLUMN_NAMES:
                        unnamed.add(f"{table}.{column}")
    mkk.close()
    assert not unnamed


def test_values_show_as_the_program_names_them_not_as_stored() -> None:
    value = audit_model.value_text
    assert value("endorsement", "declined", table="requests") == "declined"
    assert value("status", "complete", table="assessments") == "complete"
    assert value("status", "cancelled", table="plan_entries") == "cancelled"
    assert value("question", "obstacles_duties", table="answers") == (
        "What hinders performing your duties?"
    )
    assert value(
        "answer", "hard_to_say", table="answers", record={"question": "growth_needs"}
    ) == "hard to say"
    assert value("preferred_season", "any", table="assessments") == "any season"
    assert value("is_free_text", 1, table="requests") == "yes"
    assert value("manual", 0, table="plan_entries") == "no"
    shown = value("endorsed_at", "2026-10-19T10:00:00+00:00", table="requests")
    assert "2026" in shown and "T10" not in shown and "+00:00" not in shown
    assert value("status", "left") == "left"  # a person's, as before
    assert value("birth_date", "1980-03-15", table="staff") == format_date(dt.date(1980, 3, 15))
    assert value("approved_on", "not a date", table="plans") == "not a date"

from __future__ import annotations

from helpers.fixtures import fill_register
from PySide6.QtCore import Qt

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.store.staff import StaffQuery, StaffRepository
from ui.models import staff_model
from ui.models.staff_model import StaffModel


def test_model_passes_qtmodeltester(qtmodeltester, office_database):
    fill_register(office_database, 40, left=3)
    model = StaffModel(office_database)
    qtmodeltester.check(model)
    model.sort(staff_model.TENURE, Qt.SortOrder.DescendingOrder)
    model.set_text("ов")
    qtmodeltester.check(model)


def test_holds_ids_and_fetches_rows_on_demand(office_database):
    fill_register(office_database, 500)
    model = StaffModel(office_database)
    assert model.rowCount() == 500
    assert len(model._cache) == 0
    model.data(model.index(250, staff_model.NAME))
    assert 0 < len(model._cache) <= staff_model.FETCH_WINDOW


def test_filter_by_name_pin_and_position(office_database):
    ids = fill_register(office_database, 60)
    member = StaffRepository(office_database).get(ids[7])
    model = StaffModel(office_database)
    model.set_text(member.pin)
    assert model.rowCount() == 1
    assert model.data(model.index(0, staff_model.NAME)) == member.full_name
    model.set_text(member.surname.upper())
    assert model.rowCount() >= 1
    model.set_text("no such person at all")
    assert model.rowCount() == 0


def test_sort_by_column(office_database):
    fill_register(office_database, 50)
    model = StaffModel(office_database)
    model.sort(staff_model.PIN, Qt.SortOrder.AscendingOrder)
    pins = [model.data(model.index(r, staff_model.PIN)) for r in range(model.rowCount())]
    assert pins == sorted(pins)
    model.sort(staff_model.PIN, Qt.SortOrder.DescendingOrder)
    pins = [model.data(model.index(r, staff_model.PIN)) for r in range(model.rowCount())]
    assert pins == sorted(pins, reverse=True)


def test_left_people_greyed_and_hidden_on_request(office_database):
    fill_register(office_database, 10, left=2)
    model = StaffModel(office_database)
    left_rows = [
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, staff_model.STATUS)) == "left"
    ]
    assert len(left_rows) == 2
    assert (
        model.data(model.index(left_rows[0], staff_model.NAME), Qt.ItemDataRole.ForegroundRole)
        is not None
    )
    model.set_query(StaffQuery(include_left=False))
    assert model.rowCount() == 8


def test_missing_column_tooltip_lists_fields(office_database):
    fill_register(office_database, 30)
    model = StaffModel(office_database)
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, staff_model.MISSING))]
    assert rows, "the filler makes some incomplete people"
    tip = model.data(model.index(rows[0], staff_model.MISSING), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Missing: ") and "education" in tip


def test_refresh_updates_only_the_changed_row(qtbot, office_database):
    ids = fill_register(office_database, 20)
    model = StaffModel(office_database)
    row = model.row_of(ids[3])
    model.data(model.index(row, staff_model.NAME))
    member = StaffRepository(office_database).get(ids[3])
    member.position_title = "Жаңы кызмат"
    changes = register.save_staff(office_database, member, confirm_warnings=True)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh(changes)
    assert blocker.args[0].row() == row and blocker.args[1].row() == row
    assert model.data(model.index(row, staff_model.POSITION)) == "Жаңы кызмат"


def test_refresh_after_adding_requeries(office_database):
    fill_register(office_database, 5)
    model = StaffModel(office_database)
    fill_register(office_database, 2, seed=9)
    model.refresh(Changes(staff_added=True))
    assert model.rowCount() == 7


def test_headers_follow_the_language(qtbot, office_database, monkeypatch):
    model = StaffModel(office_database)
    assert model.headerData(staff_model.NAME, Qt.Orientation.Horizontal) == "Full name"
    with qtbot.waitSignal(model.headerDataChanged):
        model.retranslate()

"""The MKK desk's tab "Changes log of the offices": an office's trail as its packet brought it,
by cycle and person, read-only, paged."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue
from PySide6.QtCore import Qt

from hrdesk import register
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.store.audit import AuditKind
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.packet_trails import PacketTrailRepository, TrailFilter
from hrdesk.store.staff import StaffRepository
from ui.mkk import trail_model
from ui.mkk.desk import MkkDesk


@pytest.fixture
def world(tmp_path: Path):
    """MKK that imported the packet of an office whose clerk corrected a phone number."""
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(
        demo_office_file(tmp_path, 22, 10, with_plan=False), tmp_path / "office.sqlite3"
    )
    receive_catalogue(office, catalogue)
    person = StaffRepository(office).get(int(office.query_value("SELECT min(id) FROM staff")))
    person.phone = "0555 000 111"
    register.save_staff(office, person)
    code = OfficeRepository(office).own().code
    [result] = apply_import(mkk, [export_packet(office, CYCLE, tmp_path / "out").path])
    assert result.status == Status.IMPORTED
    office.close()
    yield mkk, code, person
    mkk.close()


@pytest.fixture
def desk(world, qtbot, messages):
    mkk, _code, _person = world
    widget = MkkDesk(mkk, messages)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.close_workers()


def test_the_tab_shows_an_office_s_changes(desk: MkkDesk, world, qtmodeltester) -> None:
    mkk, code, person = world
    panel = desk.trail
    desk.tabs.setCurrentWidget(panel)
    assert desk.tabs.tabText(desk.tabs.currentIndex()) == "Changes log of the offices"
    assert panel.office.count() == 1 and panel.office.currentData() == code
    assert panel.packet.count() == 1 and str(CYCLE) in panel.packet.currentText()
    model = panel.model
    total = PacketTrailRepository(mkk).count(TrailFilter(code))
    assert model.total == total == model.rowCount() > 0
    assert f"{total} entries" in panel.count_label.text()
    qtmodeltester.check(model)

    # One person: their entries only, named; the phone correction with old and new values.
    panel.person.setCurrentIndex(panel.person.findData(person.uid))
    assert person.full_name in panel.person.currentText()
    rows = [model.entry(r) for r in range(model.rowCount())]
    assert rows and {e.staff_uid for e in rows} == {person.uid}
    edit_row = next(
        r
        for r, e in enumerate(rows)
        if e.change.kind == AuditKind.UPDATE and e.change.table == "staff"
    )
    index = model.index(edit_row, trail_model.CHANGES)
    assert "0555 000 111" in model.data(index) and "→" in model.data(index)
    assert model.data(model.index(edit_row, trail_model.RECORD)) == person.full_name
    assert model.data(model.index(edit_row, trail_model.KIND)) == "person: changed"
    assert model.data(model.index(edit_row, trail_model.OS_USER)) not in ("", None)
    panel.table.selectRow(edit_row)
    details = panel.details.toPlainText()
    assert "0555 000 111" in details and person.full_name in details
    # Read-only: no cell can be edited.
    assert not any(
        model.flags(model.index(edit_row, c)) & Qt.ItemFlag.ItemIsEditable
        for c in range(model.columnCount())
    )
    qtmodeltester.check(model)

    # A kind of change that this person has none of.
    panel.kind.setCurrentIndex(panel.kind.findData(AuditKind.RESTORE))
    assert model.rowCount() == 0 and "0 entries" in panel.count_label.text()
    panel.person.setCurrentIndex(0)
    panel.kind.setCurrentIndex(0)
    assert model.rowCount() == total


def test_the_model_pages_through_a_long_trail(world, qtmodeltester, monkeypatch) -> None:
    mkk, code, _person = world
    monkeypatch.setattr(trail_model, "PAGE_SIZE", 1)
    model = trail_model.PacketTrailModel(mkk)
    trails = PacketTrailRepository(mkk)
    model.set_filter(TrailFilter(code), {})
    assert model.rowCount() == 1 < model.total
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total == trails.count(TrailFilter(code))
    qtmodeltester.check(model)
    model.set_filter(None, {})
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_an_mkk_without_trails_says_so(tmp_path: Path, qtbot, messages) -> None:
    mkk, _catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    widget = MkkDesk(mkk, messages)
    qtbot.addWidget(widget)
    widget.show()
    widget.tabs.setCurrentWidget(widget.trail)
    assert widget.trail.office.count() == 0 and widget.trail.model.rowCount() == 0
    assert "No packet with a changes log" in widget.trail.count_label.text()
    widget.close_workers()
    mkk.close()

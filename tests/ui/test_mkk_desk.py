"""The MKK desk: import packets (dry run, then apply) in a worker, completeness with accept and
unlock, the expected list, the national analysis with filters, export and print of tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue
from PySide6.QtCore import Qt

from hrdesk.analysis.summary import office_summary
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.mkk.expected_offices import expected_offices, save_expected_office
from hrdesk.mkk.locks import locked_packet
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status
from hrdesk.store.offices import OfficeRepository
from ui.mkk.desk import MkkDesk
from ui.mkk.rows_model import Column, RowsModel

WAIT_MS = 20000


@pytest.fixture(scope="module")
def packets(tmp_path_factory: pytest.TempPathFactory):
    """Two offices' packets in a folder, and those offices' own summaries by office code."""
    root = tmp_path_factory.mktemp("desk")
    _mkk, catalogue = make_mkk(root / "publisher.sqlite3")
    summaries = {}
    for seed in (3, 4):
        office = copy_office(demo_office_file(root, seed, 60), root / f"office{seed}.sqlite3")
        receive_catalogue(office, catalogue)
        export_packet(office, CYCLE, root / "out")
        code = OfficeRepository(office).own().code
        summaries[code] = office_summary(office, CYCLE)
        office.close()
    _mkk.close()
    return root / "publisher.sqlite3", root / "out", summaries


@pytest.fixture
def desk(packets, tmp_path: Path, qtbot, messages):
    import shutil

    source, _out, _summaries = packets
    path = tmp_path / "mkk.sqlite3"
    shutil.copyfile(source, path)
    from hrdesk.store.database import Database

    database = Database.open(path)
    widget = MkkDesk(database, messages)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.close_workers()
    database.close()


def _import(desk: MkkDesk, folder: Path, qtbot) -> None:
    panel = desk.packets
    panel.check([folder])
    qtbot.waitUntil(lambda: bool(panel.results) and not panel.jobs.is_running(), timeout=WAIT_MS)
    assert [r.status for r in panel.results] == [Status.DRY_RUN, Status.DRY_RUN]
    assert panel.import_button.isEnabled()
    assert desk.database.query_value("SELECT COUNT(*) FROM staff") == 0  # a dry run writes nothing
    with qtbot.waitSignal(panel.imported, timeout=WAIT_MS):
        panel.import_button.click()
    assert [r.status for r in panel.results] == [Status.IMPORTED, Status.IMPORTED]
    assert not panel.import_button.isEnabled()


def test_import_then_completeness_and_national(desk: MkkDesk, packets, qtbot) -> None:
    _source, out, summaries = packets
    _import(desk, out, qtbot)
    assert desk.packets.table.model.rowCount() == 2

    completeness = desk.completeness
    assert completeness.cycle.year() == CYCLE
    assert "from 2 offices not on the expected list" in completeness.totals.text()
    assert completeness.offices.model.rowCount() == 2

    desk.tabs.setCurrentWidget(desk.national)
    national = desk.national
    qtbot.waitUntil(
        lambda: national.report is not None and not national.runner.is_running(), timeout=WAIT_MS
    )
    report = national.report
    assert report["staff_total"] == sum(s["staff_total"] for s in summaries.values())
    assert national.offices.model.rowCount() == 2
    oblast = next(iter(report["by_oblast"]))
    with qtbot.waitSignal(national.shown, timeout=WAIT_MS) as shown:
        national.set_filter("oblast", oblast)
    assert shown.args[0]["staff_total"] == report["by_oblast"][oblast]["staff_total"]
    assert shown.args[0]["filters"] == {"oblast": oblast}
    with qtbot.waitSignal(national.shown, timeout=WAIT_MS) as shown:
        national.set_filter("oblast", None)
    assert shown.args[0]["staff_total"] == report["staff_total"]


def test_accept_and_unlock_from_the_completeness_view(
    desk: MkkDesk, packets, qtbot, messages
) -> None:
    _source, out, summaries = packets
    _import(desk, out, qtbot)
    code = sorted(summaries)[0]
    panel = desk.completeness
    assert panel.accept(code)
    assert locked_packet(desk.database, code, CYCLE) is not None
    assert not panel.unlock(code, "")
    assert messages.shown[-1][0] == "warning"
    assert locked_packet(desk.database, code, CYCLE) is not None
    assert panel.unlock(code, "A correction is coming")
    assert locked_packet(desk.database, code, CYCLE) is None


def test_expected_list_from_a_file_and_the_dialog(
    desk: MkkDesk, tmp_path: Path, qtbot, messages
) -> None:
    panel = desk.completeness
    bad = tmp_path / "bad.csv"
    bad.write_text("Code;Name;Oblast\nA-1;Арал;Марс\n", encoding="utf-8")
    assert not panel.import_list_from(bad)
    assert "Row 2" in messages.shown[-1][1]
    assert expected_offices(desk.database) == []
    good = tmp_path / "good.csv"
    good.write_text("Code;Name;Oblast\nA-1;Арал;KG-T\nA-2;Кок-Ой;KG-T\n", encoding="utf-8")
    assert panel.import_list_from(good)
    assert panel.expected.model.rowCount() == 2

    from ui.mkk.office_dialog import ExpectedOfficeDialog

    dialog = ExpectedOfficeDialog(desk.database, messages)
    qtbot.addWidget(dialog)
    dialog.code.setText("A-1")  # taken
    dialog.name_ky.setText("Жаңы")
    assert not dialog.save()
    assert dialog.fields["code"].error.isVisible() or dialog.fields["code"].error.text()
    dialog.code.setText("A-3")
    assert dialog.save()
    assert len(expected_offices(desk.database)) == 3
    save_expected_office(desk.database, Office("A-4", OfficeType.CITY_HALL, "Мэрия", "", "KG-N"))
    panel.load()
    assert panel.expected.model.rowCount() == 4


def test_tables_export_real_numbers_and_print(
    desk: MkkDesk, packets, qtbot, tmp_path: Path, messages
) -> None:
    from openpyxl import load_workbook

    _source, out, _summaries = packets
    _import(desk, out, qtbot)
    desk.tabs.setCurrentWidget(desk.national)
    national = desk.national
    qtbot.waitUntil(
        lambda: national.report is not None and not national.runner.is_running(), timeout=WAIT_MS
    )
    seats = national.seats
    seats.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    values = [row[5] for row in seats.raw_rows()]
    assert values == sorted(values, reverse=True) and values
    path = tmp_path / "seats.xlsx"
    assert seats.export_to(path)
    sheet = load_workbook(path).active
    assert isinstance(sheet.cell(2, 6).value, int)
    assert sheet.cell(2, 6).value == values[0]
    assert seats.write_pdf(tmp_path / "seats.pdf") >= 1
    assert national.write_report_pdf(tmp_path / "national.pdf") >= 3


def test_rows_model(qtmodeltester) -> None:
    model = RowsModel([Column("Name"), Column("Count", "integer"), Column("Share", "percent")])
    model.set_rows([("a", 3, 0.5), ("b", None, 0.25), ("c", 1, None)])
    qtmodeltester.check(model)
    model.sort(1)
    assert [r[0] for r in model.rows] == ["c", "a", "b"]


def test_language_switch_retranslates_the_desk(desk: MkkDesk, qt_language) -> None:
    from ui.language import switch_language

    switch_language("ky", remember=False)
    assert desk.tabs.tabText(0) != "Packets" or desk.tabs.tabText(2) != "National analysis"
    switch_language("ru", remember=False)
    switch_language("en", remember=False)
    assert desk.tabs.tabText(0) == "Packets"


def test_main_window_shows_the_desk_for_mkk(qtbot, tmp_path: Path, messages) -> None:
    from hrdesk import register
    from hrdesk.store.database import Database
    from ui.main_window import MainWindow
    from ui.session import open_session

    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.close()
    session = open_session(tmp_path / "mkk.sqlite3", messages)
    assert session is not None
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    assert window.mkk_desk is not None and window.pages.currentWidget() is window.mkk_desk
    window.mkk_desk.tabs.setCurrentWidget(window.mkk_desk.national)
    assert "No cycle yet" in window.mkk_desk.national.status.text()
    window.close()
    session.close()


def test_every_desk_table_exports_numbers_as_numbers(
    desk: MkkDesk, packets, qtbot, tmp_path: Path
) -> None:
    """Each table of the desk, in XLSX: a column of numbers holds numbers (int or float, with
    a number format for shares), never the text shown on screen."""
    import datetime as dt

    from openpyxl import load_workbook

    from ui.mkk.table_panel import TablePanel

    _source, out, _summaries = packets
    _import(desk, out, qtbot)
    desk.tabs.setCurrentWidget(desk.national)
    national = desk.national
    qtbot.waitUntil(
        lambda: national.report is not None and not national.runner.is_running(), timeout=WAIT_MS
    )
    panels = desk.findChildren(TablePanel)
    assert len(panels) >= 15
    checked = 0
    for i, panel in enumerate(panels):
        path = tmp_path / f"t{i}.xlsx"
        assert panel.export_to(path), panel.title
        sheet = load_workbook(path).active
        for c, column in enumerate(panel.model.columns, 1):
            values = [sheet.cell(r, c) for r in range(2, sheet.max_row + 1)]
            present = [cell for cell in values if cell.value is not None]
            if column.kind in ("integer", "decimal", "percent"):
                assert all(isinstance(x.value, int | float) for x in present), (panel.title, c)
                checked += len(present)
                if column.kind == "percent":
                    assert all("%" in x.number_format for x in present)
            elif column.kind == "datetime":
                assert all(isinstance(x.value, dt.datetime) for x in present)
            else:  # a text column must not hide numbers formatted as text
                for x in present:
                    text = str(x.value).replace("\u00a0", "").replace("\u202f", "").strip()
                    assert not text.replace(",", "").replace(".", "").isdigit() or (
                        len(text) == 4 or "-" in text
                    ), (panel.title, column.title, x.value)
    assert checked > 100

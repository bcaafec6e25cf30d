"""The office's packets page: the recorded exports, MKK's key and the office's own, the guided
export from the page and the File menu, and the export warnings' way to where they are fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue
from PySide6.QtWidgets import QDialog

from hrdesk.packets.export import export_packet
from hrdesk.packets.keys import fingerprint, load_keys, mkk_box_public_key
from ui.dialogs.packet_export_dialog import PacketExportDialog
from ui.main_window import MainWindow
from ui.pages.packets_page import FILE_COLUMN, PacketsPage
from ui.session import open_session

WAIT_MS = 20000


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("packets-page")
    office = demo_office_file(root, 8, 10, with_plan=False)
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    mkk.close()
    return office, catalogue


@pytest.fixture
def office(sources, tmp_path: Path):
    database = copy_office(sources[0], tmp_path / "office.sqlite3")
    yield database
    database.close()


def test_lists_exports_and_both_keys(office, sources, tmp_path: Path, qtbot, messages) -> None:
    page = PacketsPage(office, messages)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert "import the catalogue file" in page.mkk_key.text()
    # The office's key is made at setup.
    assert page.own_key.text() == fingerprint(load_keys(office, "office").signing_public)
    receive_catalogue(office, sources[1])
    first = export_packet(office, CYCLE, tmp_path)
    second = export_packet(office, CYCLE, tmp_path, unencrypted=True)
    page.load()
    assert page.mkk_key.text() == fingerprint(bytes(mkk_box_public_key(office)))
    assert page.own_key.text() == fingerprint(load_keys(office, "office").signing_public)
    assert page.model.rowCount() == 2
    rows = page.model.rows  # newest first
    assert rows[0][FILE_COLUMN] == second.path.name and rows[0][5] == second.packet_id
    assert rows[1][FILE_COLUMN] == first.path.name and rows[1][1] == CYCLE
    assert rows[1][3] == "yes" and rows[0][3] == "NO"
    assert rows[1][4] == first.counts["staff"]


def test_export_from_the_page_shows_in_the_list(
    office, sources, tmp_path: Path, qtbot, messages, monkeypatch
) -> None:
    receive_catalogue(office, sources[1])
    page = PacketsPage(office, messages)
    qtbot.addWidget(page)

    def drive(dialog: PacketExportDialog) -> None:
        qtbot.addWidget(dialog)
        for box in dialog.accepted_boxes:
            box.setChecked(True)
        dialog.next_button.click()
        dialog.folder.setText(str(tmp_path))
        with qtbot.waitSignal(dialog.runner.succeeded, timeout=WAIT_MS):
            dialog.next_button.click()
        dialog.next_button.click()  # Close
        page.load()

    monkeypatch.setattr(page, "run_dialog", drive)
    dialog = page.export_packet()
    assert dialog.result is not None
    assert page.model.rowCount() == 1
    assert page.model.rows[0][FILE_COLUMN] == dialog.result.path.name


def test_window_menu_and_fix_targets(sources, tmp_path: Path, qtbot, messages, monkeypatch) -> None:
    office = copy_office(sources[0], tmp_path / "office.sqlite3")
    office.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    assert session is not None
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    window.show()
    opened: list[PacketExportDialog] = []

    def fake_exec(dialog: PacketExportDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PacketExportDialog, "exec", fake_exec)
    assert window.packet_action.isVisible()
    window.packet_action.trigger()
    assert len(opened) == 1
    page = window.loaded_pages["PacketsPage"]
    assert window.pages.currentWidget() is page

    # A warning's Fix button: the dialog closes and the window shows where to fix it.
    page.fix_requested.emit("plan")
    assert type(window.pages.currentWidget()).__name__ == "PlanPage"
    page.fix_requested.emit("needs_endorsement")
    needs = window.pages.currentWidget()
    assert needs.tabs.currentWidget() is needs.endorsement_page
    page.fix_requested.emit("staff_incomplete")
    assert window.nav.currentRow() == 0 and window.incomplete_only.isChecked()
    window.close()
    session.close()

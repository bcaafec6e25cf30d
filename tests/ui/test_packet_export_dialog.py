"""The guided packet export: the checks as warnings (fix or accept), the "unencrypted" choice
without MKK's key, the export in a worker with Cancel, and the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue

from hrdesk.packets.export import exports
from ui.dialogs.packet_export_dialog import CHECKS, EXPORT, RESULT, PacketExportDialog

WAIT_MS = 20000


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small demo office without a plan (so there are warnings) and MKK's catalogue file."""
    root = tmp_path_factory.mktemp("export-dialog")
    office = demo_office_file(root, 7, 12, with_plan=False)
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    mkk.close()
    return office, catalogue


@pytest.fixture
def office(sources, tmp_path: Path):
    database = copy_office(sources[0], tmp_path / "office.sqlite3")
    yield database
    database.close()


def make_dialog(qtbot, database, messages) -> PacketExportDialog:
    dialog = PacketExportDialog(database, messages, cycle=CYCLE)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def accept_all(dialog: PacketExportDialog) -> None:
    for box in dialog.accepted_boxes:
        box.setChecked(True)


def export(dialog: PacketExportDialog, folder: Path, qtbot) -> None:
    dialog.next_button.click()
    assert dialog.steps.currentIndex() == EXPORT
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.runner.succeeded, timeout=WAIT_MS):
        dialog.next_button.click()
    assert dialog.steps.currentIndex() == RESULT


def test_warnings_then_encrypted_export_recorded(
    office, sources, tmp_path: Path, qtbot, messages
) -> None:
    receive_catalogue(office, sources[1])
    dialog = make_dialog(qtbot, office, messages)
    codes = [w.code for w in dialog.warnings]
    assert "no_plan" in codes
    assert len(dialog.accepted_boxes) == len(codes)
    assert not dialog.unencrypted.isVisible()  # MKK's key is there
    assert "encrypted to MKK's key" in dialog.key_label.text()
    assert not dialog.next_button.isEnabled()  # warnings not accepted yet
    accept_all(dialog)
    assert dialog.next_button.isEnabled()
    out = tmp_path / "usb"
    out.mkdir()
    export(dialog, out, qtbot)
    files = list(out.iterdir())
    assert len(files) == 1 and "UNENCRYPTED" not in files[0].name
    result = dialog.result
    assert result is not None and result.encrypted and result.path == files[0]
    text = dialog.result_label.text()
    assert files[0].name in text and result.packet_id in text
    assert f"{result.counts['staff']} people" in text
    [recorded] = exports(office)
    assert recorded["packet_id"] == result.packet_id
    assert recorded["file_name"] == files[0].name


def test_fix_button_asks_the_window_and_closes(office, qtbot, messages) -> None:
    dialog = make_dialog(qtbot, office, messages)
    row = [w.code for w in dialog.warnings].index("no_plan")
    fix = dialog.fix_buttons[row]
    assert "Training plan" in fix.text()
    with qtbot.waitSignal(dialog.fix_requested) as asked:
        fix.click()
    assert asked.args == ["plan"]
    assert not dialog.isVisible()


def test_without_mkk_key_only_unencrypted(office, tmp_path: Path, qtbot, messages) -> None:
    dialog = make_dialog(qtbot, office, messages)
    accept_all(dialog)
    assert dialog.unencrypted.isVisible()
    assert "not set up" in dialog.key_label.text()
    assert not dialog.next_button.isEnabled()  # refused until "unencrypted" is ticked
    dialog.next_button.click()
    assert dialog.steps.currentIndex() == CHECKS
    dialog.unencrypted.setChecked(True)
    assert dialog.next_button.isEnabled()
    export(dialog, tmp_path, qtbot)
    assert dialog.result is not None and not dialog.result.encrypted
    assert dialog.result.path.name.endswith("-UNENCRYPTED.hrpacket")
    assert "NOT encrypted" in dialog.result_label.text()
    assert exports(office)[0]["encrypted"] is False


def test_cancel_writes_nothing(office, tmp_path: Path, qtbot, messages) -> None:
    dialog = make_dialog(qtbot, office, messages)
    accept_all(dialog)
    dialog.unencrypted.setChecked(True)
    dialog.next_button.click()
    out = tmp_path / "usb"
    out.mkdir()
    dialog.folder.setText(str(out))
    # The worker checks Cancel between its steps, the last one after the file is written.
    with qtbot.waitSignal(dialog.runner.failed, timeout=WAIT_MS):
        dialog.next_button.click()
        assert dialog.runner.is_running()
        dialog.cancel_button.click()
    assert dialog.result is None
    assert dialog.steps.currentIndex() == EXPORT
    assert "cancelled" in dialog.export_status.text()
    assert list(out.iterdir()) == []
    assert exports(office) == []
    assert dialog.next_button.isEnabled()  # may try again


def test_a_missing_folder_is_named_and_nothing_written(office, tmp_path, qtbot, messages) -> None:
    dialog = make_dialog(qtbot, office, messages)
    accept_all(dialog)
    dialog.unencrypted.setChecked(True)
    dialog.next_button.click()
    dialog.folder.setText(str(tmp_path / "nowhere"))
    dialog.next_button.click()
    assert not dialog.runner.is_running()
    assert messages.shown[-1][0] == "error" and "nowhere" in messages.shown[-1][1]
    assert exports(office) == []

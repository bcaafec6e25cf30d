"""The import dialog: an XLSX and a cp1251 CSV with bad rows; the preview lists them; importing
writes the valid ones, in a worker thread."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from helpers.fixtures import fill_register
from PySide6.QtCore import Qt

from hrdesk.importing import ConflictDecision
from hrdesk.store.staff import StaffRepository
from ui.dialogs.import_dialog import COLUMNS_PAGE, FILE_PAGE, PREVIEW_PAGE, ImportDialog
from ui.widgets.import_tables import ConflictsModel, RowErrorsModel

HEADER = ["Фамилия", "Имя", "Отчество", "ПИН", "Дата рождения", "Должность"]
ROWS = [
    ["Асанов", "Нурлан", "Бакытович", "21503198500123", "15.03.1985", "Главный специалист"],
    ["Осмонова", "Асел", "", "11010199000045", "10.10.1990", "Адис"],
    ["Токтогулов", "", "", "20101198000011", "", "Адис"],  # no name
    ["Жумабаева", "Айгуль", "", "1234", "", ""],  # short PIN
]


def write_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Список сотрудников айыл окмоту"])  # a title row above the header
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet["D4"] = 21503198500123  # a PIN stored as a number
    book.save(path)
    return path


def write_csv_cp1251(path: Path) -> Path:
    lines = [";".join(HEADER)] + [";".join(r) for r in ROWS]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    return path


def open_dialog(qtbot, database, messages) -> ImportDialog:
    dialog = ImportDialog(database, messages)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def step(qtbot, dialog: ImportDialog, button) -> None:
    with qtbot.waitSignal(dialog.runner.succeeded, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to_preview(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.path.setText(str(path))
    step(qtbot, dialog, dialog.next_button)
    assert dialog.pages.currentIndex() == COLUMNS_PAGE
    step(qtbot, dialog, dialog.next_button)
    assert dialog.pages.currentIndex() == PREVIEW_PAGE


def refused(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    model = dialog.errors_model
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def import_all(qtbot, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_xlsx_preview_lists_bad_rows_and_import_writes_valid_ones(
    qtbot, tmp_path, office_database, messages
):
    dialog = open_dialog(qtbot, office_database, messages)
    go_to_preview(qtbot, dialog, write_xlsx(tmp_path / "staff.xlsx"))

    bad = refused(dialog)
    assert {(row, column) for row, column, _reason in bad} == {("6", "Имя"), ("7", "ПИН")}
    assert any("14 digits" in reason for *_rest, reason in bad)
    assert StaffRepository(office_database).count() == 0  # the preview writes nothing

    import_all(qtbot, dialog)
    names = sorted(m.surname for m in StaffRepository(office_database).all())
    assert names == ["Асанов", "Осмонова"]
    assert dialog.changes.staff_added
    assert "Imported 2 of 4" in messages.shown[-1][1]


def test_cp1251_csv_is_read_and_imported(qtbot, tmp_path, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    go_to_preview(qtbot, dialog, write_csv_cp1251(tmp_path / "staff.csv"))
    assert len(refused(dialog)) == 2
    import_all(qtbot, dialog)
    assert {m.name for m in StaffRepository(office_database).all()} == {"Нурлан", "Асел"}


def test_mapping_can_be_corrected(qtbot, tmp_path, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    dialog.path.setText(str(write_xlsx(tmp_path / "staff.xlsx")))
    step(qtbot, dialog, dialog.next_button)
    position = dialog.field_combo(HEADER.index("Должность"))
    assert position.currentData() == "position_title"  # pre-filled by the core's detection
    position.setCurrentIndex(position.findData(""))  # do not import it
    step(qtbot, dialog, dialog.next_button)
    import_all(qtbot, dialog)
    assert {m.position_title for m in StaffRepository(office_database).all()} == {""}


def test_unreadable_file_is_explained_next_to_the_file(qtbot, tmp_path, office_database, messages):
    dialog = open_dialog(qtbot, office_database, messages)
    dialog.path.setText(str(tmp_path / "missing.xlsx"))
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.fields["file"].error.text()
    assert dialog.pages.currentIndex() == FILE_PAGE


def test_conflict_is_decided_per_row(qtbot, tmp_path, office_database, messages):
    [staff_id] = fill_register(office_database, 1)
    holder = StaffRepository(office_database).get(staff_id)
    path = tmp_path / "conflict.csv"
    path.write_text(f"Фамилия;Имя;ПИН\nБашкаев;Башка;{holder.pin}\n", encoding="utf-8")
    dialog = open_dialog(qtbot, office_database, messages)
    go_to_preview(qtbot, dialog, path)
    model = dialog.conflicts_model
    assert (
        model.rowCount() == 1 and model.index(0, ConflictsModel.HELD_BY).data() == holder.full_name
    )
    model.setData(model.index(0, ConflictsModel.DECISION), ConflictDecision.ADD.value)
    import_all(qtbot, dialog)
    assert len(StaffRepository(office_database).with_pin(holder.pin)) == 2


def test_import_tables(qtmodeltester, tmp_path, office_database):
    from hrdesk.importing import detect_mapping, preview, read_table

    raw = read_table(write_xlsx(tmp_path / "staff.xlsx"))
    plan = preview(office_database, raw, detect_mapping(raw))
    qtmodeltester.check(RowErrorsModel(plan.errors))
    qtmodeltester.check(ConflictsModel(plan.conflicts))


def test_cancel_during_import_writes_nothing(
    qtbot, tmp_path, office_database, messages, monkeypatch
):
    import time

    import ui.dialogs.import_dialog as module

    real_apply = module.apply

    def apply_after_cancel(database, plan, decisions, progress, cancel):
        deadline = time.monotonic() + 5
        while not cancel() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_apply(database, plan, decisions, progress, cancel)

    monkeypatch.setattr(module, "apply", apply_after_cancel)
    dialog = open_dialog(qtbot, office_database, messages)
    go_to_preview(qtbot, dialog, write_xlsx(tmp_path / "staff.xlsx"))
    with qtbot.waitSignal(dialog.runner.succeeded, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.isVisible() and not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert StaffRepository(office_database).count() == 0
    assert "cancelled" in messages.shown[-1][1]
    assert dialog.isVisible() and dialog.import_button.isEnabled()

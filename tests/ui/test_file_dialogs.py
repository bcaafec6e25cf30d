"""The file dialogs are Qt's own, so their texts come from hrdesk's catalog in Kyrgyz (Qt ships
no Kyrgyz), and a name typed without an extension gets the chosen filter's."""

from __future__ import annotations

import gettext

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
)

from hrdesk import i18n
from ui import file_dialogs
from ui.language import FILE_DIALOG, install_qt_translators


class Marked(gettext.NullTranslations):
    """Every text of the file dialog's context comes back in «», so an untranslated one shows."""

    def pgettext(self, context: str, message: str) -> str:
        return f"«{message}»" if context == FILE_DIALOG else message


@pytest.fixture
def marked_kyrgyz(qapp, monkeypatch):
    monkeypatch.setattr(i18n._state, "translations", Marked())
    install_qt_translators("ky")
    yield
    monkeypatch.undo()
    install_qt_translators("en")


def _texts(dialog: QFileDialog) -> dict[str, str]:
    """Visible text of the dialog's labels, buttons, tooltips and column headers."""
    texts = {}
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.text():
            texts[f"label {label.objectName()}"] = label.text()
    for n, button in enumerate(dialog.findChildren(QAbstractButton)):
        if button.isVisibleTo(dialog):
            if button.text():
                texts[f"button {n} {button.objectName()}"] = button.text()
            if button.toolTip():
                texts[f"tooltip {n} {button.objectName()}"] = button.toolTip()
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        for section in range(model.columnCount()):
            texts[f"column {section}"] = model.headerData(section, header.orientation())
    return texts


@pytest.mark.parametrize("save", [False, True])
def test_every_text_of_the_file_dialog_goes_through_the_catalog(
    qtbot, tmp_path, marked_kyrgyz, save
):
    dialog = file_dialogs.make_dialog(None, "caption", str(tmp_path), "Excel (*.xlsx)")
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = _texts(dialog)
    # Cancel and Open/Save come from QPlatformTheme, answered by the standard texts.
    standard = ("Cancel", "Open", "Save", "&Open", "&Save")
    untranslated = {
        where: text
        for where, text in texts.items()
        if not text.startswith(("«", "&«")) and text not in standard
    }
    assert len(texts) > 10
    assert untranslated == {}
    dialog.close()


def test_saving_adds_the_extension_of_the_chosen_filter(qtbot, tmp_path):
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.selectedNameFilter() == "CSV (*.csv)"  # the suggested name chose it
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        types.setCurrentIndex(0)  # as if the user chose Excel: the combo emits both
        types.activated.emit(0)
        types.textActivated.emit(types.itemText(0))
        dialog.findChild(QLineEdit, "fileNameEdit").setText("staff list")
        dialog.accept()

    QTimer.singleShot(0, fill_in)
    path, chosen = file_dialogs.get_save_file_name(
        None, "Export", str(tmp_path / "staff.csv"), "Excel (*.xlsx);;CSV (*.csv)"
    )
    assert path == str(tmp_path / "staff list.xlsx")
    assert chosen == "Excel (*.xlsx)"


def test_cancel_gives_nothing(qtbot, tmp_path):
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert file_dialogs.get_open_file_name(None, "Open", str(tmp_path), "Any (*)") == ("", "")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert file_dialogs.get_existing_directory(None, "Folder", str(tmp_path)) == ""

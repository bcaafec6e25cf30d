"""File dialogs that speak the program's language.

The operating system's own dialogs follow the system language, which is never Kyrgyz and may
not be the language chosen in hrdesk. Qt's own dialog is used instead (DontUseNativeDialog):
its texts pass through the Qt translators of ui.language, which answer them in Kyrgyz from
hrdesk's catalog and in Russian from Qt's. The functions mirror QFileDialog's static ones
(same arguments, same results), so a call site only changes its name.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

_SUFFIX = re.compile(r"\*\.(\w+)")


def _suffix_of(name_filter: str) -> str:
    """The first file extension of a filter like "Excel workbook (*.xlsx)", or ""."""
    found = _SUFFIX.search(name_filter)
    return found.group(1) if found else ""


def make_dialog(
    parent: QWidget | None, caption: str, directory: str = "", name_filter: str = ""
) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


def _run(dialog: QFileDialog) -> tuple[str, str]:
    """(the first chosen path, the chosen filter), or ("", "") when cancelled."""
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def get_open_file_name(
    parent: QWidget | None, caption: str = "", directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    """(the chosen existing file, the chosen filter), or ("", "") when cancelled."""
    dialog = make_dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def get_save_file_name(
    parent: QWidget | None, caption: str = "", directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    """(the file to write, the chosen filter), or ("", "") when cancelled. A name typed without
    an extension gets the one of the chosen filter; an existing file is replaced only after the
    user confirms it."""
    dialog = make_dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(_suffix_of(dialog.selectedNameFilter()))
    suggested = Path(directory).name.lower()
    for candidate in dialog.nameFilters():
        # The suggested name picks its filter, so the two agree when the dialog opens.
        suffix = _suffix_of(candidate)
        if suffix and suggested.endswith("." + suffix.lower()):
            dialog.selectNameFilter(candidate)
            dialog.setDefaultSuffix(suffix)
            break
    dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(_suffix_of(chosen)))
    return _run(dialog)


def get_existing_directory(parent: QWidget | None, caption: str = "", directory: str = "") -> str:
    """The chosen folder, or "" when cancelled."""
    dialog = make_dialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)[0]


def get_open_file_names(
    parent: QWidget | None, caption: str = "", directory: str = "", name_filter: str = ""
) -> tuple[list[str], str]:
    """(the chosen existing files, the chosen filter), or ([], "") when cancelled."""
    dialog = make_dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return [], ""
        return dialog.selectedFiles(), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()

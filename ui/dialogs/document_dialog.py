"""Print preview, print and save as PDF of one document, in a chosen language.

The document is made by `prepare(language) -> ui.documents.PdfDocument` (GUI thread, quick);
the PDF is laid out and written in a worker with a progress bar and Cancel (ui.workers)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from hrdesk.reports.pdf_base import Cancelled
from ui import file_dialogs, printing
from ui.app_settings import last_folder, remember_folder
from ui.documents import PdfDocument
from ui.workers import JobRunner

Prepare = Callable[[str], PdfDocument]


class DocumentDialog(QDialog):
    """`title_source` is an English source text (N_), translated here."""

    def __init__(self, prepare: Prepare, title_source: str, messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepare = prepare
        self.title_source = title_source
        self.messages = messages
        self.saved_path: Path | None = None
        self.pages_written = 0
        self._after_write: Callable[[Path], None] | None = None
        self._temporary: Path | None = None
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._written)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)

        self.preview_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.choose_and_save)
        self.open_button.clicked.connect(self.open_saved)
        actions = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button,
                       self.open_button):
            actions.addWidget(button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_(self.title_source))
        self.language_label.setText(_("&Language of the document:"))
        self.preview_button.setText(_("Print pre&view…"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.open_button.setText(_("&Open the PDF"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    # --- making the PDF ---------------------------------------------------------------------

    def _start(self, path: Path, after: Callable[[Path], None]) -> bool:
        if self.runner.is_running():
            return False
        try:
            document = self.prepare(self.chosen_language())
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self._after_write = after
        self._set_busy(True)
        self.status.setText(_("Making the PDF…"))
        self.runner.start(_("Making the PDF: {title}").format(title=document.title),
                          lambda progress, cancel: (path, document.write(path, progress, cancel)))
        return True

    def _set_busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)

    def _written(self, result: object) -> None:
        self._set_busy(False)
        path, pages = result  # type: ignore[misc]
        self.pages_written = pages
        after, self._after_write = self._after_write, None
        if after is not None:
            after(path)

    def _failed(self, exc: object) -> None:
        self._set_busy(False)
        self._drop_temporary()
        if isinstance(exc, Cancelled):
            self._cancelled()
            return
        if isinstance(exc, errors.HrdeskError):
            self.status.setText(exc.message)
            self.messages.error(exc.message)
            return
        raise exc  # type: ignore[misc]  # a bug: the crash handler reports it

    def _cancelled(self) -> None:
        self._set_busy(False)
        self._drop_temporary()
        self.status.setText(_("Cancelled. Nothing was saved."))

    # --- save -------------------------------------------------------------------------------

    def choose_and_save(self) -> None:
        suggested = self.prepare_name()
        start = str(Path(last_folder(str(Path.home()))) / suggested)
        path, _filter = file_dialogs.get_save_file_name(self, _("Save as PDF"), start,
                                                    _("PDF documents (*.pdf)"))
        if path:
            remember_folder(path)
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_pdf(Path(path))

    def prepare_name(self) -> str:
        try:
            return self.prepare(self.chosen_language()).file_name
        except errors.HrdeskError:
            return "hrdesk.pdf"

    def save_pdf(self, path: Path) -> bool:
        """Write the PDF to `path` in the worker; `finished` of self.runner tells when done."""
        return self._start(path, self._saved)

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self.open_button.setEnabled(True)
        self.status.setText(_("Saved {file} ({pages} pages).").format(
            file=path, pages=self.pages_written))

    def open_saved(self) -> None:
        if self.saved_path is not None and not printing.open_in_viewer(self.saved_path):
            self.messages.warning(_("No program to show PDF files was found. The file is {file}.")
                                  .format(file=self.saved_path))

    # --- preview and print (from a temporary PDF) -------------------------------------------

    def _temporary_pdf(self) -> Path:
        self._drop_temporary()
        fd, name = tempfile.mkstemp(prefix="hrdesk-print-", suffix=".pdf")
        os.close(fd)
        self._temporary = Path(name)
        return self._temporary

    def _drop_temporary(self) -> None:
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None

    def preview(self) -> None:
        self._start(self._temporary_pdf(), self._show_preview)

    def _show_preview(self, path: Path) -> None:
        self.status.clear()
        dialog = printing.preview_pdf(path, self)
        self.preview_dialog = dialog
        dialog.finished.connect(lambda _r: self._drop_temporary())
        dialog.open()

    def print_document(self) -> None:
        self._start(self._temporary_pdf(), self._print)

    def _print(self, path: Path) -> None:
        self.status.clear()
        printer = printing.choose_printer(path, self)
        if printer is None:
            self._drop_temporary()
            return
        self._printer = printer  # alive until the job ends
        self._after_write = None
        self._set_busy(True)
        runner = JobRunner(self)
        runner.finished.connect(lambda pages: self._printed(int(pages)))  # type: ignore[arg-type]
        runner.failed.connect(self._failed)
        runner.cancelled.connect(self._print_cancelled)
        self.print_runner = runner
        runner.start(_("Printing…"), printing.print_job(path, printer))

    def _printed(self, pages: int) -> None:
        self._set_busy(False)
        self._drop_temporary()
        self.status.setText(_("Sent {pages} pages to the printer.").format(pages=pages))

    def _print_cancelled(self) -> None:
        self._set_busy(False)
        self._drop_temporary()
        self.status.setText(_("Printing cancelled."))

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        self.runner.wait()
        if getattr(self, "print_runner", None) is not None:
            self.print_runner.wait()
        self._drop_temporary()
        super().done(result)

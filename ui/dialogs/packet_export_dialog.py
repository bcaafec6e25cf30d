"""The office's guided export of the needs-assessment packet, in three steps: the checks (each
warning fixed elsewhere or accepted; no MKK key means an explicit "unencrypted" choice), the
folder and the export itself in a worker with progress and Cancel, then the result."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import N_, _, format_number, ngettext
from hrdesk.packets.export import ExportResult, ExportWarning, export_checks, export_packet
from hrdesk.packets.keys import fingerprint, mkk_box_public_key
from hrdesk.packets.payload import RECORD_TYPES
from hrdesk.reports.pdf_base import Cancelled
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.pages.cycle_combo import CycleCombo
from ui.widgets.task_runner import TaskRunner

RECORD_TYPE_LABELS = {
    "staff": N_("people"),
    "education": N_("education records"),
    "training": N_("training records"),
    "assessments": N_("assessments"),
    "requests": N_("requested courses"),
    "plan_entries": N_("plan lines"),
}

# Where each warning is fixed: a target for MainWindow.go_to() and the words that say where.
FIX_TARGETS = {
    "not_assessed": ("needs_progress", N_("Needs assessment → Progress")),
    "draft_assessments": ("needs_progress", N_("Needs assessment → Progress")),
    "missing_fields": ("staff_incomplete", N_("Staff register, incomplete only")),
    "requests_pending": ("needs_endorsement", N_("Needs assessment → Endorsement")),
    "no_plan": ("plan", N_("Training plan")),
    "plan_not_approved": ("plan", N_("Training plan")),
}

CHECKS, EXPORT, RESULT = range(3)


def counts_text(counts: dict[str, int]) -> str:
    """Like "60 people, 75 education records, …", in the order of the packet's record types."""
    return ", ".join(
        _("{count} {what}").format(count=format_number(counts.get(kind, 0)), what=_(label))
        for kind, label in RECORD_TYPE_LABELS.items()
        if kind in RECORD_TYPES
    )


class PacketExportDialog(QDialog):
    """fix_requested(target) asks the window to show where a warning is fixed (the dialog
    closes first); after a successful export `result` is the ExportResult."""

    fix_requested = Signal(str)

    def __init__(
        self,
        database: Database,
        messages: MessageService,
        parent: QWidget | None = None,
        cycle: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.warnings: list[ExportWarning] = []
        self.accepted_boxes: list[QCheckBox] = []
        self.fix_buttons: list[QPushButton] = []
        self.result: ExportResult | None = None
        self.runner = TaskRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._exported)
        self.runner.failed.connect(self._failed)
        self._build()
        if cycle is not None:
            self.cycle.set_year(cycle)
        self.retranslate()
        self.load()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.steps = QStackedWidget()
        # Step 1: the checks.
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(self.database)
        self.cycle.cycle_changed.connect(lambda _year: self.load())
        self.cycle_label.setBuddy(self.cycle)
        self.checks_intro = QLabel()
        self.checks_intro.setWordWrap(True)
        # One block per warning: the message across the whole width (Kyrgyz and Russian run
        # long), under it the way to fix it and the tick that accepts it.
        self.warnings_box = QWidget()
        self.warnings_list = QVBoxLayout(self.warnings_box)
        self.warnings_list.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.warnings_box)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unencrypted = QCheckBox()
        self.unencrypted.toggled.connect(lambda _on: self._update_buttons())
        self.unencrypted_note = QLabel()
        self.unencrypted_note.setWordWrap(True)
        checks = QWidget()
        cycle_row = QHBoxLayout()
        cycle_row.addWidget(self.cycle_label)
        cycle_row.addWidget(self.cycle)
        cycle_row.addStretch(1)
        layout = QVBoxLayout(checks)
        layout.addLayout(cycle_row)
        layout.addWidget(self.checks_intro)
        layout.addWidget(scroll, 1)
        layout.addSpacing(8)
        layout.addWidget(self.key_label)
        layout.addWidget(self.unencrypted)
        layout.addWidget(self.unencrypted_note)
        self.steps.addWidget(checks)
        # Step 2: the folder and the export.
        self.folder_label = QLabel()
        self.folder = QLineEdit(last_folder(str(Path.home())))
        self.folder_label.setBuddy(self.folder)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 4)
        self.progress.setValue(0)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_summary = QLabel()
        self.export_summary.setWordWrap(True)
        export = QWidget()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        layout = QVBoxLayout(export)
        layout.addWidget(self.export_summary)
        layout.addSpacing(8)
        layout.addWidget(self.folder_label)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.export_status)
        layout.addStretch(1)
        self.steps.addWidget(export)
        # Step 3: the result.
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton()
        self.open_folder_button.clicked.connect(self.open_folder)
        result = QWidget()
        layout = QVBoxLayout(result)
        layout.addWidget(self.result_label)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_folder_button)
        open_row.addStretch(1)
        layout.addLayout(open_row)
        layout.addStretch(1)
        self.steps.addWidget(result)

        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.go(CHECKS))
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_step)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        main = QVBoxLayout(self)
        main.addWidget(self.steps, 1)
        main.addLayout(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 64, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export the needs-assessment packet"))
        self.cycle_label.setText(_("Assessment &cycle:"))
        self.cycle.retranslate()
        self.unencrypted.setText(_("Export &without encryption"))
        self.unencrypted_note.setText(
            _(
                "Without encryption anyone who finds the file (a lost USB stick, a forwarded "
                "e-mail) can read the personal data in it. The file name and the packet say "
                "UNENCRYPTED. Choose this only when MKK agreed to it."
            )
        )
        self.folder_label.setText(_("&Folder to write the packet to (e.g. the USB stick):"))
        self.browse.setText(_("C&hoose…"))
        self.open_folder_button.setText(_("&Open the folder"))
        self.back_button.setText(_("< &Back"))
        self._show_warnings()
        self._show_key()
        self._show_result()
        self._show_summary()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self._database_open():
            self.retranslate()
        super().changeEvent(event)

    def _database_open(self) -> bool:
        """False once the database was closed (a closed dialog may outlive it)."""
        try:
            self.database.conn.total_changes  # noqa: B018 - raises on a closed connection
        except sqlite3.ProgrammingError:
            return False
        return True

    # --- step 1: the checks -----------------------------------------------------------------

    def load(self) -> None:
        year = self.cycle.year()
        self.warnings = []
        if year is not None:
            try:
                self.warnings = export_checks(self.database, year)
            except errors.HrdeskError as exc:
                self.messages.error(exc.message)
        self._show_warnings()
        self._show_key()
        self._update_buttons()

    def _show_warnings(self) -> None:
        # Ticks survive a reload (another cycle, a language switch) by the warning's code.
        accepted = {box.property("code") for box in self.accepted_boxes if box.isChecked()}
        while self.warnings_list.count():
            item = self.warnings_list.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.accepted_boxes = []
        self.fix_buttons = []
        year = self.cycle.year()
        if year is None:
            self.checks_intro.setText(
                _("No assessment cycle is open, so there is nothing to export yet.")
            )
        elif self.warnings:
            self.checks_intro.setText(
                _(
                    "Before the packet for {year} is written, look at what is not finished. Fix "
                    "it, or tick it to send the packet as it is."
                ).format(year=year)
            )
        else:
            self.checks_intro.setText(
                _("Everything is ready: nothing is missing in the cycle {year}.").format(year=year)
            )
        for warning in self.warnings:
            message = QLabel(warning.message)
            message.setWordWrap(True)
            message.setObjectName(f"warning_{warning.code}")
            target, where = FIX_TARGETS.get(warning.code, ("", ""))
            fix = QPushButton(_("Fix: {where}").format(where=_(where)) if where else _("Fix"))
            fix.setEnabled(bool(target))
            fix.clicked.connect(lambda _checked=False, t=target: self.request_fix(t))
            box = QCheckBox(_("Accept"))
            box.setProperty("code", warning.code)
            box.setChecked(warning.code in accepted)
            box.toggled.connect(lambda _on: self._update_buttons())
            block = QFrame()
            block.setFrameShape(QFrame.Shape.StyledPanel)
            actions = QHBoxLayout()
            actions.addWidget(fix)
            actions.addSpacing(12)
            actions.addWidget(box)
            actions.addStretch(1)
            block_layout = QVBoxLayout(block)
            block_layout.addWidget(message)
            block_layout.addLayout(actions)
            self.warnings_list.addWidget(block)
            self.accepted_boxes.append(box)
            self.fix_buttons.append(fix)
        self.warnings_list.addStretch(1)

    def _show_key(self) -> None:
        key = mkk_box_public_key(self.database)
        has_key = key is not None
        if has_key:
            self.key_label.setText(
                _(
                    "The packet will be encrypted to MKK's key {fingerprint}: only MKK can read "
                    "the personal data in it."
                ).format(fingerprint=fingerprint(bytes(key)))
            )
        else:
            self.key_label.setText(
                _(
                    "MKK's public key is not set up (it comes with the catalogue file from MKK), "
                    "so the packet cannot be encrypted."
                )
            )
        self.unencrypted.setVisible(not has_key)
        self.unencrypted_note.setVisible(not has_key)
        if has_key:
            self.unencrypted.setChecked(False)

    def request_fix(self, target: str) -> None:
        if target:
            self.reject()
            self.fix_requested.emit(target)

    def checks_done(self) -> bool:
        """Every warning accepted, and MKK's key present or no encryption chosen."""
        return (
            self.cycle.year() is not None
            and all(box.isChecked() for box in self.accepted_boxes)
            and (mkk_box_public_key(self.database) is not None or self.unencrypted.isChecked())
        )

    # --- step 2: the export -----------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = file_dialogs.get_existing_directory(
            self, _("Choose the folder for the packet"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def start_export(self) -> None:
        folder = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if folder is None or not folder.is_dir():
            self.messages.error(
                _(
                    "The folder {path} does not exist. Choose a folder to write the packet to."
                ).format(path=self.folder.text().strip())
            )
            return
        year = self.cycle.year()
        assert year is not None
        remember_folder(str(folder))
        database_path = self.database.path
        unencrypted = self.unencrypted.isChecked()

        def job(progress, cancel) -> ExportResult:
            with Database.open(database_path, check=False) as database:
                return export_packet(database, year, folder, unencrypted, progress, cancel)

        self.progress.setValue(0)
        self.export_status.setText(_("Writing the packet…"))
        self.runner.start(job)
        self._update_buttons()

    def _show_summary(self) -> None:
        year = self.cycle.year()
        if self.unencrypted.isChecked():
            text = _("The packet of the cycle {year}, NOT encrypted.").format(year=year)
        else:
            text = _("The packet of the cycle {year}, encrypted for MKK.").format(year=year)
        accepted = len(self.accepted_boxes)
        if accepted:
            text += " " + ngettext(
                "Accepted as it is: {count} warning.",
                "Accepted as they are: {count} warnings.",
                accepted,
            ).format(count=accepted)
        self.export_summary.setText(text)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _exported(self, result: ExportResult) -> None:
        self.result = result
        self._show_result()
        self.go(RESULT)

    def _failed(self, exc: object) -> None:
        self.progress.setValue(0)
        if isinstance(exc, Cancelled):
            self.export_status.setText(_("Export cancelled. No file was written."))
        elif isinstance(exc, errors.HrdeskError):
            self.export_status.setText(exc.message)
            self.messages.error(exc.message)
        else:
            self._update_buttons()
            raise exc  # type: ignore[misc]  # a bug: the crash dialog shows it
        self._update_buttons()

    # --- step 3: the result -----------------------------------------------------------------

    def _show_result(self) -> None:
        r = self.result
        if r is None:
            self.result_label.setText("")
            return
        lines = [
            _("The packet was written and recorded."),
            _("File: {name}").format(name=r.path.name),
            _("Folder: {folder}").format(folder=r.path.parent),
            _("Packet ID: {id}").format(id=r.packet_id),
            _("Records: {counts}").format(counts=counts_text(r.counts)),
            _("Encrypted for MKK.") if r.encrypted else _("NOT encrypted: keep the file safe."),
        ]
        self.result_label.setText("\n".join(lines))

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    # --- navigation -------------------------------------------------------------------------

    def go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self._show_summary()
        self._update_buttons()

    def next_step(self) -> None:
        step = self.steps.currentIndex()
        if step == CHECKS and self.checks_done():
            self.go(EXPORT)
        elif step == EXPORT and not self.runner.is_running():
            self.start_export()
        elif step == RESULT:
            self.accept()

    def cancel(self) -> None:
        """Cancel a running export (nothing is written), else close the dialog."""
        if self.runner.is_running():
            self.runner.cancel()
            self.export_status.setText(_("Cancelling…"))
        elif self.steps.currentIndex() == RESULT:
            self.accept()
        else:
            self.reject()

    def _update_buttons(self) -> None:
        step = self.steps.currentIndex()
        running = self.runner.is_running()
        self.back_button.setVisible(step == EXPORT)
        self.back_button.setEnabled(not running)
        self.folder.setEnabled(not running)
        self.browse.setEnabled(not running)
        texts = {CHECKS: _("&Next >"), EXPORT: _("&Export"), RESULT: _("&Close")}
        self.next_button.setText(texts[step])
        self.next_button.setEnabled(
            (step == CHECKS and self.checks_done())
            or (step == EXPORT and not running)
            or step == RESULT
        )
        self.cancel_button.setText(_("Cancel") if step != RESULT or running else _("Close"))
        self.cancel_button.setVisible(step != RESULT)

    def reject(self) -> None:
        if self.runner.is_running():
            self.runner.wait()  # cancels it: a half-written packet is never kept
        super().reject()

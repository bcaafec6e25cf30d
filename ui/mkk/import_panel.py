"""Importing packets at MKK: choose files or a folder, see the dry run (new, updated,
unchanged, rejected with reasons), then import. Both steps run in a worker with progress and
Cancel (hrdesk.packets.importer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hrdesk import errors
from hrdesk.i18n import N_, _
from hrdesk.packets.importer import PacketResult, Status, apply_import, plan_import
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import INTEGER, YEAR, Column
from ui.mkk.table_panel import TablePanel
from ui.workers import JobRunner

COLUMNS = [
    Column(N_("File")),
    Column(N_("Office")),
    Column(N_("Cycle"), YEAR),
    Column(N_("Result")),
    Column(N_("People new"), INTEGER),
    Column(N_("People updated"), INTEGER),
    Column(N_("People unchanged"), INTEGER),
    Column(N_("Reasons")),
]
STATUS_TEXTS = {
    Status.DRY_RUN: N_("ready to import"),
    Status.IMPORTED: N_("imported"),
    Status.UNCHANGED: N_("unchanged (already imported)"),
    Status.REJECTED: N_("rejected"),
}


class ImportPanel(QWidget):
    """`imported()` after packets were written, so the other views refresh."""

    imported = Signal()

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.paths: list[Path] = []
        self.results: list[PacketResult] = []
        self.applied = False
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._done)
        self.jobs.failed.connect(self._failed)
        self.jobs.cancelled.connect(
            lambda: self.messages.info(_("Cancelled; nothing more was imported."))
        )
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.files_button = QPushButton()
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.import_button = QPushButton()
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = TablePanel(N_("Packets"), COLUMNS, messages)
        top = QHBoxLayout()
        top.addWidget(self.files_button)
        top.addWidget(self.folder_button)
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Choose the packets the offices sent. hrdesk first checks them and shows what the "
                "import would do; nothing is written until you press Import."
            )
        )
        self.files_button.setText(_("Choose &packets…"))
        self.folder_button.setText(_("Choose a &folder…"))
        self.import_button.setText(_("&Import"))
        self._show_results()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose_files(self) -> None:
        files, _filter = file_dialogs.get_open_file_names(
            self,
            _("Choose packets"),
            last_folder(str(Path.home())),
            _("Packets (*.hrpacket *.zip);;All files (*)"),
        )
        if files:
            remember_folder(files[0])
            self.check([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = file_dialogs.get_existing_directory(
            self, _("Choose a folder of packets"), last_folder(str(Path.home()))
        )
        if folder:
            remember_folder(str(Path(folder) / "x"))
            self.check([Path(folder)])

    def check(self, paths: list[Path]) -> None:
        """The dry run of these files or folders, in a worker."""
        self.paths = paths
        self.applied = False
        self.import_button.setEnabled(False)
        self.jobs.start(_("Checking the packets…"), self._job(plan_import, paths))

    def apply(self) -> None:
        if not self.paths:
            return
        self.applied = True
        self.import_button.setEnabled(False)
        self.jobs.start(_("Importing the packets…"), self._job(apply_import, self.paths))

    def _job(self, step, paths: list[Path]):
        """The import step in a worker, through a connection of its own (the GUI's stays free
        for the window, the automatic backup included)."""
        path = self.database.path

        def job(progress, cancel):
            with Database.open(path, check=False) as database:
                return step(database, paths, progress, cancel)

        return job

    def _done(self, results: list[PacketResult]) -> None:
        self.results = results
        self._show_results()
        ready = any(r.status == Status.DRY_RUN for r in results)
        self.import_button.setEnabled(not self.applied and ready)
        if self.applied and any(r.status == Status.IMPORTED for r in results):
            self.imported.emit()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, errors.HrdeskError):
            self.messages.error(exc.message)
        else:
            raise exc  # type: ignore[misc]  # a bug: the crash handler reports it

    def _show_results(self) -> None:
        rows = []
        counts = {status: 0 for status in Status}
        for r in self.results:
            counts[r.status] += 1
            staff = r.counts.get("staff", {})
            rows.append(
                (
                    Path(r.file).name,
                    r.office_code or "",
                    r.cycle,
                    _(STATUS_TEXTS[r.status]),
                    staff.get("created", 0),
                    staff.get("updated", 0),
                    staff.get("unchanged", 0),
                    " ".join(c.message for c in r.conflicts),
                )
            )
        self.table.set_rows(rows)
        if not self.results:
            self.status.setText("")
            return
        ready = counts[Status.DRY_RUN]
        self.status.setText(
            _(
                "{files} files: {ready} ready to import, {imported} imported, "
                "{unchanged} unchanged, {rejected} rejected."
            ).format(
                files=len(self.results),
                ready=ready,
                imported=counts[Status.IMPORTED],
                unchanged=counts[Status.UNCHANGED],
                rejected=counts[Status.REJECTED],
            )
        )

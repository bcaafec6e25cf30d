"""Check database: SQLite's integrity check and the register's rules over the whole database
(hrdesk.check), run in a worker, the findings listed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.check import CheckReport, check_database, summary_text
from hrdesk.domain.rules import Severity
from hrdesk.i18n import N_, _
from hrdesk.store.database import Database
from ui.messages import MessageService
from ui.workers import JobRunner

HEADERS = (N_("Severity"), N_("Where"), N_("Problem"))


def check_file(database_path: Path) -> CheckReport:
    """The check on a connection of its own, so it can run in a worker thread."""
    with Database.open(database_path, check=False) as database:
        return check_database(database)


class CheckDialog(QDialog):
    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.header().setStretchLastSection(True)
        for finding in report.findings:
            QTreeWidgetItem(self.list, ["", finding.where, finding.message])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Check database"))
        self.summary.setText(summary_text(self.report))
        self.list.setHeaderLabels([_(h) for h in HEADERS])
        for row, finding in enumerate(self.report.findings):
            error = finding.severity == Severity.ERROR
            self.list.topLevelItem(row).setText(0, _("error") if error else _("warning"))
        self.list.resizeColumnToContents(0)
        self.list.setColumnWidth(1, min(self.list.sizeHintForColumn(1), 320))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def run_check(database_path: Path, messages: MessageService, parent: QWidget) -> JobRunner:
    """Start the check behind a progress dialog; the findings (or "sound") follow."""
    runner = JobRunner(parent)

    def done(report: CheckReport) -> None:
        runner.deleteLater()
        if report.clean:
            messages.info(summary_text(report), _("Check database"))
            return
        dialog = CheckDialog(report, parent)
        dialog.exec()
        dialog.deleteLater()

    def failed(exc: object) -> None:
        runner.deleteLater()
        if isinstance(exc, errors.HrdeskError):
            messages.error(exc.message)
            return
        raise exc  # type: ignore[misc]  # a bug: the crash dialog shows it

    runner.finished.connect(done)
    runner.failed.connect(failed)
    runner.cancelled.connect(runner.deleteLater)
    runner.start(_("Checking the database…"), lambda _p, _c: check_file(Path(database_path)))
    return runner

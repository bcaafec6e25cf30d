"""The automatic backup while the program runs (at most one a day, in a worker thread on a
connection of its own, so the window never waits) and the one made when it closes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from hrdesk import errors
from hrdesk.store import backup
from hrdesk.store.backup import BackupInfo
from hrdesk.store.database import Database
from ui.widgets.task_runner import TaskRunner

log = logging.getLogger(__name__)

# The first look a few minutes after the start (not to slow it down), then every hour: the
# core makes a backup only when there is none from today yet.
FIRST_AFTER_MS = 3 * 60 * 1000
EVERY_MS = 60 * 60 * 1000


def automatic_backup(
    database_path: Path, folder: Path | None = None, *, even_if_today: bool = False
) -> BackupInfo | None:
    """The daily backup of the database file, through a connection of its own (safe in any
    thread while the window keeps using its own)."""
    with Database.open(database_path, check=False) as database:
        return backup.automatic(database, folder, even_if_today=even_if_today)


def backup_at_close(database: Database, folder: Path | None = None) -> BackupInfo | None:
    """The backup made when the program closes; a failure is logged, never raised: closing
    must not be stopped by a full USB stick."""
    try:
        made = backup.automatic(database, folder, even_if_today=True)
    except errors.HrdeskError as exc:
        log.warning("no backup at close of %s: %s", database.path, exc.message)
        return None
    log.info("backup at close: %s", made.path if made else None)
    return made


class AutomaticBackup(QObject):
    """Looks every hour whether today's backup exists and makes it in a worker if not.
    `made(BackupInfo)` after a backup; `failed(message)` once when one fails (disk full, ...)."""

    made = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        database_path: Path,
        parent: QObject | None = None,
        *,
        folder: Path | None = None,
        first_after_ms: int = FIRST_AFTER_MS,
        every_ms: int = EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self.database_path = Path(database_path)
        self.folder = folder
        self.every_ms = every_ms
        self._told = False
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(first_after_ms)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> None:
        self.timer.start()

    def run_now(self) -> None:
        self.timer.setInterval(self.every_ms)
        self.timer.start()
        if self.runner.is_running():
            return
        self.runner.start(
            lambda _progress, _cancel: automatic_backup(self.database_path, self.folder)
        )

    def is_running(self) -> bool:
        return self.runner.is_running()

    def stop(self) -> None:
        """No more backups from the timer; waits for one in progress (the database closes)."""
        self.timer.stop()
        self.runner.wait()

    def _succeeded(self, made: object) -> None:
        if made is not None:
            log.info("automatic backup: %s", made.path)  # type: ignore[attr-defined]
            self.made.emit(made)

    def _failed(self, exc: object) -> None:
        if not isinstance(exc, errors.HrdeskError):
            # A bug, not the environment: to the crash dialog through the excepthook.
            raise exc  # type: ignore[misc]
        log.warning("automatic backup of %s failed: %s", self.database_path, exc.message)
        if not self._told:
            self._told = True
            self.failed.emit(exc.message)

"""An open database held with its instance lock. Opening turns every environment problem
(locked, read-only, not an hrdesk database, damaged, too new) into a message and None."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from hrdesk import errors
from hrdesk.store.database import Database
from ui.instance_lock import InstanceLock
from ui.messages import MessageService

log = logging.getLogger(__name__)


@dataclass
class Session:
    database: Database
    lock: InstanceLock

    @property
    def path(self) -> Path:
        return self.database.path

    def close(self) -> None:
        try:
            self.database.close()
        finally:
            self.lock.release()


def open_session(
    path: Path, messages: MessageService, *, create: bool = False, check: bool = True
) -> Session | None:
    """The database at `path` with its lock, or None after telling the user why not.
    check=False leaves the integrity check to the caller (see IntegrityCheck)."""
    path = Path(path).expanduser().resolve()
    if not create and not (path.exists() and path.stat().st_size > 0):
        messages.error(errors.NotHrdeskDatabase(path).message)
        return None
    lock = InstanceLock(path)
    if not lock.acquire():
        if lock.folder_not_writable:
            # No lock file can be made next to it: the folder is read-only.
            messages.error(errors.DatabaseReadOnly(path).message)
        else:
            messages.error(errors.DatabaseLocked(path).message)
        return None
    try:
        database = Database.open(path, create=create, check=check)
    except errors.HrdeskError as exc:
        log.warning("cannot open %s: %s", path, exc.message)
        lock.release()
        messages.error(exc.message)
        return None
    except BaseException:
        lock.release()
        raise
    log.info("opened %s", path)
    return Session(database, lock)


class IntegrityCheck(QObject):
    """SQLite's check of a large file takes a while; run it on a connection of its own in a
    thread after the window is up, and report a damaged file through `damaged(message)`."""

    damaged = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        try:
            Database.open(self.path, check=True).close()
        except errors.HrdeskError as exc:
            log.error("integrity check of %s: %s", self.path, exc.message)
            self.damaged.emit(exc.message)
        except Exception:
            log.exception("integrity check of %s failed", self.path)

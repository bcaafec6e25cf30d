"""One copy of hrdesk per database: a lock file next to the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class InstanceLock:
    """Held while a database is open in this process. A second copy on the same database cannot
    take it; a lock left by a copy that crashed is taken over (QLockFile checks the process)."""

    def __init__(self, database_path: Path) -> None:
        self.path = Path(database_path).with_name(Path(database_path).name + ".lock")
        self._lock = QLockFile(str(self.path))
        # Stale only when its process is gone, never by age: hrdesk stays open for days.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        return self._lock.tryLock(0)

    @property
    def folder_not_writable(self) -> bool:
        """After a failed acquire(): True when no lock file could be written there."""
        return self._lock.error() == QLockFile.LockError.PermissionError

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

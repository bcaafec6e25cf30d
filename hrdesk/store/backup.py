"""Backups of the database: automatic ones in rotation, "back up now", the list, and restore.

Every copy is made with SQLite's online backup API (never a file copy of a live database),
written to a temporary name, checked with an integrity check, and only then given its name.
Restoring goes the same way in the other direction: the backup is checked, the current database
is kept as a backup first, and the backup API writes the whole file into the target inside one
SQLite transaction, so a crash leaves either the old database or the restored one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hrdesk import errors
from hrdesk.i18n import _
from hrdesk.paths import backup_dir
from hrdesk.store.database import APPLICATION_ID, Database, schema_version, translate_sqlite_error

KEEP_DAILY = 7
KEEP_WEEKLY = 4
SUFFIX = ".sqlite3"
AUTOMATIC = "auto"
BEFORE_RESTORE = "before-restore"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime  # local time, aware
    people: int | None  # None when the file holds no staff table
    size: int
    kind: str = ""  # "auto", "before-restore", or "" for a backup made by hand


def _local(value: dt.datetime | None) -> dt.datetime:
    return (value or dt.datetime.now()).astimezone()


def backup_name(database_path: Path, kind: str, now: dt.datetime | None = None) -> str:
    return f"{database_path.stem}-{_local(now).strftime(_STAMP)}-{kind}{SUFFIX}"


# --- reading a backup file ------------------------------------------------------------------


def _open_read_only(path: Path) -> sqlite3.Connection:
    # immutable=1: no -wal/-shm is created next to a backup on a USB stick or a read-only share.
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def verify(path: str | os.PathLike[str]) -> int:
    """Check that `path` is a sound hrdesk database this version can open; return its schema
    version. Raises NotHrdeskDatabase, DatabaseDamaged or DatabaseTooNew."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise errors.NotHrdeskDatabase(path)
    try:
        conn = _open_read_only(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise errors.NotHrdeskDatabase(path)
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                raise errors.DatabaseDamaged(path, "; ".join(result[:3]))
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) or errors.NotHrdeskDatabase(path) from exc
    if version > schema_version():
        raise errors.DatabaseTooNew(path)
    return version


def info(path: str | os.PathLike[str]) -> BackupInfo | None:
    """Date, people and size of a backup file, or None when it is not an hrdesk database."""
    path = Path(path)
    match = _NAME.match(path.name)
    try:
        stat = path.stat()
        conn = _open_read_only(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            try:
                people: int | None = int(conn.execute("SELECT count(*) FROM staff").fetchone()[0])
            except sqlite3.Error:
                people = None
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    if match:
        created = dt.datetime.strptime(match["stamp"], _STAMP).astimezone()
        kind = match["kind"]
    else:
        created = dt.datetime.fromtimestamp(stat.st_mtime).astimezone()
        kind = ""
    return BackupInfo(path=path, created_at=created, people=people, size=stat.st_size, kind=kind)


def list_backups(folder: str | os.PathLike[str] | None = None) -> list[BackupInfo]:
    """Every hrdesk database in the folder, newest first. Files are only read."""
    folder = Path(folder) if folder is not None else backup_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.is_file() and path.suffix in (SUFFIX, ".bak", ".db", ".sqlite"):
            item = info(path)
            if item is not None:
                found.append(item)
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


# --- writing a backup -----------------------------------------------------------------------


def backup_now(database: Database, target: str | os.PathLike[str]) -> BackupInfo:
    """A verified copy of the database at `target`. An existing file there is replaced only
    once the new copy has passed the integrity check."""
    if database.in_transaction:
        raise RuntimeError("a backup inside a transaction would copy uncommitted changes")
    target = Path(target)
    fresh = target.with_name(target.name + ".new")
    try:
        database.backup_to(fresh)
    except errors.DiskFull as exc:  # name the file the user chose, not the temporary one
        raise errors.DiskFull(target) from exc
    except errors.DatabaseReadOnly as exc:
        raise errors.BackupNotWritable(target) from exc
    try:
        verify(fresh)
        os.replace(fresh, target)
    except errors.DatabaseDamaged:
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise _os_error(exc, target) from exc
    result = info(target)
    assert result is not None
    return result


def _os_error(exc: OSError, path: Path) -> errors.StoreError:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return errors.DiskFull(path)
    return errors.DatabaseReadOnly(path)


def automatic(
    database: Database,
    folder: str | os.PathLike[str] | None = None,
    now: dt.datetime | None = None,
    *,
    even_if_today: bool = False,
) -> BackupInfo | None:
    """The daily backup: made when there is none from today yet (or always with even_if_today,
    when the program closes), then the folder is pruned to the last KEEP_DAILY days and
    KEEP_WEEKLY weeks. Returns the new backup, or None when today's exists already."""
    folder = Path(folder) if folder is not None else backup_dir()
    now = _local(now)
    own = _automatic_backups(folder, database.path)
    if not even_if_today and any(created.date() == now.date() for created, _path in own):
        return None
    made = backup_now(database, folder / backup_name(database.path, AUTOMATIC, now))
    rotate(folder, database.path)
    return made


def _automatic_backups(folder: Path, database_path: Path) -> list[tuple[dt.datetime, Path]]:
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and match["kind"] == AUTOMATIC and match["stem"] == database_path.stem:
                found.append((dt.datetime.strptime(match["stamp"], _STAMP), path))
    return sorted(found, reverse=True)


def backups_to_keep(
    created: list[dt.datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[dt.datetime]:
    """The newest backup of each of the last `daily` days that have one, then the newest of
    each of the `weekly` weeks before those."""
    newest_first = sorted(created, reverse=True)
    keep: list[dt.datetime] = []
    days: set[dt.date] = set()
    for moment in newest_first:
        if len(days) == daily:
            break
        if moment.date() not in days:
            days.add(moment.date())
            keep.append(moment)
    oldest_daily = min(days) if days else None
    weeks: set[tuple[int, int]] = set()
    for moment in newest_first:
        if len(weeks) == weekly:
            break
        if oldest_daily is not None and moment.date() >= oldest_daily:
            continue
        week = tuple(moment.isocalendar())[:2]
        if week not in weeks:
            weeks.add(week)  # type: ignore[arg-type]
            keep.append(moment)
    return set(keep)


def rotate(folder: Path, database_path: Path) -> list[Path]:
    """Delete the automatic backups of this database that the rotation no longer keeps."""
    own = _automatic_backups(folder, database_path)
    keep = backups_to_keep([created for created, _path in own])
    removed = []
    for created, path in own:
        if created not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


# --- restoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    database_path: Path
    backup_path: Path
    kept: Path | None  # where the database that was replaced is kept; None if there was none


def restore(
    database_path: str | os.PathLike[str],
    backup_path: str | os.PathLike[str],
    *,
    keep_folder: str | os.PathLike[str] | None = None,
    now: dt.datetime | None = None,
) -> Restored:
    """Replace the database at `database_path` with the backup (which may be older: its schema
    is brought up to date). The database must not be open in this process; close it first and
    open it again afterwards. The target need not exist. Nothing changes when the backup is
    unsound or the target cannot be written."""
    database_path = Path(database_path)
    backup_path = Path(backup_path)
    verify(backup_path)
    if database_path.exists() and database_path.resolve() == backup_path.resolve():
        raise errors.InputFileError(_("A database cannot be restored from itself."))
    kept = None
    if database_path.exists() and database_path.stat().st_size > 0:
        folder = Path(keep_folder) if keep_folder is not None else backup_dir()
        kept = _keep_current(database_path, folder / backup_name(database_path, BEFORE_RESTORE, now))
    _copy_into(backup_path, database_path)
    from hrdesk.store import audit

    with Database.open(database_path) as database:
        with audit.operation(database, "restore"), database.transaction():
            audit.record_event(
                database, audit.AuditKind.RESTORE,
                {"from": str(backup_path), "kept": str(kept) if kept else ""},
            )
    return Restored(database_path, backup_path, kept)


def _keep_current(database_path: Path, target: Path) -> Path:
    """The current database, copied through the backup API (its WAL included). A database too
    damaged for that is kept as it lies on disk, WAL beside it."""
    try:
        source = sqlite3.connect(database_path, timeout=5)
        try:
            Database(database_path, source).backup_to(target)
        finally:
            source.close()
    except (errors.DiskFull, errors.DatabaseReadOnly, errors.DatabaseLocked):
        raise
    except (sqlite3.Error, errors.StoreError):
        try:
            for suffix in ("", "-wal"):
                part = Path(str(database_path) + suffix)
                if part.exists():
                    shutil.copyfile(part, Path(str(target) + suffix))
        except OSError as exc:
            raise _os_error(exc, target) from exc
    return target


def _copy_into(backup_path: Path, database_path: Path) -> None:
    """Write the backup into the target with the backup API: one SQLite transaction on the
    target, so its WAL and journal make the replacement atomic. A target SQLite cannot write
    into (damaged, another page size) is replaced as a file instead; it has been kept already."""
    try:
        database_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, database_path) from exc
    try:
        _backup_file(backup_path, database_path, journal="WAL")
    except sqlite3.Error as exc:
        translated = translate_sqlite_error(exc, database_path)
        if isinstance(translated, (errors.DiskFull, errors.DatabaseLocked)) or not database_path.exists():
            raise translated or exc from exc
        _replace_file(backup_path, database_path)


def _backup_file(source_path: Path, target_path: Path, journal: str) -> None:
    source = None
    target = None
    try:
        source = _open_read_only(source_path)
        target = sqlite3.connect(target_path, timeout=5)
        source.backup(target)
        target.execute(f"PRAGMA journal_mode={journal}")
    finally:
        for conn in (source, target):
            if conn is not None:
                conn.close()


def _replace_file(backup_path: Path, database_path: Path) -> None:
    fresh = database_path.with_name(database_path.name + ".restore")
    try:
        with contextlib.suppress(FileNotFoundError):
            fresh.unlink()
        _backup_file(backup_path, fresh, journal="DELETE")
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(database_path) + suffix).unlink()
        os.replace(fresh, database_path)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise translate_sqlite_error(exc, database_path) or exc from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise _os_error(exc, database_path) from exc

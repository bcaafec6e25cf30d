"""The SQLite connection, transactions, migrations and the environment errors they can raise."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import importlib
import logging
import os
import pkgutil
import sqlite3
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from hrdesk import errors

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

APPLICATION_ID = 0x48524453  # "HRDS"
BUSY_TIMEOUT_MS = 5000


def _migrations() -> list[tuple[int, str, object]]:
    """(version, name, module) of every hrdesk.store.migrations.mNNN_name module, in order."""
    from hrdesk.store import migrations

    found = []
    for info in pkgutil.iter_modules(migrations.__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            module = importlib.import_module(f"hrdesk.store.migrations.{info.name}")
            found.append((int(info.name[1:4]), info.name, module))
    found.sort()
    versions = [v for v, _, _ in found]
    assert len(set(versions)) == len(versions), f"two migrations share a number: {versions}"
    return found


def schema_version() -> int:
    return _migrations()[-1][0]


def translate_sqlite_error(exc: sqlite3.Error, path: object) -> errors.StoreError | None:
    """The environment error behind a sqlite3 exception, or None when it is a bug."""
    text = str(exc).lower()
    if "database or disk is full" in text or "disk i/o error" in text and (
        _disk_full(path) or _file_size_limited()
    ):
        return errors.DiskFull(path)
    if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
        return errors.DatabaseReadOnly(path)
    if "database is locked" in text or "database is busy" in text:
        return errors.DatabaseLocked(path)
    if "file is not a database" in text or "file is encrypted" in text:
        return errors.NotHrdeskDatabase(path)
    if "malformed" in text or "corrupt" in text:
        return errors.DatabaseDamaged(path, str(exc))
    if "unable to open database" in text:
        if not os.access(Path(str(path)).parent, os.W_OK):
            return errors.DatabaseReadOnly(path)
    return None


def _file_size_limited() -> bool:
    """A failed write under a file size limit (ulimit -f) is a full disk to the user."""
    try:
        import resource

        return resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY
    except (ImportError, OSError, ValueError):
        return False


def _disk_full(path: object) -> bool:
    try:
        st = os.statvfs(Path(str(path)).parent)
        return st.f_bavail * st.f_frsize < 1024 * 1024
    except (OSError, AttributeError):
        return False


class Database:
    """One hrdesk database file. Open with Database.open(path) or Database.create(path)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._depth = 0
        self.audit_operation = ""  # label of the change in progress (hrdesk.store.audit.operation)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, made on first use: importing it (with click,
        dateutil, pluggy) costs a tenth of a second that the window's start need not pay."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, check: bool = True) -> Database:
        """Open (or with create=True, create) an hrdesk database and bring its schema up to date."""
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise errors.NotHrdeskDatabase(path) if path.exists() else errors.DatabaseMissing(path)
        if exists and not os.access(path, os.R_OK):
            raise errors.DatabaseReadOnly(path)
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise errors.DatabaseReadOnly(path) from exc
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, path) or errors.NotHrdeskDatabase(path) from exc
        database = cls(path, conn)
        try:
            database._prepare(exists, check)
        except sqlite3.Error as exc:
            conn.close()
            raise translate_sqlite_error(exc, path) or errors.NotHrdeskDatabase(path) from exc
        except Exception:
            conn.close()
            raise
        return database

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Database:
        return cls.open(path, create=True)

    def _prepare(self, existed: bool, check: bool) -> None:
        conn = self.conn
        if existed:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise errors.NotHrdeskDatabase(self.path)
            if check:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise errors.DatabaseDamaged(self.path, result)
        writable = os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        if writable:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("journal mode is %s, not WAL", mode)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        self._register_functions()
        if not existed:
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        self._migrate(existed, writable)

    def _register_functions(self) -> None:
        from hrdesk.store.text import search_key, sort_key

        self.conn.create_function("hr_sort_key", 1, sort_key, deterministic=True)
        self.conn.create_function("hr_search_key", 1, search_key, deterministic=True)
        from hrdesk.store.audit import register_functions

        register_functions(self)

    def _migrate(self, existed: bool, writable: bool) -> None:
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        steps = _migrations()
        target = steps[-1][0]
        if current > target:
            raise errors.DatabaseTooNew(self.path)
        if current == target:
            return
        if not writable:
            raise errors.DatabaseReadOnly(self.path)
        if existed and current > 0:
            self.backup_to(self._pre_migration_backup_path(current))
        for version, name, module in [s for s in steps if s[0] > current]:
            log.info("migrating %s to schema %d (%s)", self.path, version, name)
            with self.transaction():
                module.migrate(self)  # type: ignore[attr-defined]
                self.conn.execute(f"PRAGMA user_version={version}")

    def _pre_migration_backup_path(self, version: int) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return self.path.with_name(f"{self.path.stem}.schema{version}.{stamp}.bak")

    # --- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing. Nested calls become savepoints of the outer transaction."""
        conn = self.conn
        self._depth += 1
        savepoint = f"sp{self._depth}"
        try:
            if self._depth == 1:
                conn.execute("BEGIN IMMEDIATE")
            else:
                conn.execute(f"SAVEPOINT {savepoint}")
        except sqlite3.Error as exc:
            self._depth -= 1
            raise translate_sqlite_error(exc, self.path) or exc
        try:
            yield conn
        except BaseException as exc:
            try:
                if not conn.in_transaction:
                    pass  # SQLite rolled the whole transaction back itself (a full disk can)
                elif self._depth == 1:
                    conn.execute("ROLLBACK")
                else:
                    conn.execute(f"ROLLBACK TO {savepoint}")
                    conn.execute(f"RELEASE {savepoint}")
            except sqlite3.Error:
                log.exception("rollback failed")
            finally:
                self._depth -= 1
            if isinstance(exc, sqlite3.Error):
                translated = translate_sqlite_error(exc, self.path)
                if translated is not None:
                    raise translated from exc
            raise
        else:
            try:
                if self._depth == 1:
                    conn.execute("COMMIT")
                else:
                    conn.execute(f"RELEASE {savepoint}")
            except sqlite3.Error as exc:
                if self._depth == 1:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                self._depth -= 1
                raise translate_sqlite_error(exc, self.path) or exc from exc
            self._depth -= 1

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # --- helpers ----------------------------------------------------------------------------

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            translated = translate_sqlite_error(exc, self.path)
            if translated is not None:
                raise translated from exc
            raise

    def execute_script(self, script: str) -> None:
        """Run several statements inside the current transaction (sqlite3's executescript would
        commit it first). Statements are cut where SQLite says one is complete, so trigger
        bodies with their inner semicolons stay whole."""
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                if statement.strip().strip(";").strip():
                    self.execute(statement)
                statement = ""
        if statement.strip():
            self.execute(statement)

    def query_value(self, sql: str, params: tuple | dict = ()) -> object:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's full integrity check, empty when the file is sound."""
        rows = [r[0] for r in self.execute("PRAGMA integrity_check").fetchall()]
        fk = self.execute("PRAGMA foreign_key_check").fetchall()
        problems = [] if rows == ["ok"] else rows
        problems += [f"foreign key: {tuple(r)}" for r in fk]
        return problems

    def backup_to(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy through SQLite's online backup API, written whole or not at all."""
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if tmp.exists():
                tmp.unlink()
            dest = sqlite3.connect(tmp)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            os.replace(tmp, target)
        except sqlite3.Error as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise translate_sqlite_error(exc, target) or exc from exc
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise errors.DiskFull(target) from exc
            raise errors.DatabaseReadOnly(target) from exc
        return target

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

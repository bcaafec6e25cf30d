"""The audit trail: who changed what, when, with the old and new values.

SQLite triggers write the trail, so no code path that changes data can forget it, and a change
and its trail row commit or roll back together. `install_audit_triggers(database, table,
key_columns)` generates the three triggers (insert, update, delete) of one table.

A migration that creates a table holding user data calls it for that table, for example::

    def migrate(database) -> None:
        ...create the table...
        from hrdesk.store.audit import install_audit_triggers
        install_audit_triggers(database, "plan_entries", ("id", "uid"), person="staff_id")

and a migration that adds columns to an audited table calls it again (it replaces the
triggers; the column list is read when the triggers are made).

The actor comes from SQL functions registered on every connection (`register_functions`,
called by Database): `hr_os_user()` and `hr_audit_operation()`; the clerk's name is read in the
trigger from the settings ("clerk_name") or the own office (hr_clerk_name). The operation label
("staff_import", "restore", ...) is set for the duration of a change with `operation(...)`.

The trail cannot be changed from the app: triggers on the audit table abort every UPDATE and
DELETE. (Restoring a backup replaces the whole file, trail included; the database it replaces
is kept as a backup first.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hrdesk.i18n import N_, _
from hrdesk.store.database import Database

AUDIT_TABLE = "audit"

# Kept up to date by the repositories from other columns; a change of these alone is no change.
DERIVED_COLUMNS = frozenset({"search", "sort_name", "missing", "updated_at"})

# The clerk's name at the time of the change, read inside the trigger.
_CLERK_SQL = (
    "coalesce(nullif((SELECT json_extract(value, '$') FROM settings WHERE key = 'clerk_name'), ''),"
    " (SELECT hr_clerk_name FROM offices WHERE is_own = 1 LIMIT 1), '')"
)


class AuditKind(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"  # the whole database was replaced by a backup


KIND_LABELS = {
    AuditKind.INSERT: N_("added"),
    AuditKind.UPDATE: N_("changed"),
    AuditKind.DELETE: N_("deleted"),
    AuditKind.RESTORE: N_("restored from a backup"),
}


def kind_label(kind: AuditKind) -> str:
    return _(KIND_LABELS[kind])


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change. `old` and `new` hold only the columns that changed."""

    id: int
    at: dt.datetime  # UTC
    clerk: str
    os_user: str
    operation: str
    table: str
    record_id: int | str | None
    record_key: str
    staff_id: int | None
    kind: AuditKind
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)

    @property
    def changed_columns(self) -> list[str]:
        return sorted(set(self.old) | set(self.new))


# --- connection functions -------------------------------------------------------------------


def register_functions(database: Database) -> None:
    """The SQL functions the triggers call; Database registers them on every connection."""
    try:
        os_user = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment (service accounts)
        os_user = ""
    database.conn.create_function("hr_os_user", 0, lambda: os_user, deterministic=True)
    database.conn.create_function(
        "hr_audit_operation", 0, lambda: getattr(database, "audit_operation", "")
    )
    database.conn.create_function(
        "hr_audit_enabled", 0, lambda: int(getattr(database, "audit_enabled", True))
    )


@contextlib.contextmanager
def suspended(database: Database) -> Iterator[None]:
    """No trail for the block. Only for data the program makes up itself (the demo database):
    a made-up office has no history worth keeping, and its trail would outweigh its data."""
    previous = getattr(database, "audit_enabled", True)
    database.audit_enabled = False
    try:
        yield
    finally:
        database.audit_enabled = previous


@contextlib.contextmanager
def inserts_untracked(database: Database, tables: Sequence[str]) -> Iterator[None]:
    """Rows inserted into `tables` in the block leave no trail; their updates and deletes do.

    For bulk data whose receipt is recorded as a whole (a packet at MKK). Unlike suspended(),
    the insert triggers are not merely switched off but dropped for the block and put back
    verbatim at its end: a trigger that only checks a switch still costs about as much per row
    as the insert itself. Must run inside the caller's transaction, so that the triggers come
    back in the same commit, or with the rollback, whatever happens in the block."""
    if not database.conn.in_transaction:
        raise RuntimeError("inserts_untracked needs a transaction")
    names = [f"audit_{table}_insert" for table in tables]
    triggers = database.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        "(SELECT value FROM json_each(?))",
        (json.dumps(names),),
    ).fetchall()
    dropped: list[str] = []
    try:
        for name, sql in triggers:
            database.conn.execute(f"DROP TRIGGER {_quote(name)}")
            dropped.append(sql)
        yield
    finally:
        # Unless SQLite rolled the transaction back itself (a full disk can), which put the
        # triggers back already.
        if database.conn.in_transaction:
            for sql in dropped:
                database.conn.execute(sql)


@contextlib.contextmanager
def operation(database: Database, label: str) -> Iterator[None]:
    """Label every change made inside the block (e.g. "staff_import"). The outermost label wins,
    so an import that calls the ordinary save functions is recorded as the import."""
    previous = getattr(database, "audit_operation", "")
    if not previous:
        database.audit_operation = label
    try:
        yield
    finally:
        database.audit_operation = previous


# --- triggers -------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(database: Database, table: str) -> list[str]:
    return [column.name for column in database.db.table(table).columns]


def install_audit_triggers(
    database: Database,
    table: str,
    key_columns: Sequence[str] = ("id",),
    *,
    person: str | None = None,
    exclude: frozenset[str] | set[str] = DERIVED_COLUMNS,
) -> None:
    """Record every insert, update and delete of `table` in the audit trail.

    key_columns name the record: the first goes to the entry's record_id, the others (a uid,
    a code, the second part of a composite key) are joined with "/" into its record_key.
    person: the staff id the record belongs to, so the trail can be filtered by person — a
    column name ("staff_id"; "id" for the staff table) or an SQL expression in which {row}
    stands for OLD or NEW, e.g. "(SELECT staff_id FROM assessments WHERE id = {row}.assessment_id)".
    When not given, a staff_id column is used if the table has one.
    Columns in `exclude` are left out of the values and a change of only them is not recorded.
    """
    columns = _columns(database, table)
    if not columns:
        raise ValueError(f"no table {table!r}")
    for key in key_columns:
        if key not in columns:
            raise ValueError(f"{table!r} has no column {key!r}")
    tracked = [c for c in columns if c not in exclude]
    if person is None and "staff_id" in columns:
        person = "staff_id"

    def person_sql(row: str) -> str:
        if person is None:
            return "NULL"
        if person in columns:
            return f"{row}.{_quote(person)}"
        return person.format(row=row)

    def key_sql(row: str) -> tuple[str, str]:
        record_id = f"{row}.{_quote(key_columns[0])}" if key_columns else f"{row}.rowid"
        rest = [f"coalesce({row}.{_quote(k)}, '')" for k in key_columns[1:]]
        record_key = " || '/' || ".join(rest) if rest else "''"
        return record_id, record_key

    def whole(row: str) -> str:
        pairs = ", ".join(f"'{c}', {row}.{_quote(c)}" for c in tracked)
        return f"json_object({pairs})"

    def changed(row: str) -> str:
        parts = " UNION ALL ".join(
            f"SELECT '{c}' AS k, {row}.{_quote(c)} AS v WHERE OLD.{_quote(c)} IS NOT NEW.{_quote(c)}"
            for c in tracked
        )
        return f"(SELECT json_group_object(k, v) FROM ({parts}))"

    def insert_entry(kind: str, row: str, old: str, new: str) -> str:
        record_id, record_key = key_sql(row)
        return (
            f"INSERT INTO {AUDIT_TABLE}(at, clerk, os_user, operation, table_name, record_id, "
            f"record_key, staff_id, kind, old, new) VALUES ("
            f"strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), {_CLERK_SQL}, hr_os_user(), "
            f"hr_audit_operation(), '{table}', {record_id}, {record_key}, {person_sql(row)}, "
            f"'{kind}', {old}, {new});"
        )

    any_change = " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in tracked) or "0"
    name = table.replace('"', "")
    statements = [
        f'DROP TRIGGER IF EXISTS "audit_{name}_insert"',
        f'DROP TRIGGER IF EXISTS "audit_{name}_update"',
        f'DROP TRIGGER IF EXISTS "audit_{name}_delete"',
        f'CREATE TRIGGER "audit_{name}_insert" AFTER INSERT ON {_quote(table)} '
        "WHEN hr_audit_enabled() BEGIN "
        + insert_entry("insert", "NEW", "NULL", whole("NEW"))
        + " END",
        f'CREATE TRIGGER "audit_{name}_update" AFTER UPDATE ON {_quote(table)} '
        f"WHEN hr_audit_enabled() AND ({any_change}) BEGIN "
        + insert_entry("update", "NEW", changed("OLD"), changed("NEW"))
        + " END",
        f'CREATE TRIGGER "audit_{name}_delete" AFTER DELETE ON {_quote(table)} '
        "WHEN hr_audit_enabled() BEGIN "
        + insert_entry("delete", "OLD", whole("OLD"), "NULL")
        + " END",
    ]
    for sql in statements:
        database.conn.execute(sql)


def audited_tables(database: Database) -> list[str]:
    """Tables that have all three audit triggers."""
    names = {t.name for t in database.db.triggers if t.name.startswith("audit_")}
    tables = {n[len("audit_"):].rsplit("_", 1)[0] for n in names}
    return sorted(
        t for t in tables
        if {f"audit_{t}_insert", f"audit_{t}_update", f"audit_{t}_delete"} <= names
    )


# --- events that are not row changes --------------------------------------------------------


def record_event(
    database: Database,
    kind: AuditKind,
    details: dict[str, Any],
    *,
    table: str = "",
    record_key: str = "",
    old: dict[str, Any] | None = None,
) -> None:
    """A change that is not one row, written as one trail entry: a restore (the whole database,
    table ""), or a set of records replaced at once (table names it, e.g. "catalogue")."""
    database.execute(
        f"INSERT INTO {AUDIT_TABLE}(at, clerk, os_user, operation, table_name, record_id, "
        f"record_key, staff_id, kind, old, new) VALUES (strftime('%Y-%m-%dT%H:%M:%S+00:00', "
        f"'now'), {_CLERK_SQL}, hr_os_user(), hr_audit_operation(), ?, NULL, ?, NULL, ?, ?, ?)",
        (
            table,
            record_key,
            kind.value,
            json.dumps(old, ensure_ascii=False) if old is not None else None,
            json.dumps(details, ensure_ascii=False),
        ),
    )


# --- reading --------------------------------------------------------------------------------


def _utc_text(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()


# The trail records settings as they change, private keys included; whoever reads it (the
# changes log, the packet that goes to MKK) sees that the key changed, never the key.
SECRET_MARK = "***"


def is_secret_setting(key: object) -> bool:
    return isinstance(key, str) and key.endswith("_private")


def _redacted(table: str, record_id: object, values: dict[str, Any]) -> dict[str, Any]:
    if table == "settings" and "value" in values and is_secret_setting(record_id):
        return {**values, "value": SECRET_MARK}
    return values


def _entry(row: Sequence) -> AuditEntry:
    (id_, at, clerk, os_user, op, table, record_id, record_key, staff_id, kind, old, new) = row
    return AuditEntry(
        id=id_, at=dt.datetime.fromisoformat(at), clerk=clerk, os_user=os_user, operation=op,
        table=table, record_id=record_id, record_key=record_key, staff_id=staff_id,
        kind=AuditKind(kind),
        old=_redacted(table, record_id, json.loads(old) if old else {}),
        new=_redacted(table, record_id, json.loads(new) if new else {}),
    )


class AuditRepository:
    """Reads the trail; writing happens only through the triggers and record_event."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @staticmethod
    def _where(
        person_id: int | None,
        since: dt.date | dt.datetime | None,
        until: dt.date | dt.datetime | None,
        kind: AuditKind | str | None,
        table: str | None,
        operation: str | None,
    ) -> tuple[str, list[object]]:
        where: list[str] = []
        params: list[object] = []
        if person_id is not None:
            where.append("staff_id = ?")
            params.append(person_id)
        if since is not None:
            where.append("at >= ?")
            params.append(_utc_text(since))
        if until is not None:
            # A date as the end means the whole of that day.
            if not isinstance(until, dt.datetime):
                until = dt.datetime(until.year, until.month, until.day, tzinfo=dt.UTC) + dt.timedelta(days=1)
                where.append("at < ?")
            else:
                where.append("at <= ?")
            params.append(_utc_text(until))
        if kind is not None:
            where.append("kind = ?")
            params.append(str(kind))
        if table is not None:
            where.append("table_name = ?")
            params.append(table)
        if operation is not None:
            where.append("operation = ?")
            params.append(operation)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def query(
        self,
        person_id: int | None = None,
        since: dt.date | dt.datetime | None = None,
        until: dt.date | dt.datetime | None = None,
        kind: AuditKind | str | None = None,
        limit: int | None = 200,
        offset: int = 0,
        *,
        table: str | None = None,
        operation: str | None = None,
        newest_first: bool = True,
    ) -> list[AuditEntry]:
        """Entries matching the filters, newest first. A date as `until` includes that day."""
        where, params = self._where(person_id, since, until, kind, table, operation)
        order = "DESC" if newest_first else "ASC"
        sql = (
            "SELECT id, at, clerk, os_user, operation, table_name, record_id, record_key, "
            f"staff_id, kind, old, new FROM {AUDIT_TABLE}{where} ORDER BY id {order}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_entry(r) for r in self.database.execute(sql, tuple(params))]

    def count(
        self,
        person_id: int | None = None,
        since: dt.date | dt.datetime | None = None,
        until: dt.date | dt.datetime | None = None,
        kind: AuditKind | str | None = None,
        *,
        table: str | None = None,
        operation: str | None = None,
    ) -> int:
        where, params = self._where(person_id, since, until, kind, table, operation)
        return int(self.database.query_value(f"SELECT count(*) FROM {AUDIT_TABLE}{where}", tuple(params)) or 0)

"""Indexes that only one role's screens need.

The office's register lists tens of thousands of people in name order, filtered as the clerk
types: the staff_sort_name index covers that query and the staff_search trigram index finds a
typed name without a scan (hrdesk/store/migrations/m001_register.py). MKK has no register page,
and at MKK the same indexes, wide and on keys that arrive in random order, made adding a
country's people markedly slower. Without staff_search a search scans the search texts
(StaffRepository.ids). fit_indexes() gives a database the indexes of its role; setup and the
migration that introduced it call it.
"""

from __future__ import annotations

from hrdesk.domain.enums import Role
from hrdesk.store.database import Database

# name -> (type in sqlite_master, statements that make it, statements that remove it)
OFFICE_ONLY = {
    "staff_sort_name": (
        "index",
        ["CREATE INDEX staff_sort_name ON staff(sort_name, id, search, status, office_id)"],
        ["DROP INDEX IF EXISTS staff_sort_name"],
    ),
    "staff_search": (
        "table",
        [
            "CREATE VIRTUAL TABLE staff_search USING fts5("
            "search, content='staff', content_rowid='id', tokenize='trigram')",
            "CREATE TRIGGER staff_search_insert AFTER INSERT ON staff BEGIN "
            "INSERT INTO staff_search(rowid, search) VALUES (NEW.id, NEW.search); END",
            "CREATE TRIGGER staff_search_delete AFTER DELETE ON staff BEGIN "
            "INSERT INTO staff_search(staff_search, rowid, search) "
            "VALUES ('delete', OLD.id, OLD.search); END",
            "CREATE TRIGGER staff_search_update AFTER UPDATE OF search ON staff BEGIN "
            "INSERT INTO staff_search(staff_search, rowid, search) "
            "VALUES ('delete', OLD.id, OLD.search); "
            "INSERT INTO staff_search(rowid, search) VALUES (NEW.id, NEW.search); END",
            "INSERT INTO staff_search(staff_search) VALUES ('rebuild')",
        ],
        [
            "DROP TRIGGER IF EXISTS staff_search_insert",
            "DROP TRIGGER IF EXISTS staff_search_delete",
            "DROP TRIGGER IF EXISTS staff_search_update",
            "DROP TABLE IF EXISTS staff_search",
        ],
    ),
}


def fit_indexes(database: Database, role: Role | str | None) -> None:
    """Inside the caller's transaction."""
    present = set(database.execute("SELECT type, name FROM sqlite_master").fetchall())
    for name, (kind, make, remove) in OFFICE_ONLY.items():
        if role == Role.MKK and (kind, name) in present:
            statements = remove
        elif role != Role.MKK and (kind, name) not in present:
            statements = make
        else:
            continue
        for statement in statements:
            database.execute(statement)

"""Indexes that only one role's screens need.

The office's register lists tens of thousands of people in name order, filtered as the clerk
types: staff_sort_name covers that query (hrdesk/store/migrations/m001_register.py). MKK has
no register page, and at MKK the same index, wide and on keys that arrive in random order, made
adding a country's people markedly slower. fit_indexes() gives a database the indexes of its
role; setup and the migration that introduced it call it.
"""

from __future__ import annotations

from hrdesk.domain.enums import Role
from hrdesk.store.database import Database

OFFICE_ONLY = {
    "staff_sort_name": (
        "CREATE INDEX staff_sort_name ON staff(sort_name, id, search, status, office_id)"
    ),
}


def fit_indexes(database: Database, role: Role | str | None) -> None:
    """Inside the caller's transaction."""
    present = {
        row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    for name, create in OFFICE_ONLY.items():
        if role == Role.MKK and name in present:
            database.execute(f"DROP INDEX {name}")
        elif role != Role.MKK and name not in present:
            database.execute(create)

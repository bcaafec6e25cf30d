"""The store: one Database class over SQLite (through sqlite-utils) and the repositories."""

from hrdesk.store.database import Database

__all__ = ["Database"]

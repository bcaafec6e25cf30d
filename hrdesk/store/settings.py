"""Key-value settings of the installation (role, language, N-year rule, ...)."""

from __future__ import annotations

import json
from typing import Any

from hrdesk.store.database import Database


class SettingsRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    def get(self, key: str, default: Any = None) -> Any:
        value = self.database.query_value("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else json.loads(str(value))

    def set(self, key: str, value: Any) -> None:
        with self.database.transaction():
            self.database.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def all(self) -> dict[str, Any]:
        rows = self.database.execute("SELECT key, value FROM settings").fetchall()
        return {k: json.loads(v) for k, v in rows}

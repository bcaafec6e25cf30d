"""Conversions between domain values and SQLite columns."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def date_to_db(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date_from_db(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def enum_to_db(value: StrEnum | None) -> str | None:
    return value.value if value is not None else None


def enum_from_db(enum_type: type[E], value: str | None) -> E | None:
    if value is None or value == "":
        return None
    try:
        return enum_type(value)
    except ValueError:
        return None


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

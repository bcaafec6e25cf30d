"""Age and tenure bands with stable codes (reports, packets, the national picture).

The age and the tenure themselves come from hrdesk.domain.rules, the one place of those rules."""

from __future__ import annotations

import datetime as dt

from hrdesk.domain import rules

UNKNOWN = "unknown"
AGE_BANDS = ("<30", "30-39", "40-49", "50-59", "60+", UNKNOWN)
TENURE_BANDS = ("<1", "1-3", "3-5", "5-10", "10+", UNKNOWN)


def age_band(birth_date: dt.date | None, today: dt.date) -> str:
    if birth_date is None or birth_date > today:
        return UNKNOWN
    years = rules.age(birth_date, today)
    if years < 30:
        return "<30"
    if years >= 60:
        return "60+"
    return f"{years // 10 * 10}-{years // 10 * 10 + 9}"


def tenure_band(appointed_on: dt.date | None, today: dt.date) -> str:
    """Whole years in the current position: <1, 1-3 (1 to under 3), 3-5, 5-10, 10+."""
    if appointed_on is None or appointed_on > today:
        return UNKNOWN
    years, _months = rules.years_months_between(appointed_on, today)
    if years < 1:
        return "<1"
    if years < 3:
        return "1-3"
    if years < 5:
        return "3-5"
    if years < 10:
        return "5-10"
    return "10+"

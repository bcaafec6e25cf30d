"""The needs-assessment summary of one office, several offices, or all (docs/method.md).

A computation over rows filtered by office, so MKK gets the same figures for an office as the
office printed itself, and the national picture is the same computation without the filter.
The heavy part (ratings: people × competencies) is aggregated in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hrdesk.analysis.bands import AGE_BANDS, TENURE_BANDS, UNKNOWN, age_band, tenure_band
from hrdesk.domain.assessment import ANSWERS, Question, Season
from hrdesk.domain.enums import (
    VOCATIONAL_OR_HIGHER,
    EducationField,
    EducationLevel,
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    TrainingFormat,
)
from hrdesk.store.convert import date_from_db
from hrdesk.store.database import Database

NONE = "none"
DIGITS = 4  # decimals kept in the JSON; ranks are decided before rounding


def _zeros(codes: Sequence[str]) -> dict[str, int]:
    return {code: 0 for code in codes}


def _population(office_ids: Sequence[int] | None) -> tuple[str, tuple]:
    """SQL condition on staff `s` for the people the summary is about, and its parameters."""
    where = "s.status IN ('active', 'on_leave')"
    if office_ids is None:
        return where, ()
    marks = ", ".join("?" * len(office_ids)) or "NULL"
    return f"{where} AND s.office_id IN ({marks})", tuple(office_ids)


def office_summary(
    database: Database,
    cycle: int,
    office_ids: Sequence[int] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The summary as a JSON-ready dict (keys in docs/cli.md).

    office_ids None means every office in the database; `today` is the date ages and tenure
    are counted to (the report date)."""
    today = today or dt.date.today()
    people, params = _population(office_ids)
    db = database
    db.execute("DROP TABLE IF EXISTS temp.summary_people")
    db.execute(
        f"CREATE TEMP TABLE summary_people AS SELECT s.id AS staff_id, a.id AS assessment_id "
        f"FROM staff s LEFT JOIN assessments a ON a.staff_id = s.id AND a.cycle = ? "
        f"AND a.status = 'complete' WHERE {people}",
        (cycle, *params),
    )
    try:
        summary: dict[str, Any] = {
            "cycle": cycle,
            "staff_total": db.query_value("SELECT COUNT(*) FROM temp.summary_people"),
            "assessed": db.query_value(
                "SELECT COUNT(*) FROM temp.summary_people WHERE assessment_id IS NOT NULL"
            ),
            "competencies": _competencies(db),
            "course_demand": _course_demand(db),
            "free_text_requests": _free_text_demand(db),
        }
        summary.update(_answers(db))
        summary.update(_preferences(db))
        summary.update(_profile(db, today))
        return summary
    finally:
        db.execute("DROP TABLE IF EXISTS temp.summary_people")


def _texts(row: Sequence) -> dict[str, str]:
    return {"ky": row[0] or "", "ru": row[1] or "", "en": row[2] or ""}


def _competencies(db: Database) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT c.code, c.title_ky, c.title_ru, c.title_en, COUNT(r.importance), "
        "AVG(r.importance), AVG(r.performance), AVG(MAX(r.importance - r.performance, 0)), "
        "AVG(r.importance - r.performance) "
        "FROM competencies c LEFT JOIN ("
        "  SELECT r.* FROM ratings r JOIN temp.summary_people p ON p.assessment_id = r.assessment_id"
        ") r ON r.competency_code = c.code "
        "GROUP BY c.code HAVING c.active = 1 OR COUNT(r.importance) > 0"
    ).fetchall()
    items = []
    for code, ky, ru, en, n, mean_i, mean_p, mean_gap, mean_diff in rows:
        mwds = mean_diff * mean_i if n else None
        items.append(
            {
                "code": code,
                "title": _texts((ky, ru, en)),
                "respondents": n,
                "mean_importance": mean_i,
                "mean_performance": mean_p,
                "mean_gap": mean_gap,
                "weighted_discrepancy": mwds,
            }
        )
    return rank_competencies(items)


def rank_competencies(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sort the competency rows and give each its "rank", then round the means to DIGITS.
    Rank 1 = highest MWDS; ties by code; competencies nobody rated come last."""
    items.sort(
        key=lambda x: (
            x["weighted_discrepancy"] is None,
            -(x["weighted_discrepancy"] or 0),
            x["code"],
        )
    )
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
        for key in ("mean_importance", "mean_performance", "mean_gap", "weighted_discrepancy"):
            if item[key] is not None:
                item[key] = round(item[key], DIGITS)
    return items


_REQUESTS_OF_PEOPLE = (
    "SELECT r.* FROM requests r JOIN temp.summary_people p ON p.assessment_id = r.assessment_id"
)


def _course_demand(db: Database) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT r.course_code, c.title_ky, c.title_ru, c.title_en, COUNT(*), "
        "SUM(r.endorsement = 'endorsed'), SUM(r.endorsement = 'declined') "
        f"FROM ({_REQUESTS_OF_PEOPLE}) r LEFT JOIN courses c ON c.code = r.course_code "
        "WHERE r.is_free_text = 0 GROUP BY r.course_code ORDER BY COUNT(*) DESC, r.course_code"
    ).fetchall()
    return [
        {
            "course_code": code,
            "title": _texts((ky, ru, en)),
            "requested": n,
            "endorsed": endorsed,
            "declined": declined,
        }
        for code, ky, ru, en, n, endorsed, declined in rows
    ]


def _free_text_demand(db: Database) -> dict[str, int]:
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(r.endorsement = 'endorsed'), 0), "
        f"COALESCE(SUM(r.endorsement = 'declined'), 0) FROM ({_REQUESTS_OF_PEOPLE}) r "
        "WHERE r.is_free_text = 1"
    ).fetchone()
    return {"requested": row[0], "endorsed": row[1], "declined": row[2]}


def _answers(db: Database) -> dict[str, dict[str, int]]:
    result = {q.value: _zeros(list(ANSWERS[q])) for q in Question}
    rows = db.execute(
        "SELECT x.question, x.answer, COUNT(*) FROM answers x "
        "JOIN temp.summary_people p ON p.assessment_id = x.assessment_id "
        "GROUP BY x.question, x.answer"
    )
    for question, answer, n in rows:
        result[question][answer] = n
    return result


def _preferences(db: Database) -> dict[str, dict[str, int]]:
    result = {}
    for key, column, codes in (
        ("preferred_format", "preferred_format", [f.value for f in TrainingFormat]),
        ("preferred_language", "preferred_language", [x.value for x in Language]),
        ("preferred_season", "preferred_season", [s.value for s in Season]),
    ):
        counts = _zeros([*codes, UNKNOWN])
        for value, n in db.execute(
            f"SELECT a.{column}, COUNT(*) FROM assessments a "
            f"JOIN temp.summary_people p ON p.assessment_id = a.id GROUP BY a.{column}"
        ):
            counts[value or UNKNOWN] += n
        result[key] = counts
    return result


# For "highest level": a PhD ranks with the candidate of sciences, below the doctor of sciences.
_LEVEL_ORDER = {
    EducationLevel.GENERAL_SECONDARY.value: 0,
    EducationLevel.INITIAL_VOCATIONAL.value: 1,
    EducationLevel.SECONDARY_VOCATIONAL.value: 2,
    EducationLevel.BACHELOR.value: 3,
    EducationLevel.SPECIALIST.value: 4,
    EducationLevel.MASTER.value: 5,
    EducationLevel.CANDIDATE.value: 6,
    EducationLevel.PHD.value: 6,
    EducationLevel.DOCTOR.value: 7,
}


def _profile(db: Database, today: dt.date) -> dict[str, dict[str, int]]:
    """The staff profile: every person of the population once in each breakdown."""
    by_sex = _zeros([*(s.value for s in Sex), UNKNOWN])
    by_age = _zeros(AGE_BANDS)
    by_tenure = _zeros(TENURE_BANDS)
    by_field = _zeros([*(f.value for f in EducationField), NONE, UNKNOWN])
    by_level = _zeros([*(lv.value for lv in EducationLevel), NONE])
    by_service = _zeros([*(t.value for t in ServiceType), UNKNOWN])
    by_category = _zeros([*(c.value for c in PositionCategory), UNKNOWN])
    by_group = _zeros([*(g.value for g in PositionGroup), NONE])
    by_status = {"active": 0, "on_leave": 0}

    first_field, highest = _education(db)
    rows = db.execute(
        "SELECT s.id, s.sex, s.birth_date, s.appointed_on, s.service_type, s.position_category, "
        "s.position_group, s.status FROM staff s JOIN temp.summary_people p ON p.staff_id = s.id"
    )
    for staff_id, sex, birth, appointed, service, category, group, status in rows:
        by_sex[sex if sex in by_sex else UNKNOWN] += 1
        by_age[age_band(date_from_db(birth), today)] += 1
        by_tenure[tenure_band(date_from_db(appointed), today)] += 1
        field = first_field.get(staff_id, NONE)
        by_field[field if field in by_field else UNKNOWN] += 1
        by_level[highest.get(staff_id, NONE)] += 1
        by_service[service if service in by_service else UNKNOWN] += 1
        by_category[category if category in by_category else UNKNOWN] += 1
        by_group[group if group in by_group else NONE] += 1
        by_status[status] += 1
    return {
        "by_sex": by_sex,
        "by_age_band": by_age,
        "by_tenure_band": by_tenure,
        "by_education_field": by_field,
        "by_education_level": by_level,
        "by_service_type": by_service,
        "by_category": by_category,
        "by_group": by_group,
        "by_status": by_status,
    }


def _education(db: Database) -> tuple[dict[int, str], dict[int, str]]:
    """Per person: the field of the first vocational-or-higher education (earliest graduation,
    then the order entered; "unknown" when its field is not recorded) and the highest level."""
    first_field: dict[int, str] = {}
    highest: dict[int, str] = {}
    vocational = {level.value for level in VOCATIONAL_OR_HIGHER}
    rows = db.execute(
        "SELECT e.staff_id, e.level, e.field FROM education e "
        "JOIN temp.summary_people p ON p.staff_id = e.staff_id "
        "ORDER BY e.staff_id, e.graduation_year IS NULL, e.graduation_year, e.id"
    )
    for staff_id, level, field in rows:
        if level in vocational and staff_id not in first_field:
            first_field[staff_id] = field or UNKNOWN
        if level in _LEVEL_ORDER and (
            staff_id not in highest or _LEVEL_ORDER[level] > _LEVEL_ORDER[highest[staff_id]]
        ):
            highest[staff_id] = level
    return first_field, highest

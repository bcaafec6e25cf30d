"""The catalogue in force: its meta row, the competency framework and the courses.

Competencies and courses are never deleted: one that a newer catalogue drops is marked
inactive, so old ratings, requests and training records keep their meaning.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from hrdesk.domain.catalogue import (
    Catalogue,
    CatalogueInfo,
    Competency,
    Course,
    Texts,
    builtin_catalogue,
)
from hrdesk.domain.enums import (
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    TrainingFormat,
)
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database
from hrdesk.store.text import search_key

_COMPETENCY_COLUMNS = (
    "code",
    "position",
    "title_ky",
    "title_ru",
    "title_en",
    "description_ky",
    "description_ru",
    "description_en",
)
_COURSE_COLUMNS = (
    "code",
    "position",
    "title_ky",
    "title_ru",
    "title_en",
    "topic",
    "competencies",
    "service_types",
    "categories",
    "groups",
    "hours",
    "format",
    "languages",
    "repeat_years",
    "provider",
)


def _competency(row: Sequence) -> Competency:
    return Competency(
        code=row[0],
        position=row[1],
        title=Texts(row[2], row[3], row[4]),
        description=Texts(row[5], row[6], row[7]),
    )


def _course(row: Sequence) -> Course:
    return Course(
        code=row[0],
        position=row[1],
        title=Texts(row[2], row[3], row[4]),
        topic=row[5],
        competencies=tuple(json.loads(row[6])),
        service_types=tuple(ServiceType(x) for x in json.loads(row[7])),
        categories=tuple(PositionCategory(x) for x in json.loads(row[8])),
        groups=tuple(PositionGroup(x) for x in json.loads(row[9])),
        hours=row[10],
        format=TrainingFormat(row[11]),
        languages=tuple(Language(x) for x in json.loads(row[12])),
        repeat_years=row[13],
        provider=row[14],
    )


def _course_values(course: Course) -> tuple[Any, ...]:
    t = course.title
    return (
        course.code,
        course.position,
        t.ky,
        t.ru,
        t.en,
        course.topic,
        json.dumps(list(course.competencies)),
        json.dumps([x.value for x in course.service_types]),
        json.dumps([x.value for x in course.categories]),
        json.dumps([x.value for x in course.groups]),
        course.hours,
        course.format.value,
        json.dumps([x.value for x in course.languages]),
        course.repeat_years,
        course.provider,
    )


class CatalogueRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    def info(self) -> CatalogueInfo | None:
        row = self.database.execute(
            "SELECT version, cycle, deadline, body_name_ky, body_name_ru, body_name_en, format "
            "FROM catalogue_meta WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return CatalogueInfo(
            version=row[0],
            cycle=row[1],
            deadline=dt.date.fromisoformat(row[2]),
            central_body=Texts(row[3], row[4], row[5]),
            format=row[6],
        )

    def document(self) -> dict[str, Any]:
        """The catalogue document as imported (holds fields added later, e.g. mkk_public_key)."""
        value = self.database.query_value("SELECT document FROM catalogue_meta WHERE id = 1")
        return json.loads(str(value)) if value else {}

    def competencies(self, *, include_inactive: bool = False) -> list[Competency]:
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.database.execute(
            f"SELECT {', '.join(_COMPETENCY_COLUMNS)} FROM competencies {where} ORDER BY position, code"
        ).fetchall()
        return [_competency(r) for r in rows]

    def competency_codes(self) -> list[str]:
        return [c.code for c in self.competencies()]

    def courses(self, *, include_inactive: bool = False, text: str = "") -> list[Course]:
        """Courses in catalogue order; text filters by code and titles in every language."""
        clauses, params = [], []
        if not include_inactive:
            clauses.append("active = 1")
        if text.strip():
            clauses.append("search LIKE ?")
            params.append("%" + search_key(text.strip()) + "%")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.database.execute(
            f"SELECT {', '.join(_COURSE_COLUMNS)} FROM courses {where} ORDER BY position, code",
            tuple(params),
        ).fetchall()
        return [_course(r) for r in rows]

    def course(self, code: str) -> Course | None:
        row = self.database.execute(
            f"SELECT {', '.join(_COURSE_COLUMNS)} FROM courses WHERE code = ?", (code,)
        ).fetchone()
        return _course(row) if row else None

    def course_map(self) -> dict[str, Course]:
        return {c.code: c for c in self.courses(include_inactive=True)}

    def replace(self, catalogue: Catalogue) -> None:
        """Make this catalogue the one in force; what it drops becomes inactive."""
        info = catalogue.info
        with self.database.transaction():
            self.database.execute(
                "INSERT INTO catalogue_meta(id, format, version, cycle, deadline, body_name_ky, "
                "body_name_ru, body_name_en, document, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET format = excluded.format, version = excluded.version, "
                "cycle = excluded.cycle, deadline = excluded.deadline, "
                "body_name_ky = excluded.body_name_ky, body_name_ru = excluded.body_name_ru, "
                "body_name_en = excluded.body_name_en, document = excluded.document, "
                "imported_at = excluded.imported_at",
                (
                    info.format,
                    info.version,
                    info.cycle,
                    info.deadline.isoformat(),
                    info.central_body.ky,
                    info.central_body.ru,
                    info.central_body.en,
                    json.dumps(catalogue.document, ensure_ascii=False),
                    now_utc(),
                ),
            )
            self.database.execute("UPDATE competencies SET active = 0")
            for c in catalogue.competencies:
                values = (
                    c.code,
                    c.position,
                    c.title.ky,
                    c.title.ru,
                    c.title.en,
                    c.description.ky,
                    c.description.ru,
                    c.description.en,
                )
                cols = _COMPETENCY_COLUMNS
                self.database.execute(
                    f"INSERT INTO competencies({', '.join(cols)}, active) "
                    f"VALUES ({', '.join('?' * len(cols))}, 1) ON CONFLICT(code) DO UPDATE SET "
                    + ", ".join(f"{col} = excluded.{col}" for col in cols[1:])
                    + ", active = 1",
                    values,
                )
            self.database.execute("UPDATE courses SET active = 0")
            for course in catalogue.courses:
                cols = _COURSE_COLUMNS
                search = search_key(
                    " ".join((course.code, course.title.ky, course.title.ru, course.title.en))
                )
                self.database.execute(
                    f"INSERT INTO courses({', '.join(cols)}, search, active) "
                    f"VALUES ({', '.join('?' * len(cols))}, ?, 1) ON CONFLICT(code) DO UPDATE SET "
                    + ", ".join(f"{col} = excluded.{col}" for col in cols[1:])
                    + ", search = excluded.search, active = 1",
                    (*_course_values(course), search),
                )


def seed_builtin_catalogue(database: Database) -> None:
    """Put the built-in catalogue in force unless one is already there."""
    repository = CatalogueRepository(database)
    if repository.info() is None:
        repository.replace(builtin_catalogue())

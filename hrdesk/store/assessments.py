"""Assessment cycles, needs assessments with their ratings, answers and requested courses."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from hrdesk.domain.assessment import (
    Assessment,
    AssessmentStatus,
    CourseRequest,
    Endorsement,
    Question,
    Rating,
    Season,
)
from hrdesk.domain.enums import Language, TrainingFormat
from hrdesk.store.convert import date_from_db, date_to_db, enum_from_db, enum_to_db, now_utc
from hrdesk.store.database import Database


@dataclass(frozen=True)
class Cycle:
    year: int
    deadline: dt.date | None
    opened_at: str
    catalogue_version: int | None = None


@dataclass(frozen=True)
class RequestRow:
    """A request with whose it is: for endorsement lists and drafting the plan."""

    request: CourseRequest
    staff_id: int
    assessment_id: int
    cycle: int


@dataclass(frozen=True)
class Progress:
    """Assessed (complete), drafts and people still to assess, overall or in one unit."""

    unit_id: int | None
    unit_name: str
    to_assess: int
    drafts: int
    complete: int


_ASSESSMENT_COLUMNS = (
    "id",
    "uid",
    "cycle",
    "staff_id",
    "status",
    "preferred_format",
    "preferred_language",
    "preferred_season",
    "obstacles_duties_other",
    "obstacles_training_other",
    "growth_needs_other",
    "assessed_on",
)
_REQUEST_COLUMNS = (
    "id",
    "uid",
    "priority",
    "course_code",
    "free_text",
    "endorsement",
    "decline_reason",
    "endorsed_by",
    "endorsed_at",
)
_OTHER_COLUMN = {
    Question.OBSTACLES_DUTIES: "obstacles_duties_other",
    Question.OBSTACLES_TRAINING: "obstacles_training_other",
    Question.GROWTH_NEEDS: "growth_needs_other",
}


_INSERT_RATING = (
    "INSERT INTO ratings(assessment_id, competency_code, importance, performance) "
    "VALUES (?, ?, ?, ?)"
)
_INSERT_ANSWER = "INSERT INTO answers(assessment_id, question, answer) VALUES (?, ?, ?)"
_REQUEST_INSERT_COLUMNS = (
    "uid, assessment_id, priority, course_code, free_text, is_free_text, endorsement, "
    "decline_reason, endorsed_by, endorsed_at"
)
_INSERT_REQUEST = (
    f"INSERT INTO requests({_REQUEST_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REQUEST_WITH_ID = (
    f"INSERT INTO requests(id, {_REQUEST_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _assessment_values(assessment: Assessment) -> tuple:
    """status … assessed_on, in the order of the INSERT and UPDATE statements."""
    return (
        assessment.status.value,
        enum_to_db(assessment.preferred_format),
        enum_to_db(assessment.preferred_language),
        enum_to_db(assessment.preferred_season),
        *(assessment.other_texts.get(q, "").strip() for q in _OTHER_COLUMN),
        date_to_db(assessment.assessed_on),
    )


def _rating_rows(assessment: Assessment) -> list[tuple]:
    return [
        (assessment.id, r.competency_code, r.importance, r.performance)
        for r in assessment.ratings.values()
        if r.importance is not None or r.performance is not None
    ]


def _answer_rows(assessment: Assessment) -> list[tuple]:
    return [
        (assessment.id, q.value, a)
        for q, chosen in assessment.answers.items()
        for a in sorted(chosen)
    ]


def _request_values(assessment_id: int | None, request: CourseRequest) -> tuple:
    return (
        request.uid,
        assessment_id,
        request.priority,
        request.course_code,
        request.free_text.strip(),
        int(request.is_free_text),
        request.endorsement.value,
        request.decline_reason.strip(),
        request.endorsed_by,
        request.endorsed_at,
    )


def _request(row: Sequence) -> CourseRequest:
    return CourseRequest(
        id=row[0],
        uid=row[1],
        priority=row[2],
        course_code=row[3],
        free_text=row[4],
        endorsement=Endorsement(row[5]),
        decline_reason=row[6],
        endorsed_by=row[7],
        endorsed_at=row[8],
    )


def new_uid() -> str:
    return str(uuid.uuid4())


class AssessmentRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    # --- cycles -----------------------------------------------------------------------------

    def cycle(self, year: int) -> Cycle | None:
        row = self.database.execute(
            "SELECT year, deadline, opened_at, catalogue_version FROM cycles WHERE year = ?",
            (year,),
        ).fetchone()
        return Cycle(row[0], date_from_db(row[1]), row[2], row[3]) if row else None

    def cycles(self) -> list[Cycle]:
        rows = self.database.execute(
            "SELECT year, deadline, opened_at, catalogue_version FROM cycles ORDER BY year DESC"
        ).fetchall()
        return [Cycle(r[0], date_from_db(r[1]), r[2], r[3]) for r in rows]

    def add_cycle(self, year: int, deadline: dt.date | None, catalogue_version: int | None) -> None:
        with self.database.transaction():
            self.database.execute(
                "INSERT INTO cycles(year, deadline, opened_at, catalogue_version) VALUES (?, ?, ?, ?)",
                (year, date_to_db(deadline), now_utc(), catalogue_version),
            )

    # --- assessments ------------------------------------------------------------------------

    def get(self, cycle: int, staff_id: int) -> Assessment | None:
        row = self.database.execute(
            f"SELECT {', '.join(_ASSESSMENT_COLUMNS)} FROM assessments WHERE cycle = ? AND staff_id = ?",
            (cycle, staff_id),
        ).fetchone()
        return self._load(row) if row else None

    def by_id(self, assessment_id: int) -> Assessment | None:
        row = self.database.execute(
            f"SELECT {', '.join(_ASSESSMENT_COLUMNS)} FROM assessments WHERE id = ?",
            (assessment_id,),
        ).fetchone()
        return self._load(row) if row else None

    def _load(self, row: Sequence) -> Assessment:
        assessment = Assessment(
            id=row[0],
            uid=row[1],
            cycle=row[2],
            staff_id=row[3],
            status=AssessmentStatus(row[4]),
            preferred_format=enum_from_db(TrainingFormat, row[5]),
            preferred_language=enum_from_db(Language, row[6]),
            preferred_season=enum_from_db(Season, row[7]),
            other_texts={q: row[8 + i] for i, q in enumerate(_OTHER_COLUMN) if row[8 + i]},
            assessed_on=date_from_db(row[11]),
        )
        for code, importance, performance in self.database.execute(
            "SELECT competency_code, importance, performance FROM ratings WHERE assessment_id = ?",
            (assessment.id,),
        ):
            assessment.ratings[code] = Rating(code, importance, performance)
        for question, answer in self.database.execute(
            "SELECT question, answer FROM answers WHERE assessment_id = ? ORDER BY question, answer",
            (assessment.id,),
        ):
            assessment.answers.setdefault(Question(question), set()).add(answer)
        rows = self.database.execute(
            f"SELECT {', '.join(_REQUEST_COLUMNS)} FROM requests WHERE assessment_id = ? ORDER BY priority",
            (assessment.id,),
        ).fetchall()
        assessment.requests = [_request(r) for r in rows]
        return assessment

    def save(self, assessment: Assessment) -> int:
        """Insert or replace the whole assessment; requests keep their uid and endorsement."""
        now = now_utc()
        values = _assessment_values(assessment)
        with self.database.transaction():
            if assessment.id is None:
                assessment.uid = assessment.uid or new_uid()
                cur = self.database.execute(
                    "INSERT INTO assessments(uid, cycle, staff_id, status, preferred_format, "
                    "preferred_language, preferred_season, obstacles_duties_other, "
                    "obstacles_training_other, growth_needs_other, assessed_on, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (assessment.uid, assessment.cycle, assessment.staff_id, *values, now, now),
                )
                assessment.id = int(cur.lastrowid or 0)
            else:
                self.database.execute(
                    "UPDATE assessments SET status = ?, preferred_format = ?, preferred_language = ?, "
                    "preferred_season = ?, obstacles_duties_other = ?, obstacles_training_other = ?, "
                    "growth_needs_other = ?, assessed_on = ?, updated_at = ? WHERE id = ?",
                    (*values, now, assessment.id),
                )
            self._save_parts(assessment)
        return assessment.id

    def _save_parts(self, assessment: Assessment) -> None:
        aid = assessment.id
        db = self.database
        db.execute("DELETE FROM ratings WHERE assessment_id = ?", (aid,))
        db.conn.executemany(_INSERT_RATING, _rating_rows(assessment))
        db.execute("DELETE FROM answers WHERE assessment_id = ?", (aid,))
        db.conn.executemany(_INSERT_ANSWER, _answer_rows(assessment))
        # Requests are linked elsewhere (plan lines, packets) by uid, not by id.
        db.execute("DELETE FROM requests WHERE assessment_id = ?", (aid,))
        for request in assessment.requests:
            request.uid = request.uid or new_uid()
            cur = db.execute(_INSERT_REQUEST, _request_values(aid, request))
            request.id = int(cur.lastrowid or 0)

    def add_many(self, assessments: Sequence[Assessment]) -> None:
        """Insert many new assessments at once (the demo database): the same rows as save()
        one by one, in a few statements instead of ten per person. The caller holds the
        transaction; ids and uids are given to the objects."""
        if any(a.id is not None for a in assessments):
            raise ValueError("add_many inserts new assessments only")
        db = self.database
        now = now_utc()
        next_assessment = int(db.query_value("SELECT COALESCE(MAX(id), 0) FROM assessments")) + 1
        next_request = int(db.query_value("SELECT COALESCE(MAX(id), 0) FROM requests")) + 1
        rows, ratings, answers, requests = [], [], [], []
        for assessment in assessments:
            assessment.id, next_assessment = next_assessment, next_assessment + 1
            assessment.uid = assessment.uid or new_uid()
            rows.append(
                (
                    assessment.id,
                    assessment.uid,
                    assessment.cycle,
                    assessment.staff_id,
                    *_assessment_values(assessment),
                    now,
                    now,
                )
            )
            ratings += _rating_rows(assessment)
            answers += _answer_rows(assessment)
            for request in assessment.requests:
                request.id, next_request = next_request, next_request + 1
                request.uid = request.uid or new_uid()
                requests.append((request.id, *_request_values(assessment.id, request)))
        with db.transaction():
            db.conn.executemany(
                "INSERT INTO assessments(id, uid, cycle, staff_id, status, preferred_format, "
                "preferred_language, preferred_season, obstacles_duties_other, "
                "obstacles_training_other, growth_needs_other, assessed_on, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.conn.executemany(_INSERT_RATING, ratings)
            db.conn.executemany(_INSERT_ANSWER, answers)
            db.conn.executemany(_INSERT_REQUEST_WITH_ID, requests)

    def delete(self, assessment_id: int) -> None:
        with self.database.transaction():
            self.database.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))

    def staff_ids_assessed(self, cycle: int, status: AssessmentStatus | None = None) -> set[int]:
        sql = "SELECT staff_id FROM assessments WHERE cycle = ?"
        params: tuple = (cycle,)
        if status is not None:
            sql += " AND status = ?"
            params += (status.value,)
        return {r[0] for r in self.database.execute(sql, params)}

    # --- requests ---------------------------------------------------------------------------

    def request_by_uid(self, uid: str) -> RequestRow | None:
        rows = self._request_rows("r.uid = ?", (uid,))
        return rows[0] if rows else None

    def requests(
        self,
        cycle: int,
        *,
        office_id: int | None = None,
        endorsement: Endorsement | None = None,
        staff_id: int | None = None,
    ) -> list[RequestRow]:
        """Requests of a cycle, by person then priority; filtered by office, status or person."""
        clauses, params = ["a.cycle = ?"], [cycle]
        if office_id is not None:
            clauses.append("s.office_id = ?")
            params.append(office_id)
        if endorsement is not None:
            clauses.append("r.endorsement = ?")
            params.append(endorsement.value)
        if staff_id is not None:
            clauses.append("a.staff_id = ?")
            params.append(staff_id)
        return self._request_rows(" AND ".join(clauses), tuple(params))

    def _request_rows(self, where: str, params: tuple) -> list[RequestRow]:
        cols = ", ".join(f"r.{c}" for c in _REQUEST_COLUMNS)
        rows = self.database.execute(
            f"SELECT {cols}, a.staff_id, a.id, a.cycle FROM requests r "
            "JOIN assessments a ON a.id = r.assessment_id JOIN staff s ON s.id = a.staff_id "
            f"WHERE {where} ORDER BY s.sort_name, a.staff_id, r.priority",
            params,
        ).fetchall()
        n = len(_REQUEST_COLUMNS)
        return [RequestRow(_request(r[:n]), r[n], r[n + 1], r[n + 2]) for r in rows]

    def set_endorsement(
        self, uid: str, endorsement: Endorsement, reason: str, by: str, at: str | None
    ) -> None:
        with self.database.transaction():
            self.database.execute(
                "UPDATE requests SET endorsement = ?, decline_reason = ?, endorsed_by = ?, "
                "endorsed_at = ? WHERE uid = ?",
                (endorsement.value, reason, by, at, uid),
            )

    # --- progress ---------------------------------------------------------------------------

    def progress(self, cycle: int, office_id: int) -> list[Progress]:
        """Per unit of the office (active and on-leave staff), in unit order; no unit last."""
        rows = self.database.execute(
            "SELECT s.unit_id, COALESCE(u.name, ''), COUNT(*), "
            "SUM(a.status = 'draft'), SUM(a.status = 'complete') "
            "FROM staff s LEFT JOIN units u ON u.id = s.unit_id "
            "LEFT JOIN assessments a ON a.staff_id = s.id AND a.cycle = ? "
            "WHERE s.office_id = ? AND s.status IN ('active', 'on_leave') "
            "GROUP BY s.unit_id ORDER BY s.unit_id IS NULL, u.position, u.name",
            (cycle, office_id),
        ).fetchall()
        return [
            Progress(r[0], r[1], r[2] - (r[3] or 0) - (r[4] or 0), r[3] or 0, r[4] or 0)
            for r in rows
        ]

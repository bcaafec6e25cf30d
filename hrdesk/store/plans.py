"""Annual training plans: the plan, its lines and events, and what drafting reads."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hrdesk.domain.assessment import Season
from hrdesk.domain.enums import Funding, Language, TrainingFormat
from hrdesk.domain.plan import (
    EntryStatus,
    Note,
    Plan,
    PlanCounts,
    PlanEntry,
    PlanEvent,
    PlanEventKind,
    PlanLimits,
    PlanStatus,
    SkippedRequest,
)
from hrdesk.store.convert import date_from_db, date_to_db, enum_from_db, enum_to_db, now_utc
from hrdesk.store.database import Database

_PLAN_COLUMNS = (
    "office_id", "year", "status", "approved_by", "approved_on", "seats_per_course", "max_hours",
    "drafted_at", "skipped",
)
_ENTRY_COLUMNS = (
    "uid", "plan_id", "position", "staff_id", "course_code", "title", "quarter", "format",
    "language", "funding", "hours", "priority_score", "source_request_uid", "manual", "status",
    "cancel_reason", "training_id", "warnings",
)


def _skipped_to_json(skipped: Sequence[SkippedRequest]) -> str:
    return json.dumps(
        [
            {"staff_id": s.staff_id, "request_uid": s.request_uid, "course_code": s.course_code,
             "title": s.title, **s.note.to_json()}
            for s in skipped
        ],
        ensure_ascii=False,
    )


def _skipped_from_json(text: str) -> list[SkippedRequest]:
    return [
        SkippedRequest(
            int(item.get("staff_id", 0)), item.get("request_uid", ""), item.get("course_code", ""),
            item.get("title", ""), Note.from_json(item),
        )
        for item in json.loads(text or "[]")
    ]


def _plan(row: Sequence) -> Plan:
    (id_, office_id, year, status, by, on, seats, max_hours, drafted_at, skipped) = row
    return Plan(
        id=id_, office_id=office_id, year=year,
        status=enum_from_db(PlanStatus, status) or PlanStatus.DRAFT,
        approved_by=by, approved_on=date_from_db(on),
        limits=PlanLimits(seats, max_hours), drafted_at=drafted_at,
        skipped=_skipped_from_json(skipped),
    )


def _plan_values(plan: Plan) -> tuple:
    return (
        plan.office_id, plan.year, plan.status.value, plan.approved_by,
        date_to_db(plan.approved_on), plan.limits.seats_per_course, plan.limits.max_hours,
        plan.drafted_at, _skipped_to_json(plan.skipped),
    )


def _entry(row: Sequence) -> PlanEntry:
    (id_, uid, plan_id, position, staff_id, code, title, quarter, format_, language, funding,
     hours, score, source, manual, status, reason, training_id, warnings) = row
    return PlanEntry(
        id=id_, uid=uid, plan_id=plan_id, position=position, staff_id=staff_id,
        course_code=code, title=title, quarter=quarter,
        format=enum_from_db(TrainingFormat, format_), language=enum_from_db(Language, language),
        funding=enum_from_db(Funding, funding) or Funding.DEPARTMENTAL, hours=hours,
        priority_score=score, source_request_uid=source, manual=bool(manual),
        status=enum_from_db(EntryStatus, status) or EntryStatus.PLANNED, cancel_reason=reason,
        training_id=training_id, warnings=[Note.from_json(w) for w in json.loads(warnings)],
    )


def _entry_values(entry: PlanEntry) -> tuple:
    return (
        entry.uid, entry.plan_id, entry.position, entry.staff_id, entry.course_code,
        entry.title.strip(), entry.quarter, enum_to_db(entry.format), enum_to_db(entry.language),
        entry.funding.value, entry.hours, entry.priority_score, entry.source_request_uid,
        int(entry.manual), entry.status.value, entry.cancel_reason.strip(), entry.training_id,
        json.dumps([w.to_json() for w in entry.warnings], ensure_ascii=False),
    )


_SELECT_PLAN = "SELECT id, " + ", ".join(_PLAN_COLUMNS) + " FROM plans"
_SELECT_ENTRY = "SELECT id, " + ", ".join(_ENTRY_COLUMNS) + " FROM plan_entries"


# --- what drafting reads --------------------------------------------------------------------


@dataclass(frozen=True)
class EndorsedRequest:
    uid: str
    staff_id: int
    priority: int
    course_code: str  # "" for free text
    free_text: str


@dataclass(frozen=True)
class Preferences:
    staff_id: int
    format: TrainingFormat | None
    language: Language | None
    season: Season | None


class PlanRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    # --- plans ------------------------------------------------------------------------------

    def get(self, office_id: int, year: int) -> Plan | None:
        row = self.database.execute(
            f"{_SELECT_PLAN} WHERE office_id = ? AND year = ?", (office_id, year)
        ).fetchone()
        return _plan(row) if row else None

    def by_id(self, plan_id: int) -> Plan | None:
        row = self.database.execute(f"{_SELECT_PLAN} WHERE id = ?", (plan_id,)).fetchone()
        return _plan(row) if row else None

    def years(self, office_id: int) -> list[int]:
        rows = self.database.execute(
            "SELECT year FROM plans WHERE office_id = ? ORDER BY year", (office_id,)
        )
        return [r[0] for r in rows]

    def save(self, plan: Plan) -> int:
        now = now_utc()
        with self.database.transaction():
            if plan.id is None:
                cols = _PLAN_COLUMNS + ("created_at", "updated_at")
                cur = self.database.execute(
                    f"INSERT INTO plans({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    (*_plan_values(plan), now, now),
                )
                plan.id = int(cur.lastrowid or 0)
            else:
                sets = ", ".join(f"{c} = ?" for c in _PLAN_COLUMNS + ("updated_at",))
                self.database.execute(
                    f"UPDATE plans SET {sets} WHERE id = ?", (*_plan_values(plan), now, plan.id)
                )
        return plan.id

    # --- lines ------------------------------------------------------------------------------

    def entries(self, plan_id: int) -> list[PlanEntry]:
        rows = self.database.execute(
            f"{_SELECT_ENTRY} WHERE plan_id = ? ORDER BY position, id", (plan_id,)
        )
        return [_entry(r) for r in rows]

    def entry(self, uid: str) -> PlanEntry | None:
        row = self.database.execute(f"{_SELECT_ENTRY} WHERE uid = ?", (uid,)).fetchone()
        return _entry(row) if row else None

    def entries_of_staff(self, staff_id: int, year: int | None = None) -> list[PlanEntry]:
        sql = f"{_SELECT_ENTRY} WHERE staff_id = ?"
        params: tuple = (staff_id,)
        if year is not None:
            sql += " AND plan_id IN (SELECT id FROM plans WHERE year = ?)"
            params += (year,)
        return [_entry(r) for r in self.database.execute(sql + " ORDER BY position", params)]

    def add_entry(self, entry: PlanEntry) -> int:
        if not entry.uid:
            entry.uid = str(uuid.uuid4())
        cols = _ENTRY_COLUMNS
        with self.database.transaction():
            marks = ", ".join("?" * len(cols))
            cur = self.database.execute(
                f"INSERT INTO plan_entries({', '.join(cols)}) VALUES ({marks})",
                _entry_values(entry),
            )
        entry.id = int(cur.lastrowid or 0)
        return entry.id

    def add_entries(self, entries: Sequence[PlanEntry]) -> None:
        """Insert many lines at once (a draft). Ids are read back by uid."""
        for entry in entries:
            if not entry.uid:
                entry.uid = str(uuid.uuid4())
        cols = _ENTRY_COLUMNS
        marks = ", ".join("?" * len(cols))
        with self.database.transaction():
            self.database.conn.executemany(
                f"INSERT INTO plan_entries({', '.join(cols)}) VALUES ({marks})",
                [_entry_values(e) for e in entries],
            )
            ids = dict(self.database.execute(
                "SELECT uid, id FROM plan_entries WHERE uid IN (SELECT value FROM json_each(?))",
                (json.dumps([e.uid for e in entries]),),
            ).fetchall())
        for entry in entries:
            entry.id = ids.get(entry.uid)

    def update_entry(self, entry: PlanEntry) -> None:
        sets = ", ".join(f"{c} = ?" for c in _ENTRY_COLUMNS)
        with self.database.transaction():
            self.database.execute(
                f"UPDATE plan_entries SET {sets} WHERE id = ?", (*_entry_values(entry), entry.id)
            )

    def delete_entries(self, entry_ids: Iterable[int]) -> None:
        with self.database.transaction():
            self.database.execute(
                "DELETE FROM plan_entries WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(entry_ids)),),
            )

    def set_positions(self, entries: Iterable[PlanEntry]) -> None:
        """Store the entries' positions; only those that changed are written."""
        with self.database.transaction():
            current = dict(self.database.execute(
                "SELECT id, position FROM plan_entries "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([e.id for e in entries]),),
            ).fetchall())
            self.database.conn.executemany(
                "UPDATE plan_entries SET position = ? WHERE id = ?",
                [(e.position, e.id) for e in entries if current.get(e.id) != e.position],
            )

    def counts(self, plan_id: int) -> PlanCounts:
        rows = dict(self.database.execute(
            "SELECT status, count(*) FROM plan_entries WHERE plan_id = ? GROUP BY status",
            (plan_id,),
        ).fetchall())
        return PlanCounts(
            planned=rows.get("planned", 0), done=rows.get("done", 0),
            cancelled=rows.get("cancelled", 0),
        )

    # --- events -----------------------------------------------------------------------------

    def add_event(self, plan_id: int, event: PlanEvent) -> None:
        with self.database.transaction():
            self.database.execute(
                "INSERT INTO plan_events(plan_id, kind, by_name, at, on_date, reason) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (plan_id, event.kind.value, event.by, event.at, date_to_db(event.on_date),
                 event.reason),
            )

    def events(self, plan_id: int) -> list[PlanEvent]:
        rows = self.database.execute(
            "SELECT kind, by_name, at, on_date, reason FROM plan_events WHERE plan_id = ? "
            "ORDER BY id", (plan_id,),
        )
        return [
            PlanEvent(PlanEventKind(r[0]), r[1], r[2], date_from_db(r[3]), r[4]) for r in rows
        ]

    # --- what drafting reads ----------------------------------------------------------------

    def endorsed_requests(self, office_id: int, cycle: int) -> list[EndorsedRequest]:
        rows = self.database.execute(
            "SELECT r.uid, a.staff_id, r.priority, coalesce(r.course_code, ''), r.free_text "
            "FROM requests r JOIN assessments a ON a.id = r.assessment_id "
            "JOIN staff s ON s.id = a.staff_id "
            "WHERE a.cycle = ? AND s.office_id = ? AND r.endorsement = 'endorsed' "
            "ORDER BY a.staff_id, r.priority",
            (cycle, office_id),
        )
        return [EndorsedRequest(*r) for r in rows]

    def preferences(self, cycle: int, staff_ids: Iterable[int]) -> dict[int, Preferences]:
        wanted = set(staff_ids)
        rows = self.database.execute(
            "SELECT staff_id, preferred_format, preferred_language, preferred_season "
            "FROM assessments WHERE cycle = ?", (cycle,),
        )
        return {
            r[0]: Preferences(
                r[0], enum_from_db(TrainingFormat, r[1]), enum_from_db(Language, r[2]),
                enum_from_db(Season, r[3]),
            )
            for r in rows if r[0] in wanted
        }

    def ratings(
        self, cycle: int, staff_ids: Iterable[int]
    ) -> dict[int, list[tuple[str, int | None, int | None]]]:
        """(competency, importance, performance) of each person's assessment in the cycle."""
        wanted = set(staff_ids)
        rows = self.database.execute(
            "SELECT a.staff_id, r.competency_code, r.importance, r.performance "
            "FROM ratings r JOIN assessments a ON a.id = r.assessment_id WHERE a.cycle = ?",
            (cycle,),
        )
        result: dict[int, list[tuple[str, int | None, int | None]]] = {}
        for staff_id, code, importance, performance in rows:
            if staff_id in wanted:
                result.setdefault(staff_id, []).append((code, importance, performance))
        return result

"""The staff register: people, their education and their training history."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hrdesk.domain import rules
from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    LanguageLevel,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import Education, Feedback, LanguageSkill, StaffMember, TrainingRecord
from hrdesk.store.convert import date_from_db, date_to_db, enum_from_db, enum_to_db, now_utc
from hrdesk.store.database import Database
from hrdesk.store.text import search_key, sort_key

STAFF_COLUMNS = (
    "uid", "office_id", "pin", "surname", "name", "patronymic", "sex", "birth_date", "phone",
    "unit_id", "service_type", "position_title", "position_category", "position_group",
    "class_rank", "appointed_on", "service_started_on", "languages", "status", "left_on",
    "left_reason",
)

# Sortable columns of the register table: key -> SQL expression.
SORT_EXPRESSIONS = {
    "name": "s.sort_name",
    "pin": "s.pin",
    "sex": "s.sex",
    "birth_date": "s.birth_date",
    "unit": "u.name",
    "position": "s.position_title",
    "service_type": "s.service_type",
    "position_group": "s.position_group",
    "appointed_on": "s.appointed_on",
    "service_started_on": "s.service_started_on",
    "status": "s.status",
    "missing": "length(s.missing)",
}


# Sort keys whose column is never NULL: no "IS NULL" term, so an index can give the order.
_NEVER_NULL_SORTS = frozenset({"name", "pin", "position", "status", "missing"})


# Above this many matches, sorting the matches costs more than scanning the name index.
_SELECTIVE_LIMIT = 4000


def _fts_phrase(term: str) -> str:
    """A term as one FTS5 phrase, so its punctuation is text, not query syntax."""
    return '"' + term.replace('"', '""') + '"'


@dataclass
class StaffQuery:
    """What the register table shows: filter text, filters and sort order."""

    text: str = ""
    include_left: bool = True
    unit_id: int | None = None
    incomplete_only: bool = False
    office_id: int | None = None
    sort: str = "name"
    descending: bool = False


@dataclass
class StaffRow:
    """One line of the register: the person, the unit's name and what is missing."""

    member: StaffMember
    unit_name: str
    missing: list[str] = field(default_factory=list)


def _member_values(m: StaffMember) -> list[object]:
    return [
        m.uid, m.office_id, m.pin, m.surname.strip(), m.name.strip(), m.patronymic.strip(),
        enum_to_db(m.sex), date_to_db(m.birth_date), m.phone.strip(), m.unit_id,
        enum_to_db(m.service_type), m.position_title.strip(), enum_to_db(m.position_category),
        enum_to_db(m.position_group), m.class_rank, date_to_db(m.appointed_on),
        date_to_db(m.service_started_on),
        json.dumps([{"language": s.language.value, "level": s.level.value} for s in m.languages]),
        m.status.value, date_to_db(m.left_on), m.left_reason,
    ]


def _member_from_row(row: Sequence) -> StaffMember:
    (id_, uid, office_id, pin, surname, name, patronymic, sex, birth, phone, unit_id, service,
     title, category, group, rank, appointed, started, languages, status, left_on, left_reason) = row
    skills = []
    for item in json.loads(languages or "[]"):
        lang = enum_from_db(Language, item.get("language"))
        level = enum_from_db(LanguageLevel, item.get("level"))
        if lang and level:
            skills.append(LanguageSkill(lang, level))
    return StaffMember(
        id=id_, uid=uid, office_id=office_id, pin=pin, surname=surname, name=name,
        patronymic=patronymic, sex=enum_from_db(Sex, sex), birth_date=date_from_db(birth),
        phone=phone, unit_id=unit_id, service_type=enum_from_db(ServiceType, service),
        position_title=title, position_category=enum_from_db(PositionCategory, category),
        position_group=enum_from_db(PositionGroup, group), class_rank=rank,
        appointed_on=date_from_db(appointed), service_started_on=date_from_db(started),
        languages=skills, status=enum_from_db(StaffStatus, status) or StaffStatus.ACTIVE,
        left_on=date_from_db(left_on), left_reason=left_reason,
    )


_SELECT_STAFF = "SELECT s.id, " + ", ".join(f"s.{c}" for c in STAFF_COLUMNS)


class StaffRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    # --- reading ----------------------------------------------------------------------------

    def get(self, staff_id: int) -> StaffMember | None:
        row = self.database.execute(f"{_SELECT_STAFF} FROM staff s WHERE s.id = ?", (staff_id,)).fetchone()
        return _member_from_row(row) if row else None

    def with_pin(self, pin: str, office_id: int | None = None) -> list[StaffMember]:
        sql = f"{_SELECT_STAFF} FROM staff s WHERE s.pin = ?"
        params: tuple = (pin,)
        if office_id is not None:
            sql += " AND s.office_id = ?"
            params += (office_id,)
        return [_member_from_row(r) for r in self.database.execute(sql + " ORDER BY s.id", params)]

    def all(self, office_id: int | None = None) -> list[StaffMember]:
        sql = f"{_SELECT_STAFF} FROM staff s"
        params: tuple = ()
        if office_id is not None:
            sql += " WHERE s.office_id = ?"
            params = (office_id,)
        return [_member_from_row(r) for r in self.database.execute(sql + " ORDER BY s.sort_name, s.id", params)]

    def count(self, office_id: int | None = None, active_only: bool = False) -> int:
        where, params = [], []
        if office_id is not None:
            where.append("office_id = ?")
            params.append(office_id)
        if active_only:
            where.append("status != 'left'")
        sql = "SELECT count(*) FROM staff" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self.database.query_value(sql, tuple(params)) or 0)

    def count_incomplete(self, office_id: int | None = None) -> int:
        """Active people (not left) whose record lacks something: a count, no ids, no order."""
        sql = "SELECT count(*) FROM staff WHERE status != 'left' AND missing != ''"
        params: tuple[object, ...] = ()
        if office_id is not None:
            sql += " AND office_id = ?"
            params = (office_id,)
        return int(self.database.query_value(sql, params) or 0)

    def ids(self, query: StaffQuery) -> list[int]:
        """Ids of the people the query selects, in its order. Filtering and sorting happen here,
        in SQL, so the table model holds ids only."""
        where: list[str] = []
        params: list[object] = []
        terms = search_key(query.text).split()
        selective = self._selective_term(terms)
        if selective is not None:
            where.append("s.id IN (SELECT rowid FROM staff_search WHERE staff_search MATCH ?)")
            params.append(_fts_phrase(selective))
        for term in terms:
            # Both sides are lower-cased already, so a plain substring test will do; instr()
            # is cheaper than LIKE, which folds case and parses a pattern on every row.
            where.append("instr(s.search, ?) > 0")
            params.append(term)
        if not query.include_left:
            where.append("s.status != 'left'")
        if query.unit_id is not None:
            where.append("s.unit_id = ?")
            params.append(query.unit_id)
        if query.incomplete_only:
            where.append("s.missing != ''")
        if query.office_id is not None:
            where.append("s.office_id = ?")
            params.append(query.office_id)
        expr = SORT_EXPRESSIONS.get(query.sort, "s.sort_name")
        direction = "DESC" if query.descending else "ASC"
        join = "LEFT JOIN units u ON u.id = s.unit_id " if query.sort == "unit" else ""
        nulls_last = "" if query.sort in _NEVER_NULL_SORTS else f"{expr} IS NULL, "
        if query.sort == "name":  # the order of the staff_sort_name index, either way round
            order = f"s.sort_name {direction}, s.id {direction}"
        else:
            order = f"{nulls_last}{expr} {direction}, s.sort_name, s.id"
        sql = (
            f"SELECT s.id FROM staff s {join}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order}"
        )
        return [r[0] for r in self.database.execute(sql, tuple(params))]

    def _selective_term(self, terms: list[str]) -> str | None:
        """The longest term the trigram index can answer when it narrows the register down to
        a few people; None when a scan in sort order is cheaper (short or common terms)."""
        candidates = sorted((t for t in terms if len(t) >= 3), key=len, reverse=True)
        if not candidates or not self._has_search_index():
            return None
        term = candidates[0]
        found = self.database.execute(
            "SELECT count(*) FROM (SELECT rowid FROM staff_search WHERE staff_search MATCH ? "
            "LIMIT ?)", (_fts_phrase(term), _SELECTIVE_LIMIT),
        ).fetchone()[0]
        return term if found < _SELECTIVE_LIMIT else None

    def _has_search_index(self) -> bool:
        """MKK's database has none (hrdesk.store.role_indexes)."""
        return self.database.query_value(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff_search'"
        ) is not None

    def rows(self, ids: Iterable[int]) -> dict[int, StaffRow]:
        """Register lines for the given ids (the table's visible window)."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        sql = (
            f"{_SELECT_STAFF}, coalesce(u.name, ''), s.missing FROM staff s "
            f"LEFT JOIN units u ON u.id = s.unit_id WHERE s.id IN ({marks})"
        )
        result = {}
        for row in self.database.execute(sql, tuple(ids)):
            member = _member_from_row(row[:-2])
            missing = [m for m in row[-1].split(",") if m]
            result[member.id] = StaffRow(member, row[-2], missing)  # type: ignore[index]
        return result

    # --- writing ----------------------------------------------------------------------------

    def _derived(self, member: StaffMember, education_count: int) -> tuple[str, str, str]:
        missing = ",".join(rules.missing_fields(member, education_count))
        text = " ".join([member.surname, member.name, member.patronymic, member.pin, member.position_title])
        return missing, search_key(text), sort_key(f"{member.surname} {member.name} {member.patronymic}")

    def add(self, member: StaffMember) -> int:
        if not member.uid:
            member.uid = str(uuid.uuid4())
        missing, search, sort = self._derived(member, 0)
        now = now_utc()
        cols = STAFF_COLUMNS + ("missing", "search", "sort_name", "created_at", "updated_at")
        with self.database.transaction():
            cur = self.database.execute(
                f"INSERT INTO staff({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (*_member_values(member), missing, search, sort, now, now),
            )
        member.id = int(cur.lastrowid or 0)
        return member.id

    def update(self, member: StaffMember) -> None:
        assert member.id is not None
        missing, search, sort = self._derived(member, self.education_count(member.id))
        cols = STAFF_COLUMNS + ("missing", "search", "sort_name", "updated_at")
        sets = ", ".join(f"{c} = ?" for c in cols)
        with self.database.transaction():
            self.database.execute(
                f"UPDATE staff SET {sets} WHERE id = ?",
                (*_member_values(member), missing, search, sort, now_utc(), member.id),
            )

    def refresh_missing(self, staff_id: int) -> None:
        member = self.get(staff_id)
        if member is not None:
            missing = ",".join(rules.missing_fields(member, self.education_count(staff_id)))
            self.database.execute("UPDATE staff SET missing = ? WHERE id = ?", (missing, staff_id))

    def add_many(self, members: Sequence[StaffMember], educations: dict[int, int] | None = None) -> None:
        """Insert many people at once (import, demo data). The caller holds the transaction."""
        now = now_utc()
        cols = STAFF_COLUMNS + ("missing", "search", "sort_name", "created_at", "updated_at")
        sql = f"INSERT INTO staff({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        for m in members:
            if not m.uid:
                m.uid = str(uuid.uuid4())
            missing, search, sort = self._derived(m, (educations or {}).get(id(m), 0))
            cur = self.database.execute(sql, (*_member_values(m), missing, search, sort, now, now))
            m.id = int(cur.lastrowid or 0)

    # --- education --------------------------------------------------------------------------

    def education_count(self, staff_id: int) -> int:
        return int(self.database.query_value("SELECT count(*) FROM education WHERE staff_id = ?", (staff_id,)) or 0)

    def educations(self, staff_id: int) -> list[Education]:
        rows = self.database.execute(
            "SELECT id, staff_id, level, field, institution, speciality, graduation_year "
            "FROM education WHERE staff_id = ? ORDER BY coalesce(graduation_year, 9999), id",
            (staff_id,),
        ).fetchall()
        return [
            Education(
                id=r[0], staff_id=r[1],
                level=enum_from_db(EducationLevel, r[2]) or EducationLevel.GENERAL_SECONDARY,
                field=enum_from_db(EducationField, r[3]), institution=r[4], speciality=r[5],
                graduation_year=r[6],
            )
            for r in rows
        ]

    def save_education(self, education: Education) -> int:
        values = (
            education.staff_id, education.level.value, enum_to_db(education.field),
            education.institution.strip(), education.speciality.strip(), education.graduation_year,
        )
        with self.database.transaction():
            if education.id is None:
                cur = self.database.execute(
                    "INSERT INTO education(staff_id, level, field, institution, speciality, "
                    "graduation_year) VALUES (?, ?, ?, ?, ?, ?)", values,
                )
                education.id = int(cur.lastrowid or 0)
            else:
                self.database.execute(
                    "UPDATE education SET staff_id = ?, level = ?, field = ?, institution = ?, "
                    "speciality = ?, graduation_year = ? WHERE id = ?", (*values, education.id),
                )
            assert education.staff_id is not None
            self.refresh_missing(education.staff_id)
        return education.id

    def delete_education(self, education_id: int) -> None:
        with self.database.transaction():
            staff_id = self.database.query_value("SELECT staff_id FROM education WHERE id = ?", (education_id,))
            self.database.execute("DELETE FROM education WHERE id = ?", (education_id,))
            if staff_id is not None:
                self.refresh_missing(int(staff_id))  # type: ignore[arg-type]

    # --- training history -------------------------------------------------------------------

    _TRAINING_COLUMNS = (
        "staff_id", "course_code", "course_title", "provider", "start_date", "end_date", "hours",
        "format", "funding", "language", "certificate_no", "fb_relevance", "fb_trainer",
        "fb_practice", "fb_language_fit", "fb_overall", "fb_comment",
    )

    def trainings(self, staff_id: int) -> list[TrainingRecord]:
        cols = ", ".join(("id",) + self._TRAINING_COLUMNS)
        rows = self.database.execute(
            f"SELECT {cols} FROM training WHERE staff_id = ? ORDER BY start_date IS NULL, start_date, id",
            (staff_id,),
        ).fetchall()
        return [self._training(r) for r in rows]

    def trainings_of(self, staff_ids: Iterable[int] | None = None) -> dict[int, list[TrainingRecord]]:
        """Training history of many people at once, keyed by staff id."""
        cols = ", ".join(("id",) + self._TRAINING_COLUMNS)
        result: dict[int, list[TrainingRecord]] = {}
        rows = self.database.execute(f"SELECT {cols} FROM training ORDER BY start_date, id")
        wanted = set(staff_ids) if staff_ids is not None else None
        for r in rows:
            if wanted is None or r[1] in wanted:
                result.setdefault(r[1], []).append(self._training(r))
        return result

    @staticmethod
    def _training(r: Sequence) -> TrainingRecord:
        return TrainingRecord(
            id=r[0], staff_id=r[1], course_code=r[2], course_title=r[3], provider=r[4],
            start_date=date_from_db(r[5]), end_date=date_from_db(r[6]), hours=r[7],
            format=enum_from_db(TrainingFormat, r[8]), funding=enum_from_db(Funding, r[9]),
            language=enum_from_db(Language, r[10]), certificate_no=r[11],
            feedback=Feedback(r[12], r[13], r[14], r[15], r[16], r[17]),
        )

    def save_training(self, record: TrainingRecord) -> int:
        fb = record.feedback
        values = (
            record.staff_id, record.course_code, record.course_title.strip(), record.provider.strip(),
            date_to_db(record.start_date), date_to_db(record.end_date), record.hours,
            enum_to_db(record.format), enum_to_db(record.funding), enum_to_db(record.language),
            record.certificate_no.strip(), fb.relevance, fb.trainer, fb.practice, fb.language_fit,
            fb.overall, fb.comment,
        )
        cols = self._TRAINING_COLUMNS
        with self.database.transaction():
            if record.id is None:
                cur = self.database.execute(
                    f"INSERT INTO training({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    values,
                )
                record.id = int(cur.lastrowid or 0)
            else:
                sets = ", ".join(f"{c} = ?" for c in cols)
                self.database.execute(f"UPDATE training SET {sets} WHERE id = ?", (*values, record.id))
        return record.id

    def delete_training(self, training_id: int) -> None:
        with self.database.transaction():
            self.database.execute("DELETE FROM training WHERE id = ?", (training_id,))

    # --- bulk (import, demo data) -----------------------------------------------------------

    def add_educations(self, records: Sequence[Education]) -> None:
        """Insert many education records at once; the caller holds the transaction and keeps
        the people's 'missing' marker right (add_many's educations argument)."""
        self.database.conn.executemany(
            "INSERT INTO education(staff_id, level, field, institution, speciality, graduation_year) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (e.staff_id, e.level.value, enum_to_db(e.field), e.institution.strip(),
                 e.speciality.strip(), e.graduation_year)
                for e in records
            ],
        )

    def add_trainings(self, records: Sequence[TrainingRecord]) -> None:
        """Insert many training records at once; the caller holds the transaction."""
        cols = self._TRAINING_COLUMNS
        self.database.conn.executemany(
            f"INSERT INTO training({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [
                (r.staff_id, r.course_code, r.course_title.strip(), r.provider.strip(),
                 date_to_db(r.start_date), date_to_db(r.end_date), r.hours, enum_to_db(r.format),
                 enum_to_db(r.funding), enum_to_db(r.language), r.certificate_no.strip(),
                 r.feedback.relevance, r.feedback.trainer, r.feedback.practice,
                 r.feedback.language_fit, r.feedback.overall, r.feedback.comment)
                for r in records
            ],
        )

"""A checked payload's records as rows of MKK's tables, and how they are inserted.

The rows are made where the packet is checked (a worker process, for a folder of packets), as
tuples in the tables' column order: the process that writes, the import's critical path, then
neither turns the payload's records back into dicts nor builds a tuple per row in Python; it
hands the rows to executemany, with the ids that tie them together added by C code (the
itertools below).

Row layouts (one tuple per record, in payload order):
- staff (STAFF_ROW): the payload's STAFF_FIELDS, then the unit's name and the derived columns
  (missing, search, sort_name, languages: derived_columns());
- education, training: the person's index in staff, then the record's columns (training: with
  the feedback as fb_* columns);
- assessments: the person's uid, then ASSESSMENT_FIELDS;
- ratings, answers, requests: the assessment's index in assessments, then the columns.
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from hrdesk.domain import rules
from hrdesk.domain.models import StaffMember
from hrdesk.packets import payload as pl
from hrdesk.packets.import_rules import staff_member
from hrdesk.store.database import Database
from hrdesk.store.text import search_key, sort_key

# staff uid -> (missing, search, sort_name, languages): see derived_columns()
Derived = dict[str, tuple[str, str, str, str]]
DERIVED_COLUMNS = ("missing", "search", "sort_name", "languages")

STAFF_ROW = (*pl.STAFF_FIELDS, "unit", *DERIVED_COLUMNS)
UNIT_AT = STAFF_ROW.index("unit")
MISSING_AT = STAFF_ROW.index("missing")
TRAINING_COLUMNS = (
    *pl.TRAINING_FIELDS,
    "fb_relevance",
    "fb_trainer",
    "fb_practice",
    "fb_language_fit",
    "fb_overall",
    "fb_comment",
)

_staff_fields = operator.itemgetter(*pl.STAFF_FIELDS)
_training_fields = operator.itemgetter(*pl.TRAINING_FIELDS)
_feedback_fields = operator.itemgetter(*pl.FEEDBACK_FIELDS)
_request_fields = operator.itemgetter(*pl.REQUEST_FIELDS)
_assessment_fields = operator.itemgetter(*pl.ASSESSMENT_FIELDS)
education_values: Callable[[dict[str, Any]], tuple] = operator.itemgetter(*pl.EDUCATION_FIELDS)


def training_values(item: dict[str, Any]) -> tuple:
    """A training record's TRAINING_COLUMNS."""
    return _training_fields(item) + _feedback_fields(item["feedback"])


def languages_text(languages: list[dict[str, Any]]) -> str:
    # As StaffRepository writes them, so the office's and MKK's texts compare equal.
    return json.dumps([{"language": s["language"], "level": s["level"]} for s in languages])


def derived_columns(
    payload: dict[str, Any], members: dict[str, StaffMember] | None = None
) -> Derived:
    """Per staff uid, the register's columns made from a person, as StaffRepository keeps them:
    what is missing, the search text, the sort key and the languages. members: the people as
    StaffMember by uid, when the data rules made them already."""
    derived: Derived = {}
    for person in payload["staff"]:
        member = (members or {}).get(person["uid"]) or staff_member(person)
        member.unit_id = 0 if person["unit"] is not None else None  # only whether there is one
        words = [
            person["surname"],
            person["name"],
            person["patronymic"],
            person["pin"],
            person["position_title"],
        ]
        derived[person["uid"]] = (
            ",".join(rules.missing_fields(member, len(person["education"]))),
            search_key(" ".join(words)),
            sort_key(f"{person['surname']} {person['name']} {person['patronymic']}"),
            languages_text(person["languages"]),
        )
    return derived


def _json(rows: list) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class RecordKeys:
    """What is checked against the other offices' records at MKK: the payload's uids by kind
    (UID_KINDS, each a JSON array) and its people's PINs, in payload order."""

    uids: dict[str, str]
    pins: tuple[str, ...]


def record_keys(payload: dict[str, Any]) -> RecordKeys:
    entries = (payload["plan"] or {}).get("entries", [])
    return RecordKeys(
        uids={
            "staff": _json([p["uid"] for p in payload["staff"]]),
            "assessment": _json([a["uid"] for a in payload["assessments"]]),
            "request": _json([r["uid"] for a in payload["assessments"] for r in a["requests"]]),
            "plan_entry": _json([e["uid"] for e in entries]),
        },
        pins=tuple(p["pin"] for p in payload["staff"]),
    )


Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class PayloadRows:
    """What writing a checked payload needs besides its head (office, cycle, units, plan):
    its record counts and its rows (layouts above)."""

    counts: dict[str, int]
    staff: Rows
    education: Rows
    training: Rows
    assessments: Rows
    ratings: Rows
    answers: Rows
    requests: Rows

    def staff_rows(self) -> dict[str, tuple[Any, ...]]:
        """The staff rows by uid (for writing some people, not all)."""
        return {row[0]: row for row in self.staff}


def payload_rows(payload: dict[str, Any], derived: Derived) -> PayloadRows:
    """The rows of a payload that passed its checks; derived: its derived_columns()."""
    staff: Rows = []
    education: Rows = []
    training: Rows = []
    for index, person in enumerate(payload["staff"]):
        staff.append((*_staff_fields(person), person["unit"], *derived[person["uid"]]))
        education += [(index, *education_values(item)) for item in person["education"]]
        training += [(index, *training_values(item)) for item in person["training"]]
    assessments: Rows = []
    ratings: Rows = []
    answers: Rows = []
    requests: Rows = []
    for index, item in enumerate(payload["assessments"]):
        assessments.append((item["staff_uid"], *_assessment_fields(item)))
        ratings += [(index, code, imp, perf) for code, imp, perf in item["ratings"]]
        answers += [
            (index, question, answer)
            for question, chosen in item["answers"].items()
            for answer in sorted(set(chosen))
        ]
        requests += [
            (index, int(r["course_code"] is None), *_request_fields(r)) for r in item["requests"]
        ]
    return PayloadRows(
        counts=pl.payload_counts(payload),
        staff=staff,
        education=education,
        training=training,
        assessments=assessments,
        ratings=ratings,
        answers=answers,
        requests=requests,
    )


# The payload's bulk: what an office new to MKK is written without (its rows say it all).
BULK = ("staff", "assessments")


class SplitPayload:
    """A checked payload that travels between processes as its head and its JSON text: read
    again (full) only when the bulk is needed. For an office new to MKK, the writing process
    needs only the head (format, office, cycle, units, plan, audit) and the rows, and the
    worker saves turning the bulk into bytes again."""

    def __init__(self, payload: dict[str, Any], text: bytes) -> None:
        """text: the payload's JSON text, as read (payload is what it gave)."""
        self.head = {k: v for k, v in payload.items() if k not in BULK}
        self._text = text
        self._full: dict[str, Any] | None = payload

    @property
    def full(self) -> dict[str, Any]:
        if self._full is None:
            self._full = pl.parse_json(self._text)
        return self._full

    def __getstate__(self) -> dict[str, Any]:
        return {"head": self.head, "text": self._text}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.head, self._text, self._full = state["head"], state["text"], None


# --- inserting ---------------------------------------------------------------------------
#
# A statement takes values common to all rows, then the row's own values, joined in C
# (itertools, operator.add): no Python code runs per row.


def _marks(first: int, n: int) -> str:
    return ", ".join(f"?{i}" for i in range(first, first + n))


def _numbered(first: int, rows: Rows, *common: Any) -> Iterator[tuple[Any, ...]]:
    """(first + k, *common, *row) for the k-th row: rows with ids of their own."""
    return map(operator.add, zip(itertools.count(first), *map(itertools.repeat, common)), rows)


def _next_id(db: Database, table: str) -> int:
    # Ids are given explicitly so that the rows referring to them can be given theirs in C;
    # the writer holds the transaction, so nothing else takes these ids.
    return int(db.query_value(f"SELECT coalesce(max(id), 0) + 1 FROM {table}") or 1)


# The fewest parameters a statement may have in any SQLite build.
_MAX_PARAMETERS = 999


def _insert_children(
    db: Database, table: str, parent: str, columns: tuple[str, ...], first: int, rows: Rows
) -> None:
    """Rows of (parent's index, *columns) into table, the parent's id being first + index.
    Many rows go in one statement (a VALUES list): SQLite's work per statement is then spent
    once for them all, which halves the time for a narrow row such as a rating."""
    if not rows:
        return
    head = f"INSERT INTO {table}({parent}, {', '.join(columns)}) VALUES "
    one = f"(? + ?{', ?' * len(columns)})"
    width = len(columns) + 2
    per = _MAX_PARAMETERS // width
    whole = len(rows) // per * per
    if whole:
        values = list(
            itertools.chain.from_iterable(
                map(operator.add, itertools.repeat((first,)), rows[:whole])
            )
        )
        step = per * width
        db.conn.executemany(
            head + ", ".join([one] * per),
            (values[i : i + step] for i in range(0, len(values), step)),
        )
    db.conn.executemany(head + one, map(operator.add, itertools.repeat((first,)), rows[whole:]))


_N_STAFF = len(pl.STAFF_FIELDS)
# (id, office, now, *STAFF_ROW)
_STAFF_INSERT = (
    f"INSERT INTO staff(id, office_id, created_at, updated_at, {', '.join(pl.STAFF_FIELDS)}, "
    f"unit_id, {', '.join(DERIVED_COLUMNS)}) "
    f"VALUES (?1, ?2, ?3, ?3, {_marks(4, _N_STAFF)}, "
    f"(SELECT id FROM units WHERE office_id = ?2 AND name = ?{4 + _N_STAFF}), "
    f"{_marks(5 + _N_STAFF, len(DERIVED_COLUMNS))})"
)


def insert_register(db: Database, rows: PayloadRows, office_id: int, now: str) -> None:
    """Every person of the payload with their education and training: for an office MKK has
    no one of (its units written already)."""
    first = _next_id(db, "staff")
    db.conn.executemany(_STAFF_INSERT, _numbered(first, rows.staff, office_id, now))
    _insert_children(db, "education", "staff_id", pl.EDUCATION_FIELDS, first, rows.education)
    _insert_children(db, "training", "staff_id", TRAINING_COLUMNS, first, rows.training)


_N_ASSESSMENT = len(pl.ASSESSMENT_FIELDS)
# (id, cycle, now, staff uid, *ASSESSMENT_FIELDS)
_ASSESSMENT_INSERT = (
    f"INSERT INTO assessments(id, cycle, created_at, updated_at, staff_id, "
    f"{', '.join(pl.ASSESSMENT_FIELDS)}) "
    f"VALUES (?1, ?2, ?3, ?3, (SELECT id FROM staff WHERE uid = ?4), {_marks(5, _N_ASSESSMENT)})"
)
_RATING_COLUMNS = ("competency_code", "importance", "performance")
_ANSWER_COLUMNS = ("question", "answer")
_REQUEST_COLUMNS = ("is_free_text", *pl.REQUEST_FIELDS)


def insert_assessments(db: Database, rows: PayloadRows, cycle: int, now: str) -> None:
    """The cycle's assessments with their ratings, answers and requests (the people written
    already; MKK holds none of these assessments)."""
    first = _next_id(db, "assessments")
    db.conn.executemany(_ASSESSMENT_INSERT, _numbered(first, rows.assessments, cycle, now))
    for table, columns, children in (
        ("ratings", _RATING_COLUMNS, rows.ratings),
        ("answers", _ANSWER_COLUMNS, rows.answers),
        ("requests", _REQUEST_COLUMNS, rows.requests),
    ):
        _insert_children(db, table, "assessment_id", columns, first, children)

"""The payload of a needs-assessment packet: one office's register, the assessments of one cycle
and the plan of that year, as a JSON document.

build_payload() reads it from an office database; load_payload() reads it back from the bytes
of a packet and checks it against resources/schemas/payload.schema.json (the same schema
build_payload's result is checked against before it is written). People are named by their
uid, never by a database id, so the same records can be stored in another database (MKK).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

import orjson

from hrdesk import errors
from hrdesk.i18n import N_, _
from hrdesk.packets import PacketError, fastschema
from hrdesk.packets.trail import payload_trail
from hrdesk.paths import RESOURCES
from hrdesk.store.database import Database

PAYLOAD_FORMAT = "hrdesk-payload"
PAYLOAD_VERSION = 1
PAYLOAD_MEMBER = "payload.json"
SUMMARY_MEMBER = "summary.pdf"
PAYLOAD_SCHEMA = RESOURCES / "schemas" / "payload.schema.json"

# Record types as counted in manifests and import results, in display order.
RECORD_TYPES = ("staff", "education", "training", "assessments", "requests", "plan_entries")
# What a person reads for each record type (translate with _() when shown).
RECORD_TYPE_LABELS = {
    "staff": N_("people"),
    "education": N_("education records"),
    "training": N_("training records"),
    "assessments": N_("assessments"),
    "requests": N_("requested courses"),
    "plan_entries": N_("plan lines"),
}

OFFICE_FIELDS = (
    "code",
    "type",
    "name_ky",
    "name_ru",
    "oblast",
    "district",
    "parent_code",
    "head_name",
    "head_position",
    "hr_clerk_name",
    # Added later, so optional: an older packet lacks it (read as "").
    "head_position_ru",
)
# Staff columns carried as they are ("unit", "languages" and the lists are converted).
STAFF_FIELDS = (
    "uid",
    "pin",
    "surname",
    "name",
    "patronymic",
    "sex",
    "birth_date",
    "phone",
    "service_type",
    "position_title",
    "position_category",
    "position_group",
    "class_rank",
    "appointed_on",
    "service_started_on",
    "status",
    "left_on",
    "left_reason",
)
EDUCATION_FIELDS = ("level", "field", "institution", "speciality", "graduation_year")
TRAINING_FIELDS = (
    "course_code",
    "course_title",
    "provider",
    "start_date",
    "end_date",
    "hours",
    "format",
    "funding",
    "language",
    "certificate_no",
)
FEEDBACK_FIELDS = ("relevance", "trainer", "practice", "language_fit", "overall", "comment")
ASSESSMENT_FIELDS = (
    "uid",
    "status",
    "preferred_format",
    "preferred_language",
    "preferred_season",
    "obstacles_duties_other",
    "obstacles_training_other",
    "growth_needs_other",
    "assessed_on",
)
REQUEST_FIELDS = (
    "uid",
    "priority",
    "course_code",
    "free_text",
    "endorsement",
    "decline_reason",
    "endorsed_by",
    "endorsed_at",
)
PLAN_FIELDS = (
    "status",
    "approved_by",
    "approved_on",
    "seats_per_course",
    "max_hours",
    "drafted_at",
)
PLAN_ENTRY_FIELDS = (
    "uid",
    "position",
    "course_code",
    "title",
    "quarter",
    "format",
    "language",
    "funding",
    "hours",
    "priority_score",
    "source_request_uid",
    "manual",
    "status",
    "cancel_reason",
)
QUESTIONS = ("obstacles_duties", "obstacles_training", "growth_needs")


def _cols(fields: Iterable[str], prefix: str = "") -> str:
    return ", ".join(prefix + f for f in fields)


# --- building -------------------------------------------------------------------------------


def build_payload(database: Database, cycle: int) -> dict[str, Any]:
    """The payload of the own office for a cycle: every person of the register (those who left
    too), their education and training, the cycle's assessments and the plan of that year.

    NotSetUp when the database has no own office; NotFound when the cycle was never opened."""
    db = database
    office_row = db.execute(
        f"SELECT id, {_cols(OFFICE_FIELDS)} FROM offices WHERE is_own = 1 LIMIT 1"
    ).fetchone()
    if office_row is None:
        raise errors.NotSetUp(database.path)
    office_id = office_row[0]
    cycle_row = db.execute(
        "SELECT year, deadline, catalogue_version FROM cycles WHERE year = ?", (cycle,)
    ).fetchone()
    if cycle_row is None:
        raise errors.NotFound(
            _("The assessment cycle {year} has not been opened.").format(year=cycle)
        )
    units = db.execute(
        "SELECT id, name, position FROM units WHERE office_id = ? ORDER BY position, name, id",
        (office_id,),
    ).fetchall()
    unit_names = {u[0]: u[1] for u in units}

    staff: list[dict[str, Any]] = []
    uid_of: dict[int, str] = {}
    by_id: dict[int, dict[str, Any]] = {}
    for row in db.execute(
        f"SELECT id, unit_id, languages, {_cols(STAFF_FIELDS)} FROM staff "
        "WHERE office_id = ? ORDER BY id",
        (office_id,),
    ):
        person = dict(zip(STAFF_FIELDS, row[3:], strict=True))
        person["unit"] = unit_names.get(row[1]) if row[1] is not None else None
        person["languages"] = [
            {"language": item.get("language"), "level": item.get("level")}
            for item in json.loads(row[2] or "[]")
        ]
        person["education"] = []
        person["training"] = []
        staff.append(person)
        uid_of[row[0]] = person["uid"]
        by_id[row[0]] = person

    for row in db.execute(
        f"SELECT staff_id, {_cols(EDUCATION_FIELDS)} FROM education "
        "WHERE staff_id IN (SELECT id FROM staff WHERE office_id = ?) ORDER BY staff_id, id",
        (office_id,),
    ):
        by_id[row[0]]["education"].append(dict(zip(EDUCATION_FIELDS, row[1:], strict=True)))

    training_ref: dict[int, int] = {}  # training id -> index in the person's list
    for row in db.execute(
        f"SELECT id, staff_id, {_cols(TRAINING_FIELDS)}, "
        f"{_cols(FEEDBACK_FIELDS[:-1], 'fb_')}, fb_comment FROM training "
        "WHERE staff_id IN (SELECT id FROM staff WHERE office_id = ?) ORDER BY staff_id, id",
        (office_id,),
    ):
        n = len(TRAINING_FIELDS)
        record = dict(zip(TRAINING_FIELDS, row[2 : 2 + n], strict=True))
        record["feedback"] = dict(zip(FEEDBACK_FIELDS, row[2 + n :], strict=True))
        trainings = by_id[row[1]]["training"]
        training_ref[row[0]] = len(trainings)
        trainings.append(record)

    assessments = _assessments(db, cycle, office_id, uid_of)
    plan = _plan(db, cycle, office_id, uid_of, training_ref)
    payload = {
        "format": PAYLOAD_FORMAT,
        "format_version": PAYLOAD_VERSION,
        "cycle": {
            "year": cycle_row[0],
            "deadline": cycle_row[1],
            "catalogue_version": cycle_row[2],
        },
        "office": dict(zip(OFFICE_FIELDS, office_row[1:], strict=True)),
        "units": [{"name": u[1], "position": u[2]} for u in units],
        "staff": staff,
        "assessments": assessments,
        "plan": plan,
        # How the data came to be, for MKK (hrdesk.packets.trail).
        "audit": payload_trail(db, uid_of),
    }
    return payload


def _assessments(
    db: Database, cycle: int, office_id: int, uid_of: dict[int, str]
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    by_id: dict[int, dict[str, Any]] = {}
    for row in db.execute(
        f"SELECT a.id, a.staff_id, {_cols(ASSESSMENT_FIELDS, 'a.')} FROM assessments a "
        "JOIN staff s ON s.id = a.staff_id WHERE a.cycle = ? AND s.office_id = ? ORDER BY a.id",
        (cycle, office_id),
    ):
        item = dict(zip(ASSESSMENT_FIELDS, row[2:], strict=True))
        item["staff_uid"] = uid_of[row[1]]
        item["ratings"] = []
        item["answers"] = {}
        item["requests"] = []
        result.append(item)
        by_id[row[0]] = item
    if not by_id:
        return result
    own = (
        "SELECT a.id FROM assessments a JOIN staff s ON s.id = a.staff_id "
        "WHERE a.cycle = ? AND s.office_id = ?"
    )
    for aid, code, importance, performance in db.execute(
        f"SELECT assessment_id, competency_code, importance, performance FROM ratings "
        f"WHERE assessment_id IN ({own}) ORDER BY assessment_id, competency_code",
        (cycle, office_id),
    ):
        by_id[aid]["ratings"].append([code, importance, performance])
    for aid, question, answer in db.execute(
        f"SELECT assessment_id, question, answer FROM answers WHERE assessment_id IN ({own}) "
        "ORDER BY assessment_id, question, answer",
        (cycle, office_id),
    ):
        by_id[aid]["answers"].setdefault(question, []).append(answer)
    for row in db.execute(
        f"SELECT assessment_id, {_cols(REQUEST_FIELDS)} FROM requests "
        f"WHERE assessment_id IN ({own}) ORDER BY assessment_id, priority",
        (cycle, office_id),
    ):
        by_id[row[0]]["requests"].append(dict(zip(REQUEST_FIELDS, row[1:], strict=True)))
    return result


def _plan(
    db: Database,
    cycle: int,
    office_id: int,
    uid_of: dict[int, str],
    training_ref: dict[int, int],
) -> dict[str, Any] | None:
    row = db.execute(
        f"SELECT id, {_cols(PLAN_FIELDS)}, skipped FROM plans WHERE office_id = ? AND year = ?",
        (office_id, cycle),
    ).fetchone()
    if row is None:
        return None
    plan = dict(zip(PLAN_FIELDS, row[1:-1], strict=True))
    skipped = []
    for item in json.loads(row[-1] or "[]"):
        item = dict(item)
        item["staff_uid"] = uid_of.get(item.pop("staff_id", None))
        skipped.append(item)
    plan["skipped"] = skipped
    plan["events"] = [
        {"kind": r[0], "by": r[1], "at": r[2], "on_date": r[3], "reason": r[4]}
        for r in db.execute(
            "SELECT kind, by_name, at, on_date, reason FROM plan_events WHERE plan_id = ? "
            "ORDER BY id",
            (row[0],),
        )
    ]
    entries = []
    for r in db.execute(
        f"SELECT staff_id, training_id, warnings, {_cols(PLAN_ENTRY_FIELDS)} FROM plan_entries "
        "WHERE plan_id = ? ORDER BY position, id",
        (row[0],),
    ):
        entry = dict(zip(PLAN_ENTRY_FIELDS, r[3:], strict=True))
        entry["manual"] = bool(entry["manual"])
        entry["staff_uid"] = uid_of[r[0]]
        entry["training_ref"] = training_ref.get(r[1]) if r[1] is not None else None
        entry["warnings"] = json.loads(r[2] or "[]")
        entries.append(entry)
    plan["entries"] = entries
    return plan


def payload_counts(payload: dict[str, Any]) -> dict[str, int]:
    """Records in the payload by record type (RECORD_TYPES)."""
    staff = payload.get("staff") or []
    assessments = payload.get("assessments") or []
    plan = payload.get("plan") or {}
    return {
        "staff": len(staff),
        "education": sum(len(p.get("education") or []) for p in staff),
        "training": sum(len(p.get("training") or []) for p in staff),
        "assessments": len(assessments),
        "requests": sum(len(a.get("requests") or []) for a in assessments),
        "plan_entries": len(plan.get("entries") or []),
    }


def encode_payload(payload: dict[str, Any]) -> bytes:
    """The payload's bytes as written to the packet (compact UTF-8 JSON)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- reading and checking -------------------------------------------------------------------


@functools.cache
def _check() -> fastschema.Check:
    schema = json.loads(PAYLOAD_SCHEMA.read_text(encoding="utf-8"))
    return fastschema.compile_schema(schema)


def payload_problem(payload: Any) -> str:
    """The first way the payload breaks the schema ("at staff[3].pin: ..."), or ""."""
    failure = _check()(payload)
    if failure is None:
        return ""
    path, detail = failure
    return _("at {where}: {problem}").format(where=fastschema.where(path), problem=detail)


def check_payload(payload: Any, where: str = "") -> None:
    """PacketError "bad_payload" naming the place when the payload breaks the schema."""
    problem = payload_problem(payload)
    if problem:
        raise PacketError(
            "bad_payload",
            _("The payload of the packet {path} is not valid: {detail}.").format(
                path=where, detail=problem
            ),
        )


def load_payload(data: bytes, where: str = "") -> dict[str, Any]:
    """The payload from its bytes, checked against the schema; PacketError "bad_payload"."""

    def bad(detail: str) -> PacketError:
        return PacketError(
            "bad_payload",
            _("The payload of the packet {path} is not valid: {detail}.").format(
                path=where, detail=detail
            ),
        )

    # Repeated keys are read as JSON says (the last wins): the payload is signed by the office,
    # and checking every object for them would double the time MKK needs to read 40,000 people.
    try:
        payload = parse_json(data)
    except ValueError as exc:
        raise bad(_("it is not JSON text")) from exc
    if not isinstance(payload, dict):
        raise bad(_("it is not a JSON object"))
    if payload.get("format") != PAYLOAD_FORMAT or payload.get("format_version") != PAYLOAD_VERSION:
        raise bad(_("it is not a payload of version {version}").format(version=PAYLOAD_VERSION))
    check_payload(payload, where)
    return payload


def parse_json(data: bytes) -> Any:
    """JSON text (UTF-8) as Python values; ValueError when it is not JSON (NaN and Infinity
    included, nor nested deeper than 1,024). orjson reads a payload in half the time of the
    json module, and reading is a fifth of checking a packet."""
    return orjson.loads(data)

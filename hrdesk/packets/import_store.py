"""MKK's copy of an office's records, and how one packet's payload changes it.

The records go into the ordinary tables (offices with is_own = 0, units, staff, education,
training, cycles, assessments with ratings/answers/requests, plans with lines and events), so
everything that reads an office's database (the summary above all) reads MKK's the same way.

Two scopes, two ways of writing:
- the register (office profile, units, staff, education, training) is kept by uid: a person's
  row keeps its id, so the assessments of other cycles stay attached. Education and training
  records have no uid; they are matched by their content, person by person.
- the cycle (the cycle's assessments and the plan of that year) belongs to exactly one packet:
  when anything in it differs, MKK's copy is deleted and the packet's is written in its place.

Counts per record type say what happened by uid (or content): created, updated, unchanged.
Records that a newer packet no longer holds are removed and not counted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from hrdesk.packets import payload as pl
from hrdesk.packets import payload_rows as pr
from hrdesk.packets.payload_rows import PayloadRows, SplitPayload
from hrdesk.store import audit
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database

COUNT_KEYS = ("created", "updated", "unchanged", "rejected")

# staff columns compared with the payload: the payload's fields, in this order, with the unit
# by name and the languages as stored.
_STAFF_COMPARED = tuple(f for f in pl.STAFF_FIELDS if f != "uid")
# The staff columns a staff row (payload_rows.STAFF_ROW) is written to.
_STAFF_WRITTEN = (*pl.STAFF_FIELDS, "office_id", "unit_id", *pr.DERIVED_COLUMNS)
_ASSESSMENT_VALUES = tuple(f for f in pl.ASSESSMENT_FIELDS if f != "uid")
_REQUEST_VALUES = tuple(f for f in pl.REQUEST_FIELDS if f != "uid")
_ENTRY_VALUES = tuple(f for f in pl.PLAN_ENTRY_FIELDS if f != "uid")


def empty_counts() -> dict[str, dict[str, int]]:
    return {kind: dict.fromkeys(COUNT_KEYS, 0) for kind in pl.RECORD_TYPES}


def rejected_counts(held: dict[str, int] | None) -> dict[str, dict[str, int]]:
    """Counts of a rejected packet: every record it holds (held: payload_counts()) is
    rejected."""
    counts = empty_counts()
    for kind, n in (held or {}).items():
        counts[kind]["rejected"] = n
    return counts


# --- canonical forms ------------------------------------------------------------------------


def _staff_values(person: dict[str, Any]) -> tuple:
    values = [person[f] for f in _STAFF_COMPARED]
    return (*values, person["unit"], pr.languages_text(person["languages"]))


def _assessment_values(item: dict[str, Any]) -> tuple:
    ratings = tuple(sorted((c, i, p) for c, i, p in item["ratings"]))
    answers = tuple(sorted((q, a) for q, chosen in item["answers"].items() for a in set(chosen)))
    return (item["staff_uid"], *(item[f] for f in _ASSESSMENT_VALUES), ratings, answers)


def _request_values(assessment_uid: str, item: dict[str, Any]) -> tuple:
    return (assessment_uid, *(item[f] for f in _REQUEST_VALUES))


def _entry_values(item: dict[str, Any]) -> tuple:
    values = [item[f] for f in _ENTRY_VALUES]
    values[_ENTRY_VALUES.index("manual")] = bool(values[_ENTRY_VALUES.index("manual")])
    return (
        *values,
        item["staff_uid"],
        item["training_ref"],
        json.dumps(item["warnings"], ensure_ascii=False, sort_keys=True),
    )


def _plan_values(plan: dict[str, Any] | None) -> tuple | None:
    if plan is None:
        return None
    skipped = json.dumps(plan["skipped"], ensure_ascii=False, sort_keys=True)
    events = tuple((e["kind"], e["by"], e["at"], e["on_date"], e["reason"]) for e in plan["events"])
    return (*(plan[f] for f in pl.PLAN_FIELDS), skipped, events)


# --- what MKK holds -------------------------------------------------------------------------


@dataclass
class _Existing:
    """MKK's copy of one office, in the canonical forms above."""

    office_id: int | None = None
    staff: dict[str, tuple[int, tuple, str]] = field(
        default_factory=dict
    )  # uid -> id, values, missing
    education: dict[int, list[tuple[int, tuple]]] = field(default_factory=dict)  # staff id ->
    training: dict[int, list[tuple[int, tuple]]] = field(default_factory=dict)
    assessments: dict[str, tuple] = field(default_factory=dict)
    requests: dict[str, tuple] = field(default_factory=dict)
    entries: dict[str, tuple] = field(default_factory=dict)
    plan: tuple | None = None
    units: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> id, position


def _load(db: Database, office_code: str, cycle: int) -> _Existing:
    existing = _Existing()
    row = db.execute("SELECT id FROM offices WHERE code = ?", (office_code,)).fetchone()
    if row is None:
        return existing
    office_id = existing.office_id = row[0]
    existing.units = {
        r[1]: (r[0], r[2])
        for r in db.execute(
            "SELECT id, name, position FROM units WHERE office_id = ?", (office_id,)
        )
    }
    cols = ", ".join(f"s.{c}" for c in _STAFF_COMPARED)
    uid_of: dict[int, str] = {}
    for r in db.execute(
        f"SELECT s.id, s.uid, s.missing, {cols}, u.name, s.languages FROM staff s "
        "LEFT JOIN units u ON u.id = s.unit_id WHERE s.office_id = ?",
        (office_id,),
    ):
        existing.staff[r[1]] = (r[0], tuple(r[3:]), r[2])
        uid_of[r[0]] = r[1]
    if not uid_of:
        return existing
    own = "SELECT id FROM staff WHERE office_id = ?"
    for r in db.execute(
        f"SELECT id, staff_id, {', '.join(pl.EDUCATION_FIELDS)} FROM education "
        f"WHERE staff_id IN ({own}) ORDER BY id",
        (office_id,),
    ):
        existing.education.setdefault(r[1], []).append((r[0], tuple(r[2:])))
    training_ref: dict[int, int] = {}
    for r in db.execute(
        f"SELECT id, staff_id, {', '.join(pr.TRAINING_COLUMNS)} FROM training "
        f"WHERE staff_id IN ({own}) ORDER BY id",
        (office_id,),
    ):
        rows = existing.training.setdefault(r[1], [])
        training_ref[r[0]] = len(rows)
        rows.append((r[0], tuple(r[2:])))
    _load_cycle(db, existing, office_id, cycle, uid_of, training_ref)
    return existing


def _load_cycle(
    db: Database,
    existing: _Existing,
    office_id: int,
    cycle: int,
    uid_of: dict[int, str],
    training_ref: dict[int, int],
) -> None:
    items: dict[int, dict[str, Any]] = {}
    for r in db.execute(
        f"SELECT a.id, a.staff_id, {', '.join('a.' + f for f in pl.ASSESSMENT_FIELDS)} "
        "FROM assessments a JOIN staff s ON s.id = a.staff_id "
        "WHERE a.cycle = ? AND s.office_id = ?",
        (cycle, office_id),
    ):
        item = dict(zip(pl.ASSESSMENT_FIELDS, r[2:], strict=True))
        item.update(staff_uid=uid_of[r[1]], ratings=[], answers={}, requests=[])
        items[r[0]] = item
    if items:
        own = (
            "SELECT a.id FROM assessments a JOIN staff s ON s.id = a.staff_id "
            "WHERE a.cycle = ? AND s.office_id = ?"
        )
        for aid, code, imp, perf in db.execute(
            "SELECT assessment_id, competency_code, importance, performance FROM ratings "
            f"WHERE assessment_id IN ({own})",
            (cycle, office_id),
        ):
            items[aid]["ratings"].append((code, imp, perf))
        for aid, question, answer in db.execute(
            f"SELECT assessment_id, question, answer FROM answers WHERE assessment_id IN ({own})",
            (cycle, office_id),
        ):
            items[aid]["answers"].setdefault(question, []).append(answer)
        for r in db.execute(
            f"SELECT assessment_id, {', '.join(pl.REQUEST_FIELDS)} FROM requests "
            f"WHERE assessment_id IN ({own})",
            (cycle, office_id),
        ):
            request = dict(zip(pl.REQUEST_FIELDS, r[1:], strict=True))
            existing.requests[request["uid"]] = _request_values(items[r[0]]["uid"], request)
        existing.assessments = {i["uid"]: _assessment_values(i) for i in items.values()}
    row = db.execute(
        f"SELECT id, {', '.join(pl.PLAN_FIELDS)}, skipped FROM plans "
        "WHERE office_id = ? AND year = ?",
        (office_id, cycle),
    ).fetchone()
    if row is None:
        return
    plan = dict(zip(pl.PLAN_FIELDS, row[1:-1], strict=True))
    skipped = []
    for item in json.loads(row[-1] or "[]"):
        item = dict(item)
        item["staff_uid"] = uid_of.get(item.pop("staff_id", None))
        skipped.append(item)
    plan["skipped"] = skipped
    plan["events"] = [
        dict(zip(("kind", "by", "at", "on_date", "reason"), r, strict=True))
        for r in db.execute(
            "SELECT kind, by_name, at, on_date, reason FROM plan_events WHERE plan_id = ? "
            "ORDER BY id",
            (row[0],),
        )
    ]
    existing.plan = _plan_values(plan)
    for r in db.execute(
        f"SELECT staff_id, training_id, warnings, {', '.join(pl.PLAN_ENTRY_FIELDS)} "
        "FROM plan_entries WHERE plan_id = ?",
        (row[0],),
    ):
        entry = dict(zip(pl.PLAN_ENTRY_FIELDS, r[3:], strict=True))
        entry["staff_uid"] = uid_of.get(r[0])
        entry["training_ref"] = training_ref.get(r[1]) if r[1] is not None else None
        entry["warnings"] = json.loads(r[2] or "[]")
        existing.entries[entry["uid"]] = _entry_values(entry)


# --- comparing ------------------------------------------------------------------------------


def _tally(counts: dict[str, int], old: tuple | None, new: tuple) -> str:
    kind = "created" if old is None else ("unchanged" if old == new else "updated")
    counts[kind] += 1
    return kind


def _match(
    old_rows: list[tuple[int, tuple]], new_values: list[tuple]
) -> tuple[list[int | None], list[int]]:
    """Pair new records with equal old ones (by content, in order). Returns, for each new
    record, the id of its old twin or None, and the ids of old records left over."""
    pool: dict[tuple, list[int]] = defaultdict(list)
    for row_id, values in old_rows:
        pool[values].append(row_id)
    matched: list[int | None] = []
    for values in new_values:
        ids = pool.get(values)
        matched.append(ids.pop(0) if ids else None)
    left = [row_id for ids in pool.values() for row_id in ids]
    return matched, left


@dataclass
class _Plan:
    """What the write will do, decided while counting."""

    all_new: bool = False  # an office MKK has never seen: the rows go in as they are
    new_staff: list[str] = field(default_factory=list)  # uids
    changed_staff: list[tuple[int, str]] = field(default_factory=list)  # id, uid
    missing_updates: list[tuple[str, int]] = field(default_factory=list)
    stale_staff: list[int] = field(default_factory=list)
    # per staff uid: (ids of old twins or None, ids to delete), for education and training
    education: dict[str, tuple[list[int | None], list[int]]] = field(default_factory=dict)
    training: dict[str, tuple[list[int | None], list[int]]] = field(default_factory=dict)
    cycle_changed: bool = False
    staff_rows: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # uid -> its row


def _all_new(rows: PayloadRows) -> tuple[dict[str, dict[str, int]], _Plan]:
    """An office MKK has never seen: everything is created (and nothing needs comparing)."""
    counts = empty_counts()
    for kind, n in rows.counts.items():
        counts[kind]["created"] = n
    return counts, _Plan(all_new=True, cycle_changed=True)


def _compare(
    payload: SplitPayload, rows: PayloadRows, existing: _Existing, authoritative: bool
) -> tuple[dict[str, dict[str, int]], _Plan]:
    if existing.office_id is None:
        return _all_new(rows)
    counts = empty_counts()
    plan = _Plan(staff_rows=rows.staff_rows())
    seen: set[str] = set()
    full = payload.full
    for person in full["staff"]:
        uid = person["uid"]
        seen.add(uid)
        old = existing.staff.get(uid)
        if old is not None and not authoritative:
            # An older register than MKK's (a late packet of an earlier cycle): keep MKK's.
            counts["staff"]["unchanged"] += 1
            counts["education"]["unchanged"] += len(person["education"])
            counts["training"]["unchanged"] += len(person["training"])
            continue
        kind = _tally(counts["staff"], old[1] if old else None, _staff_values(person))
        missing = plan.staff_rows[uid][pr.MISSING_AT]
        if kind == "created":
            plan.new_staff.append(uid)
        else:
            assert old is not None
            if kind == "updated":
                plan.changed_staff.append((old[0], uid))
            elif old[2] != missing:
                plan.missing_updates.append((missing, old[0]))
        for key, values_of in (
            ("education", pr.education_values),
            ("training", pr.training_values),
        ):
            new_values = [values_of(item) for item in person[key]]
            old_rows = getattr(existing, key).get(old[0], []) if old else []
            matched, left = _match(old_rows, new_values)
            twins = sum(m is not None for m in matched)
            updated = min(len(left), len(new_values) - twins)
            counts[key]["unchanged"] += twins
            counts[key]["updated"] += updated
            counts[key]["created"] += len(new_values) - twins - updated
            getattr(plan, key)[uid] = (matched, left)
    if authoritative:
        plan.stale_staff = [v[0] for uid, v in existing.staff.items() if uid not in seen]

    changed = False
    request_uids: set[str] = set()
    for item in full["assessments"]:
        values = _assessment_values(item)
        changed |= _tally(counts["assessments"], existing.assessments.get(item["uid"]), values) != (
            "unchanged"
        )
        for request in item["requests"]:
            request_uids.add(request["uid"])
            values = _request_values(item["uid"], request)
            changed |= _tally(
                counts["requests"], existing.requests.get(request["uid"]), values
            ) != ("unchanged")
    entries = (full["plan"] or {}).get("entries", [])
    for entry in entries:
        values = _entry_values(entry)
        changed |= _tally(counts["plan_entries"], existing.entries.get(entry["uid"]), values) != (
            "unchanged"
        )
    # Records MKK has that the packet no longer holds change the cycle too.
    plan.cycle_changed = (
        changed
        or _plan_values(full["plan"]) != existing.plan
        or set(existing.assessments) != {a["uid"] for a in full["assessments"]}
        or set(existing.requests) != request_uids
        or set(existing.entries) != {e["uid"] for e in entries}
    )
    return counts, plan


def count_changes(
    database: Database,
    payload: SplitPayload,
    rows: PayloadRows,
    office_code: str,
    authoritative: bool,
) -> dict[str, dict[str, int]]:
    """What writing the payload would do, per record type; nothing is written."""
    existing = _load(database, office_code, payload.head["cycle"]["year"])
    return _compare(payload, rows, existing, authoritative)[0]


# --- writing --------------------------------------------------------------------------------


# Tables whose rows a packet adds without a trail row each (their changes and removals are in
# the trail). At MKK a packet is the unit of change: its receipt is in the trail
# (packets_received is audited: who, when, which file by SHA-256, the counts) and the packet
# holds every value it added. A trail row per added record would make a country's import
# several times slower and the database twice as large, and say nothing the packet does not.
PAYLOAD_TABLES = (
    "offices",
    "units",
    "staff",
    "education",
    "training",
    "assessments",
    "ratings",
    "answers",
    "requests",
    "plans",
    "plan_entries",
)


def write_payload(
    database: Database,
    payload: SplitPayload,
    rows: PayloadRows,
    office_code: str,
    authoritative: bool,
) -> tuple[int, dict[str, dict[str, int]]]:
    """Make MKK's copy of the office agree with the payload (rows: its payload_rows()). The
    caller holds the transaction. Returns the office's id and the counts. authoritative: the
    payload's register is the newest MKK has of this office (else only people MKK lacks are
    added). For an office new to MKK, only the payload's head is read."""
    db = database
    cycle = payload.head["cycle"]["year"]
    existing = _load(db, office_code, cycle)
    counts, plan = _compare(payload, rows, existing, authoritative)
    with audit.inserts_untracked(db, PAYLOAD_TABLES):
        office_id = _write(db, payload, rows, office_code, existing, plan, authoritative)
    return office_id, counts


def _write(
    db: Database,
    payload: SplitPayload,
    rows: PayloadRows,
    office_code: str,
    existing: _Existing,
    plan: _Plan,
    authoritative: bool,
) -> int:
    head = payload.head
    cycle = head["cycle"]["year"]
    now = now_utc()
    office_id = _write_office(db, head["office"], office_code, existing.office_id, authoritative)
    db.execute(
        "INSERT OR IGNORE INTO cycles(year, deadline, opened_at, catalogue_version) "
        "VALUES (?, ?, ?, ?)",
        (cycle, head["cycle"]["deadline"], now, head["cycle"]["catalogue_version"]),
    )
    if plan.cycle_changed and existing.office_id is not None:
        _delete_cycle(db, office_id, cycle)
    if plan.stale_staff:
        _delete_stale_staff(db, plan.stale_staff)
    unit_ids = _write_units(db, office_id, head["units"], existing.units, authoritative)
    if plan.all_new:
        pr.insert_register(db, rows, office_id, now)
    else:
        _write_staff(db, office_id, plan, unit_ids, now)
    staff_ids = dict(
        db.execute("SELECT uid, id FROM staff WHERE office_id = ?", (office_id,)).fetchall()
    )
    training_ids = _write_history(db, payload, plan, staff_ids)
    if authoritative:
        db.execute(
            "DELETE FROM units WHERE office_id = :o AND name NOT IN "
            "(SELECT value FROM json_each(:names)) AND id NOT IN "
            "(SELECT unit_id FROM staff WHERE office_id = :o AND unit_id IS NOT NULL)",
            {"o": office_id, "names": json.dumps([u["name"] for u in head["units"]])},
        )
    if plan.cycle_changed:
        pr.insert_assessments(db, rows, cycle, now)
        if head["plan"] is not None:
            _write_plan(db, head["plan"], cycle, office_id, staff_ids, training_ids, now)
    return office_id


def _write_office(
    db: Database, office: dict[str, Any], code: str, office_id: int | None, authoritative: bool
) -> int:
    fields = [f for f in pl.OFFICE_FIELDS if f != "code"]
    values = [office.get(f, "") for f in fields]  # older packets lack the later fields
    if office_id is None:
        cur = db.execute(
            f"INSERT INTO offices(code, {', '.join(fields)}, is_own) "
            f"VALUES (?, {', '.join('?' * len(fields))}, 0)",
            (code, *values),
        )
        return int(cur.lastrowid or 0)
    if authoritative:
        sets = ", ".join(f"{f} = ?" for f in fields)
        changed = " OR ".join(f"{f} IS NOT ?" for f in fields)
        db.execute(
            f"UPDATE offices SET {sets} WHERE id = ? AND ({changed})",
            (*values, office_id, *values),
        )
    return office_id


def _delete_cycle(db: Database, office_id: int, cycle: int) -> None:
    # Ratings, answers and requests go with their assessments; lines and events with the plan.
    db.execute(
        "DELETE FROM assessments WHERE cycle = ? AND staff_id IN "
        "(SELECT id FROM staff WHERE office_id = ?)",
        (cycle, office_id),
    )
    db.execute("DELETE FROM plans WHERE office_id = ? AND year = ?", (office_id, cycle))


def _delete_stale_staff(db: Database, staff_ids: list[int]) -> None:
    """People a newer packet no longer holds. Those still named by another cycle's assessment
    or plan line stay (with their history), so that cycle's figures do not change."""
    ids = json.dumps(staff_ids)
    free = (
        "SELECT value FROM json_each(?) j WHERE NOT EXISTS "
        "(SELECT 1 FROM assessments a WHERE a.staff_id = j.value) AND NOT EXISTS "
        "(SELECT 1 FROM plan_entries e WHERE e.staff_id = j.value)"
    )
    db.execute(f"DELETE FROM education WHERE staff_id IN ({free})", (ids,))
    db.execute(f"DELETE FROM training WHERE staff_id IN ({free})", (ids,))
    db.execute(f"DELETE FROM staff WHERE id IN ({free})", (ids,))


def _write_units(
    db: Database,
    office_id: int,
    units: list[dict[str, Any]],
    existing: dict[str, tuple[int, int]],
    authoritative: bool,
) -> dict[str, int]:
    new = [(office_id, u["name"], u["position"]) for u in units if u["name"] not in existing]
    db.conn.executemany("INSERT INTO units(office_id, name, position) VALUES (?, ?, ?)", new)
    if authoritative:
        moved = [
            (u["position"], existing[u["name"]][0])
            for u in units
            if u["name"] in existing and existing[u["name"]][1] != u["position"]
        ]
        db.conn.executemany("UPDATE units SET position = ? WHERE id = ?", moved)
    return dict(
        db.execute("SELECT name, id FROM units WHERE office_id = ?", (office_id,)).fetchall()
    )


def _staff_row(row: list[Any], office_id: int, unit_ids: dict[str, int]) -> tuple:
    """Values for _STAFF_WRITTEN from a payload_rows staff row."""
    unit = row[pr.UNIT_AT]
    unit_id = unit_ids.get(unit) if unit is not None else None
    return (*row[: pr.UNIT_AT], office_id, unit_id, *row[pr.UNIT_AT + 1 :])


def _write_staff(
    db: Database, office_id: int, plan: _Plan, unit_ids: dict[str, int], now: str
) -> None:
    cols = _STAFF_WRITTEN
    rows = plan.staff_rows
    db.conn.executemany(
        f"INSERT INTO staff({', '.join(cols)}, created_at, updated_at) "
        f"VALUES ({', '.join('?' * (len(cols) + 2))})",
        [(*_staff_row(rows[uid], office_id, unit_ids), now, now) for uid in plan.new_staff],
    )
    sets = ", ".join(f"{c} = ?" for c in cols)
    db.conn.executemany(
        f"UPDATE staff SET {sets}, updated_at = ? WHERE id = ?",
        [
            (*_staff_row(rows[uid], office_id, unit_ids), now, sid)
            for sid, uid in plan.changed_staff
        ],
    )
    db.conn.executemany("UPDATE staff SET missing = ? WHERE id = ?", plan.missing_updates)


def _write_history(
    db: Database, payload: SplitPayload, plan: _Plan, staff_ids: dict[str, int]
) -> dict[str, list[int | None]]:
    """Education and training of the people being written (of an office new to MKK: written
    already); returns, per staff uid, the id of each of the payload's training records (for
    plan lines that name one)."""
    entries = (payload.head["plan"] or {}).get("entries", [])
    named = any(e["training_ref"] is not None for e in entries)
    if plan.all_new:
        return _new_training_ids(db, staff_ids) if named else {}
    people = payload.full["staff"]
    doomed_education = [i for _m, left in plan.education.values() for i in left]
    doomed_training = [i for _m, left in plan.training.values() for i in left]
    if doomed_education:
        db.execute(
            "DELETE FROM education WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(doomed_education),),
        )
    if doomed_training:
        db.execute(
            "DELETE FROM training WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(doomed_training),),
        )
    new_education = []
    new_training = []
    for person in people:
        uid = person["uid"]
        if uid in plan.education:
            matched = plan.education[uid][0]
            new_education += [
                (staff_ids[uid], *pr.education_values(item))
                for item, twin in zip(person["education"], matched, strict=True)
                if twin is None
            ]
        if uid in plan.training:
            matched = plan.training[uid][0]
            new_training += [
                (staff_ids[uid], *pr.training_values(item))
                for item, twin in zip(person["training"], matched, strict=True)
                if twin is None
            ]
    db.conn.executemany(
        f"INSERT INTO education(staff_id, {', '.join(pl.EDUCATION_FIELDS)}) "
        f"VALUES (?{', ?' * len(pl.EDUCATION_FIELDS)})",
        new_education,
    )
    before = int(db.query_value("SELECT coalesce(max(id), 0) FROM training") or 0)
    db.conn.executemany(
        f"INSERT INTO training(staff_id, {', '.join(pr.TRAINING_COLUMNS)}) "
        f"VALUES (?{', ?' * len(pr.TRAINING_COLUMNS)})",
        new_training,
    )
    if not named:
        return {}
    # New rows got ascending ids in the order inserted.
    new_ids = iter(
        r[0] for r in db.execute("SELECT id FROM training WHERE id > ? ORDER BY id", (before,))
    )
    result: dict[str, list[int | None]] = {}
    for person in people:
        uid = person["uid"]
        if uid in plan.training:
            result[uid] = [
                twin if twin is not None else next(new_ids) for twin in plan.training[uid][0]
            ]
        else:  # a person MKK keeps as it was: find the same records by content
            rows = db.execute(
                f"SELECT id, {', '.join(pr.TRAINING_COLUMNS)} FROM training WHERE staff_id = ? "
                "ORDER BY id",
                (staff_ids[uid],),
            ).fetchall()
            result[uid] = _match(
                [(r[0], tuple(r[1:])) for r in rows],
                [pr.training_values(t) for t in person["training"]],
            )[0]
    return result


def _new_training_ids(db: Database, staff_ids: dict[str, int]) -> dict[str, list[int | None]]:
    """Per staff uid, the ids of the person's training records in payload order: for people
    whose records were all just inserted (in that order, so ascending ids)."""
    uid_of = {sid: uid for uid, sid in staff_ids.items()}
    result: dict[str, list[int | None]] = {}
    for staff_id, training_id in db.execute(
        "SELECT staff_id, id FROM training WHERE staff_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY id",
        (json.dumps(list(uid_of)),),
    ):
        result.setdefault(uid_of[staff_id], []).append(training_id)
    return result


def _write_plan(
    db: Database,
    plan: dict[str, Any],
    cycle: int,
    office_id: int,
    staff_ids: dict[str, int],
    training_ids: dict[str, list[int | None]],
    now: str,
) -> None:
    skipped = []
    for item in plan["skipped"]:
        item = dict(item)
        item["staff_id"] = staff_ids.get(item.pop("staff_uid", None) or "", 0)
        skipped.append(item)
    cur = db.execute(
        f"INSERT INTO plans(office_id, year, {', '.join(pl.PLAN_FIELDS)}, skipped, created_at, "
        f"updated_at) VALUES (?, ?{', ?' * len(pl.PLAN_FIELDS)}, ?, ?, ?)",
        (
            office_id,
            cycle,
            *(plan[f] for f in pl.PLAN_FIELDS),
            json.dumps(skipped, ensure_ascii=False),
            now,
            now,
        ),
    )
    plan_id = int(cur.lastrowid or 0)
    db.conn.executemany(
        "INSERT INTO plan_events(plan_id, kind, by_name, at, on_date, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(plan_id, e["kind"], e["by"], e["at"], e["on_date"], e["reason"]) for e in plan["events"]],
    )
    rows = []
    for e in plan["entries"]:
        ref = e["training_ref"]  # an integer, which JSON may write as 2.0
        training_id = training_ids.get(e["staff_uid"], [])[int(ref)] if ref is not None else None
        rows.append(
            (
                plan_id,
                staff_ids[e["staff_uid"]],
                training_id,
                json.dumps(e["warnings"], ensure_ascii=False),
                *(int(e[f]) if f == "manual" else e[f] for f in pl.PLAN_ENTRY_FIELDS),
            )
        )
    marks = ", ?" * len(pl.PLAN_ENTRY_FIELDS)
    db.conn.executemany(
        f"INSERT INTO plan_entries(plan_id, staff_id, training_id, warnings, "
        f"{', '.join(pl.PLAN_ENTRY_FIELDS)}) VALUES (?, ?, ?, ?{marks})",
        rows,
    )

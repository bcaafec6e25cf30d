"""The payload: what build_payload reads from an office, its schema, and the fast checker that
must say what jsonschema says about any document."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers.mutations import mutate, places
from helpers.packets import CYCLE, copy_office, demo_office_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk import errors
from hrdesk.packets import PacketError, fastschema
from hrdesk.packets.payload import (
    PAYLOAD_SCHEMA,
    RECORD_TYPES,
    build_payload,
    check_payload,
    encode_payload,
    load_payload,
    payload_counts,
    payload_problem,
)
from hrdesk.store.database import Database

SCHEMA = json.loads(PAYLOAD_SCHEMA.read_text(encoding="utf-8"))
FAST = fastschema.compile_schema(SCHEMA)
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("payload")
    database = copy_office(demo_office_file(root, 31, 20), root / "office.sqlite3")
    yield database
    database.close()


@pytest.fixture(scope="module")
def payload(office: Database) -> dict[str, Any]:
    return build_payload(office, CYCLE)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_payload_holds_the_office_register_cycle_and_plan(office, payload) -> None:
    assert payload["format"] == "hrdesk-payload" and payload["format_version"] == 1
    assert payload["cycle"]["year"] == CYCLE
    assert payload["office"]["code"] == office.query_value("SELECT code FROM offices")
    counts = payload_counts(payload)
    assert set(counts) == set(RECORD_TYPES)
    assert counts["staff"] == office.query_value("SELECT count(*) FROM staff") == 20
    assert counts["education"] == office.query_value("SELECT count(*) FROM education")
    assert counts["training"] == office.query_value("SELECT count(*) FROM training")
    assert counts["assessments"] == office.query_value(
        "SELECT count(*) FROM assessments WHERE cycle = ?", (CYCLE,)
    )
    assert counts["plan_entries"] == office.query_value("SELECT count(*) FROM plan_entries") > 0
    statuses = {p["status"] for p in payload["staff"]}
    assert "left" in statuses or "on_leave" in statuses or statuses == {"active"}
    # People are named by uid only: no database ids travel.
    text = json.dumps(payload)
    assert '"staff_id"' not in text and '"id"' not in text


def test_payload_passes_both_checkers(payload) -> None:
    assert payload_problem(payload) == ""
    jsonschema.validate(payload, SCHEMA)


def test_load_payload_round_trip(payload) -> None:
    assert load_payload(encode_payload(payload), "x") == payload


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\xff", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"format": "hrdesk-payload", "format_version": 9}', "version 1"),
        (b'{"a": NaN}', "not JSON"),
    ],
)
def test_load_payload_refuses_what_is_not_a_payload(data: bytes, words: str) -> None:
    with pytest.raises(PacketError) as caught:
        load_payload(data, "packet.hrpacket")
    assert caught.value.code == "bad_payload"
    assert words in caught.value.message and "packet.hrpacket" in caught.value.message


def test_check_payload_names_the_place(payload) -> None:
    broken = copy.deepcopy(payload)
    broken["staff"][3]["sex"] = "robot"
    with pytest.raises(PacketError) as caught:
        check_payload(broken, "p")
    assert "staff[3].sex" in caught.value.message


def test_build_payload_needs_an_office_and_an_open_cycle(office, tmp_path: Path) -> None:
    with pytest.raises(errors.NotFound):
        build_payload(office, CYCLE + 5)
    mkk = Database.open(tmp_path / "mkk.sqlite3", create=True)
    with pytest.raises(errors.NotSetUp):
        build_payload(mkk, CYCLE)
    mkk.close()


# --- the fast checker agrees with jsonschema --------------------------------------------------


REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.sampled_from([0, 1, 5, 6, 2000, 2101, 1.5, 3.0, -1.0]),
    st.text(max_size=5),
    st.sampled_from(["", "x" * 301, "female", "2024-02-30", "ky", "draft", "1" * 14]),
    st.just([]),
    st.just({}),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fast_checker_agrees_with_jsonschema(payload, data) -> None:
    small = copy.deepcopy(payload)
    small["staff"] = small["staff"][:3]
    small["assessments"] = small["assessments"][:2]
    if small["plan"]:
        small["plan"]["entries"] = small["plan"]["entries"][:2]
    where = places(small, items_per_list=3)
    times = data.draw(st.integers(1, 3))
    mutate(data, small, where, REPLACEMENTS, ["extra", "uid", "pin"], times)
    assert (FAST(small) is None) == REFERENCE.is_valid(small)


def test_fast_checker_refuses_keywords_it_does_not_know() -> None:
    with pytest.raises(ValueError):
        fastschema.compile_schema({"type": "object", "patternProperties": {}})


# --- what the worker hands the writing process (hrdesk.packets.payload_rows) ----------------


def test_a_split_payload_travels_as_its_head_and_text_and_reads_back_whole(payload) -> None:
    import pickle

    from hrdesk.packets.payload_rows import BULK, SplitPayload

    text = encode_payload(payload)
    split = pickle.loads(pickle.dumps(SplitPayload(load_payload(text), text)))
    assert not set(BULK) & set(split.head)
    assert split.head["office"] == payload["office"]
    assert split.full == payload


def test_payload_rows_follow_their_layouts(payload) -> None:
    from hrdesk.packets import payload_rows as pr

    rows = pr.payload_rows(payload, pr.derived_columns(payload))
    assert rows.counts == payload_counts(payload)
    assert [r[0] for r in rows.staff] == [p["uid"] for p in payload["staff"]]
    assert all(len(r) == len(pr.STAFF_ROW) for r in rows.staff)
    first = payload["staff"][0]
    assert rows.staff[0][pr.UNIT_AT] == first["unit"]
    assert rows.staff[0][pr.MISSING_AT] == pr.derived_columns(payload)[first["uid"]][0]
    # Children name their parent by its index, in payload order.
    people = {i: p for i, p in enumerate(payload["staff"])}
    assert sorted(r[1:] for r in rows.training) == sorted(
        pr.training_values(t) for p in payload["staff"] for t in p["training"]
    )
    assert all(
        r[1:] in {pr.training_values(t) for t in people[r[0]]["training"]} for r in rows.training
    )
    assessments = payload["assessments"]
    assert [r[0] for r in rows.assessments] == [a["staff_uid"] for a in assessments]
    assert len(rows.ratings) == sum(len(a["ratings"]) for a in assessments)
    assert all(
        [code, imp, perf] in assessments[r[0]]["ratings"]
        for r in rows.ratings
        for code, imp, perf in [r[1:]]
    )
    assert [r[1] for r in rows.requests] == [
        int(q["course_code"] is None) for a in assessments for q in a["requests"]
    ]


@pytest.mark.parametrize("n", [0, 1, 198, 199, 200, 3 * 199 + 5])
def test_child_rows_go_in_whole_in_their_order_however_many(tmp_path, n) -> None:
    from hrdesk.packets import payload_rows as pr

    database = Database.open(tmp_path / "rows.sqlite3", create=True)
    database.execute("CREATE TABLE kids(id INTEGER PRIMARY KEY, parent INT, a TEXT, b INT, c INT)")
    rows = [(k % 7, f"a{k}", k, -k) for k in range(n)]  # 5 values a row: 199 in a statement
    pr._insert_children(database, "kids", "parent", ("a", "b", "c"), 100, rows)
    got = database.execute("SELECT parent, a, b, c FROM kids ORDER BY id").fetchall()
    assert got == [(100 + p, a, b, c) for p, a, b, c in rows]
    database.close()


@pytest.mark.parametrize("field", ["seats_per_course", "max_hours", "training_ref"])
def test_integers_beyond_any_real_value_are_refused(payload, field) -> None:
    # JSON readers give such a number as a float (1e20) or an integer SQLite cannot hold.
    changed = copy.deepcopy(payload)
    assert changed["plan"] is not None and changed["plan"]["entries"]
    if field == "training_ref":
        changed["plan"]["entries"][0]["training_ref"] = 10**20
    else:
        changed["plan"][field] = 10**20
    with pytest.raises(PacketError, match=field):
        load_payload(encode_payload(changed))

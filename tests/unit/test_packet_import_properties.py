"""Property-based test of the packet import over packets that pass every container check —
properly signed by the office and encrypted for MKK — but whose payload was changed at a
random place in a random way: the import never crashes, and either refuses the packet with
reasons and writes nothing, or imports all of it (the counts of every record type at MKK are
the payload's). Random damage to the file itself is covered by test_packet_hostile.py."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from helpers.packets import dump
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_packet_hostile import World

from hrdesk.packets.importer import Status, apply_import
from hrdesk.packets.payload import payload_counts
from hrdesk.store.database import Database

_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", "2030-02-30", "1899-12-31", "2099-01-01", "11503198512345",
                     "female", "draft", "approved", "done", "endorsed", "ky", "x" * 5000]),
    st.lists(st.integers(0, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def _mutation(draw) -> tuple[list[Any], str, Any]:
    """A path drawn as indices (resolved against the payload when applied), what to do there,
    and a value."""
    path = draw(st.lists(st.integers(0, 10**6), min_size=1, max_size=6))
    how = draw(st.sampled_from(["set", "set", "set", "delete", "duplicate", "swap_type"]))
    return path, how, draw(_values)


def _apply(payload: dict[str, Any], mutation: tuple[list[Any], str, Any]) -> str:
    """Walk into the payload along the drawn indices and change what is found; the place."""
    path, how, value = mutation
    parent: Any = payload
    where = ""
    for step in path:
        keys = sorted(parent) if isinstance(parent, dict) else list(range(len(parent)))
        if not keys:
            break
        key = keys[step % len(keys)]
        child = parent[key]
        if not isinstance(child, (dict, list)) or not child or step == path[-1]:
            break
        parent, where = child, f"{where}/{key}"
    keys = sorted(parent) if isinstance(parent, dict) else list(range(len(parent)))
    if not keys:
        return where
    key = keys[path[-1] % len(keys)]
    if how == "delete":
        del parent[key]
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif how == "swap_type":
        parent[key] = str(parent[key]) if not isinstance(parent[key], str) else [parent[key]]
    else:
        parent[key] = value
    return f"{where}/{key}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    w = World(tmp_path_factory.mktemp("import-properties"))
    yield w
    w.mkk.close()
    w.office.close()


def _office_counts(mkk: Database, code: str) -> dict[str, int]:
    office = "(SELECT id FROM offices WHERE code = ?)"
    staff = f"(SELECT id FROM staff WHERE office_id = {office})"
    assessments = f"(SELECT id FROM assessments WHERE staff_id IN {staff})"
    queries = {
        "staff": f"SELECT count(*) FROM staff WHERE office_id = {office}",
        "education": f"SELECT count(*) FROM education WHERE staff_id IN {staff}",
        "training": f"SELECT count(*) FROM training WHERE staff_id IN {staff}",
        "assessments": f"SELECT count(*) FROM assessments WHERE staff_id IN {staff}",
        "requests": f"SELECT count(*) FROM requests WHERE assessment_id IN {assessments}",
        "plan_entries": f"SELECT count(*) FROM plan_entries WHERE plan_id IN "
        f"(SELECT id FROM plans WHERE office_id = {office})",
    }
    return {k: mkk.query_value(q, (code,)) for k, q in queries.items()}


@settings(
    max_examples=int(os.environ.get("HRDESK_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(mutations=st.lists(_mutation(), min_size=1, max_size=3))
def test_a_signed_packet_with_a_changed_payload_is_refused_whole_or_imported_whole(
    world: World, tmp_path_factory: pytest.TempPathFactory, mutations
) -> None:
    changed: dict[str, Any] = {}
    places = []

    def change(payload: dict[str, Any]) -> None:
        for mutation in mutations:
            places.append(_apply(payload, mutation))
        changed.update(payload)

    path = world.forge(change)
    folder = tmp_path_factory.mktemp("mutated")
    world.mkk.backup_to(folder / "mkk.sqlite3")
    mkk = Database.open(folder / "mkk.sqlite3")
    try:
        before = dump(mkk)
        [result] = apply_import(mkk, [path])  # any exception here fails the test
        assert mkk.integrity_check() == []
        if result.status == Status.REJECTED:
            event("refused")
            assert result.conflicts and all(c.code and c.message for c in result.conflicts)
            assert dump(mkk) == before, places
        else:
            event(str(result.status))
            assert result.status in (Status.IMPORTED, Status.UNCHANGED), result
            assert _office_counts(mkk, world.code) == payload_counts(changed), places
    finally:
        mkk.close()

"""The fast schema checker: its generated verdict agrees with jsonschema's and with its own
closures, which still name the first failure as they did.

(tests/unit/test_packet_payload.py compares it with jsonschema on mutated payloads.)"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from helpers.mutations import mutate, places
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.packets import fastschema, keys
from hrdesk.packets.container import MANIFEST_SCHEMA, _manifest_problem

MANIFEST_SCHEMA_DOC = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
FAST_MANIFEST = fastschema.compile_schema(MANIFEST_SCHEMA_DOC)
REFERENCE_MANIFEST = jsonschema.Draft202012Validator(MANIFEST_SCHEMA_DOC)
SIGNER = bytes(range(32))

MANIFEST: dict[str, Any] = {
    "format": "hrdesk-packet",
    "format_version": 1,
    "packet_id": "0b8e3c1a-2f4d-4c5e-9a7b-1c2d3e4f5a6b",
    "created_at": "2026-03-08T09:30:05Z",
    "app_version": "1.4.0",
    "encrypted": True,
    "encryption": {
        "construction": "nacl-sealedbox-x25519-xsalsa20poly1305",
        "compression": "zlib",
        "recipient_fingerprint": "ABCD 0123 4567 89AB CDEF 0123 4567 89AB",
    },
    "signer": {
        "algorithm": "ed25519",
        "public_key": keys.encode_key(SIGNER),
        "fingerprint": keys.fingerprint(SIGNER),
    },
    "members": [
        {
            "name": "payload.json",
            "stored_as": "payload.json.enc",
            "size": 1200,
            "stored_size": 900,
            "sha256": "0" * 64,
        }
    ],
    "office_code": "AO-0712",
    "office_name_ky": "Ак-Суу айыл өкмөтү",
    "cycle": 2026,
    "counts": {"staff": 200, "education": 0},
}

REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0, 1, 1999, 2026, 2101, 10_000_001, 1.0, 2.5]),
    st.text(max_size=5),
    st.sampled_from(["", "Staff", "a/b", "x" * 301, "ABCD 0123", "zlib", "ed25519"]),
    st.just([]),
    st.just({}),
)


def test_the_sample_manifest_is_valid() -> None:
    assert REFERENCE_MANIFEST.is_valid(MANIFEST)
    assert FAST_MANIFEST(MANIFEST) is None
    assert _manifest_problem(MANIFEST) == ""


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fast_checker_agrees_with_jsonschema_on_manifests(data) -> None:
    manifest = copy.deepcopy(MANIFEST)
    where = places(manifest)
    times = data.draw(st.integers(1, 2))
    mutate(data, manifest, where, REPLACEMENTS, ["extra", "Bad-Name", "staff"], times)
    assert (FAST_MANIFEST(manifest) is None) == REFERENCE_MANIFEST.is_valid(manifest)


def test_a_wrong_manifest_is_named_by_jsonschema_as_before() -> None:
    manifest = copy.deepcopy(MANIFEST)
    manifest["signer"]["public_key"] = "short"
    assert _manifest_problem(manifest) == "the field signer/public_key is missing or wrong"
    del manifest["office_code"]
    assert "office_code" in _manifest_problem(manifest)


SMALL = {
    "$defs": {
        "tree": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "children": {"type": "array", "items": {"$ref": "#/$defs/tree"}},
            },
        },
        "either": {"oneOf": [{"type": "integer"}, {"type": "number", "maximum": 10}]},
    },
    "type": "object",
    "propertyNames": {"pattern": "^[a-z]+$"},
    "additionalProperties": {"enum": [1, True, "x", None]},
    "properties": {
        "tree": {"$ref": "#/$defs/tree"},
        "pair": {"prefixItems": [{"const": 1}, {"type": "string"}], "items": {"type": "null"}},
        "either": {"$ref": "#/$defs/either"},
        "bounded": {"minimum": 0, "maxLength": 2, "maxProperties": 1, "minItems": 1},
        "exact": {
            "type": "object",
            "required": ["a", "b"],
            "additionalProperties": False,
            "properties": {"a": True, "b": {"type": "integer"}},
        },
    },
}
SMALL_CASES = [
    {},
    {"tree": {"name": "a", "children": [{"name": "b", "children": []}]}},
    {"tree": {"name": "a", "children": [{"name": ""}]}},
    {"tree": {"children": []}},
    {"pair": [1, "a", None, None]},
    {"pair": [True, "a"]},
    {"pair": [1.0]},
    {"pair": [1, 2]},
    {"pair": [1, "a", 0]},
    {"pair": "not a list"},
    {"either": 3},
    {"either": 3.5},
    {"either": 30.5},
    {"either": 30},
    {"either": True},
    {"other": 1},
    {"other": True},
    {"other": 1.0},
    {"other": "y"},
    {"Other": 1},
    {"bounded": -1},
    {"bounded": "abc"},
    {"bounded": "ab"},
    {"bounded": {"a": 1, "b": 2}},
    {"bounded": []},
    {"bounded": [0]},
    {"bounded": None},
    {"exact": {"a": [], "b": 2}},
    {"exact": {"c": 1, "b": 2}},
    {"exact": {"a": 1}},
    {"exact": {"a": 1, "b": 2, "c": 3}},
    {"exact": {"a": 1, "b": "2"}},
    [],
]


@pytest.mark.parametrize("value", SMALL_CASES)
def test_every_keyword_agrees_with_jsonschema_and_the_closures(value: Any) -> None:
    fast = fastschema.verdict(SMALL)(value)
    assert fast == jsonschema.Draft202012Validator(SMALL).is_valid(value)
    explained = fastschema.SchemaCompiler(SMALL).compile(SMALL)(value)
    assert fast == (explained is None)
    assert fastschema.compile_schema(SMALL)(value) == explained


def test_generated_code_refuses_keywords_it_does_not_know() -> None:
    with pytest.raises(ValueError):
        fastschema.verdict({"properties": {"a": {"format": "date"}}})
    with pytest.raises(ValueError):
        fastschema.verdict({"type": "decimal"})
    with pytest.raises(ValueError):
        fastschema.verdict({"maximum": float("inf")})

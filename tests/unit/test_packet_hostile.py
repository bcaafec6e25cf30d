"""Hostile and broken packets at MKK: each is refused with its code and a message, and nothing of
it reaches the database. Random corruption never crashes the import and never writes part of a
packet."""

from __future__ import annotations

import copy
import datetime as dt
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.packets import (
    CYCLE,
    copy_office,
    demo_office_file,
    dump,
    make_mkk,
    office_records,
    receive_catalogue,
)
from helpers.zips import raw_zip, stored, zeros_bomb_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdesk.domain.enums import Role
from hrdesk.packets import import_store, keys
from hrdesk.packets.container import write_packet
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import, plan_import
from hrdesk.packets.payload import (
    PAYLOAD_MEMBER,
    SUMMARY_MEMBER,
    build_payload,
    encode_payload,
    payload_counts,
)
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository


class World:
    """MKK that already holds one packet of the office (so the office's key is registered),
    the office, and a good newer packet that has not been imported."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.mkk, catalogue = make_mkk(root / "mkk.sqlite3")
        self.office = copy_office(
            demo_office_file(root, 21, 12, with_plan=False), root / "office.sqlite3"
        )
        receive_catalogue(self.office, catalogue)
        first = export_packet(self.office, CYCLE, root / "first").path
        assert apply_import(self.mkk, [first])[0].status == Status.IMPORTED
        self.good = export_packet(self.office, CYCLE, root / "good").path
        self.code = OfficeRepository(self.office).own().code  # type: ignore[union-attr]
        self.payload = build_payload(self.office, CYCLE)
        self.signing = keys.load_keys(self.office, Role.OFFICE).signing  # type: ignore[union-attr]
        self.mkk_public = keys.mkk_box_public_key(self.office)
        self.forged = 0

    def forge(
        self,
        change: Callable[[dict[str, Any]], None] | None = None,
        *,
        data: bytes | None = None,
        fields: dict[str, Any] | None = None,
        signing: Any = None,
        to: Any = None,
    ) -> Path:
        """A packet properly signed and encrypted, holding a changed payload."""
        payload = copy.deepcopy(self.payload)
        if change is not None:
            change(payload)
        self.forged += 1
        office = self.payload["office"]
        manifest = {"office_code": office["code"], "cycle": CYCLE}
        if isinstance(payload, dict) and isinstance(payload.get("staff"), list):
            try:
                manifest["counts"] = payload_counts(payload)
            except (AttributeError, TypeError):
                pass
        manifest.update(fields or {})
        return write_packet(
            self.root / f"forged{self.forged}.hrpacket",
            manifest,
            {
                PAYLOAD_MEMBER: data if data is not None else encode_payload(payload),
                SUMMARY_MEMBER: b"%PDF-1.4\n",
            },
            signing or self.signing,
            to or self.mkk_public,
            # Later than every real export, so that only what is forged can refuse it.
            created_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1, seconds=self.forged),
        )

    def refused(self, path: Path, code: str, *words: str) -> None:
        """Refused with this code, by the dry run and by the import; nothing written."""
        before = dump(self.mkk)
        for run in (plan_import, apply_import):
            [result] = run(self.mkk, [path])
            assert result.status == Status.REJECTED, (code, result.conflicts)
            codes = [c.code for c in result.conflicts if c.code != "pin_in_other_office"]
            assert code in codes, (code, result.conflicts)
            message = " ".join(c.message for c in result.conflicts)
            for word in words:
                assert word in message, (word, message)
            assert all(c.message for c in result.conflicts)
        assert dump(self.mkk) == before


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    w = World(tmp_path_factory.mktemp("hostile"))
    yield w
    w.mkk.close()
    w.office.close()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewritten(world: World, members: dict[str, bytes], name: str) -> Path:
    out = world.root / name
    out.write_bytes(raw_zip([stored(n, d) for n, d in members.items()]))
    return out


# --- the container ----------------------------------------------------------------------------


def test_the_good_packet_passes(world: World) -> None:
    [result] = plan_import(world.mkk, [world.good])
    assert result.status == Status.DRY_RUN, result.conflicts


def test_tampered_payload(world: World) -> None:
    members = _members(world.good)
    data = bytearray(members["payload.json.enc"])
    data[len(data) // 2] ^= 0x01
    members["payload.json.enc"] = bytes(data)
    world.refused(
        _rewritten(world, members, "tampered.hrpacket"),
        "checksum_mismatch",
        "changed after it was made",
        "payload.json.enc",
    )


def test_bad_checksum(world: World) -> None:
    members = _members(world.good)
    manifest = json.loads(members["manifest.json"])
    manifest["members"][0]["sha256"] = "0" * 64
    members["manifest.json"] = json.dumps(manifest).encode()
    world.refused(
        _rewritten(world, members, "bad-sum.hrpacket"),
        "checksum_mismatch",
        "changed after it was made",
    )


def test_changed_manifest_fails_the_signature(world: World) -> None:
    members = _members(world.good)
    manifest = json.loads(members["manifest.json"])
    manifest["district"] = "Башка район"
    members["manifest.json"] = json.dumps(manifest).encode()
    world.refused(
        _rewritten(world, members, "changed.hrpacket"), "bad_signature", "not signed by the key"
    )


def test_foreign_signature(world: World) -> None:
    members = _members(world.good)
    members["manifest.sig"] = keys.sign(keys.generate_signing_key(), members["manifest.json"])
    world.refused(
        _rewritten(world, members, "foreign.hrpacket"), "bad_signature", "not signed by the key"
    )


def test_signed_by_another_key_than_the_registered_one(world: World) -> None:
    path = world.forge(signing=keys.generate_signing_key())
    world.refused(path, "key_changed", world.code, "registered key")


def test_encrypted_for_another_key(world: World) -> None:
    path = world.forge(to=keys.generate_box_key().public_key)
    world.refused(path, "not_for_this_key", "another key")


def test_wrong_format_version(world: World) -> None:
    members = _members(world.good)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 2
    members["manifest.json"] = json.dumps(manifest).encode()
    members["manifest.sig"] = keys.sign(world.signing, members["manifest.json"])
    world.refused(_rewritten(world, members, "v2.hrpacket"), "unsupported_version", "version 2")


@pytest.mark.parametrize("name", ["../payload.json", "/etc/passwd", "a\\..\\x"])
def test_paths_outside_the_archive(world: World, name: str) -> None:
    members = _members(world.good)
    members[name] = b"x"
    world.refused(_rewritten(world, members, "paths.hrpacket"), "unsafe_path", "unsafe name")


def test_zip_bomb(world: World) -> None:
    members = _members(world.good)
    out = world.root / "bomb.hrpacket"
    out.write_bytes(raw_zip([stored(n, d) for n, d in members.items()] + [zeros_bomb_entry()]))
    world.refused(out, "decompressed_too_large", "ZIP bomb")


def test_truncated_file(world: World) -> None:
    cut = world.root / "cut.hrpacket"
    cut.write_bytes(world.good.read_bytes()[: world.good.stat().st_size // 2])
    world.refused(cut, "truncated", "incomplete")


def test_replay_of_an_older_packet(world: World, tmp_path: Path) -> None:
    # On a copy of MKK, so the world's MKK keeps only the first packet.
    world.mkk.backup_to(tmp_path / "mkk.sqlite3")
    mkk = Database.open(tmp_path / "mkk.sqlite3")
    try:
        assert apply_import(mkk, [world.good])[0].status == Status.IMPORTED
        [first] = (world.root / "first").iterdir()
        before = dump(mkk)
        for run in (plan_import, apply_import):
            [result] = run(mkk, [first])
            assert result.status == Status.REJECTED
            assert [c.code for c in result.conflicts] == ["outdated"]
            assert "replaced" in result.conflicts[0].message
        assert dump(mkk) == before
    finally:
        mkk.close()


# --- the payload ----------------------------------------------------------------------------


def test_payload_that_is_not_json(world: World) -> None:
    world.refused(world.forge(data=b"\xff\xfe not json"), "bad_payload")
    world.refused(world.forge(data=b"[" * 100000 + b"]" * 100000), "bad_payload")


def test_payload_of_another_version(world: World) -> None:
    world.refused(world.forge(lambda p: p.update(format_version=2)), "bad_payload")


def test_oversized_field(world: World) -> None:
    def long_name(p: dict) -> None:
        p["staff"][0]["surname"] = "А" * 5000

    world.refused(world.forge(long_name), "bad_payload", "staff[0].surname")


def test_an_integer_beyond_any_real_value(world: World) -> None:
    # Read as 1e20 (a float, beyond 64 bits): refused by the schema, not stored or crashed on.
    def huge(p: dict) -> None:
        p["cycle"]["catalogue_version"] = 10**20

    world.refused(world.forge(huge), "bad_payload", "catalogue_version")


def test_unknown_field(world: World) -> None:
    world.refused(world.forge(lambda p: p["staff"][1].update(salary=1)), "bad_payload", "salary")


def test_invalid_pin(world: World) -> None:
    def bad_pin(p: dict) -> None:
        p["staff"][2]["pin"] = "12345"

    world.refused(world.forge(bad_pin), "invalid_record", "14 digits")


def test_date_that_does_not_exist(world: World) -> None:
    def bad_date(p: dict) -> None:
        p["staff"][0]["appointed_on"] = "2020-02-30"

    world.refused(world.forge(bad_date), "invalid_date", "2020-02-30")


def test_date_in_the_future(world: World) -> None:
    def future(p: dict) -> None:
        p["staff"][0]["appointed_on"] = "2099-01-01"

    world.refused(world.forge(future), "invalid_record", "future")


def test_manifest_and_payload_disagree(world: World) -> None:
    world.refused(world.forge(fields={"cycle": CYCLE + 1}), "manifest_mismatch")
    world.refused(world.forge(fields={"counts": {"staff": 1}}), "manifest_mismatch")


def test_assessment_of_someone_not_in_the_packet(world: World) -> None:
    def stranger(p: dict) -> None:
        p["assessments"][0]["staff_uid"] = "00000000-0000-0000-0000-000000000000"

    world.refused(world.forge(stranger), "unknown_person")


def test_unknown_competency_and_course(world: World) -> None:
    def unknown(p: dict) -> None:
        p["assessments"][0]["ratings"].append(["telepathy", 5, 1])

    world.refused(world.forge(unknown), "invalid_record", "telepathy")

    def course(p: dict) -> None:
        first = next(a for a in p["assessments"] if a["requests"])
        first["requests"][0].update(course_code="NO-SUCH-1")

    world.refused(world.forge(course), "invalid_record", "NO-SUCH-1")


def test_duplicate_uid(world: World) -> None:
    def twin(p: dict) -> None:
        p["staff"][1]["uid"] = p["staff"][0]["uid"]

    world.refused(world.forge(twin), "duplicate_uid")


# --- nothing half-written -------------------------------------------------------------------


def test_a_failure_while_writing_leaves_nothing(world: World, monkeypatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(import_store, "_write_history", broken)  # after the staff rows
    path = world.forge(lambda p: p["staff"][0].update(phone="+996 555 000 000"))
    before = dump(world.mkk)
    [result] = apply_import(world.mkk, [path])
    assert result.status == Status.REJECTED
    assert result.conflicts[-1].code == "internal_error"
    assert dump(world.mkk) == before


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=3),
    cut=st.one_of(st.none(), st.floats(0.5, 1, exclude_max=True)),
)
def test_random_corruption_never_crashes_or_half_imports(
    world: World, tmp_path_factory: pytest.TempPathFactory, flips, cut
) -> None:
    folder = tmp_path_factory.mktemp("corrupt")
    # The good packet was encrypted to the world's MKK: corrupt it and import it into a copy.
    world.mkk.backup_to(folder / "mkk.sqlite3")
    mkk = Database.open(folder / "mkk.sqlite3")
    try:
        data = bytearray(world.good.read_bytes())
        for where, mask in flips:
            data[int(where * len(data))] ^= mask
        if cut is not None:
            data = data[: int(cut * len(data))]
        path = folder / "corrupt.hrpacket"
        path.write_bytes(bytes(data))
        before = dump(mkk)
        [result] = apply_import(mkk, [path])
        if result.status == Status.REJECTED:
            assert result.conflicts and all(c.code and c.message for c in result.conflicts)
            assert dump(mkk) == before
        else:
            # Only what the format does not cover changed (ZIP bookkeeping): the whole packet.
            assert result.status == Status.IMPORTED
            assert office_records(mkk, world.code, CYCLE) == office_records(
                world.office, world.code, CYCLE
            )
    finally:
        mkk.close()

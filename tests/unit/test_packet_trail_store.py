"""MKK keeps the audit trail each imported packet carries: stored with the packet's records,
unchanged when the same packet comes again, replaced by a newer packet of the office and cycle;
a packet made before the trail was carried imports as before. Read back by office, person,
day and kind of change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, dump, make_mkk, receive_catalogue

from hrdesk import register
from hrdesk.packets import export as packet_export
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.packets.payload import build_payload
from hrdesk.packets.trail import packet_payload
from hrdesk.store.audit import AuditKind
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.packet_trails import PacketTrailRepository, TrailFilter, store_packet_trail
from hrdesk.store.staff import StaffRepository


@pytest.fixture
def world(tmp_path: Path):
    """MKK and an office that received MKK's catalogue and then corrected a phone number."""
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(
        demo_office_file(tmp_path, 21, 12, with_plan=False), tmp_path / "office.sqlite3"
    )
    receive_catalogue(office, catalogue)
    _edit_phone(office, "0555 000 111")
    yield mkk, office, tmp_path
    mkk.close()
    office.close()


def _first_person(office: Database):
    return StaffRepository(office).get(int(office.query_value("SELECT min(id) FROM staff")))


def _edit_phone(office: Database, phone: str) -> None:
    person = _first_person(office)
    person.phone = phone
    register.save_staff(office, person)


def _code(office: Database) -> str:
    own = OfficeRepository(office).own()
    assert own is not None
    return own.code


def _export(office: Database, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return export_packet(office, CYCLE, folder).path


def _phones(entries) -> list[str]:
    return [e.change.new["phone"] for e in entries if "phone" in e.change.new]


def test_an_imported_packet_keeps_its_trail(world) -> None:
    mkk, office, tmp = world
    path = _export(office, tmp / "out")
    sent = packet_payload(mkk, path)["audit"]
    [result] = apply_import(mkk, [path])
    assert result.status == Status.IMPORTED
    code = _code(office)
    trails = PacketTrailRepository(mkk)
    assert trails.office_codes() == [code]
    [packet] = trails.packets(code)
    assert (packet.packet_id, packet.cycle, packet.entries) == (result.packet_id, CYCLE, len(sent))

    everything = TrailFilter(office_code=code)
    assert trails.count(everything) == len(sent)
    entries = trails.query(everything, limit=None, newest_first=False)
    assert [e.change.at.isoformat() for e in entries] == [e["at"] for e in sent]
    assert [(e.change.table, e.change.kind.value, e.staff_uid) for e in entries] == [
        (e["record"], e["kind"], e["staff_uid"]) for e in sent
    ]
    person = _first_person(office)
    [edit] = [e for e in entries if e.change.kind == AuditKind.UPDATE and e.change.table == "staff"]
    assert edit.staff_uid == person.uid and edit.change.new == {"phone": "0555 000 111"}
    assert edit.change.staff_id == mkk.query_value("SELECT id FROM staff WHERE uid = ?",
                                                   (person.uid,))
    assert edit.change.os_user and edit.change.operation == ""
    assert edit.packet_id == packet.packet_id

    # Paged, newest first.
    page = trails.query(everything, limit=3, offset=1)
    assert [e.change.id for e in page] == [e.change.id for e in reversed(entries)][1:4]
    # By person (uid or PIN), kind and day.
    by_uid = trails.query(TrailFilter(code, staff_uid=person.uid), limit=None)
    assert by_uid and {e.staff_uid for e in by_uid} == {person.uid}
    assert by_uid == trails.query(TrailFilter(code, pin=person.pin), limit=None)
    assert trails.count(TrailFilter(code, pin="29999999999999")) == 0
    updates = trails.query(TrailFilter(code, kind=AuditKind.UPDATE), limit=None)
    assert updates and all(e.change.kind == AuditKind.UPDATE for e in updates)
    day = edit.change.at.date()
    assert edit in trails.query(TrailFilter(code, since=day, until=day), limit=None)
    assert trails.count(TrailFilter(code, since=day + dt.timedelta(days=1))) == 0
    assert trails.count(TrailFilter(code, until=day - dt.timedelta(days=1))) < len(sent)
    names = {p.uid: p for p in trails.people(packet.packet_id)}
    assert names[person.uid].full_name == person.full_name and names[person.uid].pin == person.pin
    # Another office, or one without a trail, reads as empty.
    assert trails.query(TrailFilter("NO-SUCH-OFFICE")) == []
    assert trails.count(TrailFilter("NO-SUCH-OFFICE")) == 0


def test_the_same_packet_again_writes_nothing(world) -> None:
    mkk, office, tmp = world
    path = _export(office, tmp / "out")
    apply_import(mkk, [path])
    before = dump(mkk)
    [again] = apply_import(mkk, [path])
    assert again.status == Status.UNCHANGED
    assert dump(mkk) == before


def test_a_newer_packet_replaces_the_older_ones_trail(world) -> None:
    mkk, office, tmp = world
    [first] = apply_import(mkk, [_export(office, tmp / "old")])
    _edit_phone(office, "0700 222 333")
    newer = _export(office, tmp / "new")
    [second] = apply_import(mkk, [newer])
    assert second.status == Status.IMPORTED and second.supersedes == first.packet_id
    trails = PacketTrailRepository(mkk)
    code = _code(office)
    assert [p.packet_id for p in trails.packets(code)] == [second.packet_id]
    assert trails.count(TrailFilter(code, packet_id=first.packet_id)) == 0
    assert mkk.query_value("SELECT count(DISTINCT packet_id) FROM packet_trails") == 1
    entries = trails.query(TrailFilter(code), limit=None, newest_first=False)
    assert len(entries) == len(packet_payload(mkk, newer)["audit"])
    assert _phones(entries) == ["0555 000 111", "0700 222 333"]


def test_a_packet_without_a_trail_imports_as_before(world, monkeypatch) -> None:
    mkk, office, tmp = world

    def older_payload(database: Database, cycle: int):
        payload = build_payload(database, cycle)
        del payload["audit"]
        return payload

    monkeypatch.setattr(packet_export, "build_payload", older_payload)
    [result] = apply_import(mkk, [_export(office, tmp / "out")])
    assert result.status == Status.IMPORTED
    assert mkk.query_value("SELECT count(*) FROM staff") == 12
    trails = PacketTrailRepository(mkk)
    assert trails.packets(_code(office)) == [] and trails.office_codes() == []
    assert trails.query(TrailFilter(_code(office))) == []


def test_a_newer_packet_without_a_trail_still_removes_the_older_ones(world, monkeypatch) -> None:
    mkk, office, tmp = world
    apply_import(mkk, [_export(office, tmp / "old")])
    assert mkk.query_value("SELECT count(*) FROM packet_trails") > 0

    def older_payload(database: Database, cycle: int):
        payload = build_payload(database, cycle)
        del payload["audit"]
        return payload

    monkeypatch.setattr(packet_export, "build_payload", older_payload)
    _edit_phone(office, "0700 222 333")
    [result] = apply_import(mkk, [_export(office, tmp / "new")])
    assert result.status == Status.IMPORTED
    assert mkk.query_value("SELECT count(*) FROM packet_trails") == 0


def test_a_trail_naming_another_office_s_person_names_nobody(world) -> None:
    mkk, office, tmp = world
    apply_import(mkk, [_export(office, tmp / "out")])
    person = _first_person(office)
    forged = {
        "at": "2026-01-05T08:00:00+00:00", "clerk": "X", "os_user": "x", "operation": "",
        "record": "staff", "record_id": None, "record_key": person.uid,
        "staff_uid": person.uid, "kind": "update", "old": None, "new": {"phone": "1"},
    }
    with mkk.transaction():
        assert store_packet_trail(mkk, "forged-packet", "OTHER", CYCLE, [forged]) == 1
    trails = PacketTrailRepository(mkk)
    [entry] = trails.query(TrailFilter("OTHER", packet_id="forged-packet"))
    assert entry.staff_uid == person.uid and entry.change.staff_id is None
    [named] = trails.people("forged-packet")
    assert (named.staff_id, named.full_name, named.pin) == (None, "", "")

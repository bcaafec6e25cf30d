"""The audit trail goes to MKK with the packet: MKK can read how the data came to be (who
entered, imported or changed what, and when), people named by uid, private keys masked; a
malformed trail is refused like any bad payload; looking at a packet's trail writes nothing."""

from __future__ import annotations

import copy
import json

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, dump, make_mkk, receive_catalogue

from hrdesk import register
from hrdesk.cli import main as cli_main
from hrdesk.packets import PacketError, keys
from hrdesk.packets.export import export_packet
from hrdesk.packets.payload import build_payload, check_payload
from hrdesk.packets.trail import TRAIL_FIELDS, packet_payload, payload_trail
from hrdesk.store.audit import SECRET_MARK, AuditRepository
from hrdesk.store.settings import SettingsRepository
from hrdesk.store.staff import StaffRepository


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory):
    """An office that edited a person, exported its packet to MKK: (office, mkk, packet, person)."""
    root = tmp_path_factory.mktemp("trail")
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    office = copy_office(demo_office_file(root, 5, 30), root / "office.sqlite3")
    receive_catalogue(office, catalogue)
    # The demo's keys were made at setup, outside any trail: a new key (as after a lost one)
    # puts a key entry in the trail, which must show masked.
    SettingsRepository(office).set(
        keys.SIGNING_PRIVATE, keys.encode_key(bytes(keys.generate_signing_key()))
    )
    person = _first_person(office)
    person.phone = "0555 000 111"
    register.save_staff(office, person)
    # A rating changed, then taken out and put back (as the assessment page saves it).
    aid = office.query_value("SELECT min(assessment_id) FROM ratings")
    code = office.query_value(
        "SELECT min(competency_code) FROM ratings WHERE assessment_id = ?", (aid,)
    )
    with office.transaction():
        office.execute(
            "UPDATE ratings SET performance = 6 - performance "
            "WHERE assessment_id = ? AND competency_code = ?",
            (aid, code),
        )
        row = office.execute(
            "SELECT * FROM ratings WHERE assessment_id = ? AND competency_code = ?", (aid, code)
        ).fetchone()
        office.execute(
            "DELETE FROM ratings WHERE assessment_id = ? AND competency_code = ?", (aid, code)
        )
        office.execute(f"INSERT INTO ratings VALUES ({', '.join('?' * len(row))})", tuple(row))
    result = export_packet(office, CYCLE, root / "out")
    assert result.encrypted
    yield office, mkk, result.path, person
    office.close()
    mkk.close()


def _first_person(database):
    staff_id = database.query_value("SELECT min(id) FROM staff")
    return StaffRepository(database).get(staff_id)


def test_the_payload_carries_the_whole_trail_oldest_first(sent) -> None:
    office, _mkk, _path, person = sent
    payload = build_payload(office, CYCLE)
    trail = payload["audit"]
    stored = AuditRepository(office).query(limit=None, newest_first=False)
    # All but the adding of ratings and answers, which the assessment's own entry covers.
    kept = [e for e in stored if not (e.kind == "insert" and e.table in ("ratings", "answers"))]
    assert len(trail) == len(kept) > 0 and len(kept) < len(stored)
    ratings = [e["kind"] for e in trail if e["record"] == "ratings"]
    assert ratings == ["update", "delete"]
    assert [e["at"] for e in trail] == sorted(e["at"] for e in trail)
    assert all(tuple(e) == TRAIL_FIELDS for e in trail)
    [edit] = [e for e in trail if e["kind"] == "update" and e["record"] == "staff"]
    assert edit["staff_uid"] == person.uid
    assert edit["new"] == {"phone": "0555 000 111"}
    assert edit["os_user"] and isinstance(edit["clerk"], str)  # the demo office names no clerk
    # Database ids stay home, as everywhere in the payload.
    text = json.dumps(trail)
    assert '"id"' not in text and '_id"' not in text.replace('"record_id"', "")
    assert all(e["record_id"] is None or isinstance(e["record_id"], str) for e in trail)
    # The catalogue import, the plan and its approval are in it too.
    assert {"catalogue", "plans", "plan_entries", "settings"} <= {e["record"] for e in trail}
    check_payload(payload, "test")


def test_private_keys_never_leave_the_office(sent) -> None:
    office, _mkk, _path, _person = sent
    trail = payload_trail(office, {})
    secrets = [r[0] for r in office.execute("SELECT value FROM settings WHERE key LIKE '%private'")]
    assert secrets
    text = json.dumps(trail, ensure_ascii=False)
    assert not any(json.loads(s) in text for s in secrets)
    private = [e for e in trail if str(e["record_id"]).endswith("_private")]
    assert private and all(e["new"]["value"] == SECRET_MARK for e in private)


def test_mkk_reads_the_trail_of_a_packet_and_writes_nothing(sent, capsys) -> None:
    office, mkk, path, person = sent
    before = dump(mkk)
    payload = packet_payload(mkk, path)
    assert payload["audit"] == build_payload(office, CYCLE)["audit"]

    code = cli_main(["trail", "--db", str(mkk.path), "--packet", str(path), "--pin", person.pin])
    assert code == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown and {e["staff_uid"] for e in shown} == {person.uid}
    assert any(e["new"] == {"phone": "0555 000 111"} for e in shown)
    assert dump(mkk) == before


def test_a_damaged_packet_gives_no_trail_and_changes_nothing(sent, tmp_path, capsys) -> None:
    _office, mkk, path, _person = sent
    broken = tmp_path / path.name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    broken.write_bytes(bytes(data))
    before = dump(mkk)
    with pytest.raises(PacketError):
        packet_payload(mkk, broken)
    assert cli_main(["trail", "--db", str(mkk.path), "--packet", str(broken)]) == 1
    assert str(broken.name) in capsys.readouterr().err
    assert dump(mkk) == before


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda e: e.__setitem__("kind", "explode"), "audit[0].kind"),
        (lambda e: e.__setitem__("old", ["not", "an", "object"]), "audit[0].old"),
        (lambda e: e.__setitem__("at", 12), "audit[0].at"),
        (lambda e: e.pop("clerk"), "audit[0]"),
        (lambda e: e.__setitem__("extra", 1), "audit[0]"),
    ],
)
def test_a_malformed_trail_is_refused_naming_the_place(sent, change, where) -> None:
    office, _mkk, _path, _person = sent
    payload = copy.deepcopy(build_payload(office, CYCLE))
    change(payload["audit"][0])
    with pytest.raises(PacketError) as caught:
        check_payload(payload, "office.hrpkt")
    assert where in caught.value.message and "office.hrpkt" in caught.value.message


def test_a_payload_without_a_trail_is_still_read(sent) -> None:
    """Packets made before the trail was carried stay importable."""
    office, _mkk, _path, _person = sent
    payload = build_payload(office, CYCLE)
    del payload["audit"]
    check_payload(payload, "old.hrpkt")

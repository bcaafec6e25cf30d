"""Importing packets at MKK: dry run, import, the same packet again, newer and older packets,
the key register, data rules, PINs shared between offices, and the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.packets import (
    CYCLE,
    break_commits,
    count_commits,
    dump,
    make_mkk,
    office_records,
    offices_for,
)

from hrdesk import assessment as assessment_ops
from hrdesk.cli import main
from hrdesk.domain.models import TrainingRecord
from hrdesk.packets import registry
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import (
    NotMkkDatabase,
    Status,
    apply_import,
    import_report,
    plan_import,
)
from hrdesk.packets.keys import SIGNING_PRIVATE, ensure_keys, fingerprint
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository


@pytest.fixture
def world(tmp_path: Path):
    """MKK and two offices that received MKK's catalogue."""
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    offices = offices_for(tmp_path, catalogue, (11, 12))
    yield mkk, offices, tmp_path
    for database in (mkk, *offices):
        database.close()


def _code(office: Database) -> str:
    own = OfficeRepository(office).own()
    assert own is not None
    return own.code


def _export(office: Database, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return export_packet(office, CYCLE, folder).path


def test_dry_run_counts_and_writes_nothing(world) -> None:
    mkk, offices, tmp = world
    for office in offices:
        _export(office, tmp / "out")
    before = dump(mkk)
    results = plan_import(mkk, [tmp / "out"])
    assert [r.status for r in results] == [Status.DRY_RUN, Status.DRY_RUN]
    assert sum(r.counts["staff"]["created"] for r in results) == 50
    assert all(r.counts["assessments"]["created"] > 0 for r in results)
    assert dump(mkk) == before


def test_import_then_the_same_packets_again_changes_nothing(world) -> None:
    mkk, offices, tmp = world
    for office in offices:
        _export(office, tmp / "out")
    first = apply_import(mkk, [tmp / "out"])
    assert [r.status for r in first] == [Status.IMPORTED, Status.IMPORTED]
    assert [r.supersedes for r in first] == [None, None]
    before = dump(mkk)
    again = apply_import(mkk, [tmp / "out"])
    assert [r.status for r in again] == [Status.UNCHANGED, Status.UNCHANGED]
    assert again[0].counts["staff"] == {"created": 0, "updated": 0, "unchanged": 25, "rejected": 0}
    assert dump(mkk) == before
    dry = plan_import(mkk, [tmp / "out"])
    assert [r.status for r in dry] == [Status.UNCHANGED, Status.UNCHANGED]


def _change_office(office: Database) -> None:
    """What a clerk does between two exports: a name corrected, a course added, an assessment
    removed, a request declined."""
    db = office
    staff = StaffRepository(db)
    member = staff.get(int(db.query_value("SELECT min(id) FROM staff")))
    member.surname = "Жаңы" + member.surname
    staff.update(member)
    staff.save_training(
        TrainingRecord(
            "Жаңы курс", hours=16, staff_id=int(db.query_value("SELECT max(id) FROM staff"))
        )
    )
    db.execute("DELETE FROM assessments WHERE id = (SELECT min(id) FROM assessments)")
    uid = db.query_value(
        "SELECT uid FROM requests WHERE endorsement = 'pending' ORDER BY id LIMIT 1"
    ) or db.query_value("SELECT uid FROM requests ORDER BY id LIMIT 1")
    assessment_ops.decline_request(db, str(uid), "Быйыл орун жок", "Башчы")


def test_a_newer_packet_replaces_the_older_ones_records(world) -> None:
    mkk, offices, tmp = world
    office = offices[0]
    mkk.backup_to(tmp / "fresh.sqlite3")  # the same MKK (and keys), before any import
    old = _export(office, tmp / "old")
    apply_import(mkk, [old])
    _change_office(office)
    new = _export(office, tmp / "new")
    [result] = apply_import(mkk, [new])
    assert result.status == Status.IMPORTED
    assert result.supersedes == json.loads(_manifest(old))["packet_id"]
    assert result.counts["staff"]["updated"] == 1
    assert result.counts["training"]["created"] == 1
    assert result.counts["requests"]["updated"] == 1
    code = _code(office)
    assert office_records(mkk, code, CYCLE) == office_records(office, code, CYCLE)
    # The same as importing only the newer packet.
    fresh = Database.open(tmp / "fresh.sqlite3")
    apply_import(fresh, [new])
    assert office_records(fresh, code, CYCLE) == office_records(mkk, code, CYCLE)
    rows = mkk.execute(
        "SELECT status, superseded_by FROM packets_received ORDER BY created_at"
    ).fetchall()
    assert rows == [("superseded", result.packet_id), ("current", None)]


def _manifest(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("manifest.json")


def test_an_older_packet_after_a_newer_one_is_outdated(world) -> None:
    mkk, offices, tmp = world
    office = offices[0]
    old = _export(office, tmp / "old")
    new = _export(office, tmp / "new")
    apply_import(mkk, [new])
    before = dump(mkk)
    [result] = apply_import(mkk, [old])
    assert result.status == Status.REJECTED
    assert [c.code for c in result.conflicts] == ["outdated"]
    assert "already imported" in result.conflicts[0].message
    assert dump(mkk) == before


def test_a_replayed_superseded_packet_is_outdated(world) -> None:
    mkk, offices, tmp = world
    old = _export(offices[0], tmp / "old")
    apply_import(mkk, [old])
    apply_import(mkk, [_export(offices[0], tmp / "new")])
    before = dump(mkk)
    [result] = apply_import(mkk, [old])
    assert result.status == Status.REJECTED and result.conflicts[0].code == "outdated"
    assert "replaced" in result.conflicts[0].message
    assert dump(mkk) == before


def test_in_one_folder_only_the_newest_packet_of_an_office_counts(world) -> None:
    mkk, offices, tmp = world
    old = _export(offices[0], tmp / "out")
    new = _export(offices[0], tmp / "out")
    results = {Path(r.file).name: r for r in apply_import(mkk, [tmp / "out"])}
    assert results[old.name].status == Status.REJECTED
    assert results[old.name].conflicts[0].code == "outdated"
    assert results[new.name].status == Status.IMPORTED
    assert results[new.name].supersedes is None


def test_one_bad_packet_does_not_stop_the_others(world) -> None:
    mkk, offices, tmp = world
    good = _export(offices[0], tmp / "out")
    bad = tmp / "out" / "broken.hrpacket"
    bad.write_bytes(b"not a zip at all")
    results = {Path(r.file).name: r for r in apply_import(mkk, [tmp / "out"])}
    assert results[bad.name].status == Status.REJECTED
    assert results[bad.name].conflicts[0].code == "not_a_zip"
    assert results[good.name].status == Status.IMPORTED


def test_an_invalid_record_rejects_the_packet_listing_each_one(world) -> None:
    mkk, offices, tmp = world
    bad_office, good_office = offices
    bad_office.execute("UPDATE staff SET pin = '123' WHERE id IN (SELECT id FROM staff LIMIT 2)")
    bad_office.execute("UPDATE training SET hours = 5000 WHERE id = (SELECT min(id) FROM training)")
    # hours 5000 is also refused by the schema; keep the packet to the data rules.
    bad_office.execute(
        "UPDATE training SET hours = 100, end_date = '2001-01-01', "
        "start_date = '2002-01-01' WHERE id = (SELECT min(id) FROM training)"
    )
    _export(bad_office, tmp / "out")
    _export(good_office, tmp / "out")
    before_good_code = _code(good_office)
    results = {r.office_code: r for r in apply_import(mkk, [tmp / "out"])}
    rejected = results[_code(bad_office)]
    assert rejected.status == Status.REJECTED
    codes = [c.code for c in rejected.conflicts]
    assert codes.count("invalid_record") == 3
    assert any("14 digits" in c.message for c in rejected.conflicts)
    assert any("end before it starts" in c.message for c in rejected.conflicts)
    assert rejected.counts["staff"] == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 25}
    assert results[before_good_code].status == Status.IMPORTED
    assert OfficeRepository(mkk).by_code(_code(bad_office)) is None
    assert mkk.query_value("SELECT count(*) FROM office_keys") == 1


def test_the_same_pin_in_two_offices_is_reported_and_imported(world) -> None:
    mkk, offices, tmp = world
    a, b = offices
    pin, sex, born = a.execute(
        "SELECT pin, sex, birth_date FROM staff ORDER BY id LIMIT 1"
    ).fetchone()
    b.execute(
        "UPDATE staff SET pin = ?, sex = ?, birth_date = ? WHERE id = (SELECT max(id) FROM staff)",
        (pin, sex, born),
    )
    _export(a, tmp / "a")
    _export(b, tmp / "b")
    apply_import(mkk, [tmp / "a"])
    dry = plan_import(mkk, [tmp / "b"])[0]
    [result] = apply_import(mkk, [tmp / "b"])
    for r in (dry, result):
        assert [c.code for c in r.conflicts] == ["pin_in_other_office"]
        assert _code(a) in r.conflicts[0].message and pin in r.conflicts[0].message
    assert result.status == Status.IMPORTED
    assert mkk.query_value("SELECT count(*) FROM staff WHERE pin = ?", (pin,)) == 2


def test_pin_in_other_office_within_one_dry_run(world) -> None:
    mkk, offices, tmp = world
    a, b = offices
    pin, sex, born = a.execute(
        "SELECT pin, sex, birth_date FROM staff ORDER BY id LIMIT 1"
    ).fetchone()
    b.execute(
        "UPDATE staff SET pin = ?, sex = ?, birth_date = ? WHERE id = (SELECT max(id) FROM staff)",
        (pin, sex, born),
    )
    _export(a, tmp / "out")
    _export(b, tmp / "out")
    results = plan_import(mkk, [tmp / "out"])
    assert sum(len(r.conflicts) for r in results) == 1
    assert all(r.status == Status.DRY_RUN for r in results)


def test_a_changed_key_is_refused_until_mkk_accepts_it(world) -> None:
    mkk, offices, tmp = world
    office = offices[0]
    code = _code(office)
    apply_import(mkk, [_export(office, tmp / "first")])
    # The office reinstalled: a new signing key.
    office.execute("DELETE FROM settings WHERE key = ?", (SIGNING_PRIVATE,))
    new_key = ensure_keys(office, "office").signing_public
    packet = _export(office, tmp / "second")
    before = dump(mkk)
    [refused] = apply_import(mkk, [packet])
    assert refused.status == Status.REJECTED
    assert refused.conflicts[0].code == "key_changed"
    assert fingerprint(new_key) in refused.conflicts[0].message
    assert dump(mkk) == before

    registry.accept_new_key(mkk, code, fingerprint(new_key).lower().replace(" ", ""), "Бекова А.")
    [accepted] = apply_import(mkk, [packet])
    assert accepted.status == Status.IMPORTED
    assert registry.office_key(mkk, code).fingerprint == fingerprint(new_key)
    events = registry.key_events(mkk, code)
    assert [e.kind for e in events] == ["registered", "accepted", "replaced"]
    assert events[1].by == "Бекова А." and events[2].by == "Бекова А."


def test_accepting_a_key_needs_a_known_office_and_a_fingerprint(world) -> None:
    from hrdesk import errors

    mkk, _offices, _tmp = world
    with pytest.raises(errors.NotFound):
        registry.accept_new_key(mkk, "NOPE", "E101 F444 89B9 BF0C 7A16 64D3 FE05 681F", "X")
    with pytest.raises(errors.ValidationFailed):
        registry.accept_new_key(mkk, "NOPE", "not a fingerprint", "X")
    assert mkk.query_value("SELECT count(*) FROM key_events") == 0


def test_only_mkk_imports(world) -> None:
    _mkk, offices, tmp = world
    packet = _export(offices[0], tmp / "out")
    with pytest.raises(NotMkkDatabase):
        apply_import(offices[1], [packet])


def test_progress_and_cancel(world) -> None:
    mkk, offices, tmp = world
    for office in offices:
        _export(office, tmp / "out")
    seen: list[tuple[int, int]] = []
    results = apply_import(
        mkk, [tmp / "out"], progress=lambda d, t: seen.append((d, t)), cancel=lambda: len(seen) >= 1
    )
    assert seen == [(1, 2)]
    assert [r.status for r in results] == [Status.IMPORTED, Status.REJECTED]
    assert results[1].conflicts[0].code == "cancelled"


# --- command line ---------------------------------------------------------------------------


def test_cli_import_json_and_exit_codes(world, capsys: pytest.CaptureFixture[str]) -> None:
    mkk, offices, tmp = world
    for office in offices:
        _export(office, tmp / "out")
    mkk.close()
    db = str(tmp / "mkk.sqlite3")
    assert main(["packet", "import", "--db", db, "--dry-run", "--json", str(tmp / "out")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"packets", "totals"}
    packet = report["packets"][0]
    assert set(packet) == {
        "file",
        "packet_id",
        "office_code",
        "cycle",
        "status",
        "supersedes",
        "counts",
        "conflicts",
    }
    assert set(packet["counts"]) >= {
        "staff",
        "education",
        "training",
        "assessments",
        "requests",
        "plan_entries",
    }
    assert set(packet["counts"]["staff"]) == {"created", "updated", "unchanged", "rejected"}
    assert report["totals"]["dry_run"] == 2
    assert main(["packet", "import", "--db", db, "--json", str(tmp / "out")]) == 0
    assert {p["status"] for p in json.loads(capsys.readouterr().out)["packets"]} == {"imported"}
    broken = tmp / "broken.hrpacket"
    broken.write_bytes(b"PK\x03\x04 truncated")
    assert main(["packet", "import", "--db", db, "--json", str(broken)]) == 1
    rejected = json.loads(capsys.readouterr().out)["packets"][0]
    assert rejected["status"] == "rejected" and rejected["conflicts"][0]["code"]
    assert main(["packet", "import", "--db", db, str(tmp / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    empty = tmp / "empty"
    empty.mkdir()
    assert main(["packet", "import", "--db", db, str(empty)]) == 2


def test_cli_verify_and_keys(world, capsys: pytest.CaptureFixture[str]) -> None:
    mkk, offices, tmp = world
    packet = _export(offices[0], tmp / "out")
    mkk.close()
    db = str(tmp / "mkk.sqlite3")
    assert main(["packet", "verify", str(packet)]) == 0
    assert main(["packet", "verify", str(packet), "--db", db]) == 0
    tampered = tmp / "tampered.hrpacket"
    data = bytearray(packet.read_bytes())
    data[len(data) // 2] ^= 0x5A
    tampered.write_bytes(bytes(data))
    assert main(["packet", "verify", str(tampered)]) == 1
    assert main(["packet", "verify", str(tampered), "--db", db]) == 1
    capsys.readouterr()
    assert main(["keys", "show", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.count("Fingerprint:") == 2  # signing and encryption


def test_report_totals_add_up(world) -> None:
    mkk, offices, tmp = world
    for office in offices:
        _export(office, tmp / "out")
    results = apply_import(mkk, [tmp / "out"])
    totals = import_report(results)["totals"]
    assert totals["imported"] == 2 and totals["rejected"] == 0
    assert totals["counts"]["staff"]["created"] == 50


def _twin_packet(tmp: Path, n: int) -> Path:
    """A packet of the first office's database copied to an office OTHER-n (closed first)."""
    twin_path = tmp / f"twin{n}.sqlite3"
    shutil.copyfile(tmp / "o11.sqlite3", twin_path)
    twin = Database.open(twin_path)
    twin.execute("UPDATE offices SET code = ? WHERE is_own = 1", (f"OTHER-{n}",))
    packet = _export(twin, tmp / f"twin{n}")
    twin.close()
    return packet


def test_copied_database_of_another_office_is_refused(world) -> None:
    mkk, offices, tmp = world
    original = offices[0]
    apply_import(mkk, [_export(original, tmp / "a")])
    original.close()
    [result] = apply_import(mkk, [_twin_packet(tmp, 1)])
    assert result.status == Status.REJECTED
    assert {c.code for c in result.conflicts} >= {"uid_in_other_office"}
    # Every shared record is named, by kind; nothing of the twin was written.
    kinds = {c.record.split()[0] for c in result.conflicts if c.code == "uid_in_other_office"}
    assert kinds == {"staff", "assessment", "request"}
    assert mkk.query_value("SELECT count(*) FROM offices WHERE code = 'OTHER-1'") == 0
    assert mkk.query_value("SELECT count(*) FROM packets_received") == 1


def test_a_copied_database_in_the_same_import_is_refused_and_the_first_stays(world) -> None:
    mkk, offices, tmp = world
    original = offices[0]
    first = _export(original, tmp / "a")
    original.close()
    second = _twin_packet(tmp, 1)
    alone = plan_import(mkk, [first])[0].counts
    results = apply_import(mkk, [first, second])
    assert [r.status for r in results] == [Status.IMPORTED, Status.REJECTED]
    assert "uid_in_other_office" in {c.code for c in results[1].conflicts}
    assert results[0].counts == alone
    people = mkk.query_value(
        "SELECT count(*) FROM staff s JOIN offices o ON o.id = s.office_id WHERE o.code = ?",
        (results[0].office_code,),
    )
    assert people == alone["staff"]["created"]
    assert mkk.query_value("SELECT count(*) FROM offices WHERE code = 'OTHER-1'") == 0


def test_copies_of_a_database_cost_one_rewrite_of_a_group(world, monkeypatch) -> None:
    from hrdesk.packets import payload_rows, write_groups

    monkeypatch.setattr(write_groups, "GROUP_SECONDS", 3600.0)
    mkk, offices, tmp = world
    original, other = offices
    first = _export(original, tmp / "a")
    original.close()
    twins = [_twin_packet(tmp, n) for n in (1, 2, 3)]
    last = _export(other, tmp / "b")
    written = []
    real = payload_rows.insert_register

    def counted(db, rows, office_id, now):
        written.append(office_id)
        return real(db, rows, office_id, now)

    monkeypatch.setattr(payload_rows, "insert_register", counted)
    commits = count_commits(monkeypatch)
    results = apply_import(mkk, [first, *twins, last])
    assert [r.status for r in results] == [Status.IMPORTED] + [Status.REJECTED] * 3 + [
        Status.IMPORTED
    ]
    assert all("uid_in_other_office" in {c.code for c in r.conflicts} for r in results[1:4])
    # The first twin fails while writing and its group (the first packet) is written again and
    # committed; the later twins are looked up before writing, and the last office goes in.
    assert len(written) == 4
    assert [n for n in commits if n] == [1, 1]


def test_the_trail_holds_the_packet_and_changes_not_each_added_row(world) -> None:
    mkk, offices, tmp = world
    office = offices[0]
    apply_import(mkk, [_export(office, tmp / "a")])
    trail = dict(
        mkk.execute("SELECT table_name, count(*) FROM audit GROUP BY table_name").fetchall()
    )
    assert trail.get("packets_received") == 1 and trail.get("office_keys") == 1
    assert "staff" not in trail and "ratings" not in trail
    assert (
        mkk.query_value("SELECT operation FROM audit WHERE table_name = 'packets_received'")
        == "packet_import"
    )
    _change_office(office)
    apply_import(mkk, [_export(office, tmp / "b")])
    changed = mkk.execute(
        "SELECT kind FROM audit WHERE table_name = 'staff' AND operation = 'packet_import'"
    ).fetchall()
    assert changed == [("update",)]  # the corrected surname
    assert (
        mkk.query_value(
            "SELECT count(*) FROM audit WHERE table_name = 'assessments' AND kind = 'delete'"
        )
        >= 1
    )


def test_a_verdict_against_a_lost_group_says_so(world, monkeypatch) -> None:
    """The office's first packet registers its key in a group that is then lost: its second
    packet, refused for another key, is told the verdict may be out of date."""

    mkk, offices, tmp = world
    office = offices[0]
    from hrdesk import assessment

    assessment.open_cycle(office, CYCLE - 1)
    first = export_packet(office, CYCLE - 1, tmp / "out").path
    office.execute("DELETE FROM settings WHERE key = ?", (SIGNING_PRIVATE,))
    ensure_keys(office, "office")
    export_packet(office, CYCLE, tmp / "out")
    break_commits(monkeypatch)
    results = {Path(r.file): r for r in apply_import(mkk, [tmp / "out"])}
    lost, refused = results[first], next(r for p, r in results.items() if p != first)
    assert [c.code for c in lost.conflicts] == ["write_failed"]
    assert [c.code for c in refused.conflicts] == ["key_changed", "checked_against_lost"]
    assert mkk.query_value("SELECT count(*) FROM office_keys") == 0

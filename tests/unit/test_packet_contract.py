"""Issue 5's contract where the first implementation fell short: a packet signed with a foreign
key cannot push the office's own packet aside, a dry run sees the key an earlier packet of the
same run would register, an unencrypted file always says so in its name, the command line names
record types in the user's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.packets import (
    CYCLE,
    copy_office,
    demo_office_file,
    dump,
    make_mkk,
    receive_catalogue,
)

from hrdesk.assessment import open_cycle
from hrdesk.packets import keys
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


@pytest.fixture
def world(tmp_path: Path):
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(
        demo_office_file(tmp_path, 31, 12, with_plan=False), tmp_path / "office.sqlite3"
    )
    receive_catalogue(office, catalogue)
    yield mkk, office, tmp_path
    mkk.close()
    office.close()


def _code(office: Database) -> str:
    own = OfficeRepository(office).own()
    assert own is not None
    return own.code


def _forged(office: Database, target: Path, signing, later: dt.timedelta) -> Path:
    """The office's data in a packet made later than any export and signed with signing."""
    payload = build_payload(office, CYCLE)
    return write_packet(
        target,
        {
            "office_code": payload["office"]["code"],
            "cycle": CYCLE,
            "counts": payload_counts(payload),
        },
        {PAYLOAD_MEMBER: encode_payload(payload), SUMMARY_MEMBER: b"%PDF-1.4\n"},
        signing,
        keys.mkk_box_public_key(office),
        created_at=dt.datetime.now(dt.UTC) + later,
    )


def test_a_newer_packet_with_a_foreign_key_does_not_push_the_office_packet_aside(world) -> None:
    mkk, office, tmp = world
    apply_import(mkk, [export_packet(office, CYCLE, tmp / "first").path])
    genuine = export_packet(office, CYCLE, tmp / "in").path
    forged = _forged(office, tmp / "in", keys.generate_signing_key(), dt.timedelta(hours=1))
    for run in (plan_import, apply_import):
        results = {Path(r.file).name: r for r in run(mkk, [tmp / "in"])}
        refused = results[forged.name]
        assert refused.status == Status.REJECTED
        assert [c.code for c in refused.conflicts] == ["key_changed"]
        assert _code(office) in refused.conflicts[0].message
        assert refused.office_code == _code(office) and refused.packet_id
        assert results[genuine.name].status in (Status.DRY_RUN, Status.IMPORTED)
    assert (
        mkk.query_value("SELECT file_name FROM packets_received WHERE status = 'current'")
        == genuine.name
    )


def test_a_dry_run_sees_the_key_an_earlier_packet_would_register(world) -> None:
    mkk, office, tmp = world
    # Two packets of an office MKK does not know yet, of two cycles, signed with two keys.
    first = export_packet(office, CYCLE, tmp / "in").path
    open_cycle(office, CYCLE + 1)
    other_key = keys.generate_signing_key()
    payload = build_payload(office, CYCLE + 1)
    second = write_packet(
        tmp / "in",
        {"office_code": _code(office), "cycle": CYCLE + 1, "counts": payload_counts(payload)},
        {PAYLOAD_MEMBER: encode_payload(payload), SUMMARY_MEMBER: b"%PDF-1.4\n"},
        other_key,
        keys.mkk_box_public_key(office),
        created_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    )
    before = dump(mkk)
    dry = {Path(r.file).name: r for r in plan_import(mkk, [first, second])}
    assert dump(mkk) == before
    done = {Path(r.file).name: r for r in apply_import(mkk, [first, second])}
    for results in (dry, done):
        assert results[first.name].accepted
        assert results[second.name].status == Status.REJECTED
        [conflict] = results[second.name].conflicts
        assert conflict.code == "key_changed"
        assert first.name in conflict.message or "registered" in conflict.message


def test_an_unencrypted_packet_says_so_in_a_file_name_given(world) -> None:
    mkk, office, tmp = world
    # No MKK key: only the explicit choice writes, and the name the clerk gave gets the mark.
    office.execute("DELETE FROM settings WHERE key = ?", (keys.MKK_BOX_PUBLIC,))
    written = export_packet(office, CYCLE, tmp / "to-mkk.hrpacket", unencrypted=True).path
    assert written.name == "to-mkk-UNENCRYPTED.hrpacket"
    assert sorted(p.name for p in tmp.glob("to-mkk*")) == [written.name]
    again = export_packet(office, CYCLE, written, unencrypted=True).path
    assert again == written  # a name that already carries the mark keeps it once
    [result] = apply_import(mkk, [written])
    assert result.status == Status.IMPORTED


def test_the_command_line_names_record_types_in_the_users_language(
    world, capsys: pytest.CaptureFixture[str]
) -> None:
    from hrdesk.cli import main

    mkk, office, tmp = world
    packet = export_packet(office, CYCLE, tmp / "out").path
    assert (
        main(
            [
                "--lang",
                "ru",
                "packet",
                "import",
                "--db",
                str(tmp / "mkk.sqlite3"),
                "--dry-run",
                str(packet),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "staff:" not in out and "education:" not in out


def test_verify_of_a_missing_file_or_a_folder_is_a_usage_error(
    world, capsys: pytest.CaptureFixture[str]
) -> None:
    from hrdesk.cli import main

    _mkk, _office, tmp = world
    for extra in ([], ["--db", str(tmp / "mkk.sqlite3")]):
        assert main(["--lang", "en", "packet", "verify", str(tmp / "nosuch.hrpacket"), *extra]) == 2
        assert "nosuch.hrpacket does not exist" in capsys.readouterr().err
        assert main(["--lang", "en", "packet", "verify", str(tmp), *extra]) == 2
        assert "is a folder" in capsys.readouterr().err


def test_export_from_mkks_database_says_so(world, capsys: pytest.CaptureFixture[str]) -> None:
    from hrdesk.cli import main

    mkk, _office, tmp = world
    before = dump(mkk)
    code = main(
        [
            "--lang",
            "en",
            "packet",
            "export",
            "--db",
            str(tmp / "mkk.sqlite3"),
            "--cycle",
            str(CYCLE),
            "--out",
            str(tmp / "out"),
        ]
    )
    assert code == 1
    assert "is MKK's" in capsys.readouterr().err
    assert not (tmp / "out").exists()
    assert dump(mkk) == before


def test_mkk_is_told_that_a_packet_came_unencrypted(world) -> None:
    mkk, office, tmp = world
    packet = export_packet(office, CYCLE, tmp / "out", unencrypted=True).path
    for run in (plan_import, apply_import):
        [result] = run(mkk, [packet])
        assert result.accepted
        [warning] = result.conflicts
        assert warning.code == "unencrypted" and not warning.blocking
        assert "without encryption" in warning.message
        assert warning.record == packet.name
    encrypted = export_packet(office, CYCLE, tmp / "out2").path
    [result] = apply_import(mkk, [encrypted])
    assert result.status == Status.IMPORTED and result.conflicts == []


def test_a_packet_refused_before_its_payload_counts_its_records_as_rejected(world) -> None:
    mkk, office, tmp = world
    old = export_packet(office, CYCLE, tmp / "in").path
    new = export_packet(office, CYCLE, tmp / "in").path
    staff = int(office.query_value("SELECT count(*) FROM staff"))
    results = {Path(r.file).name: r for r in plan_import(mkk, [tmp / "in"])}
    outdated = results[old.name]
    assert outdated.status == Status.REJECTED and outdated.conflicts[0].code == "outdated"
    assert outdated.counts["staff"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "rejected": staff,
    }
    assert outdated.office_code == _code(office) and outdated.cycle == CYCLE
    assert results[new.name].counts["staff"]["created"] == staff
    broken = tmp / "in" / "broken.hrpacket"
    broken.write_bytes(b"not a zip")
    [result] = plan_import(mkk, [broken])
    assert all(sum(n.values()) == 0 for n in result.counts.values())


def test_cli_export_prints_the_path_and_the_checks_warnings_apart(
    world, capsys: pytest.CaptureFixture[str]
) -> None:
    from hrdesk.cli import main

    _mkk, office, tmp = world
    office.execute("DELETE FROM assessments WHERE id = (SELECT min(id) FROM assessments)")
    assert (
        main(
            [
                "--lang",
                "en",
                "packet",
                "export",
                "--db",
                str(office.path),
                "--cycle",
                str(CYCLE),
                "--out",
                str(tmp / "out"),
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    [written] = (tmp / "out").iterdir()
    assert captured.out == f"{written}\n"
    assert "have not been assessed" in captured.err


def test_two_copies_of_one_packet_in_a_folder_are_taken_once(world) -> None:
    import shutil

    mkk, office, tmp = world
    packet = export_packet(office, CYCLE, tmp / "in").path
    copy = shutil.copy(packet, tmp / "in" / f"{packet.stem} (1){packet.suffix}")
    for run, taken in ((plan_import, Status.DRY_RUN), (apply_import, Status.IMPORTED)):
        results = run(mkk, [tmp / "in"])
        assert sorted(r.status for r in results) == sorted([taken, Status.UNCHANGED])
        [second] = [r for r in results if r.status == Status.UNCHANGED]
        assert [c.code for c in second.conflicts] == ["same_packet"]
        assert not second.conflicts[0].blocking
        assert second.counts["staff"]["unchanged"] == int(
            office.query_value("SELECT count(*) FROM staff")
        )
    assert mkk.query_value("SELECT count(*) FROM packets_received") == 1
    # A copy of a refused packet is refused the same way; nothing written.
    office.execute("UPDATE staff SET pin = '123' WHERE id = (SELECT min(id) FROM staff)")
    bad = export_packet(office, CYCLE, tmp / "bad").path
    shutil.copy(bad, tmp / "bad" / "copy.hrpacket")
    before = dump(mkk)
    results = apply_import(mkk, [tmp / "bad"])
    assert [r.status for r in results] == [Status.REJECTED, Status.REJECTED]
    assert {c.code for r in results for c in r.conflicts} == {"invalid_record"}
    assert dump(mkk) == before
    assert Path(copy).exists()


def test_keys_are_made_at_setup(tmp_path: Path) -> None:
    from hrdesk import register
    from hrdesk.domain.enums import OfficeType
    from hrdesk.domain.models import Office

    office = Database.open(tmp_path / "office.sqlite3", create=True)
    mkk = Database.open(tmp_path / "mkk.sqlite3", create=True)
    try:
        register.setup_office(
            office,
            Office(
                code="AO-1", type=OfficeType.AIYL_OKMOTU, name_ky="Сынак", name_ru="", oblast="KG-C"
            ),
        )
        register.setup_mkk(mkk)
        made = keys.load_keys(office, "office")
        assert made is not None and made.box is None
        made = keys.load_keys(mkk, "mkk")
        assert made is not None and made.box is not None
    finally:
        office.close()
        mkk.close()


def test_catalogue_import_shows_mkks_key_and_warns_when_it_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hrdesk.cli import main

    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(
        demo_office_file(tmp_path, 31, 12, with_plan=False), tmp_path / "o.sqlite3"
    )
    first = keys.fingerprint(keys.load_keys(mkk, "mkk").box_public)
    mkk.close()
    office.close()
    args = ["--lang", "en", "catalogue", "import", "--db", str(tmp_path / "o.sqlite3")]
    assert main([*args, str(catalogue)]) == 0
    captured = capsys.readouterr()
    assert first in captured.out and "changed" not in captured.err
    # Another MKK installation (a new key) publishes a newer catalogue.
    other, other_catalogue = make_mkk(tmp_path / "other.sqlite3")
    other.execute(
        "INSERT INTO catalogue_publications(version, cycle, published_at, file_name, "
        "sha256, key_fingerprint) VALUES (10, 2027, '', '', '', '')"
    )
    from hrdesk.packets.catalogue_publish import publish_catalogue

    newer = publish_catalogue(other, tmp_path / "newer.json").path
    second = keys.fingerprint(keys.load_keys(other, "mkk").box_public)
    other.close()
    assert main([*args, str(newer)]) == 0
    captured = capsys.readouterr()
    assert second in captured.out
    assert "has changed" in captured.err and first in captured.err
    assert other_catalogue.exists()


def test_another_packet_under_a_known_packet_id_is_refused(world) -> None:
    mkk, office, tmp = world
    first = export_packet(office, CYCLE, tmp / "first").path
    [imported] = apply_import(mkk, [first])
    payload = build_payload(office, CYCLE)
    payload["staff"][0]["phone"] = "+996 700 000 000"
    signing = keys.load_keys(office, "office").signing
    forged = write_packet(
        tmp / "forged.hrpacket",
        {"office_code": _code(office), "cycle": CYCLE, "counts": payload_counts(payload)},
        {PAYLOAD_MEMBER: encode_payload(payload), SUMMARY_MEMBER: b"%PDF-1.4\n"},
        signing,
        keys.mkk_box_public_key(office),
        created_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        packet_id=imported.packet_id,
    )
    before = dump(mkk)
    for run in (plan_import, apply_import):
        [result] = run(mkk, [forged])
        assert result.status == Status.REJECTED
        assert [c.code for c in result.conflicts] == ["packet_id_reused"]
        assert imported.packet_id in result.conflicts[0].message
    assert dump(mkk) == before


def test_the_dry_run_counts_what_the_import_then_does(world) -> None:
    from hrdesk import register
    from hrdesk.domain.models import TrainingRecord
    from hrdesk.store.staff import StaffRepository

    mkk, office, tmp = world
    apply_import(mkk, [export_packet(office, CYCLE, tmp / "first").path])
    staff = StaffRepository(office)
    member = staff.get(int(office.query_value("SELECT min(id) FROM staff")))
    member.phone = "+996 555 123 456"
    register.save_staff(office, member)
    staff.save_training(
        TrainingRecord(
            "Жаңы курс", hours=8, staff_id=int(office.query_value("SELECT max(id) FROM staff"))
        )
    )
    office.execute("DELETE FROM assessments WHERE id = (SELECT max(id) FROM assessments)")
    newer = export_packet(office, CYCLE, tmp / "second").path
    [dry] = plan_import(mkk, [newer])
    [done] = apply_import(mkk, [newer])
    assert dry.status == Status.DRY_RUN and done.status == Status.IMPORTED
    assert dry.counts == done.counts
    assert dry.supersedes == done.supersedes is not None
    assert done.counts["staff"]["updated"] == 1 and done.counts["training"]["created"] == 1


def test_keys_list_shows_mkks_register_of_office_keys(
    world, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from hrdesk.cli import main
    from hrdesk.packets import registry

    mkk, office, tmp = world
    apply_import(mkk, [export_packet(office, CYCLE, tmp / "out").path])
    own = keys.fingerprint(keys.load_keys(office, "office").signing_public)
    db = ["--db", str(tmp / "mkk.sqlite3")]
    assert main(["--lang", "en", "keys", "list", *db]) == 0
    assert f"{_code(office)}: {own}" in capsys.readouterr().out
    registry.accept_new_key(mkk, _code(office), "E101 F444 89B9 BF0C 7A16 64D3 FE05 681F", "Бекова")
    assert main(["keys", "list", *db, "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["office_code"] == _code(office) and entry["fingerprint"] == own
    assert entry["accepted_fingerprint"] == "E101 F444 89B9 BF0C 7A16 64D3 FE05 681F"
    assert entry["accepted_by"] == "Бекова"
    before = dump(office)
    assert main(["--lang", "en", "keys", "list", "--db", str(tmp / "office.sqlite3")]) == 1
    assert "not set up for MKK" in capsys.readouterr().err
    assert dump(office) == before

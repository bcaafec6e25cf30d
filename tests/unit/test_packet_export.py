"""The office's guided export: the checks, the packet, its record, and refusals that write
nothing; the catalogue MKK publishes and the key an office keeps from it."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, dump, make_mkk

from hrdesk import assessment, errors
from hrdesk.cli import main
from hrdesk.packets import PacketError, keys
from hrdesk.packets.catalogue_publish import next_catalogue_version, publish_catalogue
from hrdesk.packets.container import verify_packet
from hrdesk.packets.export import export_checks, export_packet, exports
from hrdesk.reports.pdf_base import Cancelled
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database


@pytest.fixture
def office(tmp_path: Path):
    database = copy_office(demo_office_file(tmp_path, 41, 30, with_plan=False), tmp_path / "o.db")
    yield database
    database.close()


@pytest.fixture
def mkk(tmp_path: Path):
    database, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    yield database, catalogue
    database.close()


def test_checks_list_what_is_unfinished(office) -> None:
    codes = {w.code: w for w in export_checks(office, CYCLE)}
    assert {"not_assessed", "requests_pending", "no_plan"} <= set(codes)
    not_assessed = codes["not_assessed"]
    assert not_assessed.count == office.query_value(
        "SELECT count(*) FROM staff s WHERE status != 'left' AND NOT EXISTS "
        "(SELECT 1 FROM assessments a WHERE a.staff_id = s.id AND a.cycle = ?)",
        (CYCLE,),
    )
    assert str(not_assessed.count) in not_assessed.message
    assert all(w.message for w in codes.values())


def test_export_writes_a_signed_encrypted_packet_and_records_it(office, mkk, tmp_path) -> None:
    mkk_db, catalogue = mkk
    assessment.import_catalogue(office, catalogue)
    seen: list[tuple[int, int]] = []
    result = export_packet(
        office, CYCLE, tmp_path / "out", progress=lambda d, t: seen.append((d, t))
    )
    assert result.path.parent == tmp_path / "out" and result.encrypted
    assert result.path.name.startswith("hrdesk-") and f"-{CYCLE}-" in result.path.name
    assert seen[-1] == (4, 4)
    opened = verify_packet(result.path)
    assert opened.packet_id == result.packet_id
    assert opened.manifest["counts"] == result.counts
    assert opened.manifest["encryption"]["recipient_fingerprint"] == keys.fingerprint(
        keys.load_keys(mkk_db, "mkk").box_public
    )
    [record] = exports(office, CYCLE)
    assert record["packet_id"] == result.packet_id and record["file_name"] == result.path.name
    assert record["counts"]["staff"] == 30 and "not_assessed" in record["warnings"]


def test_exported_file_shows_no_personal_data(office, mkk, tmp_path) -> None:
    _db, catalogue = mkk
    assessment.import_catalogue(office, catalogue)
    path = export_packet(office, CYCLE, tmp_path).path
    with zipfile.ZipFile(path) as archive:
        blob = b"".join(archive.read(n) for n in archive.namelist())
    assert not re.search(rb"(?<![0-9a-fA-F])[12]\d{13}(?![0-9a-fA-F])", blob)
    assert b'"pin"' not in blob and b'"surname"' not in blob
    surname = office.query_value("SELECT surname FROM staff LIMIT 1")
    assert str(surname).encode() not in blob


def test_two_exports_in_one_second_are_ordered(office, mkk, tmp_path) -> None:
    _db, catalogue = mkk
    assessment.import_catalogue(office, catalogue)
    first = verify_packet(export_packet(office, CYCLE, tmp_path).path).manifest["created_at"]
    second = verify_packet(export_packet(office, CYCLE, tmp_path).path).manifest["created_at"]
    assert second > first


def test_without_mkk_key_only_an_explicit_unencrypted_export(office, tmp_path) -> None:
    before = dump(office)
    with pytest.raises(PacketError) as caught:
        export_packet(office, CYCLE, tmp_path / "out")
    assert caught.value.code == "no_mkk_key" and "catalogue" in caught.value.message
    assert dump(office) == before
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    result = export_packet(office, CYCLE, tmp_path / "out", unencrypted=True)
    assert "-UNENCRYPTED" in result.path.name and not result.encrypted
    manifest = verify_packet(result.path).manifest
    assert manifest["encrypted"] is False and manifest["encryption"] is None


def test_refusals_write_nothing(office, mkk, tmp_path) -> None:
    mkk_db, catalogue = mkk
    assessment.import_catalogue(office, catalogue)
    before = dump(office)
    with pytest.raises(errors.NotFound):
        export_packet(office, CYCLE + 3, tmp_path / "a")
    with pytest.raises(errors.NotSetUp):
        export_packet(mkk_db, CYCLE, tmp_path / "b", unencrypted=True)
    assert dump(office) == before
    assert not list(tmp_path.glob("**/*.hrpacket"))


def test_cancel_leaves_no_file_and_no_record(office, mkk, tmp_path) -> None:
    _db, catalogue = mkk
    assessment.import_catalogue(office, catalogue)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # after the packet is written

    with pytest.raises(Cancelled):
        export_packet(office, CYCLE, tmp_path / "out", cancel=cancel)
    assert exports(office) == []
    assert not list((tmp_path / "out").glob("*.hrpacket"))


# --- the catalogue MKK publishes ----------------------------------------------------------------


def test_catalogue_versions_always_grow(mkk, tmp_path) -> None:
    mkk_db, catalogue = mkk
    first = json.loads(catalogue.read_text(encoding="utf-8"))
    assert first["version"] == 2  # newer than the built-in 1
    assert next_catalogue_version(mkk_db) == 3
    again = publish_catalogue(mkk_db, tmp_path / "again.json")
    assert again.version == 3
    box = keys.load_keys(mkk_db, "mkk").box_public
    assert first["mkk_public_key"] == keys.encode_key(box)
    assert first["mkk_public_key_fingerprint"] == keys.fingerprint(box) == again.key_fingerprint


def test_office_keeps_mkk_key_from_the_catalogue(office, mkk) -> None:
    mkk_db, catalogue = mkk
    assert keys.mkk_box_public_key(office) is None
    assessment.import_catalogue(office, catalogue)
    assert bytes(keys.mkk_box_public_key(office)) == keys.load_keys(mkk_db, "mkk").box_public
    assert CatalogueRepository(office).info().version == 2


def test_catalogue_with_a_bad_or_mismatched_key_changes_nothing(office, mkk, tmp_path) -> None:
    _db, catalogue = mkk
    document = json.loads(catalogue.read_text(encoding="utf-8"))
    for change in (
        {"mkk_public_key": "not a key"},
        {"mkk_public_key_fingerprint": "0000 0000 0000 0000 0000 0000 0000 0000"},
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({**document, **change}), encoding="utf-8")
        before = dump(office)
        with pytest.raises(errors.ValidationFailed):
            assessment.import_catalogue(office, bad)
        assert dump(office) == before


def test_only_mkk_publishes(office, tmp_path) -> None:
    with pytest.raises(errors.HrdeskError):
        publish_catalogue(office, tmp_path / "c.json")
    assert not (tmp_path / "c.json").exists()


# --- command line -------------------------------------------------------------------------------


def test_cli_export_prints_the_path(office, mkk, tmp_path, capsys) -> None:
    mkk_db, catalogue = mkk
    mkk_db.close()
    office_path = Path(office.path)
    assert (
        main(
            [
                "catalogue",
                "export",
                "--db",
                str(tmp_path / "mkk.sqlite3"),
                "--out",
                str(tmp_path / "cat.json"),
            ]
        )
        == 0
    )
    assert str(tmp_path / "cat.json") in capsys.readouterr().out
    office.close()
    assert main(["catalogue", "import", "--db", str(office_path), str(tmp_path / "cat.json")]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "packet",
                "export",
                "--db",
                str(office_path),
                "--cycle",
                str(CYCLE),
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.strip()
    assert Path(printed).exists() and Path(printed).parent == tmp_path / "out"
    assert (
        main(
            [
                "packet",
                "export",
                "--db",
                str(office_path),
                "--cycle",
                str(CYCLE + 4),
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 1
    )
    assert main(["keys", "show", "--db", str(office_path)]) == 0
    assert "MKK's key fingerprint" in capsys.readouterr().out
    Database.open(office_path).close()

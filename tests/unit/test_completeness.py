"""The expected offices, completeness of a cycle, and accepted (locked) packets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk import errors, register
from hrdesk.cli import main as cli_main
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.mkk.completeness import accept_packet, completeness, unlock_packet
from hrdesk.mkk.expected_offices import (
    expected_offices,
    import_expected_offices,
    save_expected_office,
    set_expected,
)
from hrdesk.mkk.locks import LOCKED, check_not_locked, locked_packet
from hrdesk.packets import PacketError
from hrdesk.store.database import Database

CYCLE = 2027
DEADLINE = "2026-12-31"

LIST_RU = (
    "Список органов на 2027 год\n"
    "Код;Тип;Наименование на кыргызском;Наименование на русском;Область;Район\n"
    "AO-1;айыл өкмөтү;Арал айыл өкмөтү;Айыл окмоту Арал;Таласская область;Таласский район\n"
    "AO-2;aiyl_okmotu;Кок-Ой айыл өкмөтү;;KG-T;Таласский\n"
    "RA-1;Районная государственная администрация;Ак-Суу РМА;Ак-Суйская РГА;KG-Y;Ак-Суу\n"
    "AO-3;айыл өкмөтү;Кара-Суу айыл өкмөтү;;Нарынская область;\n"
)


@pytest.fixture
def mkk(tmp_path: Path):
    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.execute(
        "INSERT INTO cycles(year, deadline, opened_at) VALUES (?, ?, '2026-09-01T00:00:00+00:00')",
        (CYCLE, DEADLINE),
    )
    yield database
    database.close()


def _list(tmp_path: Path, text: str, name: str = "offices.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _receive(
    database: Database,
    code: str,
    received_at: str,
    packet_id: str,
    *,
    created_at: str | None = None,
    oblast: str = "KG-T",
) -> None:
    """A packet row as the importer leaves it (the newest current, older ones superseded)."""
    office_id = database.query_value("SELECT id FROM offices WHERE code = ?", (code,))
    with database.transaction():
        if office_id is None:
            office_id = database.execute(
                "INSERT INTO offices(code, type, name_ky, oblast, is_own) "
                "VALUES (?, 'aiyl_okmotu', ?, ?, 0)",
                (code, f"{code} айыл өкмөтү", oblast),
            ).lastrowid
        database.execute(
            "UPDATE packets_received SET status = 'superseded', superseded_by = ? "
            "WHERE office_code = ? AND cycle = ? AND status = 'current'",
            (packet_id, code, CYCLE),
        )
        database.execute(
            "INSERT INTO packets_received(packet_id, office_id, office_code, cycle, created_at, "
            "file_name, sha256, status, received_at, signer_fingerprint, encrypted) "
            "VALUES (?, ?, ?, ?, ?, 'f.hrpacket', 'x', 'current', ?, 'FP', 1)",
            (packet_id, office_id, code, CYCLE, created_at or received_at, received_at),
        )


def _dump(database: Database) -> list[tuple]:
    return database.execute("SELECT * FROM expected_offices ORDER BY id").fetchall()


# --- the expected list ------------------------------------------------------------------------


def test_import_reads_names_in_russian_and_codes(mkk: Database, tmp_path: Path) -> None:
    counts = import_expected_offices(mkk, _list(tmp_path, LIST_RU))
    assert (counts.created, counts.updated, counts.unchanged) == (4, 0, 0)
    offices = {o.code: o for o in expected_offices(mkk)}
    assert offices["AO-1"].oblast == "KG-T" and offices["AO-1"].district == "Талас"
    assert offices["AO-2"].district == "Талас"
    assert offices["RA-1"].type == OfficeType.DISTRICT_ADMINISTRATION
    assert offices["RA-1"].oblast == "KG-Y"
    assert offices["AO-3"].district == ""
    again = import_expected_offices(mkk, _list(tmp_path, LIST_RU))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_import_of_xlsx(mkk: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in LIST_RU.splitlines()[1:]:
        sheet.append(line.split(";"))
    path = tmp_path / "offices.xlsx"
    workbook.save(path)
    assert import_expected_offices(mkk, path).created == 4


def test_a_bad_row_changes_nothing_and_names_its_row(mkk: Database, tmp_path: Path) -> None:
    import_expected_offices(mkk, _list(tmp_path, LIST_RU))
    before = _dump(mkk)
    bad = LIST_RU + "AO-9;айыл өкмөтү;Жаңы;;Марс;\nAO-1;айыл өкмөтү;Кайра;;KG-T;\n;x;;;KG-T;\n"
    with pytest.raises(errors.ValidationFailed) as caught:
        import_expected_offices(mkk, _list(tmp_path, bad, "bad.csv"))
    messages = [p.message for p in caught.value.problems]
    assert any("Row 7" in m and "Oblast" in m and "Марс" in m for m in messages), messages
    assert any("Row 8" in m and "AO-1" in m for m in messages), messages
    assert any("Row 9" in m and "Office code" in m for m in messages), messages
    assert any("Row 9" in m and "Office type" in m for m in messages), messages
    assert _dump(mkk) == before


def test_a_file_without_the_columns_is_refused(mkk: Database, tmp_path: Path) -> None:
    with pytest.raises(errors.InputFileError) as caught:
        import_expected_offices(mkk, _list(tmp_path, "a;b\n1;2\n"))
    assert "Office code" in caught.value.message
    assert _dump(mkk) == []


def test_add_and_edit_an_expected_office(mkk: Database) -> None:
    office = Office("AO-5", OfficeType.AIYL_OKMOTU, "Беш-Таш", "", "KG-T", "Таласский район")
    save_expected_office(mkk, office)
    assert expected_offices(mkk)[0].district == "Талас"
    office.name_ru = "Беш-Таш"
    save_expected_office(mkk, office)
    assert expected_offices(mkk)[0].name_ru == "Беш-Таш"
    before = _dump(mkk)
    clash = Office("AO-5", OfficeType.AIYL_OKMOTU, "Башка", "", "KG-Z", "")
    with pytest.raises(errors.ValidationFailed) as caught:
        save_expected_office(mkk, clash)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"code", "oblast"}
    assert _dump(mkk) == before
    set_expected(mkk, "AO-5", False)
    assert expected_offices(mkk) == []
    assert len(expected_offices(mkk, include_inactive=True)) == 1


# --- completeness -----------------------------------------------------------------------------


def test_completeness_counts_on_time_late_missing(mkk: Database, tmp_path: Path) -> None:
    import_expected_offices(mkk, _list(tmp_path, LIST_RU))
    _receive(mkk, "AO-1", "2026-12-20T10:00:00+00:00", "p1")
    # Sent on time, corrected after the deadline: still on time.
    _receive(mkk, "AO-2", "2026-12-31T17:00:00+00:00", "p2")  # 23:00 in Bishkek
    _receive(mkk, "AO-2", "2027-01-10T09:00:00+00:00", "p2b")
    _receive(mkk, "RA-1", "2026-12-31T18:30:00+00:00", "p3", oblast="KG-Y")  # 00:30 next day
    _receive(mkk, "ZZ-1", "2026-12-01T10:00:00+00:00", "p4")  # not on the list
    data = completeness(mkk, CYCLE)
    assert data["deadline"] == DEADLINE
    totals = data["totals"]
    assert (
        totals["expected"],
        totals["received"],
        totals["on_time"],
        totals["late"],
        totals["missing"],
    ) == (4, 3, 2, 1, 1)
    assert totals["rate"] == 0.75
    status = {o["code"]: o["status"] for o in data["offices"]}
    assert status == {"AO-1": "on_time", "AO-2": "on_time", "RA-1": "late", "AO-3": "missing"}
    assert [o["code"] for o in data["missing"]] == ["AO-3"]
    assert [o["code"] for o in data["unexpected"]] == ["ZZ-1"]
    by_oblast = {r["oblast"]: r for r in data["by_oblast"]}
    assert by_oblast["KG-T"]["received"] == 2 and by_oblast["KG-N"]["missing"] == 1
    by_district = {(r["oblast"], r["district"]): r for r in data["by_district"]}
    assert by_district[("KG-T", "Талас")]["expected"] == 2
    by_type = {r["type"]: r for r in data["by_office_type"]}
    assert by_type["aiyl_okmotu"]["expected"] == 3 and by_type["aiyl_okmotu"]["missing"] == 1
    ao2 = next(o for o in data["offices"] if o["code"] == "AO-2")
    assert ao2["packet_id"] == "p2b" and ao2["packets"] == 2
    json.dumps(data)  # JSON-ready


def test_completeness_without_a_list_or_packets(mkk: Database) -> None:
    data = completeness(mkk, CYCLE)
    assert data["totals"]["expected"] == 0 and data["totals"]["rate"] is None


# --- accepted packets -------------------------------------------------------------------------


def test_accepting_locks_until_unlocked_with_a_reason(mkk: Database) -> None:
    _receive(mkk, "AO-1", "2026-12-20T10:00:00+00:00", "p1")
    with pytest.raises(errors.NotFound):
        accept_packet(mkk, "AO-7", CYCLE, "Analyst")
    assert accept_packet(mkk, "AO-1", CYCLE, "Analyst") == "p1"
    assert locked_packet(mkk, "AO-1", CYCLE) == "p1"
    check_not_locked(mkk, "AO-1", CYCLE, "p1")  # the same packet again is fine
    with pytest.raises(PacketError) as caught:
        check_not_locked(mkk, "AO-1", CYCLE, "p9")
    assert caught.value.code == LOCKED and "AO-1" in caught.value.message
    before = mkk.execute("SELECT * FROM packet_acceptances").fetchall()
    with pytest.raises(errors.ValidationFailed):
        unlock_packet(mkk, "AO-1", CYCLE, "Analyst", "  ")
    assert mkk.execute("SELECT * FROM packet_acceptances").fetchall() == before
    unlock_packet(mkk, "AO-1", CYCLE, "Analyst", "The office found errors")
    assert locked_packet(mkk, "AO-1", CYCLE) is None
    check_not_locked(mkk, "AO-1", CYCLE, "p9")
    status = completeness(mkk, CYCLE)["unexpected"][0]
    assert status["accepted"] is True and status["locked"] is False
    _receive(mkk, "AO-1", "2027-01-05T10:00:00+00:00", "p9")
    assert accept_packet(mkk, "AO-1", CYCLE, "Analyst") == "p9"
    assert locked_packet(mkk, "AO-1", CYCLE) == "p9"


# --- the command line -------------------------------------------------------------------------


def test_cli_offices_import_and_completeness(mkk: Database, tmp_path: Path, capsys) -> None:
    path = mkk.path
    bad = _list(tmp_path, LIST_RU + "AO-9;;Жаңы;;Марс;\n", "bad.csv")
    assert cli_main(["offices", "import", "--db", str(path), str(bad)]) == 1
    assert "Row 7" in capsys.readouterr().err
    assert expected_offices(mkk) == []
    good = _list(tmp_path, LIST_RU)
    assert cli_main(["offices", "import", "--db", str(path), str(good)]) == 0
    out = tmp_path / "c.json"
    assert (
        cli_main(
            [
                "report",
                "completeness",
                "--db",
                str(path),
                "--cycle",
                str(CYCLE),
                "--format",
                "json",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text())["totals"]["missing"] == 4
    for fmt in ("xlsx", "pdf"):
        target = tmp_path / f"c.{fmt}"
        assert (
            cli_main(
                [
                    "report",
                    "completeness",
                    "--db",
                    str(path),
                    "--cycle",
                    str(CYCLE),
                    "--format",
                    fmt,
                    "--out",
                    str(target),
                ]
            )
            == 0
        )
        assert target.stat().st_size > 1000
    assert (
        cli_main(
            [
                "report",
                "completeness",
                "--db",
                str(path),
                "--cycle",
                "2031",
                "--format",
                "json",
                "--out",
                str(out),
            ]
        )
        == 0
    )  # the list exists: all missing

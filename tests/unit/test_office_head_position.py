"""The head's position in Kyrgyz and in Russian: stored, audited, printed in the plan's language
(the Kyrgyz one when the Russian is empty), set by hrdesk init, carried in the packet."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers.fixtures import TEST_OFFICE, fill_register
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue
from test_plan_ops import TODAY, YEAR, seed_cycle

from hrdesk import register
from hrdesk.cli import main as cli_main
from hrdesk.domain.models import Office
from hrdesk.packets import export as export_module
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.packets.payload import build_payload, check_payload
from hrdesk.planning import ops
from hrdesk.reports.plan_data import plan_printout
from hrdesk.reports.plan_xlsx import approval_line
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository

KY = "Айыл өкмөтүнүн башчысы"
RU = "Глава айыл окмоту"


def set_positions(database: Database, ky: str, ru: str) -> Office:
    office = register.own_office(database)
    register.save_office(database, dataclasses.replace(office, head_position=ky,
                                                       head_position_ru=ru))
    return register.own_office(database)


def test_head_position_in_a_language_falls_back_to_kyrgyz() -> None:
    office = dataclasses.replace(TEST_OFFICE, head_position=KY, head_position_ru=RU)
    assert [office.head_position_in(lang) for lang in ("ky", "ru", "en")] == [KY, RU, KY]
    assert dataclasses.replace(office, head_position_ru="").head_position_in("ru") == KY


def test_a_fresh_database_stores_both_and_audits_the_russian(office_database) -> None:
    columns = [r[1] for r in office_database.execute("PRAGMA table_info(offices)")]
    assert "head_position_ru" in columns
    office = set_positions(office_database, KY, RU)
    assert (office.head_position, office.head_position_ru) == (KY, RU)
    assert OfficeRepository(office_database).get(office.id).head_position_ru == RU

    [entry] = AuditRepository(office_database).query(table="offices", kind=AuditKind.UPDATE)
    assert entry.old == {"head_position_ru": ""} and entry.new == {"head_position_ru": RU}


@pytest.fixture
def drafted(office_database):
    ids = fill_register(office_database, 3, seed=6)
    seed_cycle(office_database, ids)
    ops.draft(office_database, YEAR, today=TODAY)
    return office_database


@pytest.mark.parametrize(("ru", "printed_ru"), [(RU, RU), ("", KY)], ids=["given", "empty"])
def test_the_plan_prints_the_position_in_its_language(drafted, ru, printed_ru) -> None:
    set_positions(drafted, KY, ru)
    assert plan_printout(drafted, YEAR, "ky").head_position == KY
    printout = plan_printout(drafted, YEAR, "ru")
    assert printout.head_position == printed_ru

    assert printed_ru in approval_line(printout)  # what the XLSX prints as "Approved"


def test_init_takes_the_russian_position(tmp_path) -> None:
    path = tmp_path / "office.sqlite3"
    args = [
        "init", "--db", str(path), "--role", "office", "--office-code", "A-1",
        "--name-ky", "Ак-Суу айыл өкмөтү", "--oblast", "KG-Y",
        "--head-position", KY, "--head-position-ru", RU,
    ]  # fmt: skip
    assert cli_main(args) == 0
    with Database.open(path) as database:
        office = OfficeRepository(database).own()
        assert (office.head_position, office.head_position_ru) == (KY, RU)


def _office_at_mkk(mkk: Database, code: str) -> Office:
    office = OfficeRepository(mkk).by_code(code)
    assert office is not None
    return office


def _world(tmp_path: Path) -> tuple[Database, Database]:
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(demo_office_file(tmp_path, 21, 8, with_plan=False), tmp_path / "o.sqlite3")
    receive_catalogue(office, catalogue)
    return mkk, office


def test_payload_round_trip_keeps_both(tmp_path: Path) -> None:
    mkk, office = _world(tmp_path)
    try:
        own = set_positions(office, KY, RU)
        payload = build_payload(office, CYCLE)
        assert (payload["office"]["head_position"], payload["office"]["head_position_ru"]) == (
            KY, RU
        )
        [result] = apply_import(mkk, [export_packet(office, CYCLE, tmp_path / "out").path])
        assert result.status == Status.IMPORTED, result.conflicts
        at_mkk = _office_at_mkk(mkk, own.code)
        assert (at_mkk.head_position, at_mkk.head_position_ru) == (KY, RU)
    finally:
        mkk.close()
        office.close()


def test_an_older_packet_without_it_still_imports(tmp_path: Path, monkeypatch) -> None:
    mkk, office = _world(tmp_path)
    try:
        own = set_positions(office, KY, RU)

        def older_payload(database: Database, cycle: int) -> dict:
            payload = build_payload(database, cycle)
            del payload["office"]["head_position_ru"]
            return payload

        check_payload(older_payload(office, CYCLE))  # the schema does not ask for it
        monkeypatch.setattr(export_module, "build_payload", older_payload)
        [result] = apply_import(mkk, [export_packet(office, CYCLE, tmp_path / "out").path])
        assert result.status == Status.IMPORTED, result.conflicts
        at_mkk = _office_at_mkk(mkk, own.code)
        assert (at_mkk.head_position, at_mkk.head_position_ru) == (KY, "")
    finally:
        mkk.close()
        office.close()


def test_the_migration_adds_the_column_to_an_existing_office(office_database) -> None:
    """An office database as it was before the column: the migration keeps its data and the
    trail records the new column from then on."""
    import importlib

    from hrdesk.store.audit import install_audit_triggers

    migration = importlib.import_module("hrdesk.store.migrations.m007_office_head_position_ru")
    db = office_database
    for kind in ("insert", "update", "delete"):
        db.conn.execute(f"DROP TRIGGER audit_offices_{kind}")
    db.conn.execute("ALTER TABLE offices DROP COLUMN head_position_ru")
    install_audit_triggers(db, "offices", ("id", "code"))

    with db.transaction():
        migration.migrate(db)

    office = OfficeRepository(db).own()
    assert (office.name_ky, office.head_position, office.head_position_ru) == (
        TEST_OFFICE.name_ky, TEST_OFFICE.head_position, ""
    )
    set_positions(db, TEST_OFFICE.head_position, RU)
    [entry] = AuditRepository(db).query(table="offices", kind=AuditKind.UPDATE)
    assert entry.new == {"head_position_ru": RU}

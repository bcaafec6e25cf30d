"""Office database -> packet -> MKK database gives back the same records, field for field, and
the same needs-assessment summary for that office."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packets import (
    CYCLE,
    copy_office,
    demo_office_file,
    make_mkk,
    office_records,
    receive_catalogue,
)

from hrdesk.analysis.summary import office_summary
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.store.offices import OfficeRepository


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory: pytest.TempPathFactory):
    """Two offices exported to one MKK; (office databases, MKK database)."""
    root = tmp_path_factory.mktemp("roundtrip")
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    offices = []
    for seed in (3, 4):
        office = copy_office(demo_office_file(root, seed, 60), root / f"office{seed}.sqlite3")
        receive_catalogue(office, catalogue)
        result = export_packet(office, CYCLE, root / "out")
        assert result.encrypted
        offices.append(office)
    results = apply_import(mkk, [root / "out"])
    assert [r.status for r in results] == [Status.IMPORTED, Status.IMPORTED]
    yield offices, mkk
    for database in (*offices, mkk):
        database.close()


def _code(database) -> str:
    own = OfficeRepository(database).own()
    assert own is not None
    return own.code


def test_records_come_back_field_for_field(exchanged) -> None:
    offices, mkk = exchanged
    for office in offices:
        code = _code(office)
        sent = office_records(office, code, CYCLE)
        received = office_records(mkk, code, CYCLE)
        assert sent["office"] == received["office"]
        for table in sent:
            assert sent[table] == received[table], table
        # The fixture is worth something only if it holds every kind of record.
        for table in (
            "staff",
            "education",
            "training",
            "assessments",
            "ratings",
            "answers",
            "requests",
            "plans",
            "plan_events",
            "plan_entries",
        ):
            assert sent[table], table


def test_plan_line_done_keeps_its_training_record(exchanged) -> None:
    offices, mkk = exchanged
    code = _code(offices[0])
    lines = office_records(mkk, code, CYCLE)["plan_entries"]
    done = [line for line in lines if line[13] == "done"]
    assert done and all(line[16] is not None for line in done)  # the linked course's code


def test_office_summary_is_the_same_at_mkk(exchanged) -> None:
    offices, mkk = exchanged
    for office in offices:
        own = OfficeRepository(office).own()
        at_mkk = OfficeRepository(mkk).by_code(own.code)
        assert at_mkk is not None and at_mkk.id is not None
        assert office_summary(office, CYCLE, [own.id]) == office_summary(mkk, CYCLE, [at_mkk.id])


def test_national_figures_are_the_sum_of_the_offices(exchanged) -> None:
    offices, mkk = exchanged
    national = office_summary(mkk, CYCLE)
    parts = [office_summary(o, CYCLE) for o in offices]
    assert national["staff_total"] == sum(p["staff_total"] for p in parts)
    assert national["assessed"] == sum(p["assessed"] for p in parts)
    for key in ("by_sex", "obstacles_training", "by_education_field"):
        for code, n in national[key].items():
            assert n == sum(p[key][code] for p in parts), (key, code)


def test_imported_offices_are_not_own(exchanged) -> None:
    _offices, mkk = exchanged
    assert OfficeRepository(mkk).own() is None
    assert len(OfficeRepository(mkk).all()) == 2


def test_unencrypted_packet_round_trips_too(tmp_path: Path) -> None:
    mkk, _catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    office = copy_office(demo_office_file(tmp_path, 5, 20, with_plan=False), tmp_path / "o.sqlite3")
    result = export_packet(office, CYCLE, tmp_path, unencrypted=True)
    assert "-UNENCRYPTED" in result.path.name and not result.encrypted
    [imported] = apply_import(mkk, [result.path])
    assert imported.status == Status.IMPORTED, imported.conflicts
    code = _code(office)
    assert office_records(office, code, CYCLE) == office_records(mkk, code, CYCLE)

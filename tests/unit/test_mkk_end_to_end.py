"""Offices -> packets -> MKK: the national figures are the sums of the offices' own summaries,
one office's figures at MKK are its own summary, completeness sees who sent, and an accepted
packet is locked against a newer one until unlocked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.packets import CYCLE, copy_office, demo_office_file, make_mkk, receive_catalogue

from hrdesk.analysis.summary import office_summary
from hrdesk.cli import main as cli_main
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.mkk.completeness import accept_packet, completeness, unlock_packet
from hrdesk.mkk.expected_offices import save_expected_office
from hrdesk.mkk.locks import LOCKED
from hrdesk.mkk.national import NationalFilter, national_report
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.store.offices import OfficeRepository

OFFICES = ((3, 60, True), (4, 60, True), (6, 40, False))
SUMMED = (
    "by_sex",
    "by_age_band",
    "by_tenure_band",
    "by_education_field",
    "by_education_level",
    "by_service_type",
    "by_category",
    "by_group",
    "by_status",
    "obstacles_duties",
    "obstacles_training",
    "growth_needs",
    "preferred_format",
    "preferred_language",
    "preferred_season",
    "free_text_requests",
)


@pytest.fixture(scope="module")
def country(tmp_path_factory: pytest.TempPathFactory):
    """Three offices (two with an approved plan) imported at MKK; (offices, MKK, root)."""
    root = tmp_path_factory.mktemp("mkk")
    mkk, catalogue = make_mkk(root / "mkk.sqlite3")
    offices = []
    for seed, staff, with_plan in OFFICES:
        source = demo_office_file(root, seed, staff, with_plan)
        office = copy_office(source, root / f"office{seed}.sqlite3")
        receive_catalogue(office, catalogue)
        export_packet(office, CYCLE, root / "out")
        offices.append(office)
    results = apply_import(mkk, [root / "out"])
    assert [r.status for r in results] == [Status.IMPORTED] * len(OFFICES)
    yield offices, mkk, root
    for database in (*offices, mkk):
        database.close()


def _own(database) -> Office:
    office = OfficeRepository(database).own()
    assert office is not None
    return office


def test_national_figures_are_the_sums_of_the_offices(country) -> None:
    offices, mkk, _root = country
    parts = [office_summary(o, CYCLE) for o in offices]
    national = national_report(mkk, CYCLE)
    assert national["staff_total"] == sum(p["staff_total"] for p in parts)
    assert national["assessed"] == sum(p["assessed"] for p in parts)
    for key in SUMMED:
        for code, n in national[key].items():
            assert n == sum(p[key].get(code, 0) for p in parts), (key, code)
    demand: dict[str, list[int]] = {}
    for part in parts:
        for item in part["course_demand"]:
            counts = demand.setdefault(item["course_code"], [0, 0, 0])
            for i, name in enumerate(("requested", "endorsed", "declined")):
                counts[i] += item[name]
    assert {
        d["course_code"]: [d["requested"], d["endorsed"], d["declined"]]
        for d in national["course_demand"]
    } == demand
    respondents = {c["code"]: c["respondents"] for c in national["competencies"]}
    for code, n in respondents.items():
        assert n == sum(
            next((c["respondents"] for c in p["competencies"] if c["code"] == code), 0)
            for p in parts
        )
    by_oblast_total = sum(g["staff_total"] for g in national["by_oblast"].values())
    assert by_oblast_total == national["staff_total"]
    assert len(national["offices"]) == len(OFFICES)


def test_one_office_at_mkk_is_its_own_summary(country) -> None:
    offices, mkk, _root = country
    for office in offices:
        own = office_summary(office, CYCLE)
        at_mkk = national_report(mkk, CYCLE, NationalFilter(office=_own(office).code))
        for key, value in own.items():
            assert at_mkk[key] == value, key


def test_seats_come_from_approved_plans_and_requests(country) -> None:
    offices, mkk, _root = country
    national = national_report(mkk, CYCLE)
    expected = 0
    for office, (_seed, _staff, with_plan) in zip(offices, OFFICES, strict=True):
        if with_plan:
            expected += office.query_value(
                "SELECT COUNT(*) FROM plan_entries e JOIN plans p ON p.id = e.plan_id "
                "JOIN staff s ON s.id = e.staff_id WHERE p.year = ? AND p.status = 'approved' "
                "AND e.funding = 'state_order' AND e.status <> 'cancelled' "
                "AND e.course_code <> '' AND s.status IN ('active', 'on_leave')",
                (CYCLE,),
            )
        else:
            summary = office_summary(office, CYCLE)
            expected += sum(d["endorsed"] for d in summary["course_demand"])
    assert sum(s["seats"] for s in national["seats"]) == expected > 0
    assert any(s["from_plans"] for s in national["seats"])


def test_completeness_after_the_import(country) -> None:
    offices, mkk, _root = country
    for office in offices:
        own = _own(office)
        own.id = None
        save_expected_office(mkk, own)
    save_expected_office(
        mkk, Office("AO-MISSING", OfficeType.AIYL_OKMOTU, "Жок айыл өкмөтү", "", "KG-N", "")
    )
    data = completeness(mkk, CYCLE)
    assert data["totals"]["expected"] == len(OFFICES) + 1
    assert data["totals"]["received"] == len(OFFICES)
    assert [o["code"] for o in data["missing"]] == ["AO-MISSING"]
    assert data["unexpected"] == []


def test_an_accepted_office_needs_an_unlock_for_a_newer_packet(country, tmp_path: Path) -> None:
    offices, mkk, _root = country
    office = offices[0]
    code = _own(office).code
    accept_packet(mkk, code, CYCLE, "Analyst")
    export_packet(office, CYCLE, tmp_path / "newer")
    before = mkk.execute(
        "SELECT packet_id, status FROM packets_received WHERE office_code = ?", (code,)
    ).fetchall()
    [result] = apply_import(mkk, [tmp_path / "newer"])
    assert result.status == Status.REJECTED
    assert [c.code for c in result.conflicts] == [LOCKED]
    assert (
        mkk.execute(
            "SELECT packet_id, status FROM packets_received WHERE office_code = ?", (code,)
        ).fetchall()
        == before
    )
    unlock_packet(mkk, code, CYCLE, "Analyst", "The office sent a correction")
    [result] = apply_import(mkk, [tmp_path / "newer"])
    assert result.status == Status.IMPORTED


def test_cli_national_report(country, tmp_path: Path) -> None:
    _offices, mkk, _root = country
    import json

    out = tmp_path / "n.json"
    args = ["report", "national", "--db", str(mkk.path), "--cycle", str(CYCLE)]
    assert cli_main([*args, "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    for key in ("offices", "by_oblast", "seats", "training_by_year", "provider_quality"):
        assert key in data
    oblast = next(iter(data["by_oblast"]))
    assert cli_main([*args, "--oblast", oblast, "--format", "json", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["staff_total"] == data["by_oblast"][oblast]["staff_total"]
    for fmt, lang in (("xlsx", "ru"), ("pdf", "ky"), ("pdf", "ru")):
        target = tmp_path / f"n-{lang}.{fmt}"
        assert cli_main([*args, "--format", fmt, "--lang", lang, "--out", str(target)]) == 0
        assert target.stat().st_size > 5000
    assert cli_main([*args[:-1], "2035", "--format", "json", "--out", str(out)]) == 1
    _ = dt

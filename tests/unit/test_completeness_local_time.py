"""Completeness shows when packets came in Kyrgyz time (UTC+6), in the user's format, and
exports real dates and times and shares (not text) to XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hrdesk import register
from hrdesk.i18n import temporary_language
from hrdesk.mkk.completeness import completeness, local_time
from hrdesk.mkk.expected_offices import import_expected_offices
from hrdesk.reports.completeness_pdf import completeness_story
from hrdesk.reports.completeness_xlsx import write_completeness_xlsx
from hrdesk.store.database import Database

CYCLE = 2027


@pytest.fixture
def mkk(tmp_path: Path):
    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.execute(
        "INSERT INTO cycles(year, deadline, opened_at) VALUES (?, '2026-12-31', "
        "'2026-09-01T00:00:00+00:00')",
        (CYCLE,),
    )
    listing = tmp_path / "list.csv"
    listing.write_text(
        "Код;Тип;Наименование на кыргызском;Область\n"
        "AO-1;aiyl_okmotu;Арал айыл өкмөтү;KG-T\nAO-2;aiyl_okmotu;Кок-Ой айыл өкмөтү;KG-T\n",
        encoding="utf-8",
    )
    import_expected_offices(database, listing)
    office = database.execute(
        "INSERT INTO offices(code, type, name_ky, oblast, is_own) "
        "VALUES ('AO-1', 'aiyl_okmotu', 'Арал', 'KG-T', 0)"
    ).lastrowid
    database.execute(
        "INSERT INTO packets_received(packet_id, office_id, office_code, cycle, created_at, "
        "file_name, sha256, status, received_at, signer_fingerprint, encrypted) VALUES "
        "('p1', ?, 'AO-1', ?, '2026-12-31T17:00:00+00:00', 'f', 'x', 'current', "
        "'2026-12-31T17:00:00+00:00', 'FP', 1)",
        (office, CYCLE),
    )
    yield database
    database.close()


def test_local_time_is_kyrgyz_time() -> None:
    value = local_time("2026-12-31T17:00:00+00:00")
    assert value is not None and value.utcoffset() == dt.timedelta(hours=6)
    assert value.replace(tzinfo=None) == dt.datetime(2026, 12, 31, 23, 0)
    assert local_time("2026-12-31T17:00:00") == value  # a stamp without a zone is UTC
    assert local_time(None) is None and local_time("") is None


def test_xlsx_has_local_times_dates_and_shares_as_values(mkk: Database, tmp_path: Path) -> None:
    data = completeness(mkk, CYCLE)
    path = write_completeness_xlsx(data, tmp_path / "c.xlsx")
    book = load_workbook(path)
    summary = book.worksheets[0]
    assert summary.cell(3, 2).value == dt.datetime(2026, 12, 31)  # the deadline, a date
    assert summary.cell(3, 2).number_format == "yyyy-mm-dd"
    assert summary.cell(9, 2).value == 0.5 and "%" in summary.cell(9, 2).number_format
    offices = book["Offices"]
    received = {offices.cell(r, 1).value: offices.cell(r, 7).value for r in (2, 3)}
    assert received == {"AO-1": dt.datetime(2026, 12, 31, 23, 0), "AO-2": None}
    assert offices.cell(2, 8).value == 1  # packets: a number


@pytest.mark.parametrize(("language", "day"), [("ru", "31 дек. 2026 г."), ("ky", "2026-ж.")])
def test_pdf_deadline_in_the_users_format(mkk: Database, language: str, day: str) -> None:
    data = completeness(mkk, CYCLE)
    with temporary_language(language):
        story = completeness_story(data)
    texts = " ".join(getattr(f, "text", "") for f in story)
    assert day in texts and "2026-12-31" not in texts

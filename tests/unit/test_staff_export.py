"""Staff export: CSV and XLSX, headers, real dates, PIN as text, round trip, same bytes."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk import errors, register
from hrdesk.cli import main as cli_main
from hrdesk.domain.enums import Language, LanguageLevel, ServiceType, Sex, StaffStatus
from hrdesk.domain.models import LanguageSkill, StaffMember
from hrdesk.exporting.staff_export import export_staff
from hrdesk.i18n import _
from hrdesk.importing import COLUMN_TITLES, apply, detect_mapping, preview, read_table
from hrdesk.store.staff import StaffRepository


def add_people(database):
    fill_register(database, 30, seed=4, left=3)
    register.save_staff(
        database,
        StaffMember(
            surname="Асанова",
            name="Айгүл",
            patronymic="Токтогул кызы",
            pin="11503198512345",
            sex=Sex.FEMALE,
            birth_date=dt.date(1985, 3, 15),
            phone="+996 555 123 456",
            service_type=ServiceType.MUNICIPAL,
            position_title="Башкы адис",
            class_rank="municipal_adviser_3",
            appointed_on=dt.date(2019, 2, 1),
            service_started_on=dt.date(2010, 9, 1),
            languages=[
                LanguageSkill(Language.KYRGYZ, LanguageLevel.NATIVE),
                LanguageSkill(Language.RUSSIAN, LanguageLevel.FLUENT),
            ],
            status=StaffStatus.LEFT,
            left_on=dt.date(2024, 5, 1),
            left_reason="Өз каалоосу\nбоюнча",
        ),
    )


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_bom_comma_translated_headers_and_everyone(office_database, tmp_path):
    add_people(office_database)
    path = tmp_path / "all.csv"
    assert export_staff(office_database, path) == 31
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert len(rows) == 31
    assert list(rows[0]) == [_(t) for t in COLUMN_TITLES.values()]
    aigul = next(r for r in rows if r["PIN"] == "11503198512345")
    assert aigul["Date of birth"] == "15.03.1985" and aigul["Status"] == "left"
    assert aigul["Reason for leaving"] == "Өз каалоосу боюнча"  # one line per person
    assert aigul["Class rank"] == "adviser of the municipal service, 3rd class"
    assert aigul["Languages"] == "Kyrgyz (native), Russian (fluent)"
    assert sum(1 for r in rows if r["Status"] == "left") == 4
    assert data.count(b"\n") == 32


def test_xlsx_has_date_cells_and_pins_as_text(office_database, tmp_path):
    add_people(office_database)
    path = tmp_path / "all.xlsx"
    export_staff(office_database, path)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "PIN" and len(header) == len(COLUMN_TITLES)
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 31
    aigul = rows["11503198512345"]
    assert isinstance(aigul[0], str)
    assert aigul[header.index("Date of birth")] == dt.datetime(1985, 3, 15)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_reimports_into_a_new_office_identically(office_database, tmp_path, suffix):
    add_people(office_database)
    first = tmp_path / f"first{suffix}"
    export_staff(office_database, first)
    other = make_office_database(tmp_path / "other.sqlite3")
    raw = read_table(first)
    plan = preview(other, raw, detect_mapping(raw))
    assert plan.errors == [] and plan.valid == 31
    assert apply(other, plan).added == 31
    second = tmp_path / f"second{suffix}"
    export_staff(other, second)
    if suffix == ".csv":
        original = read_csv(first)
        again = read_csv(second)
        assert again == original
    else:
        assert first.read_bytes() == second.read_bytes()
    other.close()


def test_reimport_of_an_export_updates_everyone(office_database, tmp_path):
    add_people(office_database)
    path = tmp_path / "all.csv"
    export_staff(office_database, path)
    raw = read_table(path)
    plan = preview(office_database, raw, detect_mapping(raw))
    assert plan.valid == 31 and all(r.action.value == "update" for r in plan.rows)


def test_exports_of_equal_data_are_equal_bytes(office_database, tmp_path):
    add_people(office_database)
    copy = office_database.backup_to(tmp_path / "copy.sqlite3")
    from hrdesk.store import Database

    restored = Database.open(copy)
    for suffix in (".csv", ".xlsx"):
        export_staff(office_database, tmp_path / f"a{suffix}")
        export_staff(restored, tmp_path / f"b{suffix}")
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()
    restored.close()


def test_headers_follow_the_language(office_database, tmp_path, monkeypatch):
    import hrdesk.exporting.staff_export as module

    monkeypatch.setattr(module, "_", lambda s: f"«{s}»")
    export_staff(office_database, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_text(encoding="utf-8-sig").startswith("«PIN»,«Surname»")


def test_other_suffix_is_refused_and_nothing_written(office_database, tmp_path):
    with pytest.raises(errors.InputFileError) as caught:
        export_staff(office_database, tmp_path / "staff.pdf")
    assert "staff.pdf" in caught.value.message
    assert not (tmp_path / "staff.pdf").exists()


def test_cli_export(office_database, tmp_path, capsys):
    add_people(office_database)
    path = tmp_path / "out.csv"
    assert cli_main(["staff", "export", "--db", str(office_database.path), str(path)]) == 0
    assert "31" in capsys.readouterr().out
    assert len(read_csv(path)) == 31
    assert StaffRepository(office_database).count() == 31

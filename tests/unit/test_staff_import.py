"""Staff import: reading files, finding the header, checking rows, writing all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import time

import openpyxl
import pytest

from hrdesk import errors
from hrdesk.cli import main as cli_main
from hrdesk.domain.enums import ServiceType, Sex, StaffStatus
from hrdesk.importing import (
    ConflictDecision,
    RowAction,
    apply,
    detect_mapping,
    preview,
    read_table,
    values,
)
from hrdesk.store import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

RU_HEADER = "Фамилия;Имя;Отчество;ПИН;Пол;Дата рождения;Должность;Дата назначения"
GOOD = [
    "Асанова;Айгуль;Токтогуловна;11503198512345;ж;15.03.1985;Ведущий специалист;01.02.2019",
    "Бекмуратов;Нурлан;Маратович;20207197954321;м;02.07.1979;Глава айыл окмоту;10.10.2021",
    "Жумабаева;Гульнара;Асановна;13112199011111;ж;31.12.1990;Специалист;2022-05-01",
]
BAD = [
    "Ошибкин;Иван;Иванович;31503198512345;м;15.03.1985;Специалист;01.02.2019",
    "Короткий;Пин;Номерович;2150319851234;м;15.03.1985;Специалист;01.02.2019",
]


def write_csv(path, lines, encoding="utf-8"):
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def load(database, path):
    raw = read_table(path)
    return preview(database, raw, detect_mapping(raw))


def staff_count(database):
    return database.query_value("SELECT count(*) FROM staff")


# --- reading files --------------------------------------------------------------------------


def test_cp1251_csv_with_title_rows_numbers_rows_as_in_the_file(office_database, tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        ["Список сотрудников", "на 01.01.2025", "", RU_HEADER, *GOOD, *BAD],
        "cp1251",
    )
    raw = read_table(path)
    assert raw.encoding == "cp1251" and raw.delimiter == ";"
    mapping = detect_mapping(raw)
    assert mapping.header_row == 3
    plan = preview(office_database, raw, mapping)
    assert (plan.total, plan.valid, plan.invalid) == (5, 3, 2)
    assert [(e.row, e.column) for e in plan.errors] == [(8, "ПИН"), (9, "ПИН")]
    assert "first digit" in plan.errors[0].message
    assert "14 digits" in plan.errors[1].message


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_csv_with_any_delimiter(office_database, tmp_path, delimiter, encoding):
    lines = [line.replace(";", delimiter) for line in [RU_HEADER, *GOOD]]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines, encoding))
    assert plan.valid == 3 and plan.invalid == 0
    assert plan.rows[2].member.name == "Гульнара"


def test_kyrgyz_and_english_headers_are_recognised(office_database, tmp_path):
    ky = (
        "Фамилиясы;Аты;Атасынын аты;Жеке идентификациялык номер;Жынысы;Туулган күнү;"
        "Кызмат орду;Дайындалган күнү"
    )
    en = "SURNAME ; Name;Patronymic;PIN;Sex;Birth date;Position;Appointed"
    for header in (ky, en):
        plan = load(office_database, write_csv(tmp_path / "l.csv", [header, *GOOD]))
        assert plan.valid == 3, header
        member = plan.rows[0].member
        assert (
            member.appointed_on == dt.date(2019, 2, 1)
            and member.position_title == "Ведущий специалист"
        )


def test_full_name_column_is_split(office_database, tmp_path):
    lines = ["Ф.И.О.;ПИН", "Асанова Айгуль Токтогул кызы;11503198512345"]
    member = load(office_database, write_csv(tmp_path / "l.csv", lines)).rows[0].member
    assert (member.surname, member.name, member.patronymic) == (
        "Асанова",
        "Айгуль",
        "Токтогул кызы",
    )


def test_xlsx_with_number_pins_date_cells_and_serials(office_database, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Кызматкерлердин тизмеси"])
    sheet.append([])
    sheet.append(["Фамилиясы", "Аты", "ПИН", "Туулган күнү", "Дайындалган күнү", "Бөлүм"])
    sheet.append(
        ["Асанова", "Айгүл", 11503198512345, dt.datetime(1985, 3, 15), 43497, "Жалпы бөлүм"]
    )
    sheet.append(
        ["Бекмуратов", "Нурлан", 20207197954321.0, "02.07.1979", "2021-10-10", "Жаңы бөлүм"]
    )
    sheet.append(["Осмонов", "Улан", "2.0207197954322e13", None, None, None])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    plan = load(office_database, path)
    assert plan.table.sheet == sheet.title
    assert plan.valid == 3 and plan.invalid == 0
    first, second, third = plan.rows
    assert first.row == 4 and first.member.pin == "11503198512345"
    assert first.member.appointed_on == dt.date(2019, 2, 1)  # serial 43497
    assert second.member.pin == "20207197954321" and second.member.birth_date == dt.date(1979, 7, 2)
    assert third.member.pin == "20207197954322"
    assert plan.new_units == ["Жаңы бөлүм"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ж", Sex.FEMALE),
        ("Ж", Sex.FEMALE),
        ("аял", Sex.FEMALE),
        ("F", Sex.FEMALE),
        ("female", Sex.FEMALE),
        ("жен.", Sex.FEMALE),
        ("Женский", Sex.FEMALE),
        (1, Sex.FEMALE),
        ("м", Sex.MALE),
        ("эр", Sex.MALE),
        ("эркек", Sex.MALE),
        ("M", Sex.MALE),
        ("male", Sex.MALE),
        ("муж", Sex.MALE),
        (2.0, Sex.MALE),
        (None, None),
    ],
)
def test_sex_words(text, expected):
    assert values.read_sex(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("01.02.1985", dt.date(1985, 2, 1)),
        ("1.2.1985", dt.date(1985, 2, 1)),
        ("1985-02-01", dt.date(1985, 2, 1)),
        ("01/02/1985", dt.date(1985, 2, 1)),
        ("01.02.1985 г.", dt.date(1985, 2, 1)),
        ("1985-02-01 00:00:00", dt.date(1985, 2, 1)),
        (31079, dt.date(1985, 2, 1)),
        (31079.0, dt.date(1985, 2, 1)),
        ("31079", dt.date(1985, 2, 1)),
        (dt.datetime(1985, 2, 1, 0, 0), dt.date(1985, 2, 1)),
        ("", None),
    ],
)
def test_date_forms(text, expected):
    assert values.read_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.1985", "вчера", "1985", "12.13.1990", -5])
def test_dates_not_understood_say_so(text):
    with pytest.raises(values.ValueProblem) as caught:
        values.read_date(text)
    assert "date" in caught.value.message


@pytest.mark.parametrize(
    "raw,expected",
    [
        (21503198512345, "21503198512345"),
        (21503198512345.0, "21503198512345"),
        ("2.1503198512345e13", "21503198512345"),
        ("2,1503198512345E+13", "21503198512345"),
        (" 2150 3198 512345 ", "21503198512345"),
        ("21503198512345.0", "21503198512345"),
    ],
)
def test_pins_stored_as_numbers(raw, expected):
    assert values.read_pin(raw) == expected


def test_pin_sci_text_with_too_few_digits_is_refused(office_database, tmp_path):
    # Excel's "2.15E+13" has lost digits: the PIN is then wrong and the row is refused
    lines = ["Фамилия;Имя;ПИН;Пол", "Асанов;Улан;2.15E+13;м"]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    assert plan.invalid == 1 and plan.errors[0].column == "ПИН"


def test_optional_values_not_understood_refuse_the_row_with_the_column(office_database, tmp_path):
    lines = [
        "Фамилия;Имя;ПИН;Пол;Вид службы;Дата назначения",
        "Асанова;Айгуль;11503198512345;ж;муниципальная;01.02.2019",
        "Бекова;Асель;11503198512346;X;муниципальная;01.02.2019",
        "Бекова;Жазгүл;11503198512347;ж;космическая;завтра",
    ]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    assert plan.rows[0].member.service_type == ServiceType.MUNICIPAL
    assert [(e.row, e.column) for e in plan.errors] == [
        (3, "Пол"),
        (4, "Дата назначения"),
        (4, "Вид службы"),
    ]
    assert "ж or м" in plan.errors[0].message


def test_rule_problems_name_the_file_column(office_database, tmp_path):
    lines = [
        "Фамилия;Имя;ПИН;Пол;Дата рождения;Дата назначения",
        "Асанова;Айгуль;11503198512345;м;15.03.1985;01.02.2019",  # sex disagrees with PIN
        "Асанова;;11503198512346;ж;15.03.1985;01.02.1990",  # no name, appointed at 4
        f"Асанова;Айгуль;11503198512347;ж;15.03.1985;01.01.{dt.date.today().year + 1}",
    ]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    found = {(e.row, e.column) for e in plan.errors}
    assert found == {(2, "ПИН"), (3, "Имя"), (3, "Дата назначения"), (4, "Дата назначения")}


def test_only_surname_name_and_pin_are_required(office_database, tmp_path):
    plan = load(
        office_database,
        write_csv(tmp_path / "l.csv", ["Фамилия;Имя;ПИН", "Асанов;Улан;20207197954321"]),
    )
    assert plan.valid == 1
    with pytest.raises(errors.InputFileError) as caught:
        load(office_database, write_csv(tmp_path / "m.csv", ["Фамилия;Имя;Пол", "Асанов;Улан;м"]))
    assert "m.csv" in caught.value.message and "PIN" in caught.value.message


def test_same_pin_twice_in_a_list_refuses_the_second(office_database, tmp_path):
    lines = [RU_HEADER, GOOD[0], GOOD[0]]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    assert [r.action for r in plan.rows] == [RowAction.ADD, RowAction.INVALID]
    assert "row 2" in plan.errors[0].message


# --- broken files ---------------------------------------------------------------------------


def _broken_files(tmp_path):
    good = tmp_path / "good.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Фамилия", "Имя", "ПИН"])
    workbook.save(good)
    data = good.read_bytes()
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_text("\n\n  \n")
    (tmp_path / "half.xlsx").write_bytes(data[: len(data) // 2])
    (tmp_path / "text.xlsx").write_text("Фамилия;Имя;ПИН\n")
    (tmp_path / "garbage.csv").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    (tmp_path / "noheader.csv").write_text("а;б;в\n1;2;3\n")
    return [
        "empty.csv",
        "blank.csv",
        "half.xlsx",
        "text.xlsx",
        "garbage.csv",
        "old.xls",
        "noheader.csv",
        "missing.csv",
    ]


def test_broken_files_raise_input_file_error_naming_the_file(office_database, tmp_path):
    for name in _broken_files(tmp_path):
        with pytest.raises(errors.InputFileError) as caught:
            raw = read_table(tmp_path / name)
            detect_mapping(raw)
        assert name in caught.value.message, name
    assert staff_count(office_database) == 0


# --- matching the register ------------------------------------------------------------------


def test_reimport_updates_instead_of_duplicating(office_database, tmp_path):
    path = write_csv(tmp_path / "l.csv", [RU_HEADER, *GOOD])
    apply(office_database, load(office_database, path))
    first = StaffRepository(office_database).with_pin("11503198512345")[0]
    StaffRepository(office_database).update(
        first.__class__(**{**vars(first), "phone": "+996 555 000 111"})
    )
    changed = GOOD[0].replace("Ведущий специалист", "Главный специалист")
    path = write_csv(tmp_path / "l.csv", [RU_HEADER, changed])
    plan = load(office_database, path)
    assert plan.rows[0].action == RowAction.UPDATE
    result = apply(office_database, plan)
    assert (result.added, result.updated) == (0, 1)
    again = StaffRepository(office_database).with_pin("11503198512345")
    assert len(again) == 1 and again[0].position_title == "Главный специалист"
    assert again[0].phone == "+996 555 000 111"  # not in the list: kept
    assert again[0].uid == first.uid
    assert staff_count(office_database) == 3


def test_pin_of_someone_else_is_a_conflict_for_the_clerk(office_database, tmp_path):
    apply(
        office_database, load(office_database, write_csv(tmp_path / "l.csv", [RU_HEADER, GOOD[0]]))
    )
    other = GOOD[0].replace("Асанова;Айгуль", "Осмонова;Асель")
    plan = load(office_database, write_csv(tmp_path / "m.csv", [RU_HEADER, other]))
    assert plan.rows[0].action == RowAction.CONFLICT and plan.invalid == 1
    assert "Асанова Айгуль" in plan.errors[0].message
    assert apply(office_database, plan).imported == 0
    assert staff_count(office_database) == 1
    result = apply(office_database, plan, {2: ConflictDecision.ADD})
    assert result.added == 1 and staff_count(office_database) == 2
    result = apply(office_database, plan, {2: ConflictDecision.UPDATE})
    assert result.updated == 1
    assert {m.surname for m in StaffRepository(office_database).with_pin("11503198512345")} == {
        "Осмонова"
    }


def test_unknown_units_are_created_on_apply_only(office_database, tmp_path):
    lines = [
        "Фамилия;Имя;ПИН;Отдел",
        "Асанов;Улан;20207197954321;Жер бөлүмү",
        "Асанова;Айгүл;11503198512345;жалпы  БӨЛҮМ",
    ]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    office_id = plan.office_id
    before = len(OfficeRepository(office_database).units(office_id))
    assert plan.new_units == ["Жер бөлүмү"]
    assert len(OfficeRepository(office_database).units(office_id)) == before
    result = apply(office_database, plan)
    assert result.new_units == ["Жер бөлүмү"]
    units = {u.id: u.name for u in OfficeRepository(office_database).units(office_id)}
    people = {m.surname: units[m.unit_id] for m in StaffRepository(office_database).all()}
    assert people == {"Асанов": "Жер бөлүмү", "Асанова": "Жалпы бөлүм"}


def test_status_left_needs_the_date(office_database, tmp_path):
    lines = [
        "Фамилия;Имя;ПИН;Статус;Дата увольнения",
        "Асанов;Улан;20207197954321;уволен;01.03.2024",
        "Асанова;Айгүл;11503198512345;уволена;",
    ]
    plan = load(office_database, write_csv(tmp_path / "l.csv", lines))
    assert plan.rows[0].member.status == StaffStatus.LEFT
    assert [(e.row, e.column) for e in plan.errors] == [(3, "Дата увольнения")]


def test_import_into_a_database_not_set_up(tmp_path):
    database = Database.create(tmp_path / "new.sqlite3")
    raw = read_table(write_csv(tmp_path / "l.csv", [RU_HEADER, *GOOD]))
    with pytest.raises(errors.NotSetUp):
        preview(database, raw, detect_mapping(raw))
    database.close()


# --- all or nothing -------------------------------------------------------------------------


def _big_list(tmp_path, count):
    lines = [RU_HEADER]
    for i in range(count):
        lines.append(
            f"Фам{i};Имя{i};Отч{i};2{(i % 28) + 1:02d}0519{70 + i % 30}{i:05d};м;"
            f"{(i % 28) + 1:02d}.05.19{70 + i % 30};Специалист;01.02.2020"
        )
    return write_csv(tmp_path / "big.csv", lines)


def test_cancel_writes_nothing(office_database, tmp_path):
    plan = load(office_database, _big_list(tmp_path, 1200))
    seen = []
    result = apply(
        office_database,
        plan,
        progress=lambda d, t: seen.append((d, t)),
        cancel=lambda: len(seen) >= 2,
    )
    assert result.cancelled and result.imported == 0
    assert staff_count(office_database) == 0
    assert seen[0] == (0, 1200)


def test_a_failure_midway_writes_nothing(office_database, tmp_path, monkeypatch):
    plan = load(office_database, _big_list(tmp_path, 1200))
    original = StaffRepository.add_many
    calls = []

    def failing(self, members, educations=None):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return original(self, members, educations)

    monkeypatch.setattr(StaffRepository, "add_many", failing)
    with pytest.raises(RuntimeError):
        apply(office_database, plan)
    assert staff_count(office_database) == 0
    assert plan.rows[0].member.id is None  # the preview can be applied again


def test_large_import_is_fast_and_reports_progress(office_database, tmp_path):
    path = _big_list(tmp_path, 5000)
    started = time.perf_counter()
    plan = load(office_database, path)
    seen = []
    result = apply(office_database, plan, progress=lambda d, t: seen.append(d))
    elapsed = time.perf_counter() - started
    assert result.added == 5000 and staff_count(office_database) == 5000
    assert seen[-1] == 5000 and len(seen) > 5
    assert elapsed < 5, elapsed


# --- the command ----------------------------------------------------------------------------


def test_cli_json_dry_run_then_import(office_database, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, *GOOD, *BAD], "cp1251")
    db = str(office_database.path)
    assert cli_main(["staff", "import", "--db", db, str(path), "--dry-run", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["total"], report["valid"], report["invalid"], report["imported"]) == (5, 3, 2, 0)
    assert {e["row"] for e in report["errors"]} == {5, 6}
    assert {e["column"] for e in report["errors"]} == {"ПИН"}
    assert staff_count(office_database) == 0
    assert cli_main(["staff", "import", "--db", db, str(path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["imported"] == 3
    assert staff_count(office_database) == 3
    good = write_csv(tmp_path / "good.csv", [RU_HEADER, *GOOD])
    assert cli_main(["staff", "import", "--db", db, str(good)]) == 0
    out = capsys.readouterr().out
    assert "3 updated" in out


def test_cli_unreadable_file_exits_2_and_not_set_up_exits_1(office_database, tmp_path, capsys):
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04broken")
    assert (
        cli_main(["staff", "import", "--db", str(office_database.path), str(tmp_path / "x.xlsx")])
        == 2
    )
    assert "x.xlsx" in capsys.readouterr().err
    bare = Database.create(tmp_path / "bare.sqlite3")
    bare.close()
    path = write_csv(tmp_path / "l.csv", [RU_HEADER, *GOOD])
    assert cli_main(["staff", "import", "--db", str(tmp_path / "bare.sqlite3"), str(path)]) == 1
    assert "not been set up" in capsys.readouterr().err

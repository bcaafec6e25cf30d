"""Property-based tests of the staff import over random and broken CSV and XLSX content: the
import never crashes (only a translated InputFileError for a file it cannot read), never
writes half, and never stores a row the whole-database check would refuse. Its changes are
labelled in the audit trail as the import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from helpers.fixtures import make_office_database
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hrdesk import errors
from hrdesk.check import check_database
from hrdesk.importing import ConflictDecision, RowAction, apply, detect_mapping, preview, read_table
from hrdesk.store import Database
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.staff import StaffRepository

HEADER = ["Фамилия", "Имя", "Отчество", "ПИН", "Пол", "Дата рождения", "Должность",
          "Дата назначения", "Отдел"]
EXISTING = [
    ["Асанова", "Айгуль", "Токтогуловна", "11503198512345", "ж", "15.03.1985",
     "Ведущий специалист", "01.02.2019", "Финансы"],
    ["Бекмуратов", "Нурлан", "Маратович", "20207197954321", "м", "02.07.1979",
     "Глава айыл окмоту", "10.10.2021", ""],
]
# Examples per property; HRDESK_EXAMPLES=1000 for a long run (docs/reliability.md).
EXAMPLES = int(os.environ.get("HRDESK_EXAMPLES", "60"))


def _settings(share: float = 1.0) -> settings:
    return settings(max_examples=max(1, int(EXAMPLES * share)), deadline=None,
                    suppress_health_check=list(HealthCheck))


# --- a fresh copy of a small register per example ---------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "office.sqlite3"
    database = make_office_database(path)
    listed = _write_csv(folder / "existing.csv", [HEADER, *EXISTING])
    raw = read_table(listed)
    apply(database, preview(database, raw, detect_mapping(raw)))
    database.close()
    return path


def _copy(template: Path, folder: Path) -> Database:
    target = folder / "office.sqlite3"
    shutil.copy(template, target)
    return Database.open(target)


def _snapshot(database: Database) -> dict[str, list[tuple]]:
    tables = ("staff", "units", "education", "training", "audit")
    return {t: database.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


# --- strategies -----------------------------------------------------------------------------

_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯабвгдежзиклмнопрстуфхцчшэюяңөү"
_letters = st.text(_LETTERS, min_size=1, max_size=12)
_birth = st.dates(dt.date(1955, 1, 1), dt.date(1998, 12, 31))


@st.composite
def _new_person(draw) -> list[str]:
    sex = draw(st.sampled_from("12"))
    birth = draw(_birth)
    pin = f"{sex}{birth:%d%m%Y}{draw(st.integers(0, 99_999)):05d}"
    appointed = draw(st.dates(dt.date(2015, 1, 1), dt.date(2024, 12, 31)))
    return [draw(_letters), draw(_letters), draw(_letters), pin, "ж" if sex == "1" else "м",
            f"{birth:%d.%m.%Y}", draw(_letters), f"{appointed:%d.%m.%Y}",
            draw(st.sampled_from(["", "Финансы", "Новый отдел", "  финансы "]))]


# A place in a file, drawn independently of its length (an XLSX's length varies with its
# timestamp, and hypothesis needs the same draws for the same example).
_position = st.integers(0, 10**6)

_nasty_cell = st.one_of(
    st.text(max_size=30),  # any unicode: quotes, delimiters, line breaks, NUL, surrogates aside
    st.sampled_from(["", " ", "31.02.2020", "2099-01-01", "00.00.0000", "1e14", "2.15031985123E+13",
                     "99999999999999", "х", "=1+1", "-", "NULL", "\"", ";;;", "ж" * 500]),
    st.integers(-10**20, 10**20).map(str),
)


@st.composite
def _row(draw) -> list[str]:
    kind = draw(st.sampled_from(["new", "new", "existing", "conflict", "junk"]))
    if kind == "new":
        cells = draw(_new_person())
    elif kind == "existing":
        cells = list(draw(st.sampled_from(EXISTING)))
        cells[6] = draw(_letters)  # a changed position: an update
    elif kind == "conflict":
        cells = list(draw(st.sampled_from(EXISTING)))
        cells[0] = draw(_letters)  # the PIN of someone of another name
    else:
        cells = [draw(_nasty_cell) for _ in range(draw(st.integers(0, 12)))]
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 3]))):  # break some cells of any row
        if cells:
            cells[draw(st.integers(0, len(cells) - 1))] = draw(_nasty_cell)
    return cells


@st.composite
def _csv_bytes(draw) -> bytes:
    header = list(HEADER)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows = draw(st.lists(_row(), max_size=15))
    if draw(st.integers(0, 9)) == 0:
        rows.insert(0, ["Список сотрудников"])  # a title row above the header
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]))
    if draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
        text = buffer.getvalue()
    else:  # hand-made: no quoting, so delimiters and quotes inside cells break the columns
        text = "\n".join(delimiter.join(r) for r in [header, *rows])
    data = text.encode(encoding, errors="replace")
    how = draw(st.sampled_from(["whole", "whole", "cut", "bytes", "garbage"]))
    if how == "cut" and data:
        data = data[: draw(_position) % (len(data) + 1)]
    elif how == "bytes" and data:
        for _ in range(draw(st.integers(1, 5))):
            i = draw(_position) % len(data)
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
    elif how == "garbage":
        data = draw(st.binary(max_size=300))
    return data


_xlsx_cell = st.one_of(
    st.none(),
    st.text(max_size=20).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.booleans(),
)


@st.composite
def _xlsx_bytes(draw) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if draw(st.booleans()):
        sheet.title = "Notes"
        sheet.append(["nothing here"])
        sheet = workbook.create_sheet("Staff")
    if draw(st.integers(0, 4)):
        sheet.append(HEADER)
    for cells in draw(st.lists(_row(), max_size=10)):
        # Control characters cannot be stored in a workbook at all.
        row: list[object] = [ILLEGAL_CHARACTERS_RE.sub("", c) for c in cells]
        for _ in range(draw(st.integers(0, 2))):  # typed cells, as Excel stores them
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(_xlsx_cell)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    how = draw(st.sampled_from(["whole", "whole", "cut", "bytes"]))
    if how == "cut":
        data = data[: draw(_position) % (len(data) + 1)]
    elif how == "bytes":
        for _ in range(draw(st.integers(1, 8))):
            i = draw(_position) % len(data)
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
    return data


# --- the property ---------------------------------------------------------------------------


def _import_and_check(template: Path, name: str, data: bytes, conflicts: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = _copy(template, Path(folder))
        try:
            before = _snapshot(database)
            before_trail = database.query_value("SELECT max(id) FROM audit")
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                raw = read_table(path)
                mapping = detect_mapping(raw)
            except errors.InputFileError as exc:
                event("refused file")
                assert name in exc.message  # the message names the file
                assert _snapshot(database) == before
                return
            plan = preview(database, raw, mapping)
            assert _snapshot(database) == before  # the preview writes nothing
            for refused in plan.errors:
                assert refused.row >= 1 and refused.message.strip()
            decision = ConflictDecision(conflicts)
            result = apply(database, plan, {c.row: decision for c in plan.conflicts})

            assert database.integrity_check() == []
            people = database.query_value("SELECT count(*) FROM staff")
            assert people == len(before["staff"]) + result.added
            added = AuditRepository(database).query(
                operation="staff_import", table="staff", kind=AuditKind.INSERT, limit=10**6
            )
            assert len([e for e in added if e.id > before_trail]) == result.added
            assert database.query_value(  # nothing unlabelled
                "SELECT count(*) FROM audit WHERE id > ? AND operation = ''", (before_trail,)
            ) == 0
            assert result.skipped + result.imported == plan.total
            event(f"imported: {'some' if result.imported else 'none'}; refused rows: "
                  f"{'some' if plan.invalid else 'none'}; conflicts: {bool(plan.conflicts)}")
            # Nothing the import accepted is refused by the whole-database check.
            assert check_database(database).errors == []
        finally:
            database.close()


@_settings()
@given(data=_csv_bytes(), conflicts=st.sampled_from(list(ConflictDecision)))
def test_random_and_broken_csv_never_crashes_and_writes_whole_rows(template, data, conflicts):
    _import_and_check(template, "list.csv", data, conflicts)


@_settings(0.7)
@given(data=_xlsx_bytes(), conflicts=st.sampled_from(list(ConflictDecision)))
def test_random_and_broken_xlsx_never_crashes_and_writes_whole_rows(template, data, conflicts):
    _import_and_check(template, "list.xlsx", data, conflicts)


@_settings(0.4)
@given(
    rows=st.lists(_new_person(), min_size=1, max_size=40),
    updates=st.booleans(),
    fail_at=st.integers(1, 12),
)
def test_a_failure_at_any_point_of_the_write_leaves_nothing(template, rows, updates, fail_at):
    """A failure while writing (here: the n-th write call raises, as a full disk would) rolls
    back every row written before it, the new units and their trail included."""
    with tempfile.TemporaryDirectory() as folder:
        database = _copy(template, Path(folder))
        try:
            listed = [*rows, *(EXISTING if updates else [])]
            if updates:
                listed[-1] = [*listed[-1][:6], "Новая должность", *listed[-1][7:]]
            raw = read_table(_write_csv(Path(folder) / "list.csv", [HEADER, *listed]))
            plan = preview(database, raw, detect_mapping(raw))
            before = _snapshot(database)
            calls = 0
            real_add, real_update = StaffRepository.add_many, StaffRepository.update

            def failing(real):
                def call(*args, **kwargs):
                    nonlocal calls
                    calls += 1
                    if calls == fail_at:
                        raise errors.DiskFull(database.path)
                    return real(*args, **kwargs)

                return call

            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(sys.modules["hrdesk.importing.apply"], "CHUNK", 4)  # many writes
                patch.setattr(StaffRepository, "add_many", failing(real_add))
                patch.setattr(StaffRepository, "update", failing(real_update))
                try:
                    apply(database, plan)
                except errors.DiskFull:
                    event("failed while writing")
                    assert _snapshot(database) == before
                    return
            # Fewer write calls than fail_at: the whole import is there.
            assert database.query_value("SELECT count(*) FROM staff") \
                == len(before["staff"]) + plan.count(RowAction.ADD)
        finally:
            database.close()


def test_the_trail_labels_the_import(office_database, tmp_path):
    path = _write_csv(tmp_path / "list.csv", [HEADER, *EXISTING])
    raw = read_table(path)
    result = apply(office_database, preview(office_database, raw, detect_mapping(raw)))
    assert result.added == 2
    trail = AuditRepository(office_database)
    assert trail.count(operation="staff_import", table="staff", kind=AuditKind.INSERT) == 2
    assert trail.count(operation="staff_import", table="units", kind=AuditKind.INSERT) == 1
    assert trail.count(table="staff") == 2  # every staff entry is the import's

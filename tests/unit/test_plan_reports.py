"""From the database to the printed plan, the XLSX and the training card; the CLI commands."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from helpers.fixtures import TEST_OFFICE, fill_register
from test_plan_ops import TODAY, YEAR, seed_cycle

from hrdesk import cli, i18n
from hrdesk.domain.enums import Funding, Language, TrainingFormat
from hrdesk.domain.models import Feedback
from hrdesk.planning import ops
from hrdesk.reports.plan_data import card_printout, plan_printout
from hrdesk.reports.plan_xlsx import write_plan_xlsx
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository

HAVE_POPPLER = shutil.which("pdftotext") is not None


@pytest.fixture
def drafted(office_database):
    ids = fill_register(office_database, 5, seed=6)
    seed_cycle(office_database, ids)
    ops.draft(office_database, YEAR, today=TODAY)
    return office_database, ids


def lines_of(database):
    plan = ops.plan_for(database, YEAR)
    return PlanRepository(database).entries(plan.id)


def test_plan_printout_follows_the_plan_order_in_the_chosen_language(drafted):
    database, _ids = drafted
    entries = lines_of(database)
    ops.cancel_entry(database, entries[1].uid, "not held")
    i18n.set_language("ru")
    printout = plan_printout(database, YEAR, "ru")
    assert printout.office_name == TEST_OFFICE.name_ru and printout.year == YEAR
    assert (printout.head_position, printout.head_name) == (TEST_OFFICE.head_position,
                                                            TEST_OFFICE.head_name)
    assert not printout.approved and printout.hr_clerk_name == TEST_OFFICE.hr_clerk_name
    assert len(printout.lines) == len(entries) - 1  # the cancelled line is not printed
    first = printout.lines[0]
    member = StaffRepository(database).get(entries[0].staff_id)
    assert (first.number, first.full_name, first.person_key) == (1, member.full_name, member.pin)
    assert first.quarter in {"I", "II", "III", "IV"} and first.hours == entries[0].hours
    course = database.query_value("SELECT title_ru FROM courses WHERE code = ?",
                                  (entries[0].course_code,))
    assert first.course == course
    assert len(plan_printout(database, YEAR, "ru", include_cancelled=True).lines) == len(entries)


def test_approved_plan_prints_the_approving_head_and_date(drafted):
    database, _ids = drafted
    ops.approve(database, YEAR, "Бекова Д.", dt.date(2027, 1, 15))
    printout = plan_printout(database, YEAR, "ky")
    assert printout.approved and printout.approved_on == dt.date(2027, 1, 15)
    assert printout.head_name == "Бекова Д." and printout.office_name == TEST_OFFICE.name_ky


def test_free_text_line_prints_its_title_and_no_hours(drafted):
    database, ids = drafted
    from hrdesk.domain.plan import PlanEntry

    ops.add_entry(database, YEAR, PlanEntry(staff_id=ids[0], quarter=2, title="Excel курсу",
                                            funding=Funding.OWN))
    last = plan_printout(database, YEAR, "ky").lines[-1]
    assert (last.course, last.hours, last.quarter, last.funding) == ("Excel курсу", None, "II",
                                                                     "own funds")


def test_plan_xlsx_has_the_approval_line_translated_headers_and_real_numbers(drafted, tmp_path):
    from openpyxl import load_workbook

    database, _ids = drafted
    ops.approve(database, YEAR, "Бекова Д.", dt.date(2027, 1, 15))
    printout = plan_printout(database, YEAR)
    path = write_plan_xlsx(printout, tmp_path / "plan.xlsx")
    ws = load_workbook(path).active
    assert ws["A1"].value.startswith("Approved: ") and "Бекова Д." in ws["A1"].value
    assert ws["B2"].value.date() == dt.date(2027, 1, 15)
    assert str(YEAR) in ws["A3"].value
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert rows[0][:3] == ("No.", "Full name", "Position")
    first = rows[1]
    assert first[0] == 1 and isinstance(first[5], int) and first[8] in (1, 2, 3, 4)
    assert first[1] == printout.lines[0].full_name
    total = next(r for r in rows if r[4] == "Total")
    assert total[5] == printout.hours
    assert not list(tmp_path.glob("*.part"))
    # The header row (5) is the one that stays in view and repeats on every printed page.
    assert ws["B5"].font.bold and ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$5:$5"


def test_card_printout_has_profile_history_with_feedback_and_the_year_lines(drafted):
    database, ids = drafted
    entry = next(e for e in lines_of(database) if e.staff_id == ids[0])
    ops.record_done(database, entry.uid, start_date=dt.date(2027, 2, 1),
                    end_date=dt.date(2027, 2, 3), feedback=Feedback(overall=4))
    card = card_printout(database, ids[0], YEAR, "ky", today=dt.date(2027, 3, 1))
    member = StaffRepository(database).get(ids[0])
    assert (card.full_name, card.pin, card.year) == (member.full_name, member.pin, YEAR)
    assert card.tenure is not None and card.printed_on == dt.date(2027, 3, 1)
    (training,) = card.training
    assert training.feedback.overall == 4 and training.end_date == dt.date(2027, 2, 3)
    assert len(card.plan_lines) == sum(1 for e in lines_of(database) if e.staff_id == ids[0])
    assert card_printout(database, ids[0], YEAR + 1, "ky").plan_lines == []


def run_cli(*argv):
    return cli.main([str(a) for a in argv])


def test_cli_plan_draft_prints_one_line(drafted, capsys):
    database, _ids = drafted
    code = run_cli("plan", "draft", "--db", database.path, "--year", YEAR, "--seats-per-course",
                   "1")
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0 and len(out) == 1
    assert out[0].startswith(f"Training plan {YEAR}: ") and "did not fit" in out[0]
    assert run_cli("plan", "draft", "--db", database.path, "--year", 2031) == 1
    assert "no endorsed requests" in capsys.readouterr().err


def test_cli_report_plan_pdf_and_xlsx(drafted, tmp_path, capsys):
    database, _ids = drafted
    pdf, xlsx = tmp_path / "plan.pdf", tmp_path / "plan.xlsx"
    assert run_cli("report", "plan", "--db", database.path, "--year", YEAR, "--out", pdf,
                   "--lang", "ru") == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert run_cli("report", "plan", "--db", database.path, "--year", YEAR, "--out", xlsx) == 0
    assert xlsx.exists()
    assert run_cli("report", "plan", "--db", database.path, "--year", YEAR,
                   "--out", tmp_path / "plan.doc") == 2
    assert "must end in .pdf / .xlsx" in capsys.readouterr().err
    assert run_cli("report", "plan", "--db", database.path, "--year", 2031,
                   "--out", tmp_path / "none.pdf") == 1
    assert not (tmp_path / "none.pdf").exists()
    # A file that cannot be written is exit 2 (docs/cli.md), for a PDF as for an XLSX.
    capsys.readouterr()
    for name in ("plan.pdf", "plan.xlsx"):
        assert run_cli("report", "plan", "--db", database.path, "--year", YEAR,
                       "--out", tmp_path / "missing" / name) == 2
        assert str(tmp_path / "missing" / name) in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()
    if HAVE_POPPLER:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert TEST_OFFICE.name_ru in text


def test_cli_report_card_refuses_a_shared_pin_and_names_the_people(drafted, tmp_path, capsys):
    database, ids = drafted
    repo = StaffRepository(database)
    member = repo.get(ids[0])
    twin = repo.get(ids[1])
    # Duplicate PINs exist in the national registers; the register accepts them as a warning.
    database.execute("UPDATE staff SET pin = ? WHERE id = ?", (member.pin, twin.id))
    out = tmp_path / "card.pdf"
    assert run_cli("report", "card", "--db", database.path, "--pin", member.pin, "--out", out) == 1
    err = capsys.readouterr().err
    assert member.full_name in err and twin.full_name in err and not out.exists()
    other = repo.get(ids[2])
    assert run_cli("report", "card", "--db", database.path, "--pin", other.pin, "--out", out,
                   "--year", YEAR, "--lang", "ky") == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert run_cli("report", "card", "--db", database.path, "--pin", "20000000000000",
                   "--out", out) == 1
    assert "Nobody with the PIN" in capsys.readouterr().err


def test_labels_of_the_line_are_in_the_language_in_force(drafted):
    database, _ids = drafted
    entry = lines_of(database)[0]
    ops.change_entry(database, entry.uid, format=TrainingFormat.DISTANCE,
                     language=Language.RUSSIAN)
    first = plan_printout(database, YEAR, "en").lines[0]
    assert (first.format, first.language) == ("distance", "Russian")


def test_cli_report_summary_as_pdf(drafted, tmp_path):
    database, _ids = drafted
    out = tmp_path / "summary.pdf"
    assert run_cli("report", "summary", "--db", database.path, "--cycle", YEAR, "--format", "pdf",
                   "--out", out, "--lang", "ky") == 0
    assert out.read_bytes().startswith(b"%PDF")
    if HAVE_POPPLER:
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert TEST_OFFICE.name_ky in text

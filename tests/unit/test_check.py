import datetime as dt

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk.check import check_database
from hrdesk.cli import main as cli_main


@pytest.fixture
def filled(tmp_path):
    db = make_office_database(tmp_path / "office.sqlite3")
    ids = fill_register(db, 30, with_education=True, left=2)
    db.ids = ids
    yield db
    db.close()


def first_id(db):
    return db.ids[0]


def test_a_sound_database_is_clean(filled, capsys):
    report = check_database(filled)
    assert report.clean and report.people == 30
    filled.close()
    assert cli_main(["check", "--db", str(filled.path)]) == 0
    assert "The database is sound: 30 people checked, no problems found." in capsys.readouterr().out


def test_a_broken_person_is_named_with_the_field(filled, capsys):
    staff_id = first_id(filled)
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    filled.execute("UPDATE staff SET appointed_on = ?, pin = '3' || substr(pin, 2) WHERE id = ?",
                   (future, staff_id))
    surname = filled.query_value("SELECT surname FROM staff WHERE id = ?", (staff_id,))
    report = check_database(filled)
    messages = [(f.where, f.message) for f in report.errors if f.staff_id == staff_id]
    assert any("date appointed: The date cannot be in the future." == m for _, m in messages)
    assert any("PIN: The first digit of the PIN must be 1" in m for _, m in messages)
    assert all(surname in where for where, _ in messages)
    filled.close()
    assert cli_main(["check", "--db", str(filled.path)]) == 1
    out = capsys.readouterr()
    assert "error: " in out.out and surname in out.out and "2 errors" in out.err


def test_duplicate_pins_are_warnings(filled, capsys):
    pin = filled.query_value("SELECT pin FROM staff WHERE id = ?", (first_id(filled),))
    filled.execute("UPDATE staff SET pin = ?, sex = (SELECT sex FROM staff WHERE id = ?), "
                   "birth_date = (SELECT birth_date FROM staff WHERE id = ?) WHERE id = ?",
                   (pin, first_id(filled), first_id(filled), filled.ids[1]))
    filled.execute("DELETE FROM education WHERE staff_id = ?", (filled.ids[1],))  # now too early
    report = check_database(filled)
    assert not report.errors
    assert len(report.warnings) == 1 and pin in report.warnings[0].where
    assert "2 people" in report.warnings[0].message
    filled.close()
    assert cli_main(["check", "--db", str(filled.path)]) == 0
    assert cli_main(["check", "--db", str(filled.path), "--strict"]) == 1


def test_education_training_and_codes_are_checked(filled):
    staff_id = first_id(filled)
    filled.execute("INSERT INTO education(staff_id, level, graduation_year) VALUES (?, 'master', ?)",
                   (staff_id, dt.date.today().year + 2))
    filled.execute("INSERT INTO training(staff_id, course_title, hours, fb_overall) VALUES (?, 'Бюджет', 0, 9)",
                   (staff_id,))
    filled.execute("UPDATE staff SET service_type = 'astronaut' WHERE id = ?", (filled.ids[1],))
    report = check_database(filled)
    text = [f.message for f in report.errors]
    assert "graduation_year: The graduation year cannot be in the future." in text or any(
        "graduation year cannot be in the future" in m for m in text)
    assert any("hours must be between 1 and 2000" in m for m in text)
    assert any("rating must be from 1 to 5" in m for m in text)
    assert any("unknown code: astronaut" in m for m in text)
    assert any("course Бюджет" in f.where for f in report.errors)


def test_an_unreadable_row_is_reported_not_a_crash(filled):
    filled.execute("UPDATE staff SET birth_date = 'last spring' WHERE id = ?", (first_id(filled),))
    report = check_database(filled)
    assert [f.staff_id for f in report.errors] == [first_id(filled)]
    assert "cannot be read" in report.errors[0].message
    assert report.people == 30


def test_missing_audit_triggers_are_an_error(filled):
    filled.execute("DROP TRIGGER audit_staff_update")
    report = check_database(filled)
    assert any("staff" in f.message and "audit trail" in f.message for f in report.errors)


def test_a_damaged_file_is_reported(tmp_path, capsys):
    db = make_office_database(tmp_path / "office.sqlite3")
    fill_register(db, 200)
    db.close()
    data = bytearray(db.path.read_bytes())
    data[4096 * 5:4096 * 5 + 300] = b"\x00\xff" * 150
    db.path.write_bytes(bytes(data))
    assert cli_main(["check", "--db", str(db.path)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err or "integrity" in err


def test_the_summary_counts_in_the_language(filled) -> None:
    from hrdesk.check import CheckReport, Finding, summary_text
    from hrdesk.domain.rules import Severity
    from hrdesk.i18n import temporary_language

    warning = Finding(Severity.WARNING, "here", "something")
    report = CheckReport(people=21, findings=[warning])
    assert summary_text(report) == "21 people checked: 0 errors, 1 warning."
    with temporary_language("ru"):
        assert summary_text(report) == "21 человек проверен: 0 ошибок, 1 предупреждение."
    filled.close()

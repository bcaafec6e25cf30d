"""hrdesk demo-db never replaces a file (it may be a real register) and wants 1 or more people."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk.cli import main as cli_main
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository


def test_an_existing_database_is_not_replaced(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    database = make_office_database(path)
    fill_register(database, 7)
    database.close()
    assert cli_main(["--lang", "en", "demo-db", str(path), "--staff", "3"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"The file {path} exists already. Nothing was changed; choose a new name."
    )
    with Database.open(path) as database:
        assert StaffRepository(database).count() == 7


@pytest.mark.parametrize("staff", ["0", "-3", "many"])
def test_the_number_of_people_must_be_one_or_more(tmp_path, capsys, staff):
    path = tmp_path / "demo.sqlite3"
    with pytest.raises(SystemExit) as exit_:
        cli_main(["--lang", "en", "demo-db", str(path), "--staff", staff])
    assert exit_.value.code == 2
    assert f"give the number of people, 1 or more (not {staff})." in capsys.readouterr().err
    assert not path.exists()


def test_one_person_is_one_person(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert cli_main(["--lang", "en", "demo-db", str(path), "--staff", "1"]) == 0
    assert capsys.readouterr().out.strip().endswith(", 1 person.")

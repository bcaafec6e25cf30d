"""hrdesk init: the first-run setup without the window; an incomplete office or a database set
up already is refused and nothing changes."""

from __future__ import annotations

from hrdesk import register
from hrdesk.cli import main as cli_main
from hrdesk.domain.enums import OfficeType, Role
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository

OFFICE = [
    "--role", "office", "--office-code", "41708001", "--type", "aiyl_okmotu",
    "--name-ky", "Ак-Суу айыл өкмөтү", "--name-ru", "Ак-Суйский айыл окмоту",
    "--oblast", "KG-Y", "--district", "Ак-Суу", "--head-name", "Асанов Бакыт",
    "--head-position", "Башчы", "--clerk", "Токтогулова Айгүл",
]  # fmt: skip


def test_init_office_stores_every_field(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    assert cli_main(["--lang", "en", "init", "--db", str(path), *OFFICE]) == 0
    assert capsys.readouterr().out.strip() == f"Set up {path} for the office Ак-Суу айыл өкмөтү."
    with Database.open(path) as database:
        assert register.role(database) == Role.OFFICE
        office = OfficeRepository(database).own()
        assert (office.code, office.type, office.oblast, office.district) == (
            "41708001", OfficeType.AIYL_OKMOTU, "KG-Y", "Ак-Суу"
        )
        assert (office.name_ru, office.head_name, office.head_position, office.hr_clerk_name) == (
            "Ак-Суйский айыл окмоту", "Асанов Бакыт", "Башчы", "Токтогулова Айгүл"
        )


def test_init_mkk_stores_the_role(tmp_path):
    path = tmp_path / "mkk.sqlite3"
    assert cli_main(["init", "--db", str(path), "--role", "mkk"]) == 0
    with Database.open(path) as database:
        assert register.role(database) == Role.MKK


def test_incomplete_office_is_refused_before_any_file_is_made(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    assert cli_main(["--lang", "en", "init", "--db", str(path), "--role", "office"]) == 1
    err = capsys.readouterr().err
    assert "The office code is required." in err
    assert "The name in Kyrgyz is required." in err
    assert "Choose the oblast from the list." in err
    assert not path.exists()


def test_a_database_set_up_already_is_refused_and_unchanged(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    assert cli_main(["init", "--db", str(path), *OFFICE]) == 0
    capsys.readouterr()
    other = ["--role", "office", "--office-code", "999", "--name-ky", "Башка", "--oblast", "KG-C"]
    assert cli_main(["--lang", "en", "init", "--db", str(path), *other]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{path} is set up for the office Ак-Суу айыл өкмөтү already. Nothing was changed; "
        "change the office's details in the program (Settings, Office)."
    )
    assert cli_main(["--lang", "en", "init", "--db", str(path), "--role", "mkk"]) == 1
    assert "Nothing was changed" in capsys.readouterr().err
    with Database.open(path) as database:
        assert register.role(database) == Role.OFFICE
        assert OfficeRepository(database).own().code == "41708001"


def test_an_mkk_database_is_not_set_up_again(tmp_path, capsys):
    path = tmp_path / "mkk.sqlite3"
    assert cli_main(["init", "--db", str(path), "--role", "mkk"]) == 0
    capsys.readouterr()
    assert cli_main(["--lang", "en", "init", "--db", str(path), *OFFICE]) == 1
    refused = capsys.readouterr().err.strip()
    assert refused == f"{path} is set up for MKK already. Nothing was changed."
    with Database.open(path) as database:
        assert register.role(database) == Role.MKK
        assert OfficeRepository(database).own() is None

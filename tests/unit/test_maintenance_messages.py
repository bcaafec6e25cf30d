"""What the backup and check commands say when the path given is wrong: the file the user
named (not a temporary one), what is wrong with it, and nothing made or changed."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk import errors
from hrdesk.cli import main as cli_main
from hrdesk.store import backup
from hrdesk.store.database import Database


@pytest.fixture
def office(tmp_path):
    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 5, seed=2)
    yield database
    database.close()


def test_a_backup_to_a_place_that_cannot_be_written_names_that_place(office, tmp_path):
    not_a_folder = tmp_path / "stick.txt"
    not_a_folder.write_text("x")
    target = not_a_folder / "copy.sqlite3"
    with pytest.raises(errors.DatabaseReadOnly) as caught:
        backup.backup_now(office, target)
    message = caught.value.message
    assert "The backup cannot be written to" in message and str(target) in message
    assert ".new" not in message and ".part" not in message
    assert not any(".new" in p.name or ".part" in p.name for p in tmp_path.iterdir())


def test_cli_backup_to_a_place_that_cannot_be_written(office, tmp_path, capsys):
    office.close()
    (tmp_path / "stick.txt").write_text("x")
    target = tmp_path / "stick.txt" / "copy.sqlite3"
    assert cli_main(["backup", "--db", str(office.path), "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"The backup cannot be written to {target}" in err and ".new" not in err


@pytest.mark.parametrize("command", [["check"], ["backup"], ["staff", "export"]])
def test_a_database_that_does_not_exist_is_named_and_not_made(tmp_path, capsys, command):
    missing = tmp_path / "typo.sqlite3"
    extra = [str(tmp_path / "out.csv")] if command[0] == "staff" else []
    assert cli_main([*command, "--db", str(missing), *extra]) == 1
    err = capsys.readouterr().err
    assert f"The database {missing} does not exist" in err
    assert "not an hrdesk database" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_or_foreign_file_is_still_not_an_hrdesk_database(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(errors.NotHrdeskDatabase) as caught:
        Database.open(empty)
    assert not isinstance(caught.value, errors.DatabaseMissing)
    assert "is not an hrdesk database" in caught.value.message


def test_output_read_only_in_part_is_not_an_error(office, tmp_path):
    """hrdesk trail ... | head: the reader stops early; no "unexpected error", nothing logged."""
    import subprocess
    import sys

    fill_register(office, 400, seed=3)  # far more output than a pipe holds
    office.close()
    command = [sys.executable, "-c", "import sys; from hrdesk.cli import main; sys.exit(main())",
               "--lang", "en", "trail", "--db", str(office.path)]
    reader = subprocess.Popen(["head", "-c", "20"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = subprocess.run(command, stdout=reader.stdin, stderr=subprocess.PIPE, text=True,
                            timeout=60)
    reader.stdin.close()
    assert len(reader.stdout.read()) == 20
    reader.wait()
    assert writer.returncode == 0, writer.stderr
    assert "unexpected" not in writer.stderr and "Exception" not in writer.stderr

"""hrdesk staff import --json prints its one JSON object also for a file it cannot read."""

from __future__ import annotations

import json

import pytest
from helpers.fixtures import fill_register

from hrdesk.cli import main as cli_main
from hrdesk.store.staff import StaffRepository


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("list.xlsx", b"not a workbook", "it is not an Excel workbook (XLSX)."),
        ("missing.csv", None, "the file does not exist."),
    ],
)
def test_unreadable_file_gives_json_exit_2_and_changes_nothing(
    office_database, tmp_path, capsys, name, content, reason
):
    fill_register(office_database, 4)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    db = str(office_database.path)
    assert cli_main(["--lang", "en", "staff", "import", "--db", db, str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert (result["total"], result["valid"], result["invalid"], result["imported"]) == (0, 0, 0, 0)
    message = f"Cannot read {name}: {reason}"
    assert result["errors"] == [{"row": 0, "column": "", "message": message}]
    assert err.strip() == message
    assert StaffRepository(office_database).count() == 4


def test_without_json_nothing_goes_to_stdout(office_database, tmp_path, capsys):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"not a workbook")
    db = str(office_database.path)
    assert cli_main(["--lang", "en", "staff", "import", "--db", db, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Cannot read list.xlsx" in err

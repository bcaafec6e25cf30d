"""The expected list has a history per cycle: a list changed for a new cycle leaves the
completeness of earlier cycles as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import errors
from hrdesk.cli import main as cli_main
from hrdesk.mkk.completeness import completeness
from hrdesk.mkk.expected_offices import (
    expected_cycles,
    expected_offices,
    import_expected_offices,
    latest_cycle,
    set_expected,
    stop_expecting,
)
from hrdesk.store.database import Database

HEADER = "Код;Тип;Наименование на кыргызском;Область\n"
FIRST = HEADER + "AO-1;aiyl_okmotu;Арал;KG-T\nAO-2;aiyl_okmotu;Кок-Ой;KG-T\n"
SECOND = FIRST + "AO-3;aiyl_okmotu;Жаңы-Жер;KG-N\n"


@pytest.fixture
def mkk(mkk_database: Database) -> Database:
    return mkk_database


def _list(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _expected(database: Database, cycle: int) -> list[str]:
    return sorted(o["code"] for o in completeness(database, cycle)["offices"])


def _dump(database: Database) -> list[tuple]:
    return database.execute("SELECT * FROM expected_offices ORDER BY id").fetchall()


def test_a_new_cycle_changes_the_list_not_the_past(mkk: Database, tmp_path: Path) -> None:
    import_expected_offices(mkk, _list(tmp_path, FIRST, "a.csv"))  # every cycle
    counts = import_expected_offices(mkk, _list(tmp_path, SECOND, "b.csv"), from_cycle=2028)
    assert (counts.created, counts.updated, counts.unchanged) == (1, 0, 2)
    assert _expected(mkk, 2027) == ["AO-1", "AO-2"]
    assert _expected(mkk, 2028) == ["AO-1", "AO-2", "AO-3"]
    stop_expecting(mkk, "AO-2", 2029)
    assert _expected(mkk, 2028) == ["AO-1", "AO-2", "AO-3"]
    assert _expected(mkk, 2029) == ["AO-1", "AO-3"]
    stop_expecting(mkk, "AO-2", 2031)  # a stop set earlier stays
    assert _expected(mkk, 2030) == ["AO-1", "AO-3"]
    assert expected_cycles(mkk) == {
        "AO-1": (None, None),
        "AO-2": (None, 2028),
        "AO-3": (2028, None),
    }
    assert [o.code for o in expected_offices(mkk, cycle=2027)] == ["AO-1", "AO-2"]
    # Listed again: expected again from then on; listed for an earlier cycle: moved back.
    counts = import_expected_offices(mkk, _list(tmp_path, SECOND, "c.csv"), from_cycle=2027)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 2, 1)
    assert _expected(mkk, 2027) == ["AO-1", "AO-2", "AO-3"]
    assert _expected(mkk, 2030) == ["AO-1", "AO-2", "AO-3"]


def test_bad_cycle_or_code_changes_nothing(mkk: Database, tmp_path: Path) -> None:
    import_expected_offices(mkk, _list(tmp_path, FIRST, "a.csv"))
    before = _dump(mkk)
    with pytest.raises(errors.ValidationFailed) as failed:
        stop_expecting(mkk, "AO-1", 1999)
    assert "The cycle 1999 is not a year between 2000 and 2100." in failed.value.message
    with pytest.raises(errors.ValidationFailed) as failed:
        import_expected_offices(mkk, _list(tmp_path, SECOND, "b.csv"), from_cycle=3000)
    assert "The cycle 3000 is not a year" in failed.value.message
    with pytest.raises(errors.NotFound) as missing:
        stop_expecting(mkk, "ZZ-9", 2028)
    assert missing.value.message == "There is no expected office with the code ZZ-9."
    set_expected(mkk, "AO-2", False)
    with pytest.raises(errors.NotFound):
        stop_expecting(mkk, "AO-2", 2028)  # taken off the list: nothing to stop
    set_expected(mkk, "AO-2", True)
    assert _dump(mkk)[0] == before[0] and len(_dump(mkk)) == len(before)


def test_stopping_is_in_the_audit_trail(mkk: Database, tmp_path: Path) -> None:
    import_expected_offices(mkk, _list(tmp_path, FIRST, "a.csv"))
    stop_expecting(mkk, "AO-1", 2028)
    new = mkk.query_value(
        "SELECT new FROM audit WHERE table_name = 'expected_offices' AND kind = 'update' "
        "ORDER BY id DESC LIMIT 1"
    )
    assert '"until_cycle":2027' in new.replace(" ", "")


def test_cli_import_from_the_newest_cycle_or_the_one_given(
    mkk: Database, tmp_path: Path, capsys
) -> None:
    assert latest_cycle(mkk) is None
    path = str(mkk.path)
    assert cli_main(["offices", "import", "--db", path, str(_list(tmp_path, FIRST, "a.csv"))]) == 0
    assert expected_cycles(mkk)["AO-1"] == (None, None)  # no cycle yet: every cycle
    mkk.execute(
        "INSERT INTO cycles(year, deadline, opened_at) VALUES (2028, '2027-12-31', "
        "'2027-09-01T00:00:00+00:00')"
    )
    assert latest_cycle(mkk) == 2028
    second = str(_list(tmp_path, SECOND, "b.csv"))
    before = _dump(mkk)
    assert cli_main(["offices", "import", "--db", path, "--from-cycle", "1999", second]) == 1
    assert "The cycle 1999 is not a year" in capsys.readouterr().err
    assert _dump(mkk) == before
    assert cli_main(["offices", "import", "--db", path, second]) == 0
    assert expected_cycles(mkk)["AO-3"] == (2028, None)

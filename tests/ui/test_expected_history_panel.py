"""The expected list in the completeness panel: its cycles shown, an office stopped from the
cycle shown (earlier cycles keep it), a new office expected from the cycle shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk import register
from hrdesk.mkk.completeness import completeness
from hrdesk.mkk.expected_offices import expected_cycles
from hrdesk.store.database import Database
from ui.mkk.completeness_panel import CompletenessPanel


@pytest.fixture
def panel(tmp_path: Path, qtbot, messages):
    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    for year in (2027, 2028):
        database.execute(
            "INSERT INTO cycles(year, deadline, opened_at) VALUES (?, ?, "
            "'2026-09-01T00:00:00+00:00')",
            (year, f"{year - 1}-12-31"),
        )
    widget = CompletenessPanel(database, messages)
    qtbot.addWidget(widget)
    listing = tmp_path / "list.csv"
    listing.write_text(
        "Код;Тип;Наименование на кыргызском;Область\n"
        "AO-1;aiyl_okmotu;Арал;KG-T\nAO-2;aiyl_okmotu;Кок-Ой;KG-T\n",
        encoding="utf-8",
    )
    widget.cycle.set_year(2027)
    assert widget.import_list_from(listing)
    yield widget
    database.close()


def test_stop_from_the_cycle_shown(panel: CompletenessPanel, messages) -> None:
    database = panel.database
    panel.cycle.set_year(2028)
    headers = panel.expected.model.headers()
    assert headers[-2:] == ["Expected from cycle", "Expected until cycle"]
    assert [r[-2:] for r in panel.expected.model.rows] == [("2027", ""), ("2027", "")]
    panel.expected.view.setCurrentIndex(panel.expected.model.index(1, 0))
    panel.stop_current()
    assert messages.shown[-1][0] == "confirm" and "from the cycle 2028 on" in messages.shown[-1][1]
    assert expected_cycles(database)["AO-2"] == (2027, 2027)
    assert [o["code"] for o in completeness(database, 2027)["offices"]] == ["AO-1", "AO-2"]
    assert [o["code"] for o in completeness(database, 2028)["offices"]] == ["AO-1"]
    assert panel.data["totals"]["expected"] == 1
    assert panel.expected.model.rows[1][-1] == "2027"


def test_a_bad_stop_says_why_and_changes_nothing(panel: CompletenessPanel, messages) -> None:
    before = expected_cycles(panel.database)
    assert not panel.stop("ZZ-9", 2028)
    assert messages.shown[-1] == ("error", "There is no expected office with the code ZZ-9.")
    assert not panel.stop("AO-1", 1999)
    kind, text = messages.shown[-1]
    assert kind == "warning" and "The cycle 1999 is not a year" in text
    assert expected_cycles(panel.database) == before

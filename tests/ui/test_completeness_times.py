"""The completeness panel shows received times in Kyrgyz time in the user's format, prints
shares as shares, and exports times as real date-times."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hrdesk import register
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.i18n import temporary_language
from hrdesk.mkk.expected_offices import save_expected_office
from hrdesk.store.database import Database
from ui.mkk.completeness_panel import CompletenessPanel

CYCLE = 2027


@pytest.fixture
def panel(tmp_path: Path, qtbot, messages):
    database = Database.open(tmp_path / "mkk.sqlite3", create=True)
    register.setup_mkk(database)
    database.execute(
        "INSERT INTO cycles(year, deadline, opened_at) VALUES (?, '2026-12-31', "
        "'2026-09-01T00:00:00+00:00')",
        (CYCLE,),
    )
    office = database.execute(
        "INSERT INTO offices(code, type, name_ky, oblast, is_own) "
        "VALUES ('AO-1', 'aiyl_okmotu', 'Арал', 'KG-T', 0)"
    ).lastrowid
    database.execute(
        "INSERT INTO packets_received(packet_id, office_id, office_code, cycle, created_at, "
        "file_name, sha256, status, received_at, signer_fingerprint, encrypted) VALUES "
        "('p1', ?, 'AO-1', ?, '2026-12-31T17:05:00+00:00', 'f', 'x', 'current', "
        "'2026-12-31T17:05:00+00:00', 'FP', 1)",
        (office, CYCLE),
    )
    save_expected_office(
        database, Office("AO-1", OfficeType.AIYL_OKMOTU, "Арал айыл өкмөтү", "", "KG-T")
    )
    widget = CompletenessPanel(database, messages)
    qtbot.addWidget(widget)
    yield widget
    database.close()


def test_received_in_kyrgyz_time_and_users_format(panel: CompletenessPanel) -> None:
    model = panel.offices.model
    column = next(i for i, c in enumerate(model.columns) if c.title == "Received")
    shown = model.index(0, column).data()
    assert "11:05" in shown and "PM" in shown and "2026-12-31" not in shown
    with temporary_language("ru"):
        assert model.index(0, column).data().startswith("31 дек. 2026")
        assert model.index(0, column).data().endswith("23:05:00")
        panel.retranslate()
        assert "31 дек. 2026\u202fг." in panel.totals.text().replace(" г.", "\u202fг.")


def test_export_has_a_real_time_and_print_shows_shares(
    panel: CompletenessPanel, tmp_path: Path
) -> None:
    path = tmp_path / "offices.xlsx"
    assert panel.offices.export_to(path)
    sheet = load_workbook(path).active
    column = [sheet.cell(1, c).value for c in range(1, 10)].index("Received") + 1
    assert sheet.cell(2, column).value == dt.datetime(2026, 12, 31, 23, 5)
    assert "hh:mm" in sheet.cell(2, column).number_format
    assert panel.by_oblast.write_pdf(tmp_path / "oblast.pdf") == 1
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "oblast.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "100%" in text and "1.00" not in text  # the rate as a share, not a fraction
    assert panel.offices.write_pdf(tmp_path / "offices.pdf") == 1

"""Staff export reports progress and stops on Cancel without touching the file."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register

from hrdesk.exporting import staff_export
from hrdesk.exporting.staff_export import ExportCancelled, export_staff


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_progress_counts_up_to_everyone(office_database, tmp_path, suffix, monkeypatch):
    monkeypatch.setattr(staff_export, "_REPORT_EVERY", 10)
    fill_register(office_database, 35)
    reports: list[tuple[int, int]] = []
    count = export_staff(
        office_database, tmp_path / f"staff{suffix}", lambda d, t: reports.append((d, t))
    )
    assert count == 35
    assert reports == [(0, 35), (10, 35), (20, 35), (30, 35), (35, 35)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cancel_stops_and_leaves_the_file_as_it_was(office_database, tmp_path, suffix, monkeypatch):
    monkeypatch.setattr(staff_export, "_REPORT_EVERY", 10)
    fill_register(office_database, 35)
    target = tmp_path / f"staff{suffix}"
    target.write_bytes(b"last year's list")
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # the user presses Cancel during the third block of rows

    with pytest.raises(ExportCancelled):
        export_staff(office_database, target, None, cancel)
    assert target.read_bytes() == b"last year's list"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".staff")) == []


def test_a_cancelled_xlsx_export_leaves_no_temporary_file(office_database, monkeypatch):
    import glob
    import tempfile

    monkeypatch.setattr(staff_export, "_REPORT_EVERY", 10)
    fill_register(office_database, 35)
    pattern = f"{tempfile.gettempdir()}/openpyxl.*"
    before = set(glob.glob(pattern))
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ExportCancelled):
        export_staff(office_database, office_database.path.with_suffix(".xlsx"), None, cancel)
    assert set(glob.glob(pattern)) <= before  # the rows written so far are not left behind

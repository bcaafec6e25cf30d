"""The needs-assessment summary PDF and the charts: text back through pdftotext, fonts."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hrdesk import i18n
from hrdesk.reports import charts, pdf_base
from hrdesk.reports.summary_pdf import render_summary_pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                   reason="poppler-utils not installed")


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def summary() -> dict:
    competencies = [
        {"code": "state_language", "rank": 1, "mean_importance": 4.5, "mean_performance": 3.0,
         "mean_gap": 1.5, "weighted_discrepancy": 6.75,
         "title": {"ky": "Мамлекеттик тилде иш кагаздарын жүргүзүү", "ru": "Делопроизводство на "
                   "государственном языке", "en": "Official business in the state language"}},
        {"code": "ethics", "rank": 2, "mean_importance": 3.0, "mean_performance": 3.5,
         "mean_gap": 0.0, "weighted_discrepancy": -1.5, "title": {"ky": "Этика", "ru": "Этика",
                                                                   "en": "Ethics"}},
        {"code": "gender", "rank": 3, "mean_importance": None, "mean_performance": None,
         "mean_gap": None, "weighted_discrepancy": None, "title": {"ky": "Гендер"}},
    ]
    return {
        "cycle": 2026, "staff_total": 20, "assessed": 15, "competencies": competencies,
        "course_demand": [{"course_code": "K-001", "title": {"ky": "Өкмөттүк санарип кызматтар"},
                           "requested": 9, "endorsed": 7}],
        "obstacles_duties": {"lack_of_experience": 6, "other": 0},
        "obstacles_training": {"working_hours": 4},
        "growth_needs": {},
        "by_sex": {"female": 12, "male": 8, "unknown": 0},
        "by_age_band": {"<30": 3, "30-39": 7, "40-49": 6, "50-59": 4, "60+": 0, "unknown": 0},
        "by_tenure_band": {"<1": 2, "1-3": 5, "3-5": 5, "5-10": 4, "10+": 4, "unknown": 0},
        "by_education_field": {"economics": 9, "law": 11},
        "by_service_type": {"municipal": 20}, "by_group": {"senior": 12, "junior": 8},
    }


def labels(key: str, code: str) -> str:
    return {"lack_of_experience": "тажрыйбанын жетишсиздиги", "female": "аял"}.get(code, code)


@needs_poppler
def test_summary_prints_titles_in_the_chosen_language_labels_and_only_embedded_fonts(tmp_path):
    path = tmp_path / "summary.pdf"
    pages = render_summary_pdf(summary(), path, "Массы айыл өкмөтү", "ky", labels)
    assert pages >= 1
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for expected in ("Массы айыл өкмөтү", "Мамлекеттик тилде иш кагаздарын жүргүзүү",
                     "Өкмөттүк санарип кызматтар", "тажрыйбанын жетишсиздиги", "аял",
                     i18n.format_number(6.75, 2)):
        assert expected in text, expected
    assert "Делопроизводство" not in text
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all("DejaVu" in row and row.split()[-5] == "yes" for row in fonts)


def test_empty_summary_still_prints(tmp_path):
    path = tmp_path / "summary.pdf"
    empty = {"cycle": 2026, "staff_total": 0, "assessed": 0}
    assert render_summary_pdf(empty, path, "Office", "en") >= 1


@needs_poppler
def test_charts_use_only_the_embedded_font(tmp_path):
    path = tmp_path / "charts.pdf"
    story = [charts.ranked_bars([("Өмүр", 3), ("Ңаал", 1.5), ("minus", -0.5)], 400, title="Ү"),
             charts.grouped_bars(["аял", "эркек"], [("a", [1, 2]), ("b", [3, 0])], 400)]
    pdf_base.build_pdf(path, story)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all("DejaVu" in row and row.split()[-5] == "yes" for row in fonts)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Өмүр" in text and "Ңаал" in text and "эркек" in text

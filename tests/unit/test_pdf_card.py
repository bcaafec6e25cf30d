"""A person's training card as a PDF: the text that pdftotext gets back, fonts, empty lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.wording import language_switcher

from hrdesk import i18n
from hrdesk.domain.models import Feedback
from hrdesk.reports import pdf_base
from hrdesk.reports.card_pdf import feedback_text, render_card_pdf
from hrdesk.reports.printouts import (
    CardEducation,
    CardPrintout,
    CardTraining,
    PlanLine,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")

# Used only where the catalog does not translate the string yet (see test_pdf_plan.py).
WORDING = {
    "ky": {"Training card": "Окуу картасы", "Education": "Билими",
           "Training history": "Окуудан өткөнү", "Training plan for {year}":
           "{year}-жылдын окуу планы"},
}


@pytest.fixture
def language():
    yield from language_switcher(WORDING)


def make_card(training: int = 3) -> CardPrintout:
    records = [
        CardTraining(course="Мамлекеттик тилде иш кагаздарын жүргүзүү",
                     provider="КР Президентинин алдындагы мамлекеттик башкаруу академиясы",
                     start_date=dt.date(2022 + i % 3, 3, 14), end_date=dt.date(2022 + i % 3, 3, 18),
                     hours=36, format="күндүзгү", funding="мамлекеттик заказ",
                     language="кыргызча", certificate_no=f"АГУ-{1040 + i}",
                     feedback=Feedback(relevance=5, trainer=4, practice=3, language_fit=5,
                                       overall=4, comment="Практикалык сабактар аз болду"))
        for i in range(training)
    ]
    return CardPrintout(
        office_name="Ноокен районунун Массы айыл өкмөтү", year=2026,
        full_name="Өмүралиева Күмүшай Ңурбековна", pin="11503198500123", sex="аял",
        birth_date=dt.date(1985, 3, 15), unit="Финансы-экономикалык бөлүм",
        position="Бөлүмдүн башкы адиси", service_type="Муниципалдык кызмат",
        category="административдик", group="башкы топ",
        class_rank="2-класстагы муниципалдык кеңешчи",
        status="иштейт", languages="кыргызча (эне тили), орусча (эркин)",
        appointed_on=dt.date(2021, 9, 1), tenure=(4, 3), service_started_on=dt.date(2009, 2, 2),
        service_length=(16, 10),
        education=[CardEducation("жогорку: адис", "экономика",
                                 "Ош мамлекеттик университети", "Финансы жана кредит", 2007)],
        training=records,
        plan_lines=[PlanLine(7, "Өмүралиева Күмүшай Ңурбековна", "Бөлүмдүн башкы адиси",
                             "башкы топ", "Жергиликтүү бюджет: түзүү, аткаруу жана отчеттуулук",
                             24, "аралаш", "кыргызча", "II", "мамлекеттик заказ")],
        hr_clerk_name="Ң. Б. Кеңешбекова", printed_on=dt.date(2025, 11, 20))


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


@needs_poppler
def test_card_prints_profile_education_history_and_plan(tmp_path, language):
    language("ky")
    path = tmp_path / "card.pdf"
    assert render_card_pdf(make_card(), path) == 1
    text = pdf_text(path)
    for expected in ("Окуу картасы", "Өмүралиева Күмүшай Ңурбековна", "11503198500123",
                     "15.03.1985", "Ош мамлекеттик университети", "Окуудан өткөнү",
                     "АГУ-1040", "4 (5/4/3/5)", "Практикалык сабактар аз болду",
                     "2026-жылдын окуу планы", "Жергиликтүү бюджет", "Ң. Б. Кеңешбекова"):
        assert expected in text, expected
    assert i18n.format_years_months(4, 3) in text
    assert i18n.format_years_months(16, 10) in text


@needs_poppler
def test_card_with_nothing_recorded_still_prints(tmp_path, language):
    language("en")
    card = make_card(training=0)
    card.education, card.plan_lines, card.birth_date, card.tenure = [], [], None, None
    path = tmp_path / "card.pdf"
    render_card_pdf(card, path)
    text = pdf_text(path)
    assert "None recorded." in text and "None planned." in text


@needs_poppler
def test_long_history_runs_over_pages_with_numbers_and_embedded_fonts(tmp_path, language):
    language("ky")
    path = tmp_path / "card.pdf"
    pages = render_card_pdf(make_card(training=40), path)
    assert pages >= 2
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all("DejaVu" in row and row.split()[-5] == "yes" for row in fonts)


def test_unwritable_path_is_refused_with_a_message(tmp_path, language):
    language("en")
    target = tmp_path / "missing" / "card.pdf"
    with pytest.raises(pdf_base.PdfNotWritten) as caught:
        render_card_pdf(make_card(), target)
    assert "missing" in caught.value.message
    assert not target.parent.exists()


def test_feedback_text_shows_gaps_and_leaves_empty_feedback_blank():
    assert feedback_text(None) == ""
    assert feedback_text(Feedback()) == ""
    assert feedback_text(Feedback(overall=5, relevance=4)) == "5 (4/—/—/—)"



@needs_poppler
@pytest.mark.parametrize("training", [3, 4, 5])
def test_signature_goes_over_with_the_last_plan_lines(tmp_path, language, training):
    """A history that ends near the bottom of page 1 does not leave the HR clerk's signature
    alone on page 2: the plan's heading or last lines go with it."""
    language("ky")
    card = make_card(training)
    card.plan_lines = [dataclasses.replace(card.plan_lines[0], number=n, course=f"Курс №{n}")
                       for n in (1, 2, 3)]
    path = tmp_path / "card.pdf"
    assert render_card_pdf(card, path) == 2
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    last = " ".join(pages[-2].split())
    assert "Ң. Б. Кеңешбекова" in last and "Курс №2" in last and "Курс №3" in last


def test_hours_headings_fit_their_columns_unbroken():
    """"Сааттар" broke into "Саатта / р" in the history's 10 mm hours column."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics

    from hrdesk.reports.card_pdf import PLAN_WIDTHS_MM, TRAINING_WIDTHS_MM

    pdf_base.register_fonts()
    for width_mm in (TRAINING_WIDTHS_MM[2], PLAN_WIDTHS_MM[2]):
        room = width_mm * mm - 2 * pdf_base.CELL_PADDING - 0.5
        for word in ("Сааттар", "Часы", "Hours"):
            assert pdfmetrics.stringWidth(word, pdf_base.FONT_CONDENSED_BOLD, 6.5) <= room
    assert sum(TRAINING_WIDTHS_MM) == sum(PLAN_WIDTHS_MM) == 173

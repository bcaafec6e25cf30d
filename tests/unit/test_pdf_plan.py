"""The printed training plan: text that pdftotext gets back, pages, repeated header, fonts,
progress and cancel."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.wording import language_switcher
from reportlab.pdfbase import pdfmetrics

from hrdesk import i18n
from hrdesk.reports import pdf_base
from hrdesk.reports.plan_pdf import render_plan_pdf
from hrdesk.reports.printouts import PlanLine, PlanPrintout

HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

# The wording the catalogs should carry; used only where a catalog does not translate the
# string yet, so these tests do not wait for the translation pass.
WORDING = {
    "ky": {
        "Approved": "Бекитемин",
        "L.S.": "М.О.",
        "{office}: training plan for {year}": "{office}: {year}-жылга окуу планы",
        "Full name": "Аты-жөнү",
        "Course": "Курс",
        "Funding": "Каржылоо",
    },
    "ru": {
        "Approved": "Утверждаю",
        "L.S.": "М.П.",
        "{office}: training plan for {year}": "{office}: план обучения на {year} год",
        "Full name": "Ф.И.О.",
        "Course": "Курс",
        "Funding": "Финансирование",
    },
}


@pytest.fixture
def language():
    yield from language_switcher(WORDING)


OFFICE = "Ноокен районунун Массы айыл өкмөтү"
KYRGYZ_NAME = "Ңурбаева Өмүркан Үсөнбековна"  # all six letters ң ө ү Ң Ө Ү


def make_plan(n: int, approved_on: dt.date | None = None) -> PlanPrintout:
    courses = ["Мамлекеттик тилде иш кагаздарын жүргүзүү",
               "Жергиликтүү бюджет: түзүү, аткаруу жана отчеттуулук, коомдук угуулар",
               "Санариптик көндүмдөр жана электрондук башкаруу"]
    lines = [
        PlanLine(number=i + 1,
                 full_name=KYRGYZ_NAME if i == 0 else f"Кеңешбеков Нурлан Жолдошбекович {i}",
                 position="Финансы-экономикалык бөлүмдүн башкы адиси",
                 group="башкы топ", course=courses[i % 3], hours=(16, 24, 72)[i % 3],
                 format="аралаш", language="кыргызча", quarter=("I", "II", "III", "IV")[i % 4],
                 funding="мамлекеттик заказ", person_key=str(i // 2))
        for i in range(n)
    ]
    return PlanPrintout(office_name=OFFICE, year=2026, head_position="Айыл өкмөтүнүн башчысы",
                        head_name="Ү. Т. Өмүралиев", hr_clerk_name="Ң. Б. Кеңешбекова",
                        approved=approved_on is not None, approved_on=approved_on, lines=lines)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as pdftotext gives it back."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def has_page_number(text: str, number: int, total: int) -> bool:
    # pdftotext may drop the spaces around the slash of a right-aligned footer.
    return re.search(rf"(?<!\d){number}\s*/\s*{total}(?!\d)", text) is not None


def flat(text: str) -> str:
    return " ".join(text.split())


@needs_poppler
def test_kyrgyz_plan_text_round_trips(tmp_path, language):
    language("ky")
    path = tmp_path / "plan.pdf"
    pages = render_plan_pdf(make_plan(5), path)
    text = flat("\n".join(pdf_pages(path)))
    assert pages == 1
    assert "Бекитемин" in text
    assert "М.О." in text
    assert f"{OFFICE}: 2026-жылга окуу планы" in text
    assert KYRGYZ_NAME in text
    assert "Ң. Б. Кеңешбекова" in text  # the HR clerk's signature line
    assert has_page_number(text, 1, 1)


@needs_poppler
def test_russian_plan_has_utverzhdayu_and_the_title(tmp_path, language):
    language("ru")
    path = tmp_path / "plan.pdf"
    render_plan_pdf(make_plan(5), path)
    text = flat("\n".join(pdf_pages(path)))
    assert "Утверждаю" in text and "М.П." in text
    assert f"{OFFICE}: план обучения на 2026 год" in text


@needs_poppler
def test_long_plan_repeats_the_header_and_numbers_every_page(tmp_path, language):
    language("ky")
    path = tmp_path / "plan.pdf"
    pages = render_plan_pdf(make_plan(100), path)
    texts = pdf_pages(path)
    assert pages >= 2 and len(texts) == pages
    for number, page in enumerate(texts, start=1):
        assert "Аты-жөнү" in page and "Каржылоо" in page, f"no header on page {number}"
        assert has_page_number(page, number, pages), f"no '{number} / {pages}'"
    assert "Бекитемин" in texts[0] and "Бекитемин" not in texts[1]
    last = flat(texts[-1])
    assert "Кеңешбеков Нурлан Жолдошбекович 99" in last
    # 100 lines, 50 people (two lines each), hours 16+24+72 repeating.
    hours = sum((16, 24, 72)[i % 3] for i in range(100))
    assert flat(i18n.format_number(hours)) in last
    assert flat(i18n.format_number(50)) in last


@needs_poppler
def test_every_font_is_embedded_and_none_is_base14(tmp_path, language):
    language("ky")
    path = tmp_path / "plan.pdf"
    render_plan_pdf(make_plan(30), path)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for row in out:
        fields = row.split()
        assert "DejaVu" in fields[0], row
        assert fields[-5] == "yes", f"not embedded: {row}"


@needs_poppler
def test_approval_date_is_printed_when_approved(tmp_path, language):
    language("ru")
    path = tmp_path / "plan.pdf"
    render_plan_pdf(make_plan(3, approved_on=dt.date(2025, 12, 8)), path)
    text = flat(pdf_pages(path)[0])
    assert "8 декабря 2025" in text
    assert "20__" not in text


def test_progress_counts_lines_up_to_the_total(tmp_path, language):
    language("en")
    seen: list[tuple[int, int]] = []
    render_plan_pdf(make_plan(100), tmp_path / "plan.pdf",
                    progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 3
    assert all(total == 100 for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (100, 100)


def test_cancel_leaves_no_file_and_keeps_an_older_one(tmp_path, language):
    language("en")
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"the plan printed yesterday")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # cancel in the middle of the table

    with pytest.raises(pdf_base.Cancelled):
        render_plan_pdf(make_plan(100), path, cancel=cancel)
    assert path.read_bytes() == b"the plan printed yesterday"
    assert sorted(os.listdir(tmp_path)) == ["plan.pdf"]

    fresh = tmp_path / "new.pdf"
    with pytest.raises(pdf_base.Cancelled):
        render_plan_pdf(make_plan(100), fresh, cancel=lambda: True)
    assert not fresh.exists()
    assert sorted(os.listdir(tmp_path)) == ["plan.pdf"]


def test_unwritable_folder_gives_a_clear_message_and_writes_nothing(tmp_path, language):
    language("en")
    missing = tmp_path / "no such folder" / "plan.pdf"
    with pytest.raises(pdf_base.PdfNotWritten) as caught:
        render_plan_pdf(make_plan(3), missing)
    assert "no such folder" in caught.value.message
    assert "could not be written" in caught.value.message
    assert not missing.parent.exists()


def test_empty_plan_still_prints(tmp_path, language):
    language("en")
    path = tmp_path / "plan.pdf"
    assert render_plan_pdf(make_plan(0), path) == 1
    assert path.read_bytes().startswith(b"%PDF")


@needs_poppler
@pytest.mark.parametrize("lines", [11, 13, 16])
def test_signatures_never_stand_alone_on_the_last_page(tmp_path, language, lines):
    """With 11 to 16 lines the table fills the first page and the totals and signatures would
    be alone on the second one: the last lines go over with them, under the repeated header."""
    language("ky")
    path = tmp_path / "plan.pdf"
    assert render_plan_pdf(make_plan(lines), path) == 2
    last = pdf_pages(path)[-1]
    assert "Ң. Б. Кеңешбекова" in last and "Ү. Т. Өмүралиев" in last
    assert f"Жолдошбекович {lines - 2}" in last and f"Жолдошбекович {lines - 1}" in last
    assert "Аты-жөнү" in last  # the header repeats above them


def test_a_long_footer_is_cut_short_of_the_page_number():
    pdf_base.register_fonts()
    text = "Кара-Кульджинская районная государственная администрация — " * 3
    cut = pdf_base.fitted_text(text, pdf_base.FONT, 8, 200)
    assert cut.endswith(" …") and text.startswith(cut[:-2])
    assert pdfmetrics.stringWidth(cut, pdf_base.FONT, 8) <= 200
    assert pdf_base.fitted_text("1 / 2", pdf_base.FONT, 8, 200) == "1 / 2"


@needs_poppler
def test_long_office_name_leaves_the_page_numbers_readable(tmp_path, language):
    language("ky")
    printout = make_plan(30)
    printout.office_name = "Жалал-Абад облусунун Ноокен районунун Массы айыл өкмөтү " * 3
    path = tmp_path / "plan.pdf"
    pages = render_plan_pdf(printout, path)
    for number, text in enumerate(pdf_pages(path), start=1):
        assert has_page_number(text, number, pages) and "…" in text

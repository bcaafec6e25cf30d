"""Printed MKK tables never break a number or a word: the widths leave room for the longest
word of every column and every whole number, and still fill the width given."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from hrdesk.i18n import temporary_language
from hrdesk.reports import pdf_base
from hrdesk.reports.national_pdf import _text, _widths


def test_numbers_and_words_fit_their_columns() -> None:
    pdf_base.register_fonts()
    headers = ["Код курса", "Курс", "Область", "Язык", "Формат", "Места", "Часы", "По планам"]
    title = "Применение Закона «О государственной гражданской службе и муниципальной службе»"
    rows = [
        ("MKK-2026-01", title, "Баткенская область", "кыргызский", "дистанционный", 159, 5724, 0),
        ("MKK-2026-02", "Этика", "город Бишкек", "русский", "очный", 7, 1296000, 12),
    ]
    with temporary_language("ru"):
        widths = _widths(headers, rows, 515.0)
        assert abs(sum(widths) - 515.0) < 0.01
        room = [w - 2 * pdf_base.CELL_PADDING for w in widths]
        for i in (5, 6, 7):
            longest = max(stringWidth(_text(r[i]), pdf_base.FONT_CONDENSED, 8.5) for r in rows)
            assert longest <= room[i], headers[i]
        for i in (0, 1, 2, 3, 4):
            for r in rows:
                for word in str(r[i]).split():
                    assert stringWidth(word, pdf_base.FONT_CONDENSED, 8.5) <= room[i], word
        assert widths[1] == max(widths)  # the long title gets the room left

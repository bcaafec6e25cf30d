"""MKK's national report as a PDF (ky or ru): the summary's tables and charts for the country,
then the oblasts side by side, the seats the state order should buy, state-order training by
year, provider and course quality. Takes the dict of hrdesk.mkk.national.

render_table_pdf prints any one table on screen (the MKK desk's Print).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from hrdesk.i18n import _, format_datetime, format_number, format_percent, temporary_language
from hrdesk.reports import charts, pdf_base
from hrdesk.reports.national_xlsx import (
    label_of,
    office_table,
    place_name,
    quality_table,
    seat_table,
    training_table,
)
from hrdesk.reports.summary_pdf import summary_story

PORTRAIT_WIDTH = pdf_base.PORTRAIT[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT
LANDSCAPE_WIDTH = pdf_base.LANDSCAPE[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, float):
        return format_number(value, 2)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _widths(headers: Sequence[str], rows: Sequence[Sequence[Any]], total: float) -> list[float]:
    """Column widths that never break a number or a word (the longest word of a header or a
    cell, a whole number), with the room left shared in proportion to the longer texts."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(text: str, font: str = pdf_base.FONT_CONDENSED, size: float = 8.5) -> float:
        return stringWidth(text, font, size)

    sample = rows[:2000]
    padding = 2 * pdf_base.CELL_PADDING + 1.5
    smallest, natural = [], []
    for i, header in enumerate(headers):
        values = [r[i] for r in sample]
        texts = {_text(v) for v in values}
        longest = max((width(t) for t in texts), default=0.0)
        # A heading's font may shrink a little (pdf_base.header_cell) rather than widen it.
        word = max(
            (width(w, pdf_base.FONT_CONDENSED_BOLD, 7.0) for w in str(header).split()), default=0
        )
        if values and all(isinstance(v, int | float) or v is None for v in values):
            word = max(word, longest)  # a number is never broken
        else:
            word = max([word] + [width(w) for t in texts for w in t.split()])
        smallest.append(word + padding)
        natural.append(max(word, min(longest, 190.0)) + padding)
    if sum(smallest) >= total:
        return [w * total / sum(smallest) for w in smallest]
    room = total - sum(smallest)
    grow = [n - m for n, m in zip(natural, smallest, strict=True)]
    if sum(grow) <= room:
        left = room - sum(grow)
        return [n + left * n / sum(natural) for n in natural]
    # Short texts first get all they need (one line each); the long ones share what is left.
    widths = list(smallest)
    pending = sorted((i for i, g in enumerate(grow) if g > 0), key=lambda i: grow[i])
    while pending:
        share = room / len(pending)
        if grow[pending[0]] > share:
            for i in pending:
                widths[i] += share
            break
        i = pending.pop(0)
        widths[i] += grow[i]
        room -= grow[i]
    return widths


def table_flowable(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    width: float,
    right: Sequence[int] = (),
) -> Flowable:
    """right: more columns to align right, e.g. shares already formatted as text."""
    numeric = [
        i
        for i in range(len(headers))
        if i in right or (rows and all(isinstance(r[i], int | float) or r[i] is None for r in rows))
    ]
    return pdf_base.data_table(
        list(headers),
        [[_text(v) for v in row] for row in rows],
        _widths(headers, rows, width),
        right=numeric,
    )


def render_table_pdf(
    path: str | os.PathLike[str],
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    subtitle: str = "",
    right: Sequence[int] = (),
) -> int:
    """One table on A4 (landscape when wide) with a title; returns the number of pages.
    right: columns of text to align right as numbers (shares formatted as text)."""
    wide = len(headers) > 6
    width = LANDSCAPE_WIDTH if wide else PORTRAIT_WIDTH
    story: list[Flowable] = [*pdf_base.title_block(title, subtitle)]
    story.append(
        table_flowable(headers, rows, width, right) if rows else pdf_base.paragraph(_("No data."))
    )
    return pdf_base.build_pdf(
        path,
        story,
        pagesize=pdf_base.LANDSCAPE if wide else pdf_base.PORTRAIT,
        title=title,
        footer=title,
    )


def _scope(data: Mapping[str, Any]) -> str:
    filters = data.get("filters", {})
    if not filters:
        return _("Kyrgyz Republic")
    parts = []
    if filters.get("oblast"):
        parts.append(place_name(filters["oblast"]))
    if filters.get("district"):
        parts.append(place_name(filters.get("oblast", ""), filters["district"]))
    if filters.get("office_type"):
        parts.append(label_of("office_type", filters["office_type"]))
    if filters.get("service_type"):
        parts.append(label_of("by_service_type", filters["service_type"]))
    if filters.get("group"):
        parts.append(label_of("by_group", filters["group"]))
    return ", ".join(parts)


def national_story(data: Mapping[str, Any], language: str) -> list[Flowable]:
    story = summary_story(data, _scope(data), language, label_of)
    oblasts = data.get("by_oblast", {})
    story += [PageBreak(), pdf_base.paragraph(_("Oblasts"), "heading")]
    if oblasts:
        names = [place_name(o) for o in oblasts]
        story.append(
            charts.grouped_bars(
                names,
                [
                    (_("Staff"), [g["staff_total"] for g in oblasts.values()]),
                    (_("Assessed"), [g["assessed"] for g in oblasts.values()]),
                ],
                PORTRAIT_WIDTH,
            )
        )
        rows = [
            (
                place_name(o),
                g["staff_total"],
                g["assessed"],
                format_percent(g["assessed"] / g["staff_total"]) if g["staff_total"] else "—",
                g["not_trained"]["people"],
            )
            for o, g in oblasts.items()
        ]
        story.append(
            table_flowable(
                [
                    _("Oblast"),
                    _("Staff"),
                    _("Assessed"),
                    _("Share assessed"),
                    _("Not trained for {years} years or more").format(
                        years=data.get("training_gap_years", "")
                    ),
                ],
                rows,
                PORTRAIT_WIDTH,
            )
        )
        top = [c["code"] for c in data["competencies"][:5]]
        titles = {
            c["code"]: c["title"].get(language) or c["title"].get("ky") or c["code"]
            for c in data["competencies"]
        }
        story.append(
            pdf_base.paragraph(_("Weighted need of the five widest gaps by oblast"), "heading")
        )
        rows = []
        for o, g in oblasts.items():
            by_code = {c["code"]: c["weighted_discrepancy"] for c in g["competencies"]}
            rows.append((place_name(o), *(by_code.get(code) for code in top)))
        story.append(table_flowable([_("Oblast"), *(titles[c] for c in top)], rows, PORTRAIT_WIDTH))
    for title, (headers, rows) in (
        (_("Seats the state order should buy"), seat_table(data)),
        (_("State-order training by year"), training_table(data)),
        (_("Quality of providers from trainees' feedback"), quality_table(data, "provider")),
        (_("Quality of courses from trainees' feedback"), quality_table(data, "course")),
        (_("Offices"), office_table(data)),
    ):
        story += [CondPageBreak(60 * mm), pdf_base.paragraph(title, "heading")]
        shown = rows
        if title == _("Seats the state order should buy"):
            # A course's title once, on its first row: the code beside every row says which.
            shown = [
                (r[0], "" if i and rows[i - 1][0] == r[0] else r[1], *r[2:])
                for i, r in enumerate(rows)
            ]
        story.append(
            table_flowable(headers, shown, PORTRAIT_WIDTH)
            if rows
            else pdf_base.paragraph(_("No data."))
        )
        if headers and headers[0] == _("Course code") and rows and title.startswith(_("Seats")):
            total_seats = sum(r[5] for r in rows)
            total_hours = sum(r[6] for r in rows)
            story.append(
                pdf_base.paragraph(
                    _("In all: {seats} seats, {hours} hours of training.").format(
                        seats=format_number(total_seats), hours=format_number(total_hours)
                    ),
                    "small",
                )
            )
    return story


def render_national_pdf(
    data: Mapping[str, Any],
    path: str | os.PathLike[str],
    language: str,
    cancel: pdf_base.CancelCheck | None = None,
) -> int:
    """Write the national report in `language` (ky or ru; headings too) and return its pages."""
    with temporary_language(language):
        title = _("Training needs {cycle}: national report").format(cycle=data.get("cycle"))
        return pdf_base.build_pdf(
            path,
            national_story(data, language),
            pagesize=pdf_base.PORTRAIT,
            title=title,
            footer=f"{_scope(data)} — {title}",
            cancel=cancel,
        )

"""Completeness of a cycle as a PDF (ky or ru): the rates, a chart per oblast, the tables per
oblast, district and office type, and the list of missing offices to call."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from hrdesk.i18n import _, format_date, format_number, format_percent, temporary_language
from hrdesk.reports import charts, pdf_base
from hrdesk.reports.completeness_xlsx import group_table, offices_table
from hrdesk.reports.national_pdf import PORTRAIT_WIDTH, table_flowable
from hrdesk.reports.national_xlsx import place_name


def _percent_rows(rows: list[tuple], columns: tuple[int, ...]) -> list[tuple]:
    return [
        tuple(format_percent(v) if i in columns and v is not None else v for i, v in enumerate(row))
        for row in rows
    ]


def completeness_story(data: Mapping[str, Any]) -> list[Flowable]:
    totals = data["totals"]
    deadline = data.get("deadline")
    subtitle = _("Deadline: {deadline}").format(
        deadline=format_date(dt.date.fromisoformat(deadline)) if deadline else "—"
    )
    story: list[Flowable] = [
        *pdf_base.title_block(
            _("Packets of the cycle {cycle}: completeness").format(cycle=data["cycle"]), subtitle
        ),
        pdf_base.key_value_table(
            [
                (_("Expected"), format_number(totals["expected"])),
                (_("Received"), format_number(totals["received"])),
                (_("On time"), format_number(totals["on_time"])),
                (_("Late"), format_number(totals["late"])),
                (_("Missing"), format_number(totals["missing"])),
                (
                    _("Reporting rate"),
                    format_percent(totals["rate"]) if totals["rate"] is not None else "—",
                ),
            ],
            (50 * mm, PORTRAIT_WIDTH - 50 * mm),
        ),
    ]
    if data["by_oblast"]:
        story.append(
            charts.grouped_bars(
                [place_name(r["oblast"]) for r in data["by_oblast"]],
                [
                    (_("On time"), [r["on_time"] for r in data["by_oblast"]]),
                    (_("Late"), [r["late"] for r in data["by_oblast"]]),
                    (_("Missing"), [r["missing"] for r in data["by_oblast"]]),
                ],
                PORTRAIT_WIDTH,
                title=_("Offices by oblast"),
            )
        )
    for key, title in (
        ("by_oblast", _("By oblast")),
        ("by_district", _("By district")),
        ("by_office_type", _("By office type")),
    ):
        headers, rows, formats = group_table(data, key)
        story += [CondPageBreak(50 * mm), pdf_base.paragraph(title, "heading")]
        percent = tuple(c - 1 for c in formats)
        story.append(
            table_flowable(headers, _percent_rows(rows, percent), PORTRAIT_WIDTH, right=percent)
            if rows
            else pdf_base.paragraph(_("No data."))
        )
    story += [CondPageBreak(50 * mm), pdf_base.paragraph(_("Offices that sent nothing"), "heading")]
    missing = [dict(o, status="missing") for o in data["missing"]]
    headers, rows = offices_table(missing)
    keep = (0, 1, 2, 3, 4)
    story.append(
        table_flowable(
            [headers[i] for i in keep], [[r[i] for i in keep] for r in rows], PORTRAIT_WIDTH
        )
        if rows
        else pdf_base.paragraph(_("None."))
    )
    return story


def render_completeness_pdf(
    data: Mapping[str, Any], path: str | os.PathLike[str], language: str
) -> int:
    with temporary_language(language):
        title = _("Packets of the cycle {cycle}: completeness").format(cycle=data["cycle"])
        return pdf_base.build_pdf(
            path, completeness_story(data), pagesize=pdf_base.PORTRAIT, title=title, footer=title
        )

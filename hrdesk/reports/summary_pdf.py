"""The office's needs-assessment summary as a PDF: ranked needs per competency, demand per course,
obstacles, growth needs and the staff profile, as tables and black-and-white charts.

It prints the summary dict of hrdesk.analysis.summary.office_summary() (keys in issue 3 and
docs/cli.md). Codes of answers and breakdowns are shown through `label_of(key, code)`, which
the caller passes in (for example built from hrdesk.domain.enums and
hrdesk.domain.assessment.answer_label); headings use the language in force, and `language`
picks the catalogue titles (ky, ru or en) of competencies and courses.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from hrdesk.i18n import N_, _, format_number, format_percent
from hrdesk.reports import charts, pdf_base

LabelOf = Callable[[str, str], str]

FRAME_WIDTH = pdf_base.PORTRAIT[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT
COMPETENCY_WIDTHS_MM = (11, 78, 21, 21, 21, 21)
COURSE_WIDTHS_MM = (22, 107, 22, 22)
MAX_CHART_ITEMS = 15

# Breakdowns whose codes have a natural order (bands) are drawn in that order, the others ranked.
ANSWER_SECTIONS = (
    ("obstacles_duties", N_("What hinders performing duties")),
    ("obstacles_training", N_("What hinders taking training")),
    ("growth_needs", N_("What professional growth needs most")),
)
PROFILE_SECTIONS = (
    ("by_sex", N_("Staff by sex"), False),
    ("by_age_band", N_("Staff by age"), True),
    ("by_tenure_band", N_("Staff by years in the current position"), True),
    ("by_education_field", N_("Staff by field of education"), False),
    ("by_service_type", N_("Staff by type of service"), False),
    ("by_group", N_("Staff by group of positions"), False),
)


def _title_of(item: Mapping[str, Any], language: str, code_key: str) -> str:
    title = item.get("title")
    if isinstance(title, Mapping):
        return title.get(language) or title.get("ky") or title.get("ru") or str(item[code_key])
    return str(title or item[code_key])


def _decimal(value: float | None) -> str:
    return format_number(value, 2) if value is not None else "—"


def _counts_chart(counts: Mapping[str, int], key: str, label_of: LabelOf, ordered: bool,
                  title: str) -> list[Flowable]:
    items = [(label_of(key, code), n) for code, n in counts.items()]
    if not ordered:
        items = sorted((item for item in items if item[1]), key=lambda item: -item[1])
    elif items and items[-1][1] == 0 and list(counts)[-1] == "unknown":
        items = items[:-1]  # an empty "unknown" band says nothing
    if not any(n for _label, n in items):
        return [pdf_base.paragraph(title, "heading"), pdf_base.paragraph(_("No answers."))]
    return [pdf_base.paragraph(title, "heading"),
            charts.ranked_bars(items[:MAX_CHART_ITEMS], FRAME_WIDTH)]


def summary_story(summary: Mapping[str, Any], office_name: str, language: str,
                  label_of: LabelOf) -> list[Flowable]:
    staff_total = int(summary.get("staff_total", 0))
    assessed = int(summary.get("assessed", 0))
    share = format_percent(assessed / staff_total) if staff_total else "—"
    story: list[Flowable] = [
        pdf_base.paragraph(office_name, "small"),
        *pdf_base.title_block(
            _("Training needs assessment {cycle}: summary").format(cycle=summary.get("cycle")),
            _("Staff: {total}; assessed: {assessed} ({share})").format(
                total=format_number(staff_total), assessed=format_number(assessed),
                share=share)),
    ]

    competencies = list(summary.get("competencies", []))
    story.append(pdf_base.paragraph(_("Training needs by competency"), "heading"))
    rated = [c for c in competencies if c.get("weighted_discrepancy") is not None]
    # The chart shows needs only; a zero or negative score (no need) stays in the table.
    needs = [c for c in rated if c["weighted_discrepancy"] > 0][:MAX_CHART_ITEMS]
    if needs:
        story.append(charts.ranked_bars(
            [(_title_of(c, language, "code"), c["weighted_discrepancy"]) for c in needs],
            FRAME_WIDTH, value_format=_decimal))
        story.append(pdf_base.spacer(3))
    if rated:
        story.append(pdf_base.data_table(
            [_("Rank"), _("Competency"), _("Importance"), _("Performance"), _("Gap"),
             _("Weighted need")],
            [[str(c.get("rank", "")), _title_of(c, language, "code"),
              _decimal(c.get("mean_importance")), _decimal(c.get("mean_performance")),
              _decimal(c.get("mean_gap")), _decimal(c.get("weighted_discrepancy"))]
             for c in competencies],
            [w * mm for w in COMPETENCY_WIDTHS_MM], right=(0, 2, 3, 4, 5)))
        story.append(pdf_base.paragraph(
            _("Weighted need: the mean of (importance − performance) times the mean "
              "importance (Borich); ratings from 1 to 5."), "small"))
    else:
        story.append(pdf_base.paragraph(_("No answers.")))

    demand = list(summary.get("course_demand", []))
    story.append(CondPageBreak(60 * mm))
    story.append(pdf_base.paragraph(_("Demand for courses"), "heading"))
    if demand:
        story.append(pdf_base.data_table(
            [_("Code"), _("Course"), _("Requested"), _("Endorsed")],
            [[str(d.get("course_code", "")), _title_of(d, language, "course_code"),
              format_number(d.get("requested", 0)), format_number(d.get("endorsed", 0))]
             for d in demand],
            [w * mm for w in COURSE_WIDTHS_MM], right=(2, 3)))
    else:
        story.append(pdf_base.paragraph(_("No courses requested.")))

    for key, heading in ANSWER_SECTIONS:
        story.append(CondPageBreak(50 * mm))
        story.extend(_counts_chart(summary.get(key, {}), key, label_of, False, _(heading)))
    for key, heading, ordered in PROFILE_SECTIONS:
        story.append(CondPageBreak(50 * mm))
        story.extend(_counts_chart(summary.get(key, {}), key, label_of, ordered, _(heading)))
    return story


def summary_document(summary: Mapping[str, Any], office_name: str, language: str,
                     label_of: LabelOf | None = None) -> pdf_base.PdfDocument:
    """The summary ready to be written (A4 portrait), in the language in force.

    label_of(key, code) names a code of the breakdown `key` ("obstacles_duties", "by_sex", ...);
    without it the codes themselves are printed.
    """
    pdf_base.register_fonts()
    label_of = label_of or (lambda _key, code: code)
    title = _("Training needs assessment {cycle}: summary").format(cycle=summary.get("cycle"))
    return pdf_base.PdfDocument(summary_story(summary, office_name, language, label_of),
                                pdf_base.PORTRAIT, title, f"{office_name} — {title}")


def render_summary_pdf(summary: Mapping[str, Any], path: str | os.PathLike[str],
                       office_name: str, language: str, label_of: LabelOf | None = None,
                       cancel: pdf_base.CancelCheck | None = None) -> int:
    """Write the summary to `path` (A4 portrait) and return the number of pages."""
    return summary_document(summary, office_name, language, label_of).write(path, cancel=cancel)

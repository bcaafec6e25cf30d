"""A person's training card: profile, education, training history with feedback, and the lines
of this year's plan. A4 portrait."""

from __future__ import annotations

import datetime as dt
import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from hrdesk.domain.models import Feedback
from hrdesk.i18n import _, format_date, format_number, format_years_months
from hrdesk.reports import pdf_base
from hrdesk.reports.printouts import CardPrintout, CardTraining

FRAME_WIDTH = pdf_base.PORTRAIT[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT  # 173 mm

EDUCATION_WIDTHS_MM = (32, 28, 52, 46, 15)
TRAINING_WIDTHS_MM = (44, 21, 12, 17, 16, 22, 17, 24)
PLAN_WIDTHS_MM = (9, 72, 14, 20, 18, 16, 24)

DASH = "—"


def _or_dash(text: str) -> str:
    return text or DASH


def _date_with_duration(date: dt.date | None, duration: tuple[int, int] | None) -> str:
    if date is None and duration is None:
        return DASH
    parts = []
    if date is not None:
        parts.append(format_date(date, "numeric"))
    if duration is not None:
        parts.append(f"({format_years_months(*duration)})" if date else
                     format_years_months(*duration))
    return " ".join(parts)


def profile_pairs(card: CardPrintout) -> list[tuple[str, str]]:
    return [
        (_("Full name"), card.full_name),
        (_("PIN"), _or_dash(card.pin)),
        (_("Sex"), _or_dash(card.sex)),
        (_("Date of birth"), format_date(card.birth_date, "numeric") or DASH),
        (_("Unit"), _or_dash(card.unit)),
        (_("Position"), _or_dash(card.position)),
        (_("Service type"), _or_dash(card.service_type)),
        (_("Position category"), _or_dash(card.category)),
        (_("Group"), _or_dash(card.group)),
        (_("Class rank"), _or_dash(card.class_rank)),
        (_("Status"), _or_dash(card.status)),
        (_("Languages"), _or_dash(card.languages)),
        (_("In the current position since"), _date_with_duration(card.appointed_on, card.tenure)),
        (_("In public service since"),
         _date_with_duration(card.service_started_on, card.service_length)),
    ]


def feedback_text(feedback: Feedback | None) -> str:
    """'4 (5/4/3/5)' — overall, then relevance / trainer / practice / language fit — and the
    comment on the next line; the legend under the table explains the order."""
    if feedback is None or feedback.is_empty():
        return ""

    def mark(value: int | None) -> str:
        return str(value) if value is not None else DASH

    details = "/".join(mark(v) for v in (feedback.relevance, feedback.trainer,
                                          feedback.practice, feedback.language_fit))
    text = f"{mark(feedback.overall)} ({details})"
    if feedback.comment:
        text += "\n" + feedback.comment
    return text


def _dates(record: CardTraining) -> str:
    start = format_date(record.start_date, "numeric")
    end = format_date(record.end_date, "numeric")
    if start and end and start != end:
        return f"{start} –\n{end}"
    return start or end


def training_rows(records: list[CardTraining]) -> list[list[str]]:
    rows = []
    for record in records:
        course = record.course + (f"\n{record.provider}" if record.provider else "")
        rows.append([course, _dates(record),
                     format_number(record.hours) if record.hours is not None else "",
                     record.format, record.language, record.funding, record.certificate_no,
                     feedback_text(record.feedback)])
    return rows


def card_story(card: CardPrintout) -> list[Flowable]:
    story: list[Flowable] = [
        pdf_base.paragraph(card.office_name, "small"),
        *pdf_base.title_block(_("Training card"), card.full_name),
        pdf_base.paragraph(_("Profile"), "heading"),
        pdf_base.key_value_table(profile_pairs(card), (58 * mm, FRAME_WIDTH - 58 * mm)),
        pdf_base.paragraph(_("Education"), "heading"),
    ]
    if card.education:
        story.append(pdf_base.data_table(
            [_("Level"), _("Field"), _("Institution"), _("Speciality"), _("Year")],
            [[e.level, e.field, e.institution, e.speciality,
              str(e.graduation_year) if e.graduation_year else ""] for e in card.education],
            [w * mm for w in EDUCATION_WIDTHS_MM], right=(4,)))
    else:
        story.append(pdf_base.paragraph(_("None recorded."), "body"))

    story.append(pdf_base.paragraph(_("Training history"), "heading"))
    if card.training:
        story.append(pdf_base.data_table(
            [_("Course, provider"), _("Dates"), _("Hours"), _("Format"), _("Language"),
             _("Funding"), _("Certificate"), _("Feedback")],
            training_rows(card.training), [w * mm for w in TRAINING_WIDTHS_MM], right=(2,)))
        story.append(pdf_base.paragraph(
            _("Feedback: overall (relevance / trainer competence / share of practice / "
              "language fit), each from 1 to 5."), "small"))
    else:
        story.append(pdf_base.paragraph(_("None recorded."), "body"))

    plan_heading = pdf_base.paragraph(
        _("Training plan for {year}").format(year=card.year), "heading")
    plan_table = None
    if card.plan_lines:
        plan_table = pdf_base.data_table(
            [_("No."), _("Course"), _("Hours"), _("Format"), _("Language"), _("Quarter"),
             _("Funding")],
            [[str(line.number), line.course,
              format_number(line.hours) if line.hours is not None else "", line.format,
              line.language, line.quarter, line.funding] for line in card.plan_lines],
            [w * mm for w in PLAN_WIDTHS_MM], right=(0, 2), center=(5,))
    closing: list[Flowable] = [pdf_base.spacer(8),
                               pdf_base.signature_block([(_("HR clerk"), card.hr_clerk_name)],
                                                        FRAME_WIDTH)]
    if card.printed_on is not None:
        closing.append(pdf_base.spacer(3))
        closing.append(pdf_base.paragraph(
            _("Printed on {date}").format(date=format_date(card.printed_on, "long")), "small"))
    # The signature goes over to a new page only with the last lines of the card.
    if plan_table is not None:
        story.append(pdf_base.TableWithClosing(plan_table, closing, lead=[plan_heading]))
    else:
        story.append(KeepTogether(
            [plan_heading, pdf_base.paragraph(_("None planned."), "body"), *closing]))
    return story


def card_document(card: CardPrintout) -> pdf_base.PdfDocument:
    """The training card ready to be written (A4 portrait), in the language in force."""
    pdf_base.register_fonts()
    document = _("Training card")
    return pdf_base.PdfDocument(card_story(card), pdf_base.PORTRAIT,
                                f"{document}: {card.full_name}",
                                f"{card.full_name} — {document}")


def render_card_pdf(card: CardPrintout, path: str | os.PathLike[str]) -> int:
    """Write the training card to `path` (A4 portrait) and return the number of pages."""
    return card_document(card).write(path)

"""The annual training plan as the head signs and stamps it: A4 landscape, approval block top
right, title, the table of lines, totals and the signature lines."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from hrdesk.i18n import _, format_number
from hrdesk.reports import pdf_base
from hrdesk.reports.pdf_base import CancelCheck, ProgressCallback
from hrdesk.reports.printouts import PlanLine, PlanPrintout

# Widths in mm of: No., full name, position, group, course, hours, format, language, quarter,
# funding. They add up to the frame width of landscape A4 (297 - 25 - 12 = 260).
COLUMN_WIDTHS_MM = (9, 42, 38, 20, 60, 12, 20, 18, 15, 26)


def plan_title(office_name: str, year: int) -> str:
    # TRANSLATORS: title of the printed plan; ky "{office}: {year}-жылга окуу планы",
    # ru "{office}: план обучения на {year} год"
    return _("{office}: training plan for {year}").format(office=office_name, year=year)


def plan_header() -> list[str]:
    return [_("No."), _("Full name"), _("Position"), _("Group"), _("Course"), _("Hours"),
            _("Format"), _("Language"), _("Quarter"), _("Funding")]


def plan_rows(lines: list[PlanLine]) -> list[list[str]]:
    return [[str(line.number), line.full_name, line.position, line.group, line.course,
             format_number(line.hours) if line.hours is not None else "", line.format,
             line.language, line.quarter, line.funding] for line in lines]


def plan_story(printout: PlanPrintout, frame_width: float) -> list[Flowable]:
    story: list[Flowable] = [
        pdf_base.approval_block(printout.head_position, printout.head_name,
                                printout.approved_on if printout.approved else None),
        pdf_base.spacer(4),
        *pdf_base.title_block(plan_title(printout.office_name, printout.year)),
    ]
    table = None
    if printout.lines:
        table = pdf_base.data_table(plan_header(), plan_rows(printout.lines),
                                    [w * mm for w in COLUMN_WIDTHS_MM], right=(0, 5), center=(8,))
    else:
        story.append(pdf_base.paragraph(_("The plan has no lines."), "body"))
    # TRANSLATORS: the totals under the plan; word it so that no plural form is needed, e.g.
    # ru "Итого: человек — {people}, строк — {lines}, часов — {hours}"
    totals = _("Total: {people} people, {lines} lines, {hours} hours").format(
        people=format_number(printout.people), lines=format_number(len(printout.lines)),
        hours=format_number(printout.hours))
    signers = [
        (printout.head_position or _("Head of the office"), printout.head_name),
        (_("HR clerk"), printout.hr_clerk_name),
    ]
    closing = [
        pdf_base.spacer(3),
        pdf_base.paragraph(totals, "body"),
        pdf_base.spacer(6),
        pdf_base.signature_block(signers, frame_width),
    ]
    # Totals and signatures stay together, with the table's last lines: never alone on a page.
    if table is not None:
        story.append(pdf_base.TableWithClosing(table, closing))
    else:
        story.append(KeepTogether(closing))
    return story


def plan_document(printout: PlanPrintout) -> pdf_base.PdfDocument:
    """The plan ready to be written (A4 landscape), in the language in force."""
    pdf_base.register_fonts()  # the story measures text in the shipped fonts
    frame_width = pdf_base.LANDSCAPE[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT
    title = plan_title(printout.office_name, printout.year)
    return pdf_base.PdfDocument(plan_story(printout, frame_width), pdf_base.LANDSCAPE, title,
                                title, progress_total=len(printout.lines))


def render_plan_pdf(printout: PlanPrintout, path: str | os.PathLike[str],
                    progress: ProgressCallback | None = None,
                    cancel: CancelCheck | None = None) -> int:
    """Write the plan to `path` (A4 landscape) and return the number of pages.

    progress(done, total) counts plan lines; cancel() returning True stops the build with
    pdf_base.Cancelled and leaves no file.
    """
    return plan_document(printout).write(path, progress, cancel)

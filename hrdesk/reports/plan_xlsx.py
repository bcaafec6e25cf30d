"""The annual training plan as an XLSX workbook: the approval line at the top, the title, then
the table with translated headers and real numbers (No., hours, quarter) and a real date.
Takes a PlanPrintout (hrdesk.reports.plan_data); never queries the database."""

from __future__ import annotations

import os
from pathlib import Path

from hrdesk.i18n import _, format_date
from hrdesk.reports.plan_pdf import plan_header, plan_title
from hrdesk.reports.printouts import PlanPrintout
from hrdesk.reports.xlsx_tables import save_workbook

_QUARTER_NUMBER = {"I": 1, "II": 2, "III": 3, "IV": 4}
# Widths (characters) of: No., full name, position, group, course, hours, format, language,
# quarter, funding.
_WIDTHS = (6, 34, 30, 16, 50, 8, 14, 12, 9, 18)
HOURS_COLUMN, QUARTER_COLUMN = 6, 9


def approval_line(printout: PlanPrintout) -> str:
    """The approval as one line: "Approved: {position} {name}, {date}" or "... ____"."""
    # TRANSLATORS: "Approved" as in the approval block of the printed plan (ky "Бекитемин",
    # ru "Утверждаю")
    approved = _("Approved")
    who = " ".join(p for p in (printout.head_position, printout.head_name) if p)
    when = (format_date(printout.approved_on) if printout.approved and printout.approved_on
            else "«____» ____________")
    return f"{approved}: {who}, {when}" if who else f"{approved}: {when}"


def write_plan_xlsx(printout: PlanPrintout, path: str | os.PathLike[str]) -> Path:
    """Write the workbook to a temporary file and move it into place (whole or not at all)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    workbook = Workbook()
    ws = workbook.active
    ws.title = _("Training plan")[:31]
    headers = plan_header()
    bold = Font(bold=True)

    ws.append([approval_line(printout)])
    ws.cell(1, 1).font = bold
    if printout.approved and printout.approved_on:
        ws.append([_("Approved on"), printout.approved_on])
        ws.cell(2, 2).number_format = "DD.MM.YYYY"
        ws.cell(2, 2).alignment = Alignment(horizontal="left")
    else:
        ws.append([_("Not approved yet")])
    ws.append([plan_title(printout.office_name, printout.year)])
    ws.cell(3, 1).font = Font(bold=True, size=13)
    ws.append([])
    ws.append(headers)
    # After the append: an empty row moves the cursor but not max_row.
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in printout.lines:
        ws.append([
            line.number, line.full_name, line.position, line.group, line.course, line.hours,
            line.format, line.language, _QUARTER_NUMBER.get(line.quarter, line.quarter or None),
            line.funding,
        ])
    last = ws.max_row
    for row in ws.iter_rows(min_row=header_row + 1, max_row=last):
        row[HOURS_COLUMN - 1].number_format = "0"
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    total_row = last + 2
    ws.cell(total_row, 5, _("Total")).font = bold
    # A value, not a SUM formula: viewers that do not compute formulas would show nothing.
    ws.cell(total_row, HOURS_COLUMN, printout.hours).font = bold
    for i, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return save_workbook(workbook, path)

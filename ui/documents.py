"""The printed documents (plan, summary, training card) prepared for a worker thread.

hrdesk's language is one global setting, so a worker must not switch it: the UI would show the
print language meanwhile, and two switches could leave the wrong one behind. Everything that
translates (the reports' stories: headings, labels, dates) is therefore made by the core's
builders (hrdesk.reports.*_pdf: plan_document, card_document, summary_document — the same ones
the command line writes with) here, in the GUI thread, inside hrdesk.i18n.temporary_language;
the worker only lays out and writes the PDF (hrdesk.reports.pdf_base.PdfDocument.write), which
translates nothing but its own error messages, in the UI's language.
Making the story of a 1,000-line plan takes about 0.1 s; laying it out takes the seconds.

A story is consumed by the build: prepare a new PdfDocument for every file.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hrdesk.i18n import _, temporary_language
from hrdesk.reports.pdf_base import PdfDocument
from hrdesk.store.database import Database

__all__ = ["PdfDocument", "card_document", "plan_document", "summary_document",
           "write_plan_workbook"]


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else "_" for c in text).strip() or "hrdesk"


def plan_document(database: Database, year: int, language: str,
                  include_cancelled: bool = False) -> PdfDocument:
    from hrdesk.reports.plan_data import plan_printout
    from hrdesk.reports.plan_pdf import plan_document as plan_pdf

    with temporary_language(language):
        document = plan_pdf(plan_printout(database, year, language, include_cancelled))
        file_name = _("training-plan-{year}-{language}.pdf").format(year=year, language=language)
    return dataclasses.replace(document, file_name=file_name)


def card_document(database: Database, staff_id: int, language: str,
                  year: int | None = None) -> PdfDocument:
    from hrdesk.reports.card_pdf import card_document as card_pdf
    from hrdesk.reports.plan_data import card_printout

    with temporary_language(language):
        card = card_printout(database, staff_id, year, language)
        document = card_pdf(card)
        file_name = _safe_name(f"{_('Training card')} {card.full_name}") + ".pdf"
    return dataclasses.replace(document, file_name=file_name)


def summary_document(database: Database, cycle: int, language: str) -> PdfDocument:
    """The needs-assessment summary of the own office for the cycle."""
    from hrdesk import errors
    from hrdesk.analysis.summary import office_summary
    from hrdesk.reports.summary_pdf import summary_document as summary_pdf
    from hrdesk.reports.summary_xlsx import code_label
    from hrdesk.store.assessments import AssessmentRepository
    from hrdesk.store.offices import OfficeRepository

    if AssessmentRepository(database).cycle(cycle) is None:
        raise errors.NotFound(
            _("The assessment cycle {year} has not been opened.").format(year=cycle)
        )
    office = OfficeRepository(database).own()
    office_ids = [office.id] if office is not None and office.id is not None else None
    summary = office_summary(database, cycle, office_ids)
    with temporary_language(language):
        office_name = office.name(language) if office is not None else _("All offices")
        document = summary_pdf(summary, office_name, language, code_label)
        file_name = _("needs-summary-{year}-{language}.pdf").format(year=cycle, language=language)
    return dataclasses.replace(document, file_name=file_name)


def write_plan_workbook(database: Database, year: int, language: str,
                        path: str | os.PathLike[str]) -> int:
    """The plan as XLSX in `language`; returns the number of lines. Quick enough for the GUI
    thread (no layout)."""
    from hrdesk.reports.plan_data import plan_printout
    from hrdesk.reports.plan_xlsx import write_plan_xlsx

    with temporary_language(language):
        printout = plan_printout(database, year, language)
        write_plan_xlsx(printout, Path(path))
    return len(printout.lines)

"""The printed documents (plan, summary, training card) prepared for a worker thread.

hrdesk's language is one global setting, so a worker must not switch it: the UI would show the
print language meanwhile, and two switches could leave the wrong one behind. Everything that
translates (the reports' stories: headings, labels, dates) is therefore made here, in the GUI
thread, inside hrdesk.i18n.temporary_language; the worker only lays out and writes the PDF
(PdfDocument.write), which translates nothing but its own error messages, in the UI's language.
Making the story of a 1,000-line plan takes about 0.1 s; laying it out takes the seconds.

A story is consumed by the build: prepare a new PdfDocument for every file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrdesk.i18n import _, temporary_language
from hrdesk.reports import pdf_base
from hrdesk.store.database import Database

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass
class PdfDocument:
    """A document ready to be written: `story` in the print language, `file_name` a suggested
    name for the file (without folder)."""

    story: list[Any]
    pagesize: tuple[float, float]
    title: str
    footer: str
    file_name: str
    progress_total: int = 0

    def write(self, path: str | os.PathLike[str], progress: ProgressCallback | None = None,
              cancel: CancelCheck | None = None) -> int:
        """Write the PDF (whole or not at all) and return its number of pages. Runs in a
        worker; raises pdf_base.Cancelled when cancel() turns True."""
        return pdf_base.build_pdf(path, self.story, pagesize=self.pagesize, title=self.title,
                                  footer=self.footer, progress_total=self.progress_total,
                                  progress=progress, cancel=cancel)


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else "_" for c in text).strip() or "hrdesk"


def plan_document(database: Database, year: int, language: str,
                  include_cancelled: bool = False) -> PdfDocument:
    from hrdesk.reports.plan_data import plan_printout
    from hrdesk.reports.plan_pdf import plan_story, plan_title

    pdf_base.register_fonts()  # the story measures text in the shipped fonts
    with temporary_language(language):
        printout = plan_printout(database, year, language, include_cancelled)
        frame_width = pdf_base.LANDSCAPE[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT
        title = plan_title(printout.office_name, printout.year)
        story = plan_story(printout, frame_width)
        file_name = _("training-plan-{year}-{language}.pdf").format(year=year, language=language)
    return PdfDocument(story, pdf_base.LANDSCAPE, title, title, file_name, len(printout.lines))


def card_document(database: Database, staff_id: int, language: str,
                  year: int | None = None) -> PdfDocument:
    from hrdesk.reports.card_pdf import card_story
    from hrdesk.reports.plan_data import card_printout

    pdf_base.register_fonts()
    with temporary_language(language):
        card = card_printout(database, staff_id, year, language)
        document = _("Training card")
        story = card_story(card)
    return PdfDocument(story, pdf_base.PORTRAIT, f"{document}: {card.full_name}",
                       f"{card.full_name} — {document}",
                       _safe_name(f"{document} {card.full_name}") + ".pdf")


def summary_document(database: Database, cycle: int, language: str) -> PdfDocument:
    """The needs-assessment summary of the own office for the cycle."""
    from hrdesk import errors
    from hrdesk.analysis.summary import office_summary
    from hrdesk.reports.summary_pdf import summary_story
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
    pdf_base.register_fonts()
    with temporary_language(language):
        office_name = office.name(language) if office is not None else _("All offices")
        title = _("Training needs assessment {cycle}: summary").format(cycle=cycle)
        story = summary_story(summary, office_name, language, code_label)
        file_name = _("needs-summary-{year}-{language}.pdf").format(year=cycle, language=language)
    return PdfDocument(story, pdf_base.PORTRAIT, title, f"{office_name} — {title}", file_name)


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

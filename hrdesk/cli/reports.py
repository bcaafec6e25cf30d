"""hrdesk report ...: one function per report, registered in register_reports.

To add a report, write its add_X/run_X pair (here or in a sibling module with its own
register_reports) and list add_X in REPORTS."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from hrdesk import errors
from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import LANGUAGES, _, set_language


def add_output_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """--format, --out and --lang, shared by the reports."""
    parser.add_argument("--format", choices=formats, default=formats[0], help=_("output format"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("output file"))
    parser.add_argument(
        "--lang", dest="report_lang", choices=LANGUAGES, help=_("language of the report")
    )


def write_json(data: object, path: Path) -> None:
    """Whole or not at all: a temporary file moved into place."""
    import os

    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise errors.InputFileError(
            _("The file {file} cannot be written: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
        ) from exc


# --- report summary -------------------------------------------------------------------------


def add_summary(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("summary", help=_("needs-assessment summary of a cycle"))
    add_db_argument(p)
    p.add_argument("--cycle", type=int, required=True, metavar=_("YEAR"), help=_("cycle year"))
    add_output_arguments(p, ("json", "xlsx", "pdf"))
    p.add_argument(
        "--office",
        action="append",
        default=None,
        metavar=_("CODE"),
        help=_("only this office (repeatable; default: every office in the database)"),
    )
    p.set_defaults(func=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    from hrdesk.analysis.summary import office_summary
    from hrdesk.store.assessments import AssessmentRepository
    from hrdesk.store.offices import OfficeRepository

    if args.report_lang:
        set_language(args.report_lang)
    with open_database(args.db) as database:
        if AssessmentRepository(database).cycle(args.cycle) is None:
            raise errors.NotFound(
                _("The assessment cycle {year} has not been opened.").format(year=args.cycle)
            )
        office_ids = None
        if args.office:
            offices = OfficeRepository(database)
            office_ids = []
            for code in args.office:
                office = offices.by_code(code)
                if office is None or office.id is None:
                    raise errors.NotFound(
                        _("There is no office with the code {code}.").format(code=code)
                    )
                office_ids.append(office.id)
        summary = office_summary(database, args.cycle, office_ids)
        office_name = _summary_office_name(OfficeRepository(database), office_ids)
    if args.format == "pdf":
        from hrdesk.i18n import current_language
        from hrdesk.reports.pdf_base import PdfNotWritten
        from hrdesk.reports.summary_pdf import render_summary_pdf
        from hrdesk.reports.summary_xlsx import code_label as label_of

        try:
            render_summary_pdf(summary, args.out, office_name, current_language(), label_of)
        except PdfNotWritten as exc:  # a file that cannot be written: exit 2, as for XLSX
            raise errors.InputFileError(exc.message) from exc
    elif args.format == "xlsx":
        from hrdesk.reports.summary_xlsx import write_summary_xlsx

        try:
            write_summary_xlsx(summary, args.out)
        except OSError as exc:
            raise errors.InputFileError(
                _("The file {file} cannot be written: {reason}").format(
                    file=args.out, reason=exc.strerror or exc
                )
            ) from exc
    else:
        write_json(summary, args.out)
    print(
        _("Wrote {file}: {assessed} of {staff} people assessed in the cycle {cycle}.").format(
            file=args.out,
            assessed=summary["assessed"],
            staff=summary["staff_total"],
            cycle=args.cycle,
        )
    )
    return 0


def _summary_office_name(offices, office_ids: list[int] | None) -> str:
    """The office the summary is of: the one asked for, or the own office; else all offices."""
    from hrdesk.i18n import current_language

    office = None
    if office_ids and len(office_ids) == 1:
        office = offices.get(office_ids[0])
    elif not office_ids:
        office = offices.own()
    return office.name(current_language()) if office is not None else _("All offices")


REPORTS: list[Callable[[argparse._SubParsersAction], None]] = [add_summary]


def register(sub: argparse._SubParsersAction) -> None:
    """No top-level command; the reports hang under `hrdesk report`."""


def register_reports(report_sub: argparse._SubParsersAction) -> None:
    for add in REPORTS:
        add(report_sub)

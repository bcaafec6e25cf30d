"""MKK's commands: the expected offices, accepting packets, and the completeness and national
reports (docs/cli-mkk.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk import errors
from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.cli.reports import add_output_arguments, write_json
from hrdesk.i18n import _, current_language, set_language


def register(sub: argparse._SubParsersAction) -> None:
    offices = sub.add_parser("offices", help=_("MKK: the offices expected to send packets"))
    offices_sub = offices.add_subparsers(
        dest="offices_command", metavar=_("COMMAND"), required=True
    )
    imp = offices_sub.add_parser(
        "import", help=_("import the list of expected offices (XLSX or CSV)")
    )
    add_db_argument(imp)
    imp.add_argument("file", type=Path, metavar=_("FILE"))
    imp.add_argument(
        "--from-cycle",
        type=int,
        metavar=_("YEAR"),
        help=_(
            "the first cycle the new offices are expected in (default: the newest cycle in "
            "the database; every cycle when there is none)"
        ),
    )
    imp.set_defaults(func=run_import)

    accept = offices_sub.add_parser(
        "accept", help=_("accept and lock an office's packet of a cycle")
    )
    unlock = offices_sub.add_parser("unlock", help=_("unlock accepted data for a newer packet"))
    for parser in (accept, unlock):
        add_db_argument(parser)
        parser.add_argument(
            "--cycle", type=int, required=True, metavar=_("YEAR"), help=_("cycle year")
        )
        parser.add_argument("--office", required=True, metavar=_("CODE"), help=_("office code"))
        parser.add_argument("--by", default="", metavar=_("NAME"), help=_("who decides"))
    unlock.add_argument("--reason", required=True, help=_("why the data is unlocked"))
    accept.set_defaults(func=run_accept)
    unlock.set_defaults(func=run_unlock)


def register_reports(report_sub: argparse._SubParsersAction) -> None:
    completeness = report_sub.add_parser(
        "completeness", help=_("MKK: which offices have sent the cycle's packet")
    )
    add_db_argument(completeness)
    completeness.add_argument(
        "--cycle", type=int, required=True, metavar=_("YEAR"), help=_("cycle year")
    )
    add_output_arguments(completeness, ("json", "xlsx", "pdf"))
    completeness.set_defaults(func=run_completeness)

    national = report_sub.add_parser("national", help=_("MKK: the national analysis of a cycle"))
    add_db_argument(national)
    national.add_argument(
        "--cycle", type=int, required=True, metavar=_("YEAR"), help=_("cycle year")
    )
    national.add_argument(
        "--oblast", default="", metavar=_("CODE"), help=_("only this oblast (ISO code, e.g. KG-C)")
    )
    national.add_argument("--district", default="", help=_("only this district"))
    national.add_argument("--office-type", default="", help=_("only this office type"))
    national.add_argument("--service-type", default="", help=_("only this service type"))
    national.add_argument("--group", default="", help=_("only this position group"))
    national.add_argument(
        "--office",
        default="",
        metavar=_("CODE"),
        help=_("only this office (its figures as it printed them)"),
    )
    add_output_arguments(national, ("json", "xlsx", "pdf"))
    national.set_defaults(func=run_national)


def run_import(args: argparse.Namespace) -> int:
    from hrdesk.mkk.expected_offices import import_expected_offices, latest_cycle

    with open_database(args.db) as database:
        first = args.from_cycle if args.from_cycle is not None else latest_cycle(database)
        try:
            counts = import_expected_offices(database, args.file, from_cycle=first)
        except errors.ValidationFailed as exc:
            print(_("The list was not imported; nothing was changed:"), file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem.message}", file=sys.stderr)
            return 1
    print(
        _("Expected offices: {created} added, {updated} updated, {unchanged} unchanged.").format(
            created=counts.created, updated=counts.updated, unchanged=counts.unchanged
        )
    )
    return 0


def run_accept(args: argparse.Namespace) -> int:
    from hrdesk.mkk.locks import accept_packet

    with open_database(args.db) as database:
        packet_id = accept_packet(database, args.office, args.cycle, args.by)
    print(
        _("Accepted and locked the packet {packet} of {office} for the cycle {cycle}.").format(
            packet=packet_id, office=args.office, cycle=args.cycle
        )
    )
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from hrdesk.mkk.locks import unlock_packet

    with open_database(args.db) as database:
        try:
            unlock_packet(database, args.office, args.cycle, args.by, args.reason)
        except errors.ValidationFailed as exc:
            print(exc.message, file=sys.stderr)
            return 1
    print(
        _("Unlocked the data of {office} for the cycle {cycle}.").format(
            office=args.office, cycle=args.cycle
        )
    )
    return 0


def _check_cycle(database, cycle: int, *, expected_list: bool = False) -> None:
    """NotFound for a cycle the database knows nothing of (for completeness, an expected list
    is enough: every office is then missing)."""
    sql = "SELECT 1 FROM cycles WHERE year = ? UNION SELECT 1 FROM packets_received WHERE cycle = ?"
    if expected_list:
        sql += " UNION SELECT 1 FROM expected_offices WHERE active = 1"
    if not database.query_value(sql + " LIMIT 1", (cycle, cycle)):
        raise errors.NotFound(
            _(
                "The cycle {year} is not in this database: no packets of it have been imported."
            ).format(year=cycle)
        )


def _cannot_write(path: Path, exc: OSError) -> errors.InputFileError:
    return errors.InputFileError(
        _("The file {file} cannot be written: {reason}").format(
            file=path, reason=exc.strerror or exc
        )
    )


def run_completeness(args: argparse.Namespace) -> int:
    from hrdesk.mkk.completeness import completeness

    if args.report_lang:
        set_language(args.report_lang)
    with open_database(args.db) as database:
        _check_cycle(database, args.cycle, expected_list=True)
        data = completeness(database, args.cycle)
    if args.format == "json":
        write_json(data, args.out)
    elif args.format == "xlsx":
        from hrdesk.reports.completeness_xlsx import write_completeness_xlsx

        try:
            write_completeness_xlsx(data, args.out)
        except OSError as exc:
            raise _cannot_write(args.out, exc) from exc
    else:
        from hrdesk.reports.completeness_pdf import render_completeness_pdf

        render_completeness_pdf(data, args.out, current_language())
    totals = data["totals"]
    print(
        _(
            "Wrote {file}: {received} of {expected} offices sent the packet of {cycle} "
            "({late} late, {missing} missing)."
        ).format(
            file=args.out,
            received=totals["received"],
            expected=totals["expected"],
            cycle=args.cycle,
            late=totals["late"],
            missing=totals["missing"],
        )
    )
    return 0


def run_national(args: argparse.Namespace) -> int:
    from hrdesk.mkk.national import NationalFilter, national_report

    if args.report_lang:
        set_language(args.report_lang)
    filters = NationalFilter(
        args.oblast, args.district, args.office_type, args.service_type, args.group, args.office
    )
    with open_database(args.db) as database:
        _check_cycle(database, args.cycle)
        data = national_report(database, args.cycle, filters)
    if args.format == "json":
        write_json(data, args.out)
    elif args.format == "xlsx":
        from hrdesk.reports.national_xlsx import write_national_xlsx

        try:
            write_national_xlsx(data, args.out)
        except OSError as exc:
            raise _cannot_write(args.out, exc) from exc
    else:
        from hrdesk.reports.national_pdf import render_national_pdf

        render_national_pdf(data, args.out, current_language())
    print(
        _(
            "Wrote {file}: {staff} people in {offices} offices, {assessed} assessed in the "
            "cycle {cycle}."
        ).format(
            file=args.out,
            staff=data["staff_total"],
            offices=len(data["offices"]),
            assessed=data["assessed"],
            cycle=args.cycle,
        )
    )
    return 0

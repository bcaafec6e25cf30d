"""hrdesk report plan (PDF or XLSX) and hrdesk report card (PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk import errors
from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import LANGUAGES, _, set_language

PLAN_FORMATS = (".pdf", ".xlsx")


def register(sub: argparse._SubParsersAction) -> None:
    """No top-level command; the reports hang under `hrdesk report`."""


def register_reports(report_sub: argparse._SubParsersAction) -> None:
    plan = report_sub.add_parser("plan", help=_("the annual training plan (PDF or XLSX)"))
    add_db_argument(plan)
    plan.add_argument("--year", type=int, required=True, metavar=_("YEAR"), help=_("plan year"))
    plan.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                      help=_("FILE.pdf or FILE.xlsx"))
    _add_language(plan)
    plan.add_argument("--include-cancelled", action="store_true",
                      help=_("list cancelled lines too"))
    plan.set_defaults(func=run_plan)

    card = report_sub.add_parser("card", help=_("a person's training card (PDF)"))
    add_db_argument(card)
    card.add_argument("--pin", required=True, metavar=_("PIN"), help=_("the person's PIN"))
    card.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("FILE.pdf"))
    card.add_argument("--year", type=int, metavar=_("YEAR"),
                      help=_("year of the plan lines shown (default: this year)"))
    _add_language(card)
    card.set_defaults(func=run_card)


def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", dest="report_lang", choices=LANGUAGES,
                        help=_("language of the report"))


def _use_language(args: argparse.Namespace) -> None:
    if args.report_lang:
        set_language(args.report_lang)


def _check_suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise errors.InputFileError(
            _("The output file {file} must end in {endings}.").format(
                file=path, endings=" / ".join(allowed)
            )
        )
    return suffix


def _written(path: Path, exc: OSError) -> errors.InputFileError:
    return errors.InputFileError(
        _("The file {file} cannot be written: {reason}").format(
            file=path, reason=exc.strerror or exc
        )
    )


def run_plan(args: argparse.Namespace) -> int:
    from hrdesk.reports.plan_data import plan_printout

    suffix = _check_suffix(args.out, PLAN_FORMATS)
    _use_language(args)
    with open_database(args.db) as database:
        printout = plan_printout(database, args.year, include_cancelled=args.include_cancelled)
    if suffix == ".xlsx":
        from hrdesk.reports.plan_xlsx import write_plan_xlsx

        try:
            write_plan_xlsx(printout, args.out)
        except OSError as exc:
            raise _written(args.out, exc) from exc
        print(_("Wrote {file}: {lines} lines of the training plan {year}.").format(
            file=args.out, lines=len(printout.lines), year=args.year))
        return 0
    from hrdesk.reports.plan_pdf import render_plan_pdf

    pages = render_plan_pdf(printout, args.out)
    print(_("Wrote {file}: {lines} lines of the training plan {year} on {pages} pages.").format(
        file=args.out, lines=len(printout.lines), year=args.year, pages=pages))
    return 0


def run_card(args: argparse.Namespace) -> int:
    from hrdesk.domain.rules import normalize_pin
    from hrdesk.reports.card_pdf import render_card_pdf
    from hrdesk.reports.plan_data import card_printout
    from hrdesk.store.staff import StaffRepository

    _check_suffix(args.out, (".pdf",))
    _use_language(args)
    pin = normalize_pin(args.pin)
    with open_database(args.db) as database:
        people = StaffRepository(database).with_pin(pin)
        if not people:
            raise errors.NotFound(
                _("Nobody with the PIN {pin} is in the register.").format(pin=pin)
            )
        if len(people) > 1:
            print(_("The PIN {pin} is recorded for {count} people; resolve the duplicate in the "
                    "register first:").format(pin=pin, count=len(people)), file=sys.stderr)
            for member in people:
                print(f"  {member.full_name} — {member.position_title} ({member.status.value})",
                      file=sys.stderr)
            return 1
        card = card_printout(database, people[0].id or 0, args.year)
    pages = render_card_pdf(card, args.out)
    print(_("Wrote {file}: the training card of {name} on {pages} pages.").format(
        file=args.out, name=card.full_name, pages=pages))
    return 0

"""hrdesk plan draft: draft (or redraft) the annual training plan of the own office."""

from __future__ import annotations

import argparse
import sys

from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import _, ngettext


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number of 1 or more").format(value=text)
        )
    return value


def register(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser("plan", help=_("the annual training plan"))
    plan_sub = plan.add_subparsers(dest="plan_command", metavar=_("COMMAND"), required=True)

    draft = plan_sub.add_parser(
        "draft", help=_("draft the plan from the endorsed requests (keeps hand edits)")
    )
    add_db_argument(draft)
    draft.add_argument("--year", type=int, required=True, metavar=_("YEAR"), help=_("plan year"))
    draft.add_argument("--reset", action="store_true",
                       help=_("drop lines edited by hand too (lines done stay)"))
    draft.add_argument("--seats-per-course", type=_positive, metavar="N",
                       help=_("at most N people per course"))
    draft.add_argument("--max-hours", type=_positive, metavar="H",
                       help=_("at most H training hours for the whole office"))
    draft.add_argument("--show-skipped", action="store_true",
                       help=_("list the requests that did not fit, with the reason"))
    draft.set_defaults(func=run_draft)


def run_draft(args: argparse.Namespace) -> int:
    from hrdesk.domain.plan import PlanLimits
    from hrdesk.planning import ops

    with open_database(args.db) as database:
        # The limits given on this command line, none when none is given.
        limits = PlanLimits(args.seats_per_course, args.max_hours)
        outcome = ops.draft(database, args.year, reset=args.reset, limits=limits)
        counts = ops.counts(database, args.year)
    lines = ngettext("{count} line", "{count} lines", counts.total).format(count=counts.total)
    print(_("Training plan {year}: {lines} ({added} drafted, {kept} kept); {skipped} requests "
            "did not fit.").format(year=args.year, lines=lines, added=outcome.added,
                                   kept=outcome.kept, skipped=len(outcome.skipped)))
    if args.show_skipped:
        for item in outcome.skipped:
            print(f"{item.code}\t{item.reason}", file=sys.stdout)
    return 0

"""hrdesk trail: the audit trail of a database, or the one a packet carries (MKK), as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from hrdesk.cli.common import add_db_argument, open_database, print_json
from hrdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    trail = sub.add_parser(
        "trail", help=_("show the audit trail of the database or of a packet (JSON)")
    )
    add_db_argument(trail)
    trail.add_argument("--packet", type=Path, metavar=_("FILE"),
                       help=_("MKK: the trail carried by this packet instead of the database's"))
    trail.add_argument("--pin", metavar=_("PIN"), help=_("only the changes of this person"))
    trail.add_argument("--since", type=_day, metavar=_("YYYY-MM-DD"), help=_("from this day"))
    trail.add_argument("--until", type=_day, metavar=_("YYYY-MM-DD"), help=_("to this day"))
    trail.set_defaults(func=run_trail)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date of the form YYYY-MM-DD").format(text=text)
        ) from None


def run_trail(args: argparse.Namespace) -> int:
    from hrdesk.packets import trail

    with open_database(args.db) as database:
        if args.packet is not None:
            payload = trail.packet_payload(database, args.packet)
            entries = list(payload.get("audit") or [])
            pins = {p["uid"]: p["pin"] for p in payload.get("staff") or []}
        else:
            rows = database.execute("SELECT id, uid, pin FROM staff").fetchall()
            entries = trail.payload_trail(database, {r[0]: r[1] for r in rows})
            pins = {r[1]: r[2] for r in rows}
    uids = None if args.pin is None else {u for u, pin in pins.items() if pin == args.pin.strip()}
    print_json(trail.filtered(entries, uids, args.since, args.until))
    return 0

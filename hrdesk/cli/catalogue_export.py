"""hrdesk catalogue export (MKK): publish the catalogue file with MKK's public key in it.

Hangs under the `catalogue` command that hrdesk/cli/catalogue.py makes (modules register in
name order, so it exists by the time this one registers)."""

from __future__ import annotations

import argparse
from pathlib import Path

from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import _


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("the catalogue command has no subcommands")


def register(sub: argparse._SubParsersAction) -> None:
    catalogue = sub.choices.get("catalogue")
    if catalogue is None:
        catalogue = sub.add_parser("catalogue", help=_("the course catalogue"))
        catalogue.add_subparsers(dest="catalogue_command", metavar=_("COMMAND"), required=True)
    export = _subcommands(catalogue).add_parser(
        "export", help=_("MKK: publish the catalogue file for the offices, with MKK's key")
    )
    add_db_argument(export)
    export.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("file"))
    export.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    from hrdesk.packets.catalogue_publish import publish_catalogue

    with open_database(args.db) as database:
        publication = publish_catalogue(database, args.out)
    print(
        _(
            "Published catalogue version {version} for the cycle {cycle}; MKK's key {fingerprint}."
        ).format(
            version=publication.version,
            cycle=publication.cycle,
            fingerprint=publication.key_fingerprint,
        )
    )
    print(publication.path)
    return 0

"""hrdesk catalogue import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk import assessment as ops
from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import _
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database


def register(sub: argparse._SubParsersAction) -> None:
    catalogue = sub.add_parser("catalogue", help=_("the course catalogue"))
    catalogue_sub = catalogue.add_subparsers(
        dest="catalogue_command", metavar=_("COMMAND"), required=True
    )
    imp = catalogue_sub.add_parser("import", help=_("import a newer catalogue file"))
    add_db_argument(imp)
    imp.add_argument("file", type=Path, metavar=_("FILE"), help=_("catalogue file (JSON)"))
    imp.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    from hrdesk.packets.keys import fingerprint, mkk_box_public_key

    def mkk_fingerprint(database: Database) -> str:
        key = mkk_box_public_key(database)
        return fingerprint(bytes(key)) if key is not None else ""

    with open_database(args.db) as database:
        before = mkk_fingerprint(database)
        ops.import_catalogue(database, args.file)
        after = mkk_fingerprint(database)
        info = CatalogueRepository(database).info()
        assert info is not None
        print(
            _(
                "Imported catalogue version {version} for the cycle {cycle}: {courses} courses, "
                "{competencies} competencies."
            ).format(
                version=info.version,
                cycle=info.cycle,
                courses=len(CatalogueRepository(database).courses()),
                competencies=len(CatalogueRepository(database).competencies()),
            )
        )
    if after:
        print(_("MKK's key fingerprint: {fingerprint}").format(fingerprint=after))
    if before and after != before:
        # The catalogue file is not signed: a changed key is worth a phone call to MKK.
        print(
            _(
                "MKK's key has changed (it was {old}). Confirm the new fingerprint with MKK by "
                "phone before you send a packet."
            ).format(old=before),
            file=sys.stderr,
        )
    return 0

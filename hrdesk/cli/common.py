"""Helpers shared by the commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hrdesk.store import Database


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    from hrdesk.i18n import _

    parser.add_argument("--db", type=Path, required=required, metavar=_("PATH"), help=_("database file"))


def open_database(path: Path, *, create: bool = False) -> Database:
    return Database.open(path, create=create)


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

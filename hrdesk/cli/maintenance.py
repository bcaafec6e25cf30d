"""hrdesk backup, hrdesk backups, hrdesk restore and hrdesk check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.i18n import _, format_datetime, format_number


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help=_("write a verified backup of the database"))
    add_db_argument(backup)
    backup.add_argument("--out", type=Path, metavar=_("FILE"),
                        help=_("backup file (default: a new file in the backup folder)"))
    backup.set_defaults(func=run_backup)

    backups = sub.add_parser("backups", help=_("list the backups in a folder"))
    backups.add_argument("--folder", type=Path, metavar=_("FOLDER"),
                         help=_("folder to list (default: the backup folder)"))
    backups.set_defaults(func=run_backups)

    restore = sub.add_parser("restore", help=_("replace the database with a backup"))
    add_db_argument(restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar=_("FILE"),
                         help=_("backup file to restore"))
    restore.add_argument("--keep-folder", type=Path, metavar=_("FOLDER"),
                         help=_("where the replaced database is kept (default: the backup folder)"))
    restore.set_defaults(func=run_restore)

    check = sub.add_parser("check", help=_("check the database: integrity and the data rules"))
    add_db_argument(check)
    check.add_argument("--strict", action="store_true",
                       help=_("count warnings (such as duplicate PINs) as problems too"))
    check.set_defaults(func=run_check)


def _size(size: int) -> str:
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def run_backup(args: argparse.Namespace) -> int:
    from hrdesk.store import backup

    with open_database(args.db) as database:
        if args.out is None:
            from hrdesk.paths import backup_dir

            target = backup_dir() / backup.backup_name(database.path, "manual")
        else:
            target = args.out
        made = backup.backup_now(database, target)
    print(_("Backup written to {path}: {people} people, {size}, integrity checked.").format(
        path=made.path, people=made.people, size=_size(made.size)))
    return 0


def run_backups(args: argparse.Namespace) -> int:
    from hrdesk.store import backup

    found = backup.list_backups(args.folder)
    if not found:
        print(_("No backups found."))
        return 0
    for item in found:
        people = "—" if item.people is None else format_number(item.people)
        print(_("{date}  {people} people  {size}  {path}").format(
            date=format_datetime(item.created_at), people=people, size=_size(item.size), path=item.path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from hrdesk.store import backup

    restored = backup.restore(args.db, args.source, keep_folder=args.keep_folder)
    print(_("Restored {path} from {backup}.").format(path=restored.database_path, backup=restored.backup_path))
    if restored.kept is not None:
        print(_("The database it replaced is kept as {path}.").format(path=restored.kept))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from hrdesk.check import check_database, summary_text
    from hrdesk.domain.rules import Severity

    with open_database(args.db) as database:
        report = check_database(database)
    for finding in report.findings:
        label = _("error") if finding.severity == Severity.ERROR else _("warning")
        print(_("{severity}: {where}: {message}").format(
            severity=label, where=finding.where, message=finding.message))
    summary = summary_text(report)
    print(summary, file=sys.stderr if report.findings else sys.stdout)
    failed = report.errors or (args.strict and report.warnings)
    return 1 if failed else 0

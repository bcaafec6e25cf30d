"""hrdesk staff import and hrdesk staff export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hrdesk.cli.common import add_db_argument, open_database, print_json
from hrdesk.errors import InputFileError
from hrdesk.i18n import _, ngettext

if TYPE_CHECKING:
    from hrdesk.importing import ImportPreview, ImportResult

EXIT_OK, EXIT_REFUSED = 0, 1


def register(sub: argparse._SubParsersAction) -> None:
    staff = sub.add_parser("staff", help=_("import or export the staff register"))
    staff_sub = staff.add_subparsers(dest="staff_command", metavar=_("COMMAND"), required=True)

    imp = staff_sub.add_parser("import", help=_("import a staff list (XLSX or CSV)"))
    add_db_argument(imp)
    imp.add_argument("file", type=Path, metavar=_("FILE"), help=_("the list to import"))
    imp.add_argument("--dry-run", action="store_true", help=_("check the list, write nothing"))
    imp.add_argument("--json", action="store_true", help=_("print the result as one JSON object"))
    imp.set_defaults(func=run_import)

    exp = staff_sub.add_parser("export", help=_("export the staff register to XLSX or CSV"))
    add_db_argument(exp)
    exp.add_argument("file", type=Path, metavar=_("FILE"), help=_("FILE.xlsx or FILE.csv"))
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    from hrdesk.importing import apply, detect_mapping, preview, read_table

    try:
        raw = read_table(args.file)
        mapping = detect_mapping(raw)
    except InputFileError as exc:  # exit 2 in cli.main, which prints the message
        if args.json:  # a script reading stdout still gets its one object, and the reason
            print_json(_unreadable(exc.message, args.dry_run))
        raise
    with open_database(args.db) as database:
        plan = preview(database, raw, mapping)
        result = None if args.dry_run else apply(database, plan)
    imported = result.imported if result else 0
    errors = plan.errors
    if args.json:
        print_json(
            {
                "total": plan.total,
                "valid": plan.valid,
                "invalid": plan.invalid,
                "imported": imported,
                "added": result.added if result else 0,
                "updated": result.updated if result else 0,
                "conflicts": len(plan.conflicts),
                "new_units": result.new_units if result else plan.new_units,
                "dry_run": bool(args.dry_run),
                "errors": [
                    {"row": e.row, "column": e.column, "message": e.message} for e in errors
                ],
            }
        )
    else:
        _print_summary(args, plan, result)
    return EXIT_OK if plan.invalid == 0 else EXIT_REFUSED


def _unreadable(message: str, dry_run: bool) -> dict[str, object]:
    """The JSON of a file that cannot be read: nothing read, row 0 stands for the whole file."""
    return {
        "total": 0,
        "valid": 0,
        "invalid": 0,
        "imported": 0,
        "added": 0,
        "updated": 0,
        "conflicts": 0,
        "new_units": [],
        "dry_run": bool(dry_run),
        "errors": [{"row": 0, "column": "", "message": message}],
    }


def _print_summary(
    args: argparse.Namespace, plan: ImportPreview, result: ImportResult | None
) -> None:
    for e in plan.errors:
        print(
            _("Row {row}, column «{column}»: {message}").format(
                row=e.row, column=e.column, message=e.message
            ),
            file=sys.stderr,
        )
    print(
        _("{file}: {total} rows, {valid} valid, {invalid} refused.").format(
            file=args.file.name, total=plan.total, valid=plan.valid, invalid=plan.invalid
        )
    )
    if result is None:
        print(_("Dry run: nothing was written."))
    else:
        print(
            _("Imported {imported}: {added} added, {updated} updated.").format(
                imported=result.imported, added=result.added, updated=result.updated
            )
        )
        if result.new_units:
            print(_("New units created: {units}.").format(units=", ".join(result.new_units)))


def run_export(args: argparse.Namespace) -> int:
    from hrdesk.exporting.staff_export import export_staff

    with open_database(args.db) as database:
        count = export_staff(database, args.file)
    print(
        ngettext(
            "Exported {count} person to {path}.", "Exported {count} people to {path}.", count
        ).format(count=count, path=args.file)
    )
    return EXIT_OK

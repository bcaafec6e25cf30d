"""hrdesk init and hrdesk demo-db."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrdesk import register as register_ops
from hrdesk.cli.common import add_db_argument, open_database
from hrdesk.domain.enums import OfficeType, Role
from hrdesk.domain.models import Office
from hrdesk.i18n import _
from hrdesk.store.offices import OfficeRepository


def register(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help=_("set up a new database without the GUI"))
    add_db_argument(init)
    init.add_argument("--role", choices=[r.value for r in Role], required=True, help=_("office or MKK"))
    init.add_argument("--office-code", default="", help=_("office code"))
    init.add_argument("--type", choices=[t.value for t in OfficeType], default=OfficeType.AIYL_OKMOTU.value,
                      help=_("office type"))
    init.add_argument("--name-ky", default="", help=_("office name in Kyrgyz"))
    init.add_argument("--name-ru", default="", help=_("office name in Russian"))
    init.add_argument("--oblast", default="", help=_("oblast ISO code, e.g. KG-C"))
    init.add_argument("--district", default="", help=_("district name"))
    init.add_argument("--head-name", default="", help=_("name of the head of the office"))
    init.add_argument("--head-position", default="",
                      help=_("position of the head of the office, in Kyrgyz"))
    init.add_argument("--head-position-ru", default="",
                      help=_("position of the head of the office, in Russian"))
    init.add_argument("--clerk", default="", help=_("name of the HR clerk"))
    init.set_defaults(func=run_init)

    demo = sub.add_parser("demo-db", help=_("write a demo office database"))
    demo.add_argument("path", type=Path, metavar=_("PATH"))
    demo.add_argument("--staff", type=_people_count, default=120, help=_("number of people"))
    demo.add_argument("--seed", type=int, default=1, help=_("random seed (different seeds give different offices)"))
    demo.set_defaults(func=run_demo_db)


def _set_up_already(path: Path) -> str:
    """Why `path` may not be set up again (it is already), or "" when it may."""
    if not Path(path).exists():
        return ""
    with open_database(path) as database:
        role = register_ops.role(database)
        if role is None:
            return ""
        if role == Role.MKK:
            return _("{path} is set up for MKK already. Nothing was changed.").format(path=path)
        office = OfficeRepository(database).own()
        name = office.name_ky if office else ""
    return _(
        "{path} is set up for the office {name} already. Nothing was changed; change the "
        "office's details in the program (Settings, Office)."
    ).format(path=path, name=name)


def run_init(args: argparse.Namespace) -> int:
    # Setting up again would replace the office (its code goes into every packet) or turn an
    # office's database into MKK's: refused, the file stays as it is.
    refusal = _set_up_already(args.db)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    if args.role == Role.MKK.value:
        with open_database(args.db, create=True) as database:
            register_ops.setup_mkk(database)
        print(_("Set up {path} for MKK.").format(path=args.db))
        return 0
    office = Office(
        code=args.office_code, type=OfficeType(args.type), name_ky=args.name_ky,
        name_ru=args.name_ru, oblast=args.oblast, district=args.district,
        head_name=args.head_name, head_position=args.head_position,
        head_position_ru=args.head_position_ru, hr_clerk_name=args.clerk,
    )
    problems = register_ops.check_office(office)
    if problems:  # refused before any file is made
        for problem in problems:
            print(problem.message, file=sys.stderr)
        return 1
    with open_database(args.db, create=True) as database:
        register_ops.setup_office(database, office)
    print(_("Set up {path} for the office {name}.").format(path=args.db, name=office.name_ky))
    return 0


def _people_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(
            _("give the number of people, 1 or more (not {text}).").format(text=text)
        )
    return count


def run_demo_db(args: argparse.Namespace) -> int:
    from hrdesk.demo.generate import write_demo_database

    if Path(args.path).exists():
        # It may be a real register: a demo never replaces a file.
        print(
            _("The file {path} exists already. Nothing was changed; choose a new name.").format(
                path=args.path
            ),
            file=sys.stderr,
        )
        return 1

    summary = write_demo_database(Path(args.path), staff=args.staff, seed=args.seed)
    print(summary)
    return 0

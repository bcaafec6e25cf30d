"""hrdesk: bootstrap. Paths, logging, database, translations, window — in that order.

`hrdesk` alone (or with --db, --demo, --lang) starts the desktop program; `hrdesk COMMAND ...`
runs the command line (see docs/cli.md).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Options of the GUI that take a value; anything else that is not an option is a command.
_GUI_VALUE_OPTIONS = {"--db", "--lang"}


def _is_command_line(argv: Sequence[str]) -> bool:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _GUI_VALUE_OPTIONS:
            skip = True
            continue
        if not arg.startswith("-"):
            return True
        if arg in ("-h", "--help"):
            return True
    return False


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from hrdesk.logsetup import setup_logging

    setup_logging()
    if _is_command_line(argv):
        from hrdesk.cli import main as cli_main

        return cli_main(argv)
    from ui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    # A frozen build's packet worker processes start this program again; this makes them
    # run the worker instead of the program (a no-op when not frozen).
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run())

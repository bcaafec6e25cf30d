"""The command line: `hrdesk <command> ...`. Each module here registers its commands.

Exit codes: 0 done, 1 done but problems were found or input was refused, 2 usage error or a
file that cannot be read, 3 an unexpected error (a bug; details in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

from hrdesk import errors
from hrdesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

def _command_modules() -> list:
    """Every module of this package with register(subparsers); it may have register_reports(sub)."""
    import importlib
    import pkgutil

    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "common":
            module = importlib.import_module(f"{__name__}.{info.name}")
            if hasattr(module, "register"):
                modules.append(module)
    return modules



class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _language_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("HRDESK_LANG", DEFAULT_LANGUAGE)


def _without_language(extra: list[str]) -> list[str]:
    """What is left of unparsed arguments once a --lang given after the command is taken out
    (it was read before parsing; the language is global to every command)."""
    rest, skip = [], False
    for arg in extra:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest


def build_parser() -> argparse.ArgumentParser:
    from hrdesk.cli import argparse_texts

    argparse_texts.install()
    parser = _Parser(
        prog="hrdesk",
        description=_("hrdesk: staff register, training needs and plans."),
        # `hrdesk --help` lands here, so it also says how to start the window.
        epilog=_(
            "Without a command, hrdesk starts the desktop program: hrdesk [--db PATH] [--demo] "
            "[--lang ky|ru|en] (--demo: a fresh demo office). See docs/cli.md."
        ),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and reports"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    modules = _command_modules()
    for module in modules:
        module.register(sub)
    report = sub.add_parser("report", help=_("write a report (JSON, XLSX or PDF)"))
    report_sub = report.add_subparsers(dest="report", metavar=_("REPORT"), parser_class=_Parser, required=True)
    for module in modules:
        if hasattr(module, "register_reports"):
            module.register_reports(report_sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_from(argv)
    set_language(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if _without_language(extra):
        parser.error(_("unrecognized arguments: {args}").format(args=" ".join(extra)))
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except errors.InputFileError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    except errors.HrdeskError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(_("Interrupted; nothing was changed by the unfinished step."), file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        # Whoever read the output stopped early (hrdesk ... | head): not an error. Python would
        # complain again when it flushes stdout at exit, so that goes nowhere now.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(
            _("An unexpected error occurred. Nothing was changed by the unfinished step. "
              "Details are in the log."),
            file=sys.stderr,
        )
        return EXIT_BUG

"""argparse's own texts (usage, the option headings, its error messages) in the user's language.

argparse looks its texts up through its module-level gettext function at the moment it shows
them; pointing that function at hrdesk's catalog makes `hrdesk --help` and argparse's error
messages follow --lang like every other message. The texts are marked here for the catalog.
"""

from __future__ import annotations

import argparse

from hrdesk.i18n import N_, _, ngettext

# TRANSLATORS: argparse's texts; keep %s, %r and %(name)s placeholders exactly as they are.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def install() -> None:
    """Make argparse translate its texts with hrdesk's catalog (the language in force)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]

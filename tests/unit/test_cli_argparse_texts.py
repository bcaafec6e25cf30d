"""argparse's own texts go through hrdesk's catalog, so `hrdesk --help` follows --lang."""

from __future__ import annotations

import gettext

import pytest

from hrdesk import i18n
from hrdesk.cli import argparse_texts, build_parser


class Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"«{message}»" if message in argparse_texts.ARGPARSE_TEXTS else message


@pytest.fixture
def marked(monkeypatch):
    monkeypatch.setattr(i18n._state, "translations", Marked())


def test_help_headings_are_translated(marked):
    text = build_parser().format_help()
    assert text.startswith("«usage: »hrdesk")
    assert "«positional arguments»" in text and "«options»" in text
    assert "«show this help message and exit»" in text


def test_argparse_errors_are_translated(marked, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["staff", "import"])
    assert exit_.value.code == 2
    assert "«the following arguments are required: --db, " in capsys.readouterr().err


def test_help_says_how_to_start_the_window():
    text = " ".join(build_parser().format_help().split())
    assert "hrdesk [--db PATH] [--demo] [--lang ky|ru|en]" in text

"""Keeping the message catalogs in step with the code (a developer tool, not used at run time).

    python -m hrdesk.i18n_catalog update   # extract strings, merge them into every .po
    python -m hrdesk.i18n_catalog check    # list untranslated or fuzzy entries; exit 1 if any

Source strings are English; en.po carries them too so an English UI may reword a string
without touching the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from hrdesk.i18n import DOMAIN, LANGUAGES, catalog_path
from hrdesk.paths import PROJECT_ROOT

SOURCE_DIRS = ("hrdesk", "ui")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}
METHOD_MAP = [("**.py", "python")]


def extract() -> Catalog:
    """Every marked string of the code, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="hrdesk", charset="utf-8")
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
            PROJECT_ROOT / folder, METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            catalog.add(message, None, [(f"{folder}/{filename}", lineno)],
                        auto_comments=comments, context=context)
    for _filename, lineno, message, comments, context in _extract_file(PROJECT_ROOT / "main.py"):
        catalog.add(message, None, [("main.py", lineno)], auto_comments=comments, context=context)
    return catalog


def _extract_file(path: Path):
    from babel.messages.extract import extract

    with path.open("rb") as f:
        for lineno, message, comments, context in extract("python", f, keywords=KEYWORDS):
            yield path.name, lineno, message, comments, context


def read_catalog(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, charset="utf-8")
    with path.open("rb") as f:
        return read_po(f, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = read_catalog(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "hrdesk", ""
        catalog.copyright_holder = "hrdesk developers"
        catalog.msgid_bugs_address = ""
        catalog.last_translator = "hrdesk developers"
        catalog.language_team = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}[language]
        path = catalog_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, sort_output=False, omit_header=False,
                     ignore_obsolete=True)


def missing(language: str, template: Catalog | None = None) -> list[str]:
    """Message ids of the code that the language's catalog lacks, leaves empty or marks fuzzy."""
    template = template or extract()
    catalog = read_catalog(language)
    result = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or found.fuzzy:
            result.append(_text(message.id))
            continue
        strings = found.string if isinstance(found.string, (list, tuple)) else [found.string]
        if language != "en" and not all(strings):
            result.append(_text(message.id))
    return result


def _text(msgid: object) -> str:
    return msgid[0] if isinstance(msgid, (list, tuple)) else str(msgid)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    template = extract()
    bad = 0
    for language in LANGUAGES:
        for text in missing(language, template):
            print(f"{language}: {text}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

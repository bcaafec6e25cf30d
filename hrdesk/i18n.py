"""One message catalog for the whole app, and babel formatting of dates and numbers.

Source strings are English. Catalogs live in translations/<lang>/LC_MESSAGES/hrdesk.po; the
compiled .mo next to each is made from the .po when it is missing or older, so a fresh checkout
works without a build step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
from collections.abc import Iterator
from pathlib import Path

from hrdesk.paths import TRANSLATIONS

LANGUAGES: tuple[str, ...] = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"
DOMAIN = "hrdesk"

# The language's own name, shown in the language menu in every UI language.
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


class _State:
    """The language in force. Held in one object so that tests and the UI switch it in one call."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self.translations: gettext.NullTranslations = gettext.NullTranslations()


_state = _State()


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _compile(po_path: Path, mo_path: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        catalog = read_po(f, locale=po_path.parent.parent.name)
    tmp = mo_path.with_suffix(".mo.tmp")
    with tmp.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    tmp.replace(mo_path)


def load_translations(language: str) -> gettext.NullTranslations:
    po = catalog_path(language, ".po")
    mo = catalog_path(language, ".mo")
    if not po.exists():
        return gettext.NullTranslations()
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        try:
            _compile(po, mo)
        except OSError:
            # A read-only install: compile into memory instead.
            import io

            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            buf = io.BytesIO()
            with po.open("rb") as f:
                write_mo(buf, read_po(f, locale=language))
            buf.seek(0)
            return gettext.GNUTranslations(buf)
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _state.language = language
    _loaded.pop(language, None)
    _state.translations = _cached_translations(language)


@contextlib.contextmanager
def temporary_language(language: str) -> Iterator[None]:
    """Print or export in another language without switching the UI."""
    saved = (_state.language, _state.translations)
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _state.language = language
    _state.translations = _cached_translations(language)
    try:
        yield
    finally:
        _state.language, _state.translations = saved


_loaded: dict[str, gettext.NullTranslations] = {}


def _cached_translations(language: str) -> gettext.NullTranslations:
    if language not in _loaded:
        _loaded[language] = load_translations(language)
    return _loaded[language]


def current_language() -> str:
    return _state.language


def _(message: str) -> str:
    """Translate a message into the language in force."""
    return _state.translations.gettext(message)


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown, with _()."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - the marker's usual name
    """Mark a constant with a context for extraction; translated with pgettext(context, ...)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _state.translations.pgettext(context, message)


# --- formatting -----------------------------------------------------------------------------


def format_date(value: dt.date | None, length: str = "medium") -> str:
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    if length == "numeric":
        return value.strftime("%d.%m.%Y")
    return babel_format_date(value, length, locale=_state.language)


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, "medium", locale=_state.language)


def format_number(value: float | int, digits: int | None = None) -> str:
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=_state.language)
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=_state.language)


def format_percent(value: float) -> str:
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(value, locale=_state.language)


def format_years_months(years: int, months: int) -> str:
    """'3 жыл 5 ай', '3 года 5 месяцев', '3 years 5 months'; zero parts are left out."""
    from babel.units import format_unit

    lang = _state.language
    parts = []
    if years:
        parts.append(format_unit(years, "duration-year", length="long", locale=lang))
    if months or not years:
        parts.append(format_unit(months, "duration-month", length="long", locale=lang))
    return " ".join(parts)

"""Reading one cell of a staff list: dates, PINs, sex, the closed lists and languages.

Each reader takes the raw cell (text, number, date or None) and returns the value, or raises
ValueProblem with a translated reason. An empty cell is None everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache

from hrdesk.domain import rules
from hrdesk.domain.enums import (
    Language,
    LanguageLevel,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    label,
)
from hrdesk.domain.models import LanguageSkill
from hrdesk.domain.reference import class_ranks
from hrdesk.i18n import LANGUAGES, _, load_translations

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serial numbers taken as dates (1908 to 2118); a smaller number is rather a year.
_SERIAL_RANGE = (3000, 80000)


class ValueProblem(ValueError):
    """A cell that cannot be understood; message is translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalize_text(value: object) -> str:
    """Lower case, ё as е, punctuation and repeated spaces gone: for comparing words."""
    text = str(value).lower().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"[.,:;*№\"'«»()\[\]/\\_-]+", " ", text)
    return " ".join(text.split())


def cell_text(value: object) -> str:
    """A cell as text for text fields ('' when empty); whole numbers lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- PIN ------------------------------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")


def read_pin(value: object) -> str:
    """The PIN's digits. Spreadsheets store PINs as numbers, sometimes shown as 2.15031985e13."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if _SCIENTIFIC.match(text):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return text
        if number == number.to_integral_value():
            return str(int(number))
    return rules.normalize_pin(value)


# --- dates ----------------------------------------------------------------------------------

_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$"), ("y", "m", "d")),
)


def _from_serial(number: float) -> dt.date:
    if not (_SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]):
        raise ValueProblem(_("The number {value} is not a date.").format(value=cell_text(number)))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def read_date(value: object) -> dt.date | None:
    """Dates as 01.02.1985, 1985-02-01, 01/02/1985 (day first), Excel serials and date cells."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueProblem(_("The value {value} is not a date.").format(value=value))
    if isinstance(value, (int, float)):
        return _from_serial(value)
    text = str(value).strip()
    # "1985-02-01 00:00:00" and "01.02.1985 г." / "01.02.1985-ж." as some lists write them
    text = re.sub(r"\s*(?:г|ж|жыл)\.?$", "", text.split(" ")[0] if ":" in text else text)
    text = text.rstrip(".-")
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    else:
        if re.fullmatch(r"\d{5}(?:\.0)?", text):
            return _from_serial(float(text))
    raise ValueProblem(
        _("The date {value} is not understood; write it as DD.MM.YYYY.").format(value=text)
    )


# --- closed lists ---------------------------------------------------------------------------

# Words offices write that are not the app's own labels.
_SYNONYMS: dict[StrEnum, tuple[str, ...]] = {
    Sex.FEMALE: (
        "ж",
        "жен",
        "женский",
        "женщина",
        "аял",
        "аялдар",
        "кыз",
        "f",
        "w",
        "female",
        "woman",
        "1",
    ),
    Sex.MALE: ("м", "муж", "мужской", "мужчина", "эр", "эркек", "m", "male", "man", "2"),
    ServiceType.STATE_CIVIL: (
        "государственная гражданская служба",
        "государственная служба",
        "ггс",
        "мамлекеттик жарандык кызмат",
        "мамлекеттик кызмат",
        "state civil",
        "state",
        "гос служба",
    ),
    ServiceType.MUNICIPAL: (
        "муниципальная служба",
        "муниципальная",
        "мс",
        "муниципалдык кызмат",
        "муниципалдык",
        "municipal",
    ),
    ServiceType.POLITICAL: (
        "политическая должность",
        "политическая",
        "саясий кызмат орду",
        "саясий",
        "political",
    ),
    ServiceType.COUNCIL_DEPUTY: (
        "депутат",
        "депутат местного кенеша",
        "жергиликтүү кеңештин депутаты",
        "deputy",
    ),
    ServiceType.RESERVE: ("резерв", "кадровый резерв", "кадрлар резерви", "reserve"),
    ServiceType.SUPPORT: (
        "техперсонал",
        "технический персонал",
        "обслуживающий персонал",
        "техникалык персонал",
        "тейлөөчү персонал",
        "support",
    ),
    PositionCategory.POLITICAL: ("политическая", "саясий"),
    PositionCategory.SPECIAL: ("специальная", "атайын"),
    PositionCategory.ADMINISTRATIVE: ("административная", "административдик"),
    PositionGroup.HIGHEST: ("высшая", "высшая группа", "жогорку", "жогорку топ", "highest"),
    PositionGroup.MAIN: ("главная", "главная группа", "башкы", "башкы топ", "main"),
    PositionGroup.SENIOR: ("старшая", "старшая группа", "улук", "улук топ", "senior"),
    PositionGroup.JUNIOR: ("младшая", "младшая группа", "кенже", "кенже топ", "junior"),
    StaffStatus.ACTIVE: ("работает", "иштейт", "активный", "active"),
    StaffStatus.ON_LEAVE: ("в отпуске", "декрет", "отпуск", "өргүүдө", "on leave"),
    StaffStatus.LEFT: (
        "уволен",
        "уволена",
        "уволился",
        "уволилась",
        "бошотулган",
        "кеткен",
        "left",
    ),
    Language.KYRGYZ: ("кыргызский", "кыргыз", "кыргыз тили", "kyrgyz", "ky", "кырг"),
    Language.RUSSIAN: ("русский", "орус", "орус тили", "russian", "ru", "рус"),
    Language.ENGLISH: ("английский", "англис", "англис тили", "english", "en", "англ"),
    Language.OTHER: ("другой", "башка", "other"),
    LanguageLevel.NATIVE: ("родной", "эне тили", "native"),
    LanguageLevel.FLUENT: ("свободно", "свободный", "эркин", "fluent"),
    LanguageLevel.INTERMEDIATE: ("средний", "орто", "intermediate"),
    LanguageLevel.BASIC: ("базовый", "начальный", "со словарем", "негизги", "basic"),
}


@cache
def _catalogs() -> tuple:
    return tuple(load_translations(language) for language in LANGUAGES)


def translations_everywhere(message: str) -> set[str]:
    """The message in every language the app speaks (the source English included)."""
    return {message} | {catalog.gettext(message) for catalog in _catalogs()}


@cache
def _words_of(enum_type: type[StrEnum]) -> dict[str, StrEnum]:
    from hrdesk.domain.enums import _LABELS

    words: dict[str, StrEnum] = {}
    for member in enum_type:
        candidates = {member.value, *_SYNONYMS.get(member, ())}
        if member in _LABELS:
            candidates |= translations_everywhere(_LABELS[member])
        for word in candidates:
            words.setdefault(normalize_text(word), member)
    return words


def read_choice(enum_type: type[StrEnum], value: object) -> StrEnum | None:
    """A member of a closed list from its code, its label in any language or a common word."""
    if is_empty(value):
        return None
    found = _words_of(enum_type).get(normalize_text(cell_text(value)))
    if found is None:
        choices = ", ".join(label(m) for m in enum_type)
        raise ValueProblem(
            _("«{value}» is not one of: {choices}.").format(value=cell_text(value), choices=choices)
        )
    return found


def read_sex(value: object) -> Sex | None:
    if is_empty(value):
        return None
    try:
        return read_choice(Sex, value)  # type: ignore[return-value]
    except ValueProblem:
        raise ValueProblem(
            _("The sex «{value}» is not understood; write ж or м (F or M).").format(
                value=cell_text(value)
            )
        ) from None


@cache
def _rank_codes() -> dict[str, str]:
    codes = {}
    for ranks in class_ranks().values():
        for rank in ranks:
            for word in (rank.code, rank.ky, rank.ru, rank.en):
                codes.setdefault(normalize_text(word), rank.code)
    return codes


def read_class_rank(value: object) -> str:
    """The reference code of a class rank named in any language; other text is kept as typed."""
    text = cell_text(value)
    return _rank_codes().get(normalize_text(text), text) if text else ""


def read_languages(value: object) -> list[LanguageSkill]:
    """'Kyrgyz (native), Russian (fluent)' in any language; a language alone is taken as fluent."""
    if is_empty(value):
        return []
    skills = []
    for part in re.split(r"[,;\n]+", cell_text(value)):
        part = part.strip()
        if not part:
            continue
        match = re.match(r"^(.*?)\s*(?:\((.*)\)|[-–—:]\s*(.*))?$", part)
        assert match is not None
        language = read_choice(Language, match.group(1))
        level_text = match.group(2) or match.group(3)
        level = read_choice(LanguageLevel, level_text) if level_text else LanguageLevel.FLUENT
        if language is not None and level is not None:
            skills.append(LanguageSkill(language, level))  # type: ignore[arg-type]
    return skills


def format_languages(skills: list[LanguageSkill]) -> str:
    """The inverse of read_languages, in the language in force."""
    return ", ".join(f"{label(s.language)} ({label(s.level)})" for s in skills)

"""Which column of a staff list holds which field: the header row and its words.

Offices' lists start with title rows ("Список сотрудников ... по состоянию на ..."), then one
header row in Kyrgyz, Russian or English. The header row is the first of the top rows that
names the most known fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from hrdesk import errors
from hrdesk.i18n import N_, _
from hrdesk.importing.table import RawTable
from hrdesk.importing.values import normalize_text, translations_everywhere

# Field -> the column title the export writes (translated when written). The importer knows
# these titles in every language, so an exported list always comes back in.
COLUMN_TITLES: dict[str, str] = {
    "pin": N_("PIN"),
    "surname": N_("Surname"),
    "name": N_("Name"),
    "patronymic": N_("Patronymic"),
    "sex": N_("Sex"),
    "birth_date": N_("Date of birth"),
    "phone": N_("Phone"),
    "unit": N_("Unit"),
    "service_type": N_("Service type"),
    "position_title": N_("Position"),
    "position_category": N_("Position category"),
    "position_group": N_("Position group"),
    "class_rank": N_("Class rank"),
    "appointed_on": N_("Date appointed"),
    "service_started_on": N_("Start of public service"),
    "languages": N_("Languages"),
    "status": N_("Status"),
    "left_on": N_("Date left"),
    "left_reason": N_("Reason for leaving"),
}

FULL_NAME = "full_name"

# Words offices use in their own lists, beyond the export's titles.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "surname": ("фамилия", "фамилиясы", "surname", "last name", "family name"),
    "name": ("аты", "имя", "name", "first name", "given name", "ысымы"),
    "patronymic": ("атасынын аты", "отчество", "patronymic", "middle name"),
    FULL_NAME: (
        "фио",
        "ф и о",
        "аты жөнү",
        "толук аты жөнү",
        "фамилия имя отчество",
        "фамилиясы аты атасынын аты",
        "full name",
    ),
    "pin": (
        "пин",
        "инн",
        "жин",
        "жеке идентификациялык номер",
        "жеке идентификациялык номери",
        "персональный идентификационный номер",
        "идентификационный номер",
        "pin",
        "personal number",
        "personal identification number",
        "инн пин",
        "пин инн",
    ),
    "sex": ("жынысы", "жыныс", "пол", "sex", "gender"),
    "birth_date": (
        "туулган күнү",
        "туулган датасы",
        "туулган күнү айы жылы",
        "дата рождения",
        "birth date",
        "date of birth",
        "birthday",
    ),
    "phone": (
        "телефон",
        "тел",
        "телефону",
        "телефон номери",
        "байланыш телефону",
        "номер телефона",
        "контактный телефон",
        "phone",
        "phone number",
        "telephone",
    ),
    "unit": (
        "бөлүм",
        "бөлүмү",
        "түзүмдүк бөлүм",
        "түзүмдүк бөлүмү",
        "отдел",
        "подразделение",
        "структурное подразделение",
        "unit",
        "department",
        "division",
    ),
    "service_type": (
        "кызматтын түрү",
        "вид службы",
        "тип службы",
        "вид службы должности",
        "service type",
        "type of service",
    ),
    "position_title": (
        "кызмат орду",
        "кызматы",
        "ээлеген кызматы",
        "ээлеген кызмат орду",
        "должность",
        "занимаемая должность",
        "наименование должности",
        "position",
        "job title",
        "post",
    ),
    "position_category": (
        "кызмат ордунун категориясы",
        "категория",
        "категориясы",
        "категория должности",
        "position category",
        "category",
    ),
    "position_group": (
        "кызмат орундарынын тобу",
        "кызмат ордунун тобу",
        "тобу",
        "топ",
        "группа",
        "группа должностей",
        "группа должности",
        "position group",
        "group",
    ),
    "class_rank": ("класстык чин", "класстык чини", "классный чин", "class rank", "rank"),
    "appointed_on": (
        "дайындалган күнү",
        "дайындалган датасы",
        "кызматка дайындалган күнү",
        "ээлеген кызматка дайындалган күнү",
        "дата назначения",
        "дата назначения на должность",
        "дата назначения на занимаемую должность",
        "appointed",
        "date appointed",
        "appointment date",
        "appointed on",
    ),
    "service_started_on": (
        "мамлекеттик кызматка кирген күнү",
        "кызматка кирген күнү",
        "кызмат стажынын башталышы",
        "стаждын башталышы",
        "дата поступления на службу",
        "дата начала службы",
        "начало стажа",
        "дата поступления на государственную службу",
        "service start",
        "service started",
        "start of service",
        "start of public service",
    ),
    "languages": (
        "тилдер",
        "тил билүүсү",
        "тилдерди билүүсү",
        "языки",
        "знание языков",
        "languages",
    ),
    "status": ("абалы", "статус", "состояние", "status"),
    "left_on": (
        "бошогон күнү",
        "кеткен күнү",
        "бошотулган күнү",
        "дата увольнения",
        "date left",
        "left on",
    ),
    "left_reason": (
        "бошотуунун себеби",
        "кетүүнүн себеби",
        "причина увольнения",
        "reason for leaving",
        "reason left",
    ),
}

REQUIRED_FIELDS = ("surname", "name", "pin")
HEADER_SEARCH_ROWS = 30


@dataclass
class ColumnMapping:
    """Field -> column index (0-based) in the raw table, and the header row found."""

    header_row: int  # index in RawTable.rows
    columns: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)  # the header row as written in the file
    ignored: list[str] = field(default_factory=list)  # headers that name no known field

    def column_name(self, field_name: str) -> str:
        """The header as written in the file, for messages."""
        index = self.columns.get(field_name)
        if index is None or index >= len(self.headers):
            from hrdesk.domain.rules import field_label

            return field_label(field_name)
        return self.headers[index]

    def has(self, field_name: str) -> bool:
        return field_name in self.columns


@cache
def _header_index() -> dict[str, str]:
    """Normalised header word -> field."""
    index: dict[str, str] = {}
    for field_name, title in COLUMN_TITLES.items():
        for word in translations_everywhere(title):
            index.setdefault(normalize_text(word), field_name)
    for field_name, words in _HEADER_WORDS.items():
        for word in words:
            index.setdefault(normalize_text(word), field_name)
    return index


def field_of_header(header: object) -> str | None:
    if header is None:
        return None
    text = normalize_text(header)
    index = _header_index()
    if text in index:
        return index[text]
    # "Фамилия (обязательно)", "ПИН (14 цифр)": the words before the bracket
    before = normalize_text(str(header).split("(")[0])
    return index.get(before)


def _map_row(cells: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field_name = field_of_header(cell) if isinstance(cell, str) else None
        if field_name and field_name not in found:
            found[field_name] = i
    return found


def detect_mapping(raw: RawTable) -> ColumnMapping:
    """Find the header row among the top rows and map its columns to fields.

    Raises InputFileError when no header row is found or a required column is missing."""
    best_row, best = -1, {}
    for i, cells in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        found = _map_row(cells)
        if len(found) > len(best):
            best_row, best = i, found
    if len(best) < 2:
        raise errors.InputFileError(
            _(
                "No header row was found in {path}. The list needs a row of column titles such as "
                "Фамилия, Имя, ПИН (or Фамилиясы, Аты, ПИН)."
            ).format(path=raw.path.name)
        )
    missing = [f for f in REQUIRED_FIELDS if f not in best]
    if FULL_NAME in best:
        missing = [f for f in missing if f not in ("surname", "name")]
    if missing:
        from hrdesk.domain.rules import field_label

        raise errors.InputFileError(
            _("The list {path} has no column for: {fields}.").format(
                path=raw.path.name, fields=", ".join(field_label(f) for f in missing)
            )
        )
    headers = [" ".join(str(c).split()) if c is not None else "" for c in raw.rows[best_row]]
    ignored = [h for i, h in enumerate(headers) if h and i not in best.values()]
    return ColumnMapping(header_row=best_row, columns=best, headers=headers, ignored=ignored)

"""The offices MKK expects a packet from: kept by hand or imported from an XLSX/CSV list.

A list file has one header row (codes or titles in ky, ru or en) and one office a row:
code, type, name in Kyrgyz, name in Russian, oblast (ISO code or name), district. The import is
all or nothing: a file with a bad row changes nothing and every problem names its row.

The list has a history per cycle: an office is expected from the cycle it was added for
(from_cycle) until the last cycle before it was stopped (until_cycle), so changing the list for
a new cycle leaves the completeness of earlier cycles as it was. An empty bound is open. An
office listed again after it was stopped is expected again from then on (a gap is not kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hrdesk import errors
from hrdesk.domain import reference
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _
from hrdesk.importing.table import read_table
from hrdesk.importing.values import (
    ValueProblem,
    cell_text,
    normalize_text,
    read_choice,
    translations_everywhere,
)
from hrdesk.register import check_office
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database

COLUMN_TITLES: dict[str, str] = {
    "code": N_("Office code"),
    "type": N_("Office type"),
    "name_ky": N_("Name in Kyrgyz"),
    "name_ru": N_("Name in Russian"),
    "oblast": N_("Oblast"),
    "district": N_("District"),
}
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "code": ("code", "код", "коду", "код органа", "уюмдун коду"),
    "type": ("type", "тип", "түрү", "тип органа"),
    "name_ky": ("name", "name ky", "аталышы", "аталышы кыргызча", "наименование на кыргызском"),
    "name_ru": ("name ru", "аталышы орусча", "наименование", "наименование на русском"),
    "oblast": ("oblast", "region", "облус", "область"),
    "district": ("district", "район", "району"),
}
_COLUMNS = ("code", "type", "name_ky", "name_ru", "oblast", "district")
_SELECT = "SELECT id, code, type, name_ky, name_ru, oblast, district, active FROM expected_offices"


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def latest_cycle(database: Database) -> int | None:
    """The newest cycle the database knows (opened or with packets): what a change to the
    list applies from when no cycle is given."""
    value = database.query_value(
        "SELECT MAX(year) FROM (SELECT year FROM cycles UNION ALL "
        "SELECT cycle FROM packets_received)"
    )
    return int(value) if value is not None else None


def _check_cycle(cycle: int | None) -> None:
    if cycle is not None and not 2000 <= cycle <= 2100:
        raise errors.ValidationFailed(
            [
                Problem(
                    "cycle",
                    _("The cycle {cycle} is not a year between 2000 and 2100.").format(
                        cycle=cycle
                    ),
                )
            ]
        )


def expected_in(cycle: int) -> tuple[str, dict[str, int]]:
    """An SQL condition on expected_offices for 'expected in this cycle', with its parameters."""
    return (
        "active = 1 AND (from_cycle IS NULL OR from_cycle <= :cycle) "
        "AND (until_cycle IS NULL OR until_cycle >= :cycle)",
        {"cycle": cycle},
    )


def expected_cycles(database: Database) -> dict[str, tuple[int | None, int | None]]:
    """Per office code on the list: the first and the last cycle it is expected in."""
    return {
        code: (first, last)
        for code, first, last in database.execute(
            "SELECT code, from_cycle, until_cycle FROM expected_offices WHERE active = 1"
        )
    }


def _office(row: tuple) -> tuple[Office, bool]:
    id_, code, type_, name_ky, name_ru, oblast, district, active = row
    try:
        office_type = OfficeType(type_)
    except ValueError:
        office_type = OfficeType.OTHER
    office = Office(code, office_type, name_ky, name_ru, oblast, district, id=id_)
    return office, bool(active)


def expected_offices(
    database: Database, *, include_inactive: bool = False, cycle: int | None = None
) -> list[Office]:
    """The expected offices by oblast, district and code: those on the list (with the inactive
    ones only when asked), or those expected in `cycle`."""
    params: dict[str, int] = {}
    if cycle is not None:
        where, params = expected_in(cycle)
        where = f" WHERE {where}"
    else:
        where = "" if include_inactive else " WHERE active = 1"
    rows = database.execute(f"{_SELECT}{where} ORDER BY oblast, district, code", params)
    return [_office(r)[0] for r in rows.fetchall()]


def expected_office(database: Database, code: str) -> tuple[Office, bool] | None:
    """The office with this code and whether it is still expected, or None."""
    row = database.execute(f"{_SELECT} WHERE code = ?", (code,)).fetchone()
    return _office(row) if row else None


def _check(office: Office) -> list[Problem]:
    problems = check_office(office)
    if office.district and office.oblast and reference.oblast(office.oblast) is not None:
        if _district_code(office.oblast, office.district) is None:
            problems.append(
                Problem(
                    "district",
                    _("The district «{district}» is not in the oblast {oblast}.").format(
                        district=office.district,
                        oblast=reference.oblast_name(office.oblast, "ky"),
                    ),
                )
            )
    return problems


def save_expected_office(
    database: Database, office: Office, *, active: bool = True, from_cycle: int | None = None
) -> int:
    """Add (office.id None) or edit an expected office; bad values raise ValidationFailed.
    A new office is expected from from_cycle on (every cycle when None); an edit keeps the
    cycles it is expected in."""
    _check_cycle(from_cycle)
    office.code = office.code.strip()
    problems = _check(office)
    if office.oblast and office.district:
        office.district = _district_code(office.oblast, office.district) or office.district
    clash = database.query_value(
        "SELECT id FROM expected_offices WHERE code = ? AND id IS NOT ?", (office.code, office.id)
    )
    if clash is not None:
        problems.append(
            Problem(
                "code", _("Another expected office has the code {code}.").format(code=office.code)
            )
        )
    if problems:
        raise errors.ValidationFailed(problems)
    stamp = now_utc()
    values = (
        office.code,
        office.type.value,
        office.name_ky.strip(),
        office.name_ru.strip(),
        office.oblast,
        office.district,
        int(active),
    )
    with database.transaction():
        if office.id is None:
            cur = database.execute(
                "INSERT INTO expected_offices(code, type, name_ky, name_ru, oblast, district, "
                "active, created_at, updated_at, from_cycle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, stamp, stamp, from_cycle),
            )
            office.id = int(cur.lastrowid or 0)
        else:
            database.execute(
                "UPDATE expected_offices SET code = ?, type = ?, name_ky = ?, name_ru = ?, "
                "oblast = ?, district = ?, active = ?, updated_at = ? WHERE id = ?",
                (*values, stamp, office.id),
            )
    return office.id


def stop_expecting(database: Database, code: str, cycle: int) -> None:
    """The office is no longer expected from `cycle` on; earlier cycles keep it (a stop already
    set earlier stays)."""
    _check_cycle(cycle)
    with database.transaction():
        cur = database.execute(
            "UPDATE expected_offices SET until_cycle = MIN(COALESCE(until_cycle, :last), :last), "
            "updated_at = :stamp WHERE code = :code AND active = 1",
            {"last": cycle - 1, "stamp": now_utc(), "code": code},
        )
        if cur.rowcount == 0:
            raise errors.NotFound(
                _("There is no expected office with the code {code}.").format(code=code)
            )


def set_expected(database: Database, code: str, active: bool) -> None:
    """Stop (or again start) expecting a packet from an office; its history stays."""
    with database.transaction():
        cur = database.execute(
            "UPDATE expected_offices SET active = ?, updated_at = ? WHERE code = ?",
            (int(active), now_utc(), code),
        )
        if cur.rowcount == 0:
            raise errors.NotFound(
                _("There is no expected office with the code {code}.").format(code=code)
            )


# --- reading a list file ----------------------------------------------------------------------


def _district_code(oblast_code: str, text: str) -> str | None:
    """The district's reference code (its Kyrgyz name) from its name in ky or ru."""
    found = reference.oblast(oblast_code)
    if found is None:
        return None
    wanted = normalize_text(text)
    for district in found.districts:
        names = {district.code, district.ky, district.ru}
        if wanted in {normalize_text(n) for n in names}:
            return district.code
        # "Аламудунский район" / "Аламүдүн району" name the same district.
        for name in names:
            base = normalize_text(name)
            if (
                base
                and wanted.startswith(base)
                and wanted[len(base) :].strip() in ("", "район", "району", "district")
            ):
                return district.code
    return None


def _oblast_code(text: str) -> str | None:
    wanted = normalize_text(text)
    for oblast in reference.oblasts():
        names = {oblast.code, oblast.ky, oblast.ru, oblast.en}
        if wanted in {normalize_text(n) for n in names}:
            return oblast.code
    return None


def _header_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for field, title in COLUMN_TITLES.items():
        for word in translations_everywhere(title):
            words.setdefault(normalize_text(word), field)
        words.setdefault(field, field)
    for field, extra in _HEADER_WORDS.items():
        for word in extra:
            words.setdefault(normalize_text(word), field)
    return words


def _find_header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    words = _header_words()
    for index, cells in enumerate(rows[:20]):
        mapping: dict[str, int] = {}
        for column, cell in enumerate(cells):
            field = words.get(normalize_text(cell_text(cell))) if cell is not None else None
            if field and field not in mapping:
                mapping[field] = column
        if "code" in mapping and ("name_ky" in mapping or "name_ru" in mapping):
            return index, mapping
    return None


def _row_problem(row: int, field: str, message: str) -> Problem:
    return Problem(
        field,
        _("Row {row}, column «{column}»: {message}").format(
            row=row, column=_(COLUMN_TITLES[field]), message=message
        ),
    )


def read_expected_offices(path: str | Path) -> list[Office]:
    """The offices listed in a file; any bad row raises ValidationFailed naming every problem."""
    table = read_table(path)
    found = _find_header(table.rows)
    if found is None:
        raise errors.InputFileError(
            _("Cannot read {path}: no header row with the columns «{code}» and «{name}».").format(
                path=Path(path).name,
                code=_(COLUMN_TITLES["code"]),
                name=_(COLUMN_TITLES["name_ky"]),
            )
        )
    header, mapping = found
    offices: list[Office] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index in range(header + 1, len(table.rows)):
        cells = table.rows[index]
        row = index + 1

        def cell(field: str, cells: list[object] = cells) -> object:
            column = mapping.get(field)
            return cells[column] if column is not None and column < len(cells) else None

        values = {f: cell_text(cell(f)) for f in _COLUMNS}
        if not any(values.values()):
            continue
        # A Russian-only list: the Russian name stands in until someone types the Kyrgyz one.
        values["name_ky"] = values["name_ky"] or values["name_ru"]
        before = len(problems)
        try:
            office_type = read_choice(OfficeType, cell("type")) or OfficeType.OTHER
        except ValueProblem as exc:
            problems.append(_row_problem(row, "type", str(exc)))
            office_type = OfficeType.OTHER
        oblast = _oblast_code(values["oblast"]) if values["oblast"] else None
        if oblast is None:
            problems.append(
                _row_problem(
                    row,
                    "oblast",
                    _("«{value}» is not an oblast.").format(value=values["oblast"])
                    if values["oblast"]
                    else _("The oblast is required."),
                )
            )
        district = ""
        if values["district"] and oblast:
            district = _district_code(oblast, values["district"]) or ""
            if not district:
                problems.append(
                    _row_problem(
                        row,
                        "district",
                        _("The district «{district}» is not in this oblast.").format(
                            district=values["district"]
                        ),
                    )
                )
        if not values["code"]:
            problems.append(_row_problem(row, "code", _("The office code is required.")))
        elif values["code"] in seen:
            problems.append(
                _row_problem(
                    row,
                    "code",
                    _("The code {code} is also in row {other}.").format(
                        code=values["code"], other=seen[values["code"]]
                    ),
                )
            )
        else:
            seen[values["code"]] = row
        if not values["name_ky"]:
            problems.append(_row_problem(row, "name_ky", _("The name in Kyrgyz is required.")))
        if len(problems) == before:
            offices.append(
                Office(
                    values["code"],
                    office_type,
                    values["name_ky"],
                    values["name_ru"],
                    oblast or "",
                    district,
                )
            )
    if problems:
        raise errors.ValidationFailed(problems)
    if not offices:
        raise errors.InputFileError(
            _("Cannot read {path}: the list has no offices.").format(path=Path(path).name)
        )
    return offices


def import_expected_offices(
    database: Database, path: str | Path, *, from_cycle: int | None = None
) -> ImportCounts:
    """Add the file's offices to the expected list and update those already there (by code).
    New offices are expected from from_cycle on (every cycle when None); one stopped before is
    expected again. Offices not in the file are kept. Nothing changes when the file has a bad
    row or the cycle is bad."""
    _check_cycle(from_cycle)
    offices = read_expected_offices(path)
    counts = ImportCounts()
    stamp = now_utc()
    with database.transaction():
        for office in offices:
            existing = expected_office(database, office.code)
            values = (
                office.type.value,
                office.name_ky,
                office.name_ru,
                office.oblast,
                office.district,
            )
            if existing is None:
                database.execute(
                    "INSERT INTO expected_offices(code, type, name_ky, name_ru, oblast, district, "
                    "active, created_at, updated_at, from_cycle) "
                    "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    (office.code, *values, stamp, stamp, from_cycle),
                )
                counts.created += 1
                continue
            old, active = existing
            first, last = database.execute(
                "SELECT from_cycle, until_cycle FROM expected_offices WHERE code = ?",
                (office.code,),
            ).fetchone()
            if not active:  # taken off the list before: it starts afresh
                new_first = from_cycle
            elif first is None or (from_cycle is not None and from_cycle >= first):
                new_first = first
            else:  # listed now for an earlier cycle than before, or for every cycle
                new_first = from_cycle
            if (
                active
                and last is None
                and new_first == first
                and (old.type.value, old.name_ky, old.name_ru, old.oblast, old.district) == values
            ):
                counts.unchanged += 1
                continue
            database.execute(
                "UPDATE expected_offices SET type = ?, name_ky = ?, name_ru = ?, oblast = ?, "
                "district = ?, active = 1, from_cycle = ?, until_cycle = NULL, updated_at = ? "
                "WHERE code = ?",
                (*values, new_first, stamp, office.code),
            )
            counts.updated += 1
    return counts

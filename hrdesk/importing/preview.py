"""What an import would do, row by row, before anything is written.

Each data row becomes a person to add, an update of the person with the same PIN and surname,
a conflict (the PIN belongs to someone of another name: the clerk decides), or a refused row
with its reasons. Row numbers are the file's own (1-based, title rows counted); column names
are the file's own headers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk import register
from hrdesk.domain import rules
from hrdesk.domain.enums import PositionCategory, PositionGroup, ServiceType, StaffStatus
from hrdesk.domain.models import StaffMember
from hrdesk.i18n import _
from hrdesk.importing import values
from hrdesk.importing.columns import FULL_NAME, ColumnMapping
from hrdesk.importing.table import RawTable
from hrdesk.importing.values import ValueProblem
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

Progress = Callable[[int, int], None]  # (done, total)
Cancel = Callable[[], bool]  # True when the user asked to stop


class RowAction(StrEnum):
    ADD = "add"
    UPDATE = "update"
    CONFLICT = "conflict"
    INVALID = "invalid"


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it in the file: 1-based, title rows counted
    column: str  # the header as written in the file
    message: str


@dataclass
class RowOutcome:
    row: int
    action: RowAction
    member: StaffMember | None = None  # the person as they would be written
    unit_name: str = ""  # the unit named in the file ("" when none); may be new
    existing: StaffMember | None = None  # the person updated, or holding the PIN in a conflict
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.action in (RowAction.ADD, RowAction.UPDATE)


@dataclass
class ImportPreview:
    table: RawTable
    mapping: ColumnMapping
    office_id: int
    rows: list[RowOutcome]
    new_units: list[str]  # unit names the file uses that the office does not have yet

    @property
    def total(self) -> int:
        return len(self.rows)

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def valid(self) -> int:
        return sum(1 for r in self.rows if r.is_valid)

    @property
    def invalid(self) -> int:
        return self.total - self.valid

    @property
    def conflicts(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.action == RowAction.CONFLICT]

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]


# Text fields copied as they are; field -> StaffMember attribute.
_TEXT_FIELDS = ("surname", "name", "patronymic", "phone", "position_title", "left_reason")
_DATE_FIELDS = ("birth_date", "appointed_on", "service_started_on", "left_on")
_CHOICE_FIELDS = {
    "service_type": ServiceType,
    "position_category": PositionCategory,
    "position_group": PositionGroup,
    "status": StaffStatus,
}


def _split_full_name(text: str) -> tuple[str, str, str]:
    parts = text.split()
    if not parts:
        return "", "", ""
    return parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:])


def _row_values(
    cells: list[object], mapping: ColumnMapping, row: int
) -> tuple[dict[str, object], list[RowError]]:
    """Field -> value of the row's non-empty cells, and the cells that were not understood."""
    found: dict[str, object] = {}
    problems: list[RowError] = []

    def cell(field_name: str) -> object:
        index = mapping.columns.get(field_name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return None if values.is_empty(value) else value

    def refuse(field_name: str, exc: ValueProblem) -> None:
        problems.append(RowError(row, mapping.column_name(field_name), exc.message))

    full = cell(FULL_NAME)
    if full is not None:
        surname, name, patronymic = _split_full_name(values.cell_text(full))
        found.update(surname=surname, name=name)
        if patronymic:
            found["patronymic"] = patronymic
    for field_name in _TEXT_FIELDS:
        value = cell(field_name)
        if value is not None:
            found[field_name] = values.cell_text(value)
    value = cell("pin")
    if value is not None:
        found["pin"] = values.read_pin(value)
    readers: list[tuple[str, Callable[[object], object]]] = [
        ("sex", values.read_sex),
        *((f, values.read_date) for f in _DATE_FIELDS),
        *((f, lambda v, e=e: values.read_choice(e, v)) for f, e in _CHOICE_FIELDS.items()),
        ("languages", values.read_languages),
        ("class_rank", values.read_class_rank),
    ]
    for field_name, reader in readers:
        value = cell(field_name)
        if value is None:
            continue
        try:
            found[field_name] = reader(value)
        except ValueProblem as exc:
            refuse(field_name, exc)
    value = cell("unit")
    if value is not None:
        found["unit"] = values.cell_text(value)
    return found, problems


def _problem_column(problem: rules.Problem, mapping: ColumnMapping) -> str:
    if mapping.has(problem.field):
        return mapping.column_name(problem.field)
    if problem.field in ("surname", "name", "patronymic") and mapping.has(FULL_NAME):
        return mapping.column_name(FULL_NAME)
    if problem.field == "birth_date" and mapping.has("pin"):
        return mapping.column_name("pin")
    return mapping.column_name(problem.field)


def _same_surname(a: str, b: str) -> bool:
    return values.normalize_text(a) == values.normalize_text(b)


def preview(
    database: Database,
    raw: RawTable,
    mapping: ColumnMapping,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Check every row against the rules and the register. Writes nothing.

    Raises NotSetUp when the database has no office."""
    office = register.own_office(database)
    assert office.id is not None
    today = today or dt.date.today()
    by_pin: dict[str, list[StaffMember]] = {}
    for member in StaffRepository(database).all(office.id):
        by_pin.setdefault(member.pin, []).append(member)
    units = {values.normalize_text(u.name): u for u in OfficeRepository(database).units(office.id)}
    new_units: dict[str, str] = {}
    seen_pins: dict[str, int] = {}
    outcomes: list[RowOutcome] = []
    data_rows = raw.rows[mapping.header_row + 1 :]
    first_row = mapping.header_row + 2
    for offset, cells in enumerate(data_rows):
        if progress and offset % 1000 == 0:
            progress(offset, len(data_rows))
        if all(values.is_empty(c) for c in cells):
            continue
        row = first_row + offset
        outcome = _check_row(cells, row, mapping, by_pin, seen_pins, today)
        if outcome.unit_name:
            key = values.normalize_text(outcome.unit_name)
            if key in units:
                outcome.unit_name = units[key].name
                if outcome.member is not None:
                    outcome.member.unit_id = units[key].id
            elif outcome.is_valid or outcome.action == RowAction.CONFLICT:
                outcome.unit_name = new_units.setdefault(key, outcome.unit_name)
        outcomes.append(outcome)
    if progress:
        progress(len(data_rows), len(data_rows))
    return ImportPreview(raw, mapping, office.id, outcomes, list(new_units.values()))


def _check_row(
    cells: list[object],
    row: int,
    mapping: ColumnMapping,
    by_pin: dict[str, list[StaffMember]],
    seen_pins: dict[str, int],
    today: dt.date,
) -> RowOutcome:
    found, value_errors = _row_values(cells, mapping, row)
    pin = str(found.get("pin", ""))
    holders = by_pin.get(pin, []) if pin else []
    surname = str(found.get("surname", ""))
    match = next((m for m in holders if _same_surname(m.surname, surname)), None)
    base = dataclasses.replace(match, languages=list(match.languages)) if match else None
    member = base or StaffMember(surname="", name="", pin="")
    for key, value in found.items():
        if key != "unit":
            setattr(member, key, value)
    unit_name = str(found.get("unit", ""))
    if member.status != StaffStatus.LEFT:
        member.left_on, member.left_reason = None, ""
    errors = list(value_errors)
    for problem in rules.check_staff(member, today):
        if problem.severity == rules.Severity.ERROR:
            errors.append(RowError(row, _problem_column(problem, mapping), problem.message))
    if pin and not errors and pin in seen_pins:
        errors.append(
            RowError(
                row,
                mapping.column_name("pin"),
                _("The same PIN is already in row {row} of this list.").format(row=seen_pins[pin]),
            )
        )
    if errors:
        return RowOutcome(row, RowAction.INVALID, None, unit_name, match, errors)
    seen_pins[pin] = row
    if match is not None:
        return RowOutcome(row, RowAction.UPDATE, member, unit_name, match)
    if holders:
        names = ", ".join(h.full_name for h in holders[:3])
        message = _(
            "The PIN is already recorded for {names}; decide whether this is the same person."
        ).format(names=names)
        conflict = RowError(row, mapping.column_name("pin"), message)
        return RowOutcome(row, RowAction.CONFLICT, member, unit_name, holders[0], [conflict])
    return RowOutcome(row, RowAction.ADD, member, unit_name)

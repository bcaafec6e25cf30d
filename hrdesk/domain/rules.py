"""The rules of the register: PIN, dates, completeness, tenure. One place for each rule.

Every check returns Problems naming the field, so the UI can show the message next to the
field and the importer can name the column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hrdesk.domain.enums import Sex, StaffStatus
from hrdesk.domain.models import Education, StaffMember, TrainingRecord
from hrdesk.i18n import N_, _

PIN_LENGTH = 14
MIN_AGE_AT_APPOINTMENT = 16
MIN_BIRTH_YEAR = 1900


class Severity(StrEnum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # the clerk must confirm


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: Severity = Severity.ERROR


def _error(field: str, message: str) -> Problem:
    return Problem(field, message, Severity.ERROR)


def pin_sex(pin: str) -> Sex | None:
    if len(pin) >= 1 and pin[0] == "1":
        return Sex.FEMALE
    if len(pin) >= 1 and pin[0] == "2":
        return Sex.MALE
    return None


def pin_birth_date(pin: str) -> dt.date | None:
    if len(pin) < 9 or not pin[1:9].isdigit():
        return None
    try:
        return dt.date(int(pin[5:9]), int(pin[3:5]), int(pin[1:3]))
    except ValueError:
        return None


def normalize_pin(raw: object) -> str:
    """A PIN as typed or read from a spreadsheet: spaces dropped, a number's '.0' dropped."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def check_pin(pin: str, today: dt.date | None = None) -> list[Problem]:
    """Length, digits, sex digit and the birth date inside the PIN."""
    today = today or dt.date.today()
    if not pin:
        return [_error("pin", _("The PIN is required."))]
    if not pin.isdigit():
        return [_error("pin", _("The PIN may contain digits only."))]
    if len(pin) != PIN_LENGTH:
        return [
            _error(
                "pin",
                _("The PIN must have 14 digits; this one has {count}.").format(count=len(pin)),
            )
        ]
    problems = []
    if pin_sex(pin) is None:
        problems.append(
            _error("pin", _("The first digit of the PIN must be 1 (female) or 2 (male)."))
        )
    born = pin_birth_date(pin)
    if born is None:
        problems.append(
            _error("pin", _("Digits 2 to 9 of the PIN must be a real date of birth (DDMMYYYY)."))
        )
    elif born > today or born.year < MIN_BIRTH_YEAR:
        problems.append(_error("pin", _("The date of birth in the PIN is not plausible.")))
    return problems


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_staff(member: StaffMember, today: dt.date | None = None) -> list[Problem]:
    """Every rule a staff member must satisfy before being saved (errors block)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not member.surname.strip():
        problems.append(_error("surname", _("The surname is required.")))
    if not member.name.strip():
        problems.append(_error("name", _("The name is required.")))
    pin_problems = check_pin(member.pin, today)
    problems += pin_problems
    if not pin_problems:
        if member.sex is not None and pin_sex(member.pin) != member.sex:
            problems.append(
                _error("pin", _("The first digit of the PIN does not agree with the sex entered."))
            )
        if member.birth_date is not None and pin_birth_date(member.pin) != member.birth_date:
            problems.append(
                _error("pin", _("The date in the PIN does not agree with the date of birth."))
            )
    for field_name, value in (
        ("birth_date", member.birth_date),
        ("appointed_on", member.appointed_on),
        ("service_started_on", member.service_started_on),
        ("left_on", member.left_on),
    ):
        if value is not None and value > today:
            problems.append(_error(field_name, _("The date cannot be in the future.")))
    born = member.birth_date or (pin_birth_date(member.pin) if not pin_problems else None)
    if member.birth_date is not None and member.birth_date.year < MIN_BIRTH_YEAR:
        problems.append(_error("birth_date", _("The date of birth is not plausible.")))
    if born is not None:
        earliest = add_years(born, MIN_AGE_AT_APPOINTMENT)
        for field_name, value in (
            ("appointed_on", member.appointed_on),
            ("service_started_on", member.service_started_on),
        ):
            if value is not None and value < earliest:
                problems.append(
                    _error(field_name, _("The date is before the person turned 16."))
                )
    if (
        member.appointed_on is not None
        and member.service_started_on is not None
        and member.appointed_on < member.service_started_on
    ):
        problems.append(
            _error(
                "appointed_on",
                _("The appointment cannot come before the start of public service."),
            )
        )
    if member.status == StaffStatus.LEFT:
        if member.left_on is None:
            problems.append(_error("left_on", _("Give the date the person left.")))
        elif member.appointed_on is not None and member.left_on < member.appointed_on:
            problems.append(_error("left_on", _("The person cannot leave before appointment.")))
    return problems


def duplicate_pin_warning(others: list[StaffMember]) -> Problem | None:
    """A PIN held by someone else is a warning: national registers do contain duplicates."""
    if not others:
        return None
    names = ", ".join(o.full_name for o in others[:3])
    return Problem(
        "pin",
        _("This PIN is already recorded for: {names}. Save anyway?").format(names=names),
        Severity.WARNING,
    )


def check_education(education: Education, birth_date: dt.date | None, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = []
    year = education.graduation_year
    if year is not None:
        if year > today.year:
            problems.append(_error("graduation_year", _("The graduation year cannot be in the future.")))
        elif birth_date is not None and year < birth_date.year + 14:
            problems.append(
                _error("graduation_year", _("The graduation year is too early for the date of birth."))
            )
    return problems


def check_training(record: TrainingRecord, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems = []
    if not record.course_title.strip():
        problems.append(_error("course_title", _("The course is required.")))
    if record.start_date and record.end_date and record.end_date < record.start_date:
        problems.append(_error("end_date", _("The course cannot end before it starts.")))
    if record.hours is not None and not (0 < record.hours <= 2000):
        problems.append(_error("hours", _("The hours must be between 1 and 2000.")))
    fb = record.feedback
    for name, value in (
        ("relevance", fb.relevance),
        ("trainer", fb.trainer),
        ("practice", fb.practice),
        ("language_fit", fb.language_fit),
        ("overall", fb.overall),
    ):
        if value is not None and not 1 <= value <= 5:
            problems.append(_error(name, _("A rating must be from 1 to 5.")))
    return problems


# --- completeness ---------------------------------------------------------------------------

# Field -> its name as shown in "what is missing" lists.
REQUIRED_FOR_COMPLETE: dict[str, str] = {
    "patronymic": N_("patronymic"),
    "sex": N_("sex"),
    "birth_date": N_("date of birth"),
    "unit_id": N_("unit"),
    "service_type": N_("service type"),
    "position_title": N_("position"),
    "position_category": N_("position category"),
    "appointed_on": N_("date appointed"),
    "service_started_on": N_("start of public service"),
}


def missing_fields(member: StaffMember, education_count: int | None = None) -> list[str]:
    """Codes of the fields a complete record would have; 'education' when none is recorded."""
    missing = [f for f in REQUIRED_FOR_COMPLETE if getattr(member, f) in (None, "")]
    if (
        member.position_category is not None
        and member.position_category.value == "administrative"
        and member.position_group is None
    ):
        missing.append("position_group")
    if education_count == 0:
        missing.append("education")
    return missing


FIELD_NAMES: dict[str, str] = {
    **REQUIRED_FOR_COMPLETE,
    "position_group": N_("position group"),
    "education": N_("education"),
    "surname": N_("surname"),
    "name": N_("name"),
    "pin": N_("PIN"),
    "phone": N_("phone"),
    "class_rank": N_("class rank"),
    "left_on": N_("date left"),
}


def field_label(field_name: str) -> str:
    return _(FIELD_NAMES.get(field_name, field_name))


# --- tenure ---------------------------------------------------------------------------------


def years_months_between(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole years and months from start to end; (0, 0) when end is before start."""
    if end < start:
        return (0, 0)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return divmod(max(months, 0), 12)


def tenure(member: StaffMember, today: dt.date | None = None) -> tuple[int, int] | None:
    """Years and months in the current position (until leaving, for those who left)."""
    if member.appointed_on is None:
        return None
    end = member.left_on if member.status == StaffStatus.LEFT and member.left_on else today or dt.date.today()
    return years_months_between(member.appointed_on, end)


def length_of_service(member: StaffMember, today: dt.date | None = None) -> tuple[int, int] | None:
    if member.service_started_on is None:
        return None
    end = member.left_on if member.status == StaffStatus.LEFT and member.left_on else today or dt.date.today()
    return years_months_between(member.service_started_on, end)


def age(birth_date: dt.date, today: dt.date | None = None) -> int:
    return years_months_between(birth_date, today or dt.date.today())[0]

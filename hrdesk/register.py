"""Changes to the office and its staff register. Each takes plain values, checks the rules,
writes in one transaction, and returns what changed."""

from __future__ import annotations

import datetime as dt

from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain import rules
from hrdesk.domain.enums import Role, StaffStatus
from hrdesk.domain.models import Education, Office, StaffMember, TrainingRecord, Unit
from hrdesk.i18n import _
from hrdesk.packets.keys import ensure_keys
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.role_indexes import fit_indexes
from hrdesk.store.settings import SettingsRepository
from hrdesk.store.staff import StaffRepository

DEFAULT_UNITS_KY = ("Жетекчилик", "Финансы-экономика бөлүмү", "Кадр кызматы", "Жалпы бөлүм")


# --- setup ----------------------------------------------------------------------------------


def role(database: Database) -> Role | None:
    value = SettingsRepository(database).get("role")
    return Role(value) if value else None


def is_set_up(database: Database) -> bool:
    return role(database) is not None


def check_office(office: Office) -> list[rules.Problem]:
    problems = []
    if not office.code.strip():
        problems.append(rules.Problem("code", _("The office code is required.")))
    if not office.name_ky.strip():
        problems.append(rules.Problem("name_ky", _("The name in Kyrgyz is required.")))
    from hrdesk.domain.reference import oblast

    if not office.oblast or oblast(office.oblast) is None:
        problems.append(rules.Problem("oblast", _("Choose the oblast from the list.")))
    return problems


def setup_office(database: Database, office: Office, units: tuple[str, ...] = DEFAULT_UNITS_KY) -> Changes:
    """First-run setup of an office installation."""
    problems = check_office(office)
    if problems:
        raise errors.ValidationFailed(problems)
    repo = OfficeRepository(database)
    settings = SettingsRepository(database)
    with database.transaction():
        existing = repo.own()
        if existing is not None:
            office.id = existing.id
        office_id = repo.save(office, own=True)
        if existing is None:
            for i, name in enumerate(units):
                repo.save_unit(office_id, Unit(name=name, position=i))
        settings.set("role", Role.OFFICE.value)
        ensure_keys(database, Role.OFFICE)  # the office's signing key, from setup on
    return Changes(office=True, units=True, settings=True)


def setup_mkk(database: Database) -> Changes:
    with database.transaction():
        SettingsRepository(database).set("role", Role.MKK.value)
        ensure_keys(database, Role.MKK)  # MKK's signing and encryption keys, from setup on
        fit_indexes(database, Role.MKK)
    return Changes(settings=True)


def own_office(database: Database) -> Office:
    office = OfficeRepository(database).own()
    if office is None:
        raise errors.NotSetUp(database.path)
    return office


def save_office(database: Database, office: Office) -> Changes:
    problems = check_office(office)
    if problems:
        raise errors.ValidationFailed(problems)
    OfficeRepository(database).save(office, own=True)
    return Changes(office=True)


def save_unit(database: Database, name: str, unit_id: int | None = None) -> Changes:
    office = own_office(database)
    name = name.strip()
    if not name:
        raise errors.ValidationFailed([rules.Problem("name", _("The unit needs a name."))])
    repo = OfficeRepository(database)
    same = repo.unit_by_name(office.id or 0, name)
    if same is not None and same.id != unit_id:
        raise errors.ValidationFailed([rules.Problem("name", _("A unit with this name exists already."))])
    units = repo.units(office.id or 0)
    position = next((u.position for u in units if u.id == unit_id), len(units))
    repo.save_unit(office.id or 0, Unit(name=name, position=position, id=unit_id))
    return Changes(units=True)


def delete_unit(database: Database, unit_id: int) -> Changes:
    repo = OfficeRepository(database)
    if repo.unit_staff_count(unit_id):
        raise errors.ValidationFailed(
            [rules.Problem("unit", _("The unit still has staff; move them to another unit first."))]
        )
    repo.delete_unit(unit_id)
    return Changes(units=True)



def move_unit(database: Database, unit_id: int, offset: int) -> Changes:
    """Move a unit up (offset < 0) or down (offset > 0) in the office's list of units."""
    office = own_office(database)
    repo = OfficeRepository(database)
    units = repo.units(office.id or 0)
    index = next((i for i, u in enumerate(units) if u.id == unit_id), None)
    if index is None:
        raise errors.NotFound(_("The unit was not found."))
    target = min(max(index + offset, 0), len(units) - 1)
    units.insert(target, units.pop(index))
    with database.transaction():
        for position, unit in enumerate(units):
            if unit.position != position:
                unit.position = position
                repo.save_unit(office.id or 0, unit)
    return Changes(units=True)

# --- staff ----------------------------------------------------------------------------------


def staff_problems(
    database: Database, member: StaffMember, today: dt.date | None = None
) -> list[rules.Problem]:
    """Errors and warnings for a person about to be saved (duplicate PIN is a warning)."""
    problems = rules.check_staff(member, today)
    if not any(p.field == "pin" for p in problems):
        others = [o for o in StaffRepository(database).with_pin(member.pin) if o.id != member.id]
        warning = rules.duplicate_pin_warning(others)
        if warning:
            problems.append(warning)
    return problems


def save_staff(
    database: Database,
    member: StaffMember,
    *,
    confirm_warnings: bool = False,
    today: dt.date | None = None,
) -> Changes:
    """Add or update a person. Errors refuse; warnings refuse unless confirmed."""
    problems = staff_problems(database, member, today)
    blocking = [
        p for p in problems
        if p.severity == rules.Severity.ERROR or not confirm_warnings
    ]
    if blocking:
        raise errors.ValidationFailed(blocking)
    repo = StaffRepository(database)
    if member.office_id is None:
        member.office_id = own_office(database).id
    if member.status != StaffStatus.LEFT:
        member.left_on = None
        member.left_reason = ""
    if member.id is None:
        repo.add(member)
        return Changes(staff_ids={member.id or 0}, staff_added=True)
    repo.update(member)
    return Changes(staff_ids={member.id})


def mark_left(
    database: Database, staff_id: int, left_on: dt.date, reason: str, today: dt.date | None = None
) -> Changes:
    """Mark a person as having left. Nobody is deleted: the record and its history stay."""
    repo = StaffRepository(database)
    member = repo.get(staff_id)
    if member is None:
        raise errors.NotFound(_("The person was not found."))
    member.status = StaffStatus.LEFT
    member.left_on = left_on
    member.left_reason = reason.strip()
    problems = [p for p in rules.check_staff(member, today) if p.field in ("left_on",)]
    if problems:
        raise errors.ValidationFailed(problems)
    repo.update(member)
    return Changes(staff_ids={staff_id})


def save_education(database: Database, education: Education) -> Changes:
    repo = StaffRepository(database)
    member = repo.get(education.staff_id or 0)
    if member is None:
        raise errors.NotFound(_("The person was not found."))
    problems = rules.check_education(education, member.birth_date)
    if problems:
        raise errors.ValidationFailed(problems)
    repo.save_education(education)
    return Changes(staff_ids={member.id or 0})


def delete_education(database: Database, education: Education) -> Changes:
    StaffRepository(database).delete_education(education.id or 0)
    return Changes(staff_ids={education.staff_id or 0})


def save_training(database: Database, record: TrainingRecord) -> Changes:
    problems = rules.check_training(record)
    if problems:
        raise errors.ValidationFailed(problems)
    StaffRepository(database).save_training(record)
    return Changes(staff_ids={record.staff_id or 0})


def delete_training(database: Database, record: TrainingRecord) -> Changes:
    StaffRepository(database).delete_training(record.id or 0)
    return Changes(staff_ids={record.staff_id or 0})

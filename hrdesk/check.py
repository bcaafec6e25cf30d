"""The check of a whole database: SQLite's integrity check, the audit trail's triggers, and the
register's rules over every person, education and training record.

Errors are what the app would refuse to save (or a damaged file); warnings are what the clerk
resolves (duplicate PINs).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk.domain import rules
from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import StaffMember
from hrdesk.domain.rules import Severity
from hrdesk.i18n import _, format_number, ngettext
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository

_CHUNK = 500

# Coded columns and the codes they may hold.
_CODES: dict[tuple[str, str], type[StrEnum]] = {
    ("staff", "sex"): Sex,
    ("staff", "service_type"): ServiceType,
    ("staff", "position_category"): PositionCategory,
    ("staff", "position_group"): PositionGroup,
    ("staff", "status"): StaffStatus,
    ("education", "level"): EducationLevel,
    ("education", "field"): EducationField,
    ("training", "format"): TrainingFormat,
    ("training", "funding"): Funding,
    ("training", "language"): Language,
}

_AUDITED = ("staff", "education", "training", "settings", "offices", "units")


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str  # translated, e.g. "Асанов Бакыт (PIN 21501199000011)"
    message: str  # translated
    staff_id: int | None = None


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    people: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def clean(self) -> bool:
        return not self.findings


def _person(member: StaffMember) -> str:
    return _("{name} (PIN {pin})").format(name=member.full_name, pin=member.pin or "—")


def _person_of_row(staff_id: int) -> str:
    return _("person no. {id}").format(id=staff_id)


def _database_where() -> str:
    return _("database file")


def check_database(database: Database, today: dt.date | None = None) -> CheckReport:
    """Everything that is wrong in the database, errors first within each person."""
    today = today or dt.date.today()
    report = CheckReport()
    report.findings += _integrity(database)
    if report.errors:
        return report  # rows of a damaged file are not worth reading
    report.findings += _audit_triggers(database)
    report.findings += _codes(database)
    members = dict(_members(database, report))
    report.people = int(database.query_value("SELECT count(*) FROM staff") or 0)
    for member in members.values():
        for problem in rules.check_staff(member, today):
            report.findings.append(_finding(problem, _person(member), member.id))
    report.findings += _duplicate_pins(database)
    report.findings += _educations(database, members, today)
    report.findings += _trainings(database, members, today)
    return report


def _finding(problem: rules.Problem, where: str, staff_id: int | None) -> Finding:
    message = _("{field}: {message}").format(field=rules.field_label(problem.field), message=problem.message)
    return Finding(problem.severity, where, message, staff_id)


def _integrity(database: Database) -> list[Finding]:
    try:
        problems = database.integrity_check()
    except sqlite3.Error as exc:
        problems = [str(exc)]
    return [
        Finding(Severity.ERROR, _database_where(), _("SQLite integrity check: {problem}").format(problem=p))
        for p in problems
    ]


def _audit_triggers(database: Database) -> list[Finding]:
    from hrdesk.store.audit import audited_tables

    present = set(audited_tables(database))
    return [
        Finding(
            Severity.ERROR, _database_where(),
            _("Changes to the table {table} are not recorded in the audit trail.").format(table=t),
        )
        for t in _AUDITED if t not in present
    ]


def _codes(database: Database) -> list[Finding]:
    found = []
    for (table, column), enum_type in _CODES.items():
        allowed = [e.value for e in enum_type]
        marks = ", ".join("?" * len(allowed))
        person = "id" if table == "staff" else "staff_id"
        rows = database.execute(
            f"SELECT {person}, {column} FROM {table} "
            f"WHERE {column} IS NOT NULL AND {column} != '' AND {column} NOT IN ({marks}) ORDER BY id",
            tuple(allowed),
        ).fetchall()
        for staff_id, value in rows:
            found.append(Finding(
                Severity.ERROR, _person_of_row(staff_id),
                _("The {table} column {column} holds an unknown code: {value}.").format(
                    table=table, column=column, value=value),
                staff_id,
            ))
    return found


def _unreadable() -> str:
    return _("The record cannot be read; restore it from a backup or enter it again.")


def _members(database: Database, report: CheckReport) -> Iterator[tuple[int, StaffMember]]:
    repo = StaffRepository(database)
    ids = [r[0] for r in database.execute("SELECT id FROM staff ORDER BY id")]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        try:
            rows = repo.rows(chunk)
        except (ValueError, TypeError, KeyError, sqlite3.Error):
            rows = {}
            for staff_id in chunk:
                try:
                    row = repo.rows([staff_id])
                except (ValueError, TypeError, KeyError, sqlite3.Error):
                    report.findings.append(
                        Finding(Severity.ERROR, _person_of_row(staff_id), _unreadable(), staff_id)
                    )
                    continue
                rows.update(row)
        for staff_id in chunk:
            if staff_id in rows:
                yield staff_id, rows[staff_id].member


def _duplicate_pins(database: Database) -> list[Finding]:
    found = []
    rows = database.execute(
        "SELECT pin, group_concat(surname || ' ' || name, ', '), count(*) FROM staff "
        "WHERE pin != '' GROUP BY pin HAVING count(*) > 1 ORDER BY pin"
    ).fetchall()
    for pin, names, count in rows:
        found.append(Finding(
            Severity.WARNING, _("PIN {pin}").format(pin=pin),
            _("The PIN is recorded for {count} people: {names}. Check whether they are the same "
              "person.").format(count=count, names=names),
        ))
    return found


def _educations(database: Database, members: dict[int, StaffMember], today: dt.date) -> list[Finding]:
    found = []
    repo = StaffRepository(database)
    staff_ids = [r[0] for r in database.execute("SELECT DISTINCT staff_id FROM education ORDER BY staff_id")]
    for staff_id in staff_ids:
        member = members.get(staff_id)
        if member is None:
            continue  # unreadable person, or a foreign key problem reported by the integrity step
        try:
            educations = repo.educations(staff_id)
        except (ValueError, TypeError, sqlite3.Error):
            found.append(Finding(Severity.ERROR, _person(member), _unreadable(), staff_id))
            continue
        for education in educations:
            for problem in rules.check_education(education, member.birth_date, today):
                found.append(_finding(problem, _("{person}, education").format(person=_person(member)), staff_id))
    return found


def _trainings(database: Database, members: dict[int, StaffMember], today: dt.date) -> list[Finding]:
    found = []
    try:
        by_person = StaffRepository(database).trainings_of()
    except (ValueError, TypeError, sqlite3.Error):
        return [Finding(Severity.ERROR, _database_where(), _unreadable())]
    for staff_id, records in sorted(by_person.items()):
        member = members.get(staff_id)
        if member is None:
            continue
        for record in records:
            where = _("{person}, course {course}").format(person=_person(member), course=record.course_title)
            for problem in rules.check_training(record, today):
                found.append(_finding(problem, where, staff_id))
    return found


def summary_text(report: CheckReport) -> str:
    people = ngettext("{count} person checked", "{count} people checked", report.people).format(
        count=format_number(report.people)
    )
    if report.clean:
        return _("The database is sound: {people}, no problems found.").format(people=people)
    errors_text = ngettext("{count} error", "{count} errors", len(report.errors)).format(
        count=format_number(len(report.errors))
    )
    warnings_text = ngettext("{count} warning", "{count} warnings", len(report.warnings)).format(
        count=format_number(len(report.warnings))
    )
    return _("{people}: {errors}, {warnings}.").format(
        people=people, errors=errors_text, warnings=warnings_text
    )

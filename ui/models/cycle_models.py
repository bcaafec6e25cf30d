"""Tables of the cycle page: progress by unit, and the people to assess with their state."""

from __future__ import annotations

from dataclasses import dataclass

from hrdesk.domain.assessment import AssessmentStatus
from hrdesk.domain.assessment import label as assessment_label
from hrdesk.domain.enums import StaffStatus
from hrdesk.domain.enums import label as enum_label
from hrdesk.domain.models import StaffMember
from hrdesk.i18n import N_, _, format_number, format_percent
from hrdesk.store.assessments import AssessmentRepository, Progress
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from hrdesk.store.text import sort_key
from ui.models.list_model import ListTableModel

# --- progress by unit -------------------------------------------------------------------------

UNIT, PEOPLE, COMPLETE, DRAFTS, TO_ASSESS, SHARE = range(6)


class ProgressModel(ListTableModel):
    HEADERS = (N_("Unit"), N_("People"), N_("Assessed"), N_("Drafts"), N_("To assess"), N_("Done"))
    NUMERIC = frozenset({PEOPLE, COMPLETE, DRAFTS, TO_ASSESS, SHARE})

    def load(self, database: Database, cycle: int | None, office_id: int | None) -> None:
        rows: list[Progress] = []
        if cycle is not None and office_id is not None:
            rows = AssessmentRepository(database).progress(cycle, office_id)
        if rows:
            rows.append(
                Progress(
                    -1,
                    "",
                    sum(r.to_assess for r in rows),
                    sum(r.drafts for r in rows),
                    sum(r.complete for r in rows),
                )
            )
        self.set_rows(rows)

    def totals(self) -> Progress | None:
        return self.rows[-1] if self.rows else None

    def text(self, row: Progress, column: int) -> str:
        people = row.to_assess + row.drafts + row.complete
        if column == UNIT:
            if row.unit_id == -1:
                return _("All units")
            return row.unit_name or _("no unit")
        if column == PEOPLE:
            return format_number(people)
        if column == COMPLETE:
            return format_number(row.complete)
        if column == DRAFTS:
            return format_number(row.drafts)
        if column == TO_ASSESS:
            return format_number(row.to_assess)
        if column == SHARE:
            return format_percent(row.complete / people) if people else ""
        return ""


# --- people of the cycle ----------------------------------------------------------------------

NAME, PERSON_UNIT, POSITION, STATE = range(4)
NOT_STARTED = "not_started"


@dataclass(frozen=True)
class CyclePerson:
    member: StaffMember
    unit_name: str
    state: str  # NOT_STARTED or an AssessmentStatus value


def cycle_people(database: Database, cycle: int, office_id: int | None) -> list[CyclePerson]:
    """Active and on-leave staff of the office, by unit then name, with their state in the cycle."""
    repo = AssessmentRepository(database)
    complete = repo.staff_ids_assessed(cycle, AssessmentStatus.COMPLETE)
    drafts = repo.staff_ids_assessed(cycle, AssessmentStatus.DRAFT)
    offices = OfficeRepository(database)
    units = {u.id: (u.position, u.name) for u in offices.units(office_id)} if office_id else {}
    people = []
    for member in StaffRepository(database).all(office_id):
        if member.status == StaffStatus.LEFT:
            continue
        state = (
            AssessmentStatus.COMPLETE.value
            if member.id in complete
            else AssessmentStatus.DRAFT.value
            if member.id in drafts
            else NOT_STARTED
        )
        unit = units.get(member.unit_id, (10**6, ""))
        people.append((unit[0], sort_key(member.full_name), CyclePerson(member, unit[1], state)))
    people.sort(key=lambda x: (x[0], x[1]))
    return [p for *_key, p in people]


def state_label(state: str) -> str:
    if state == NOT_STARTED:
        return _("not started")
    return assessment_label(AssessmentStatus(state))


class CyclePeopleModel(ListTableModel):
    HEADERS = (N_("Full name"), N_("Unit"), N_("Position"), N_("Assessment"))

    def load(self, database: Database, cycle: int | None, office_id: int | None) -> None:
        self.set_rows(cycle_people(database, cycle, office_id) if cycle is not None else [])

    def staff_id(self, row: int) -> int | None:
        return self.rows[row].member.id if 0 <= row < len(self.rows) else None

    def row_of(self, staff_id: int) -> int | None:
        return next((i for i, p in enumerate(self.rows) if p.member.id == staff_id), None)

    def text(self, row: CyclePerson, column: int) -> str:
        if column == NAME:
            return row.member.full_name
        if column == PERSON_UNIT:
            return row.unit_name
        if column == POSITION:
            return row.member.position_title
        if column == STATE:
            text = state_label(row.state)
            if row.member.status == StaffStatus.ON_LEAVE:
                text += " (" + enum_label(StaffStatus.ON_LEAVE) + ")"
            return text
        return ""

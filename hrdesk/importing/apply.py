"""Writing an import: every accepted row in one transaction, all or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk.changes import Changes
from hrdesk.domain.models import StaffMember, Unit
from hrdesk.importing.preview import Cancel, ImportPreview, Progress, RowAction, RowOutcome
from hrdesk.store import audit
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

CHUNK = 500


class ConflictDecision(StrEnum):
    """What the clerk decided for a row whose PIN belongs to someone of another name."""

    SKIP = "skip"  # leave the register as it is (the default)
    ADD = "add"  # a different person who shares the PIN: add them
    UPDATE = "update"  # the same person (the name was corrected): update the holder of the PIN


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # refused rows and conflicts left alone
    new_units: list[str] = field(default_factory=list)
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def imported(self) -> int:
        return self.added + self.updated


class _Cancelled(Exception):
    pass


def _planned(
    preview: ImportPreview, decisions: Mapping[int, ConflictDecision]
) -> tuple[list[RowOutcome], list[RowOutcome], int]:
    """Rows to add and rows to update (as copies, so the preview stays reusable), and skips."""
    to_add, to_update, skipped = [], [], 0
    for outcome in preview.rows:
        action = outcome.action
        if action == RowAction.CONFLICT:
            decision = decisions.get(outcome.row, ConflictDecision.SKIP)
            if decision == ConflictDecision.ADD:
                action = RowAction.ADD
            elif decision == ConflictDecision.UPDATE and outcome.existing is not None:
                action = RowAction.UPDATE
        if action not in (RowAction.ADD, RowAction.UPDATE) or outcome.member is None:
            skipped += 1
            continue
        member = dataclasses.replace(outcome.member, languages=list(outcome.member.languages))
        if action == RowAction.ADD:
            member.id, member.uid = None, ""
            member.office_id = preview.office_id
            to_add.append(dataclasses.replace(outcome, action=action, member=member))
        else:
            assert outcome.existing is not None
            member.id, member.uid = outcome.existing.id, outcome.existing.uid
            member.office_id = outcome.existing.office_id
            to_update.append(dataclasses.replace(outcome, action=action, member=member))
    return to_add, to_update, skipped


def apply(
    database: Database,
    preview: ImportPreview,
    decisions: Mapping[int, ConflictDecision] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Write the accepted rows of a preview in ONE transaction.

    decisions: row number -> ConflictDecision for conflict rows (skipped when absent).
    progress(done, total) is called between chunks; when cancel() returns True the transaction
    is rolled back and the result says cancelled, with nothing written."""
    to_add, to_update, skipped = _planned(preview, decisions or {})
    total = len(to_add) + len(to_update)
    staff = StaffRepository(database)
    offices = OfficeRepository(database)
    result = ImportResult(skipped=skipped)

    def step(done: int) -> None:
        if progress:
            progress(done, total)
        if cancel and cancel():
            raise _Cancelled

    try:
        # The trail labels every row this writes as the import (the changes log says so).
        with audit.operation(database, "staff_import"), database.transaction():
            step(0)
            unit_ids = {u.name: u.id for u in offices.units(preview.office_id)}
            position = len(unit_ids)
            for name in preview.new_units:
                if name not in unit_ids:
                    unit_ids[name] = offices.save_unit(preview.office_id, Unit(name, position))
                    position += 1
                    result.new_units.append(name)
            for outcome in to_add + to_update:
                assert outcome.member is not None
                if outcome.unit_name and outcome.unit_name in unit_ids:
                    outcome.member.unit_id = unit_ids[outcome.unit_name]
            done = 0
            for start in range(0, len(to_add), CHUNK):
                members: list[StaffMember] = [o.member for o in to_add[start : start + CHUNK]]  # type: ignore[misc]
                staff.add_many(members)
                done += len(members)
                step(done)
            for i, outcome in enumerate(to_update, 1):
                assert outcome.member is not None
                staff.update(outcome.member)
                if i % CHUNK == 0:
                    step(done + i)
            step(total)
    except _Cancelled:
        return ImportResult(skipped=preview.total, cancelled=True)
    result.added, result.updated = len(to_add), len(to_update)
    ids = {o.member.id for o in to_add + to_update if o.member and o.member.id}
    result.changes = Changes(staff_ids=ids, staff_added=bool(to_add), units=bool(result.new_units))
    return result

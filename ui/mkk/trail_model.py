"""An office's changes log as its packet brought it to MKK: a read-only table, a page of entries
at a time (PacketTrailRepository pages in SQL; the view asks for more as it scrolls). Cells are
worded as in the office's own changes log (ui.models.audit_model)."""

from __future__ import annotations

from hrdesk.i18n import N_, _, format_datetime
from hrdesk.store.audit import kind_label
from hrdesk.store.database import Database
from hrdesk.store.packet_trails import PacketTrailEntry, PacketTrailRepository, TrailFilter
from ui.models.audit_model import change_lines, operation_label, record_kind_label
from ui.models.paged_model import PagedEntriesModel

WHEN, CLERK, OS_USER, OPERATION, KIND, RECORD, CHANGES = range(7)
COLUMN_COUNT = 7
PAGE_SIZE = 200

HEADERS = {
    WHEN: N_("When"),
    CLERK: N_("Clerk"),
    OS_USER: N_("Computer user"),
    OPERATION: N_("Part of"),
    KIND: N_("Change"),
    RECORD: N_("Record"),
    CHANGES: N_("Old and new values"),
}


class PacketTrailModel(PagedEntriesModel):
    """Entries matching the filter, newest first; nothing here can change them."""

    HEADERS = HEADERS
    CHANGES = CHANGES

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.repository = PacketTrailRepository(database)
        self._filter: TrailFilter | None = None
        self.names: dict[str, str] = {}  # staff uid -> name, as the panel's person list has them

    @property
    def trail_filter(self) -> TrailFilter | None:
        return self._filter

    def set_filter(self, trail_filter: TrailFilter | None, names: dict[str, str]) -> None:
        """Show the entries of trail_filter (None: nothing); names: the people's names by uid."""
        self._filter = trail_filter
        self.names = dict(names)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self._filter is None:
            self._total, self._entries = 0, []
        else:
            self._total = self.repository.count(self._filter)
            self._entries = self._query(0)
        self.endResetModel()

    def _query(self, offset: int) -> list[PacketTrailEntry]:
        assert self._filter is not None
        return self.repository.query(self._filter, limit=PAGE_SIZE, offset=offset)

    def change_lines(self, entry: PacketTrailEntry) -> list[str]:
        return change_lines(entry.change)

    def cell_text(self, entry: PacketTrailEntry, column: int) -> str:
        change = entry.change
        if column == WHEN:
            return format_datetime(change.at.astimezone())
        if column == CLERK:
            return change.clerk or "—"
        if column == OS_USER:
            return change.os_user or "—"
        if column == OPERATION:
            return operation_label(change.operation) if change.operation else ""
        if column == KIND:
            return _("{record}: {change}").format(
                record=record_kind_label(change.table), change=kind_label(change.kind)
            )
        if column == RECORD:
            return self.record_text(entry)
        return ""

    def record_text(self, entry: PacketTrailEntry) -> str:
        if entry.staff_uid is not None:
            return self.names.get(entry.staff_uid) or entry.staff_uid
        change = entry.change
        return change.record_key or (str(change.record_id) if change.record_id is not None else "")

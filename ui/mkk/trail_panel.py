"""MKK's look at the offices' changes logs: the audit trail each office's packet carried, for one
office (and cycle, and optionally one person) at a time. Read-only, like the office's own log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hrdesk.i18n import _, current_language, format_datetime, format_number
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.packet_trails import PacketTrailEntry, TrailFilter, TrailPacket
from ui.messages import MessageService
from ui.mkk import trail_model
from ui.mkk.keys_panel import database_open
from ui.mkk.trail_model import PacketTrailModel
from ui.models.audit_model import change_lines, operation_label
from ui.widgets.changes_view import ChangeKindCombo, ChangesView


class TrailPanel(QWidget):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.model = PacketTrailModel(database, self)
        self._packets: list[TrailPacket] = []
        self._names: dict[str, str] = {}  # staff uid -> name, of the chosen packet's people

        self.office_label = QLabel()
        self.office = QComboBox()
        self.office.setObjectName("trail_office")
        self.office.setMinimumContentsLength(30)
        self.office_label.setBuddy(self.office)
        self.packet_label = QLabel()
        self.packet = QComboBox()
        self.packet.setObjectName("trail_packet")
        self.packet_label.setBuddy(self.packet)
        self.person_label = QLabel()
        self.person = QComboBox()
        self.person.setObjectName("trail_person")
        self.person.setMinimumContentsLength(24)
        self.person_label.setBuddy(self.person)
        self.kind_label = QLabel()
        self.kind = ChangeKindCombo()
        self.kind.setObjectName("trail_kind")
        self.kind_label.setBuddy(self.kind)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)

        self.office.currentIndexChanged.connect(lambda _i: self._office_chosen())
        self.packet.currentIndexChanged.connect(lambda _i: self._packet_chosen())
        self.person.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())

        self.changes = ChangesView(self.model)
        self.table, self.details = self.changes.table, self.changes.details
        self.table.setObjectName("trail_table")
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_details(current)
        )

        filters = QGridLayout()
        filters.addWidget(self.office_label, 0, 0)
        filters.addWidget(self.office, 0, 1)
        filters.addWidget(self.packet_label, 0, 2)
        filters.addWidget(self.packet, 0, 3)
        filters.addWidget(self.person_label, 1, 0)
        filters.addWidget(self.person, 1, 1)
        filters.addWidget(self.kind_label, 1, 2)
        filters.addWidget(self.kind, 1, 3)
        filters.setColumnStretch(1, 2)
        filters.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.changes, 1)
        self._loaded = False
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.office_label.setText(_("&Office:"))
        self.packet_label.setText(_("C&ycle:"))
        self.person_label.setText(_("&Person:"))
        self.kind_label.setText(_("&Kind of change:"))
        if self.person.count():
            self.person.setItemText(0, _("Everyone"))
        self.kind.retranslate()
        self._packet_texts()
        self.changes.retranslate()
        self.model.retranslate()
        self._show_count()
        self.show_details(self.table.currentIndex())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _packet_texts(self) -> None:
        for i, packet in enumerate(self._packets):
            self.packet.setItemText(
                i,
                _("{cycle} (packet made {made}, {count} entries)").format(
                    cycle=packet.cycle,
                    made=_made(packet.created_at),
                    count=format_number(packet.entries),
                ),
            )

    def _show_count(self) -> None:
        if not self.office.count():
            text = _(
                "No packet with a changes log has been imported yet. Packets made with an "
                "earlier version of hrdesk carry none."
            )
        else:
            text = _(
                "{count} entries, as the office recorded them. The log came with the office's "
                "packet and cannot be edited."
            ).format(count=format_number(self.model.total))
        self.count_label.setText(text)

    # --- choosing ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the offices again (after an import), keeping the choices that still exist."""
        if not database_open(self.database):
            return
        self._loaded = True
        chosen = self.office.currentData()
        codes = self.model.repository.office_codes()
        offices = {o.code: o for o in OfficeRepository(self.database).all()}
        language = current_language()
        self.office.blockSignals(True)
        self.office.clear()
        for code in codes:
            office = offices.get(code)
            name = office.name(language) if office is not None else ""
            self.office.addItem(
                _("{code} — {name}").format(code=code, name=name) if name else code, code
            )
        self.office.setCurrentIndex(max(self.office.findData(chosen), 0) if chosen else 0)
        self.office.blockSignals(False)
        self._office_chosen()

    def imported(self) -> None:
        """Packets were imported: read again now if shown before, else when first shown."""
        if self._loaded:
            self.load()

    def set_office(self, office_code: str, staff_uid: str | None = None) -> None:
        """Show the log of an office (and of one of its people)."""
        if not self._loaded:
            self.load()
        self.office.setCurrentIndex(self.office.findData(office_code))
        if staff_uid is not None:
            self.person.setCurrentIndex(max(self.person.findData(staff_uid), 0))

    def _office_chosen(self) -> None:
        code = self.office.currentData()
        chosen = self.packet.currentData()
        self._packets = self.model.repository.packets(code) if code else []
        self.packet.blockSignals(True)
        self.packet.clear()
        for packet in self._packets:
            self.packet.addItem("", packet.packet_id)
        self._packet_texts()
        self.packet.setCurrentIndex(max(self.packet.findData(chosen), 0) if chosen else 0)
        self.packet.blockSignals(False)
        self._packet_chosen()

    def _packet_chosen(self) -> None:
        packet_id = self.packet.currentData()
        chosen = self.person.currentData()
        people = self.model.repository.people(packet_id) if packet_id else []
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(_("Everyone"), None)
        for person in people:
            name = person.full_name or person.uid
            self.person.addItem(f"{name} ({person.pin})" if person.pin else name, person.uid)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0) if chosen else 0)
        self.person.blockSignals(False)
        self._names = {p.uid: p.full_name for p in people if p.full_name}
        self.apply_filter()

    def apply_filter(self) -> None:
        code, packet_id = self.office.currentData(), self.packet.currentData()
        trail_filter = None
        if code and packet_id:
            trail_filter = TrailFilter(
                office_code=code,
                packet_id=packet_id,
                staff_uid=self.person.currentData(),
                kind=self.kind.kind(),
            )
        self.model.set_filter(trail_filter, self._names)
        self._show_count()
        self.show_details(self.table.currentIndex())

    # --- details ----------------------------------------------------------------------------

    def show_details(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row()) if index.isValid() else None
        self.details.setPlainText(self.details_text(entry) if entry else "")

    def details_text(self, entry: PacketTrailEntry) -> str:
        cell = self.model.cell_text
        lines = [
            _("When: {at}").format(at=cell(entry, trail_model.WHEN)),
            _("Clerk: {clerk}").format(clerk=cell(entry, trail_model.CLERK)),
            _("Computer user: {user}").format(user=cell(entry, trail_model.OS_USER)),
            _("Change: {change}").format(change=cell(entry, trail_model.KIND)),
        ]
        record = self.model.record_text(entry)
        if record:
            lines.append(_("Record: {record}").format(record=record))
        if entry.change.operation:
            lines.append(
                _("Part of: {operation}").format(operation=operation_label(entry.change.operation))
            )
        lines.append("")
        lines += change_lines(entry.change)
        return "\n".join(lines)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self.load()


def _made(created_at: str) -> str:
    """A packet's UTC creation stamp in the user's time and words."""
    try:
        return format_datetime(dt.datetime.fromisoformat(created_at).astimezone())
    except ValueError:
        return created_at

"""The office's packets: the exports made so far, MKK's key in force and the office's own key
(fingerprints to read out on the phone), and the guided export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hrdesk.changes import Changes
from hrdesk.domain.enums import Role
from hrdesk.i18n import N_, _
from hrdesk.mkk.completeness import local_time
from hrdesk.packets.export import exports
from hrdesk.packets.keys import fingerprint, load_keys, mkk_box_public_key
from hrdesk.store.database import Database
from ui.dialogs.packet_export_dialog import PacketExportDialog, counts_text
from ui.messages import MessageService
from ui.mkk.rows_model import DATETIME, INTEGER, Column, RowsModel
from ui.pages.base import Page

# The cycle is a year: shown as text, not as a number with a thousands separator.
COLUMNS = [
    Column(N_("Exported"), DATETIME),
    Column(N_("Cycle")),
    Column(N_("File")),
    Column(N_("Encrypted")),
    Column(N_("People"), INTEGER),
    Column(N_("Packet ID")),
    Column(N_("Records")),
]
FILE_COLUMN = 2


class PacketsPage(Page):
    """`fix_requested(target)` passes on the export dialog's wish to show where a warning is
    fixed (MainWindow.go_to)."""

    fix_requested = Signal(str)

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_packet)
        self.mkk_key_label = QLabel()
        self.mkk_key = QLabel()
        self.own_key_label = QLabel()
        self.own_key = QLabel()
        for value in (self.mkk_key, self.own_key):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
        keys = QFormLayout()
        keys.addRow(self.mkk_key_label, self.mkk_key)
        keys.addRow(self.own_key_label, self.own_key)
        self.history_label = QLabel()
        self.model = RowsModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(keys)
        layout.addWidget(self.history_label)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Once a year the office sends MKK its needs-assessment packet: one file with the "
                "staff register, the assessments and the plan, signed by the office and "
                "encrypted for MKK."
            )
        )
        self.export_button.setText(_("E&xport the packet…"))
        self.mkk_key_label.setText(_("MKK's key:"))
        self.own_key_label.setText(_("This office's key:"))
        self.history_label.setText(_("Packets exported:"))
        self.model.retranslate()
        self._show_keys()

    def load(self) -> None:
        rows = []
        for export in exports(self.database):
            rows.append(
                (
                    local_time(export["created_at"]),
                    export["cycle"],
                    export["file_name"],
                    _("yes") if export["encrypted"] else _("NO"),
                    export["counts"].get("staff", 0),
                    export["packet_id"],
                    counts_text(export["counts"]),
                )
            )
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        cap = self.fontMetrics().horizontalAdvance("M") * 40
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        self._show_keys()

    def _show_keys(self) -> None:
        mkk = mkk_box_public_key(self.database)
        self.mkk_key.setText(
            fingerprint(bytes(mkk))
            if mkk is not None
            else _(
                "not set up: import the catalogue file from MKK; until then a packet can only "
                "be exported without encryption"
            )
        )
        own = load_keys(self.database, Role.OFFICE)
        self.own_key.setText(
            fingerprint(own.signing_public)
            if own is not None
            else _("not made yet: it is made with the first export")
        )

    def refresh(self, changes: Changes) -> None:
        # A catalogue import brings MKK's key; cheap enough to read again on any change.
        if self.database_open():
            self._show_keys()

    def export_packet(self, cycle: int | None = None) -> PacketExportDialog:
        """Open the guided export; the list shows the new export afterwards."""
        dialog = PacketExportDialog(self.database, self.messages, self, cycle)
        dialog.fix_requested.connect(self.fix_requested)
        self.run_dialog(dialog)
        return dialog

    def run_dialog(self, dialog: PacketExportDialog) -> None:
        """exec() the dialog and reload (tests replace this to drive the dialog themselves)."""
        dialog.exec()
        self.load()
        dialog.deleteLater()

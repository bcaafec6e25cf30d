"""MKK's register of the offices' keys: the key each office signs with, every key event, and the
packets refused because an office's key changed. Such a key is accepted here explicitly, after
its fingerprint was checked with the office by phone; who accepted it is recorded."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import N_, _
from hrdesk.mkk.completeness import local_time
from hrdesk.packets import PacketError
from hrdesk.packets.container import verify_packet
from hrdesk.packets.importer import PacketResult
from hrdesk.packets.registry import accept_new_key, key_events, office_key, office_keys
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import DATETIME, Column
from ui.mkk.table_panel import TablePanel

KEY_CHANGED = "key_changed"

KEY_COLUMNS = [
    Column(N_("Office")),
    Column(N_("Key fingerprint")),
    Column(N_("Registered"), DATETIME),
    Column(N_("Accepted new key")),
    Column(N_("Accepted by")),
    Column(N_("Accepted"), DATETIME),
]
REFUSED_COLUMNS = [
    Column(N_("File")),
    Column(N_("Office")),
    Column(N_("New key fingerprint")),
    Column(N_("Registered key fingerprint")),
]
EVENT_COLUMNS = [
    Column(N_("Office")),
    Column(N_("Event")),
    Column(N_("Key fingerprint")),
    Column(N_("Previous key")),
    Column(N_("By")),
    Column(N_("When"), DATETIME),
    Column(N_("Packet ID")),
]
EVENT_TEXTS = {
    "registered": N_("registered with the first packet"),
    "accepted": N_("new key accepted"),
    "replaced": N_("new key in force"),
}


@dataclass(frozen=True)
class RefusedPacket:
    file: Path
    office_code: str
    new_fingerprint: str
    registered_fingerprint: str


def database_open(database: Database) -> bool:
    """False once the database was closed (a closed widget may outlive it)."""
    try:
        database.conn.total_changes  # noqa: B018 - raises on a closed connection
    except sqlite3.ProgrammingError:
        return False
    return True


class AcceptKeyDialog(QDialog):
    """Asks who accepts an office's new key, and that its fingerprint was checked by phone."""

    def __init__(self, refused: RefusedPacket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused = refused
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.new_key = QLabel(refused.new_fingerprint)
        self.old_key = QLabel(refused.registered_fingerprint)
        self.name = QLineEdit()
        self.checked = QCheckBox()
        self.labels = [QLabel(), QLabel(), QLabel()]
        self.labels[2].setBuddy(self.name)
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.new_key, self.old_key, self.name), strict=True):
            self.form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda _t: self._update())
        self.checked.toggled.connect(lambda _on: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(self.form)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Accept the office's new key"))
        self.explain.setText(
            _(
                "The office {office} now signs its packets with another key. Accept it only "
                "after the office read you the fingerprint of its key (Packets → This office's "
                "key) and it is the new one below. Your name is recorded."
            ).format(office=self.refused.office_code)
        )
        for label, text in zip(
            self.labels, (_("New key:"), _("Registered key:"), _("&Your name:")), strict=True
        ):
            label.setText(text)
        self.checked.setText(_("I &checked the new fingerprint with the office by phone"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Accept the key"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update(self) -> None:
        ok = bool(self.name.text().strip()) and self.checked.isChecked()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accepted_by(self) -> str:
        return self.name.text().strip()


class KeysPanel(QWidget):
    """`key_accepted(office_code)` after an MKK user accepted an office's new key."""

    key_accepted = Signal(str)

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.refused: list[RefusedPacket] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.keys_label = QLabel()
        self.keys = TablePanel(N_("Offices' keys"), KEY_COLUMNS, messages)
        self.refused_label = QLabel()
        self.refused_label.setWordWrap(True)
        self.refused_table = TablePanel(
            N_("Packets refused for a changed key"), REFUSED_COLUMNS, messages
        )
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_packet)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(self.accept_selected)
        self.refused_table.buttons.insertWidget(0, self.add_button)
        self.refused_table.buttons.insertWidget(1, self.accept_button)
        self.refused_table.view.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.events_label = QLabel()
        self.events = TablePanel(N_("Key events"), EVENT_COLUMNS, messages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused_table, 1)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.keys, 2)
        layout.addWidget(self.events_label)
        layout.addWidget(self.events, 2)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "An office's first packet registers the key it is signed with. A packet signed "
                "with another key is refused until you accept the new key here."
            )
        )
        self.refused_label.setText(_("Packets refused because the office's key changed:"))
        self.keys_label.setText(_("Registered keys:"))
        self.events_label.setText(_("Key events:"))
        self.add_button.setText(_("Add a refused &packet…"))
        self.accept_button.setText(_("&Accept the new key…"))
        if database_open(self.database):
            self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        # A packet whose new key was accepted (or is the registered one now) needs nothing more.
        self.refused = [r for r in self.refused if self._still_refused(r)]
        self._show()

    def _still_refused(self, refused: RefusedPacket) -> bool:
        registered = office_key(self.database, refused.office_code)
        return registered is not None and refused.new_fingerprint not in (
            registered.fingerprint,
            registered.pending_fingerprint,
        )

    def _show(self) -> None:
        self.keys.set_rows(
            [
                (
                    k.office_code,
                    k.fingerprint,
                    local_time(k.registered_at),
                    k.pending_fingerprint,
                    k.pending_accepted_by,
                    local_time(k.pending_accepted_at),
                )
                for k in office_keys(self.database)
            ]
        )
        self.events.set_rows(
            [
                (
                    e.office_code,
                    _(EVENT_TEXTS.get(e.kind, e.kind)),
                    e.fingerprint,
                    e.previous_fingerprint,
                    e.by,
                    local_time(e.at),
                    e.packet_id,
                )
                for e in reversed(key_events(self.database))
            ]
        )
        self.refused_table.set_rows(
            [
                (r.file.name, r.office_code, r.new_fingerprint, r.registered_fingerprint)
                for r in self.refused
            ]
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(self.selected() is not None)

    def selected(self) -> RefusedPacket | None:
        index = self.refused_table.view.currentIndex()
        if not index.isValid() or not self.refused_table.view.selectionModel().hasSelection():
            return None
        row = self.refused_table.model.rows[index.row()]
        return next((r for r in self.refused if r.file.name == row[0]), None)

    # --- refused packets ----------------------------------------------------------------------

    def note_results(self, results: list[PacketResult]) -> None:
        """Take the packets an import refused for a changed key (read again for their key)."""
        for result in results:
            if any(c.code == KEY_CHANGED for c in result.conflicts):
                self.add_packet(Path(result.file), quiet=True)
        self.load()

    def choose_packet(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self,
            _("Choose the refused packet"),
            last_folder(str(Path.home())),
            _("Packets (*.hrpacket *.zip);;All files (*)"),
        )
        if path:
            remember_folder(path)
            self.add_packet(Path(path))

    def add_packet(self, path: Path, quiet: bool = False) -> RefusedPacket | None:
        """The packet's office and signing key (its signature checked) next to the registered
        key; listed when they differ. Nothing is written."""
        try:
            opened = verify_packet(path)
        except (PacketError, errors.HrdeskError) as exc:
            self.messages.error(exc.message)
            return None
        code = str(opened.manifest["office_code"])
        registered = office_key(self.database, code)
        new = opened.signer_fingerprint
        if registered is None or new in (registered.fingerprint, registered.pending_fingerprint):
            if not quiet:
                self.messages.info(
                    _(
                        "The packet {file} of the office {office} is signed with the key {key}, "
                        "which is the registered or an accepted one: nothing to accept."
                    ).format(file=path.name, office=code, key=new)
                    if registered is not None
                    else _(
                        "The office {office} has no registered key yet: its first packet "
                        "registers the key {key}."
                    ).format(office=code, key=new)
                )
            return None
        refused = RefusedPacket(path, code, new, registered.fingerprint)
        self.refused = [r for r in self.refused if r.file != path] + [refused]
        self._show()
        return refused

    # --- accepting ----------------------------------------------------------------------------

    def accept_selected(self) -> None:
        refused = self.selected()
        if refused is None:
            return
        dialog = AcceptKeyDialog(refused, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.accept_key(refused.office_code, refused.new_fingerprint, dialog.accepted_by())
        finally:
            dialog.deleteLater()

    def accept_key(self, office_code: str, fingerprint: str, accepted_by: str) -> bool:
        """accept_new_key, recorded with who and when; a clear message when refused."""
        try:
            accept_new_key(self.database, office_code, fingerprint, accepted_by)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.load()
        self.messages.info(
            _(
                "The new key {key} of the office {office} is accepted. Import the office's "
                "packet again (Packets tab)."
            ).format(key=fingerprint, office=office_code)
        )
        self.key_accepted.emit(office_code)
        return True

"""MKK publishes the catalogue file for the offices, with MKK's public key in it; MKK's key
fingerprint is shown large enough to read out on the phone to an office."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hrdesk import errors
from hrdesk.domain.enums import Role
from hrdesk.i18n import N_, _
from hrdesk.mkk.completeness import local_time
from hrdesk.packets.catalogue_publish import (
    Publication,
    next_catalogue_version,
    publications,
    publish_catalogue,
)
from hrdesk.packets.keys import fingerprint, load_keys
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import DATETIME, INTEGER, Column
from ui.mkk.table_panel import TablePanel

COLUMNS = [
    Column(N_("Version"), INTEGER),
    Column(N_("Cycle")),  # a year: no thousands separator
    Column(N_("Published"), DATETIME),
    Column(N_("File")),
    Column(N_("MKK's key fingerprint")),
    Column(N_("SHA-256")),
]


def database_open(database: Database) -> bool:
    """False once the database was closed (a closed widget may outlive it)."""
    try:
        database.conn.total_changes  # noqa: B018 - raises on a closed connection
    except sqlite3.ProgrammingError:
        return False
    return True


class CataloguePanel(QWidget):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.last: Publication | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.key_title = QLabel()
        self.key = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setWordWrap(True)
        self.in_force = QLabel()
        self.in_force.setWordWrap(True)
        self.publish_button = QPushButton()
        self.publish_button.clicked.connect(self.choose_and_publish)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_label = QLabel()
        self.history = TablePanel(N_("Catalogue publications"), COLUMNS, messages)
        publish_row = QHBoxLayout()
        publish_row.addWidget(self.in_force, 1)
        publish_row.addWidget(self.publish_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_title)
        layout.addWidget(self.key)
        layout.addSpacing(8)
        layout.addLayout(publish_row)
        layout.addWidget(self.status)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "The catalogue file carries the course catalogue, the competencies, the cycle "
                "and MKK's public key, with which the offices encrypt their packets. Send it to "
                "every office; each publication gets a newer version, so offices always accept "
                "it."
            )
        )
        self.key_title.setText(_("MKK's key fingerprint (read it out when an office asks):"))
        self.publish_button.setText(_("&Publish the catalogue file…"))
        self.history_label.setText(_("Published so far:"))
        if database_open(self.database):
            self.load()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def key_fingerprint(self) -> str | None:
        keys = load_keys(self.database, Role.MKK)
        box = keys.box_public if keys is not None else None
        return fingerprint(box) if box is not None else None

    def load(self) -> None:
        key = self.key_fingerprint()
        self.key.setText(key or _("not made yet: it is made with the first publication"))
        info = CatalogueRepository(self.database).info()
        version = info.version if info is not None else None
        self.in_force.setText(
            _(
                "Catalogue in force: version {version}, cycle {cycle}. The next file gets "
                "version {next}."
            ).format(
                version=version if version is not None else "—",
                cycle=info.cycle if info is not None else "—",
                next=next_catalogue_version(self.database),
            )
        )
        if self.last is not None:
            self.status.setText(
                _("Published {file}: version {version}, cycle {cycle}, MKK's key {key}.").format(
                    file=self.last.path,
                    version=self.last.version,
                    cycle=self.last.cycle,
                    key=self.last.key_fingerprint,
                )
            )
        self.history.set_rows(
            [
                (
                    p["version"],
                    p["cycle"],
                    local_time(p["published_at"]),
                    p["file_name"],
                    p["key_fingerprint"],
                    p["sha256"],
                )
                for p in publications(self.database)
            ]
        )

    def choose_and_publish(self) -> None:
        info = CatalogueRepository(self.database).info()
        name = _("catalogue-{cycle}-v{version}.json").format(
            cycle=info.cycle if info is not None else "",
            version=next_catalogue_version(self.database),
        )
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Publish the catalogue file"),
            str(Path(last_folder(str(Path.home()))) / name),
            _("Catalogue files (*.json)"),
        )
        if path:
            remember_folder(path)
            self.publish(Path(path))

    def publish(self, path: Path) -> Publication | None:
        try:
            self.last = publish_catalogue(self.database, path)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return None
        self.load()
        return self.last

"""What every page of the main window offers it: a title, retranslate(), refresh(changes), and
a `changed` signal carrying the Changes of what the page itself changed."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from hrdesk.changes import Changes
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from ui.messages import MessageService


class Page(QWidget):
    """A page built once; texts set in retranslate(); data shown in refresh()."""

    changed = Signal(object)  # Changes

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        office = OfficeRepository(database).own()
        self.office_id: int | None = office.id if office else None

    def retranslate(self) -> None:
        """Set every visible text in the language in force."""

    def load(self) -> None:
        """Read and show the page's data (for pages that use load_when_visible)."""

    def load_when_visible(self) -> None:
        """load() now if the page is on screen, else when it is next shown: a hidden page
        (another tab) costs nothing while the clerk works elsewhere."""
        if self.isVisible():
            self._stale = False
            self.load()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if getattr(self, "_stale", False):
            self._stale = False
            self.load()
        super().showEvent(event)

    def refresh(self, changes: Changes) -> None:
        """Show what `changes` touched (another page or the register changed it)."""

    def announce(self, changes: Changes) -> None:
        """Tell the window (and so the other pages) what this page changed."""
        self.refresh(changes)
        self.changed.emit(changes)

    def database_open(self) -> bool:
        """False once the database was closed (a closed window may outlive it)."""
        try:
            self.database.conn.total_changes  # noqa: B018 - raises on a closed connection
        except sqlite3.ProgrammingError:
            return False
        return True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self.database_open():
            self.retranslate()
        super().changeEvent(event)

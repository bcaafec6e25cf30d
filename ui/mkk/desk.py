"""MKK's desk, shown by the main window for the MKK role: the offices' packets, completeness
of a cycle and the national analysis, one tab each."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hrdesk.i18n import N_, _
from hrdesk.store.database import Database
from ui.messages import MessageService
from ui.mkk.catalogue_panel import CataloguePanel
from ui.mkk.completeness_panel import CompletenessPanel
from ui.mkk.import_panel import ImportPanel
from ui.mkk.keys_panel import KeysPanel
from ui.mkk.national_panel import NationalPanel
from ui.mkk.trail_panel import TrailPanel

TABS = (
    N_("Packets"),
    N_("Completeness"),
    N_("National analysis"),
    N_("Offices' keys"),
    N_("Catalogue"),
    N_("Changes log of the offices"),
)


class MkkDesk(QWidget):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.packets = ImportPanel(database, messages)
        self.completeness = CompletenessPanel(database, messages)
        self.national = NationalPanel(database, messages)
        self.keys = KeysPanel(database, messages)
        self.catalogue = CataloguePanel(database, messages)
        self.trail = TrailPanel(database, messages)
        self.packets.imported.connect(self._imported)
        # Packets refused for a changed key are listed on the keys tab, to be accepted there.
        self.packets.jobs.finished.connect(self.keys.note_results)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mkk_desk_tabs")
        for panel in (
            self.packets, self.completeness, self.national, self.keys, self.catalogue, self.trail
        ):
            self.tabs.addTab(panel, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._national_loaded = False
        self.retranslate()

    def retranslate(self) -> None:
        for i, title in enumerate(TABS):
            self.tabs.setTabText(i, _(title))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        # The cube is built the first time the analysis is looked at, not at start-up.
        if self.tabs.widget(index) is self.national and not self._national_loaded:
            self._national_loaded = True
            self.national.refresh()

    def _imported(self) -> None:
        self.keys.load()
        self.trail.imported()
        self.completeness.reload_cycles()
        self.national.invalidate()
        if self._national_loaded:
            self.national.refresh()

    def close_workers(self) -> None:
        """Wait for running queries and close their connections (before the database closes)."""
        self.national.close_worker()

"""The needs assessment in one place: progress of the cycle, assessing a person, the head's
endorsement and the office's eligibility list, as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hrdesk.changes import Changes
from hrdesk.i18n import _
from hrdesk.store.database import Database
from ui.messages import MessageService
from ui.pages.assessment_page import AssessmentPage
from ui.pages.base import Page
from ui.pages.cycle_page import CyclePage
from ui.pages.eligibility_page import EligibilityPage
from ui.pages.endorsement_page import EndorsementPage


class NeedsPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.cycle_page = CyclePage(database, messages)
        self.assessment_page = AssessmentPage(database, messages)
        self.endorsement_page = EndorsementPage(database, messages)
        self.eligibility_page = EligibilityPage(database, messages)
        self.parts: list[Page] = [
            self.cycle_page,
            self.assessment_page,
            self.endorsement_page,
            self.eligibility_page,
        ]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for part in self.parts:
            self.tabs.addTab(part, "")
            part.changed.connect(self._part_changed)
        self.cycle_page.assess_requested.connect(self.assess)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        for i, title in enumerate(
            (_("&Progress"), _("A&ssessment"), _("&Endorsement"), _("Eli&gibility"))
        ):
            self.tabs.setTabText(i, title)

    def assess(self, year: int, staff_id: int) -> None:
        self.tabs.setCurrentWidget(self.assessment_page)
        self.assessment_page.open(year, staff_id)

    def _part_changed(self, changes: Changes) -> None:
        for part in self.parts:
            if part is not self.sender():
                part.refresh(changes)
        self.changed.emit(changes)

    def refresh(self, changes: Changes) -> None:
        for part in self.parts:
            part.refresh(changes)

"""The eligibility list of the whole office for a cycle, in plain words: who is a priority
(not trained for N years), which requests repeat a course too soon or do not fit the person,
who cannot attend."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.eligibility import FindingSeverity
from hrdesk.i18n import _, ngettext
from hrdesk.store.database import Database
from ui.messages import MessageService
from ui.models import request_models
from ui.models.request_models import EligibilityModel, severity_word
from ui.pages.base import Page
from ui.pages.cycle_combo import CycleCombo
from ui.pages.tables import fit_rows, measure_few_rows
from ui.widgets.row_table import row_table

_SEVERITIES = (FindingSeverity.BLOCK, FindingSeverity.WARNING, FindingSeverity.PRIORITY)


class EligibilityPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(database)
        self.cycle_label.setBuddy(self.cycle)
        self.kind_label = QLabel()
        self.kind = QComboBox()
        self.kind.addItem("", None)
        for severity in _SEVERITIES:
            self.kind.addItem("", severity.value)
        self.kind_label.setBuddy(self.kind)
        self.years_label = QLabel()
        self.years = QSpinBox()
        self.years.setRange(1, 20)
        self.years.setValue(ops.training_gap_years(database))
        self.years_label.setBuddy(self.years)
        self.years.editingFinished.connect(self.set_years)
        self.model = EligibilityModel(self)
        self.table = row_table(self.model)
        self.table.setWordWrap(True)
        measure_few_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(request_models.F_COURSE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(request_models.F_FINDING, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addSpacing(12)
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        # The years and the count on lines of their own: on one line with the filters they made
        # the window wider than a 1,024-pixel screen in Kyrgyz.
        years = QHBoxLayout()
        years.addWidget(self.years_label)
        years.addWidget(self.years)
        years.addStretch(1)
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(years)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.cycle.cycle_changed.connect(lambda _year: self.load_when_visible())
        self.kind.currentIndexChanged.connect(lambda _i: self.load_when_visible())
        self.retranslate()
        self.load_when_visible()

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        self.kind_label.setText(_("&Show:"))
        self.kind.setItemText(0, _("all findings"))
        for i, severity in enumerate(_SEVERITIES, 1):
            self.kind.setItemText(i, severity_word(severity))
        self.years_label.setText(_("Priority when not trained for (&years):"))
        self.model.retranslate()
        self._show_count()

    def load(self) -> None:
        kind = self.kind.currentData()
        self.model.load(
            self.database,
            self.cycle.year(),
            self.office_id,
            FindingSeverity(kind) if kind else None,
        )
        fit_rows(self.table)
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{count} finding", "{count} findings", n).format(count=n))

    def set_years(self) -> None:
        years = self.years.value()
        if years == ops.training_gap_years(self.database):
            return
        try:
            changes = ops.set_training_gap_years(self.database, years)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return
        self.announce(changes)

    def refresh(self, changes: Changes) -> None:
        if (
            changes.assessments
            or changes.catalogue
            or changes.staff_ids
            or changes.staff_added
            or changes.settings
        ):
            self.cycle.reload()
            self.years.setValue(ops.training_gap_years(self.database))
            self.load_when_visible()

"""The head of the office endorses or declines each requested course, seeing its eligibility
findings; declining needs a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.assessment import Endorsement
from hrdesk.domain.assessment import label as assessment_label
from hrdesk.i18n import _, ngettext
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from ui.messages import MessageService
from ui.models import request_models
from ui.models.request_models import EndorsementModel
from ui.pages.base import Page
from ui.pages.cycle_combo import CycleCombo
from ui.pages.tables import fit_rows, measure_few_rows
from ui.widgets.row_table import row_table


class EndorsementPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(database)
        self.cycle_label.setBuddy(self.cycle)
        self.show_label = QLabel()
        self.decision_filter = QComboBox()
        self.decision_filter.addItem("", None)
        for member in Endorsement:
            self.decision_filter.addItem("", member.value)
        # What the head has still to decide, first.
        self.decision_filter.setCurrentIndex(
            self.decision_filter.findData(Endorsement.PENDING.value)
        )
        self.show_label.setBuddy(self.decision_filter)
        self.model = EndorsementModel(self)
        self.table = row_table(self.model)
        self.table.setWordWrap(True)
        measure_few_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(request_models.COURSE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(request_models.FINDINGS, QHeaderView.ResizeMode.Stretch)
        self.reason_label = QLabel()
        self.reason = QLineEdit()
        self.reason_label.setBuddy(self.reason)
        self.endorse_button = QPushButton()
        self.decline_button = QPushButton()
        self.reset_button = QPushButton()
        self.endorse_button.clicked.connect(self.endorse_current)
        self.decline_button.clicked.connect(self.decline_current)
        self.reset_button.clicked.connect(self.reset_current)
        self.reason.returnPressed.connect(self.decline_current)
        self.summary = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addSpacing(12)
        top.addWidget(self.show_label)
        top.addWidget(self.decision_filter)
        top.addStretch(1)
        top.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.addWidget(self.endorse_button)
        actions.addSpacing(12)
        actions.addWidget(self.reason_label)
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.decline_button)
        actions.addSpacing(12)
        actions.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.cycle.cycle_changed.connect(lambda _year: self.load_when_visible())
        self.decision_filter.currentIndexChanged.connect(lambda _i: self.load_when_visible())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.retranslate()
        self.load_when_visible()

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        self.show_label.setText(_("S&how:"))
        self.decision_filter.setItemText(0, _("all requests"))
        for i, member in enumerate(Endorsement, 1):
            self.decision_filter.setItemText(i, assessment_label(member))
        self.reason_label.setText(_("&Reason for declining:"))
        self.endorse_button.setText(_("&Endorse"))
        self.decline_button.setText(_("&Decline"))
        self.reset_button.setText(_("Back to &pending"))
        self.model.retranslate()
        self._fit_columns()
        self._show_summary()

    def _fit_columns(self) -> None:
        cap = self.fontMetrics().horizontalAdvance("M") * 22
        for column in range(self.model.columnCount()):
            if column not in (request_models.COURSE, request_models.FINDINGS):
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))

    def load(self) -> None:
        keep = self.current_uid()
        shown = self.decision_filter.currentData()
        self.model.load(
            self.database, self.cycle.year(), self.office_id, Endorsement(shown) if shown else None
        )
        fit_rows(self.table)
        self._fit_columns()
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_summary()

    def _show_summary(self) -> None:
        lines = self.model.rows
        pending = sum(1 for x in lines if x.row.request.endorsement == Endorsement.PENDING)
        self.summary.setText(
            ngettext(
                "{count} request shown, {pending} pending",
                "{count} requests shown, {pending} pending",
                len(lines),
            ).format(count=len(lines), pending=pending)
        )

    def _update_buttons(self) -> None:
        has = self.current_uid() is not None
        for button in (self.endorse_button, self.decline_button, self.reset_button):
            button.setEnabled(has)

    def current_uid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.request_uid(index.row()) if index.isValid() else None

    def _head(self) -> str:
        office = OfficeRepository(self.database).own()
        return office.head_name if office else ""

    def _apply(self, change) -> bool:
        uid = self.current_uid()
        if uid is None:
            return False
        try:
            changes = change(uid)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.announce(changes)
        self.table.setFocus()
        return True

    def endorse_current(self) -> bool:
        return self._apply(lambda uid: ops.endorse_request(self.database, uid, self._head()))

    def decline_current(self) -> bool:
        """Decline the selected request with the reason typed (refused without one)."""
        done = self._apply(
            lambda uid: ops.decline_request(self.database, uid, self.reason.text(), self._head())
        )
        if done:
            self.reason.clear()
        else:
            self.reason.setFocus()
        return done

    def reset_current(self) -> bool:
        return self._apply(lambda uid: ops.reset_endorsement(self.database, uid))

    def refresh(self, changes: Changes) -> None:
        if changes.assessments or changes.catalogue or changes.staff_ids or changes.settings:
            self.cycle.reload()
            self.load_when_visible()

"""The assessment cycle: open the cycle for a year, see progress by unit, pick a person to
assess."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.i18n import _, format_date
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.database import Database
from ui.messages import MessageService
from ui.models.cycle_models import PERSON_UNIT, POSITION, CyclePeopleModel, ProgressModel
from ui.pages.base import Page
from ui.pages.cycle_combo import CycleCombo
from ui.widgets.row_table import row_table


def _table(model) -> QTableView:
    table = row_table(model)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CyclePage(Page):
    """`assess_requested(year, staff_id)` when the clerk opens a person's assessment."""

    assess_requested = Signal(int, int)

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(database)
        self.cycle_label.setBuddy(self.cycle)
        self.deadline = QLabel()
        # Wrapped: before the first cycle it says what to do, wider than a 1,024-pixel screen.
        self.deadline.setWordWrap(True)
        self.year_label = QLabel()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year + 1)
        self.year_label.setBuddy(self.year)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_cycle)
        self.totals = QLabel()
        self.totals.setWordWrap(True)

        self.progress = ProgressModel(self)
        self.progress_table = _table(self.progress)
        self.people = CyclePeopleModel(self)
        self.people_table = _table(self.people)
        # The unit and the position share what is left (shortened on one line, whole in their
        # tooltips), so that the assessment's state stays in sight on a 1,024-pixel screen.
        self.people_table.setWordWrap(False)
        header = self.people_table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (PERSON_UNIT, POSITION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.people_table.activated.connect(self._assess_index)
        self.assess_button = QPushButton()
        self.assess_button.clicked.connect(self.assess_current)
        self.progress_title = QLabel()
        self.people_title = QLabel()
        self.people_title.setBuddy(self.people_table)

        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addWidget(self.deadline, 1)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.open_button)
        # One above the other, each the page's width: side by side on a 1,024-pixel screen,
        # the progress table hid its figures behind the long unit names.
        progress = QWidget()
        upper = QVBoxLayout(progress)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(self.progress_title)
        upper.addWidget(self.progress_table, 1)
        people = QWidget()
        lower = QVBoxLayout(people)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.people_title)
        lower.addWidget(self.people_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assess_button)
        lower.addLayout(buttons)
        self.tables = QSplitter(Qt.Orientation.Vertical)
        self.tables.setChildrenCollapsible(False)
        self.tables.addWidget(progress)
        self.tables.addWidget(people)
        self.tables.setStretchFactor(0, 2)
        self.tables.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.tables, 1)
        self.cycle.cycle_changed.connect(lambda _year: self.load())
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.year_label.setText(_("New cycle &year:"))
        self.open_button.setText(_("&Open the cycle"))
        self.progress_title.setText(_("Progress by unit"))
        self.people_title.setText(_("&People to assess (Enter opens the assessment)"))
        self.assess_button.setText(_("&Assess the selected person"))
        self.cycle.retranslate()
        self.progress.retranslate()
        self.people.retranslate()
        self._show_cycle()

    def load(self) -> None:
        year = self.cycle.year()
        self.progress.load(self.database, year, self.office_id)
        self.people.load(self.database, year, self.office_id)
        self._show_cycle()

    def _show_cycle(self) -> None:
        year = self.cycle.year()
        cycle = AssessmentRepository(self.database).cycle(year) if year is not None else None
        if cycle is None:
            self.deadline.setText(_("No cycle is open yet: open the cycle for the year to assess."))
        elif cycle.deadline is not None:
            self.deadline.setText(_("Deadline: {date}").format(date=format_date(cycle.deadline)))
        else:
            self.deadline.setText("")
        totals = self.progress.totals()
        if totals is None:
            self.totals.setText("")
        else:
            people = totals.complete + totals.drafts + totals.to_assess
            self.totals.setText(
                _(
                    "{complete} of {people} people assessed, {drafts} drafts, "
                    "{left} still to assess."
                ).format(
                    complete=totals.complete,
                    people=people,
                    drafts=totals.drafts,
                    left=totals.to_assess,
                )
            )
        self.assess_button.setEnabled(cycle is not None and self.people.rowCount() > 0)

    def refresh(self, changes: Changes) -> None:
        if changes.assessments or changes.staff_added or changes.staff_ids or changes.units:
            self.cycle.reload()
            self.load_when_visible()

    def open_cycle(self) -> bool:
        year = self.year.value()
        try:
            changes = ops.open_cycle(self.database, year)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.cycle.reload()
        self.cycle.set_year(year)
        self.announce(changes)
        return True

    def _assess_index(self, index: QModelIndex) -> None:
        staff_id = self.people.staff_id(index.row())
        year = self.cycle.year()
        if staff_id is not None and year is not None:
            self.assess_requested.emit(year, staff_id)

    def assess_current(self) -> None:
        index = self.people_table.currentIndex()
        if not index.isValid() and self.people.rowCount():
            index = self.people.index(0, 0)
        if index.isValid():
            self._assess_index(index)

    def select_staff(self, staff_id: int) -> None:
        row = self.people.row_of(staff_id)
        if row is not None:
            self.people_table.selectRow(row)
            self.people_table.scrollTo(
                self.people.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible
            )

"""The person's education and training lists: table models and a table with Add/Edit/Delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk.domain.enums import label
from hrdesk.domain.models import Education, TrainingRecord
from hrdesk.i18n import N_, _, format_date
from ui.models.list_model import ListTableModel
from ui.widgets.row_table import row_table


class RecordModel(ListTableModel):
    """A short list of records of one person (a handful, so all are held)."""

    def set_records(self, records: list[Any]) -> None:
        self.set_rows(list(records))

    def record(self, row: int) -> Any:
        return self.rows[row]


class EducationModel(RecordModel):
    LEVEL, FIELD, INSTITUTION, SPECIALITY, YEAR = range(5)
    HEADERS = (N_("Level"), N_("Field"), N_("Institution"), N_("Speciality"), N_("Year"))

    def text(self, e: Education, column: int) -> str:
        return {
            self.LEVEL: label(e.level),
            self.FIELD: label(e.field),
            self.INSTITUTION: e.institution,
            self.SPECIALITY: e.speciality,
            self.YEAR: str(e.graduation_year or ""),
        }[column]


class TrainingModel(RecordModel):
    COURSE, PROVIDER, DATES, HOURS, FORMAT, FUNDING, OVERALL = range(7)
    HEADERS = (
        N_("Course"),
        N_("Provider"),
        N_("Dates"),
        N_("Hours"),
        N_("Format"),
        N_("Funding"),
        N_("Overall rating"),
    )

    def text(self, t: TrainingRecord, column: int) -> str:
        if column == self.DATES:
            dates = [format_date(d, "numeric") for d in (t.start_date, t.end_date) if d]
            return " – ".join(dates)
        return {
            self.COURSE: t.course_title,
            self.PROVIDER: t.provider,
            self.HOURS: str(t.hours or ""),
            self.FORMAT: label(t.format),
            self.FUNDING: label(t.funding),
            self.OVERALL: str(t.feedback.overall or ""),
        }[column]


class RecordList(QWidget):
    """A table of records with Add, Edit and Delete; the owner does the work on the signals."""

    addRequested = Signal()
    editRequested = Signal(int)  # row
    deleteRequested = Signal(int)

    def __init__(self, model: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = row_table(model, self)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.editRequested.emit(index.row()))
        self.add_button, self.edit_button, self.delete_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.add_button.clicked.connect(self.addRequested.emit)
        self.edit_button.clicked.connect(lambda: self._emit_for_current(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.deleteRequested))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        model.modelReset.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.model.retranslate()

    def current_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _emit_for_current(self, signal: Any) -> None:
        row = self.current_row()
        if row is not None:
            signal.emit(row)

    def _update_buttons(self) -> None:
        has = self.current_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def set_records(self, records: list[Any]) -> None:
        self.model.set_records(records)
        self.view.resizeColumnsToContents()

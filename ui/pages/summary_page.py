"""The office summary of a cycle: ranked training needs per competency, demand per course,
the answer lists and the staff profile, as tables and bar charts; export to XLSX and JSON
through the core's writers. The figures are hrdesk.analysis.summary.office_summary's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.analysis.summary import office_summary
from hrdesk.changes import Changes
from hrdesk.i18n import N_, _, format_number
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.models import summary_models
from ui.models.summary_models import (
    CompetencyNeedsModel,
    CountsModel,
    CourseDemandModel,
    decimal_text,
)
from ui.pages.base import Page
from ui.pages.cycle_combo import CycleCombo
from ui.widgets.bar_chart import Bar, BarChart

# Summary key -> title; the answer lists count per answer, over the people assessed.
ANSWER_LISTS: tuple[tuple[str, str], ...] = (
    ("obstacles_duties", N_("What hinders performing duties")),
    ("obstacles_training", N_("What hinders taking training")),
    ("growth_needs", N_("What professional growth needs most")),
    ("preferred_format", N_("Preferred format")),
    ("preferred_language", N_("Preferred language")),
    ("preferred_season", N_("Preferred season")),
)
# The staff profile: every person once in each breakdown, over the staff.
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("by_sex", N_("Sex")),
    ("by_age_band", N_("Age")),
    ("by_tenure_band", N_("Years in position")),
    ("by_education_level", N_("Education level")),
    ("by_education_field", N_("Education field")),
    ("by_service_type", N_("Service type")),
    ("by_category", N_("Position category")),
    ("by_group", N_("Position group")),
)


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _scrolled(chart: BarChart) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(chart)
    return area


class CountsView(QWidget):
    """One of several count lists (chosen in a combo) as a table and a chart."""

    def __init__(self, choices: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.summary: dict[str, Any] = {}
        self.base_key = "assessed"
        self.choice_label = QLabel()
        self.choice = QComboBox()
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, _title in choices:
            self.choice.addItem("", key)
        self.choice_label.setBuddy(self.choice)
        self.model = CountsModel(self)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            summary_models.LABEL, QHeaderView.ResizeMode.Stretch
        )
        self.chart = BarChart()
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(_scrolled(self.chart))
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 1000])
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.choice.currentIndexChanged.connect(lambda _i: self.show_choice())

    def retranslate(self, choice_text: str) -> None:
        self.choice_label.setText(choice_text)
        for i, (_key, title) in enumerate(self.choices):
            self.choice.setItemText(i, _(title))
        self.show_choice()

    def set_summary(self, summary: dict[str, Any], base_key: str) -> None:
        self.summary, self.base_key = summary, base_key
        self.show_choice()

    def show_choice(self) -> None:
        key = self.choice.currentData()
        title = next(t for k, t in self.choices if k == key)
        counts = self.summary.get(key) or {}
        self.model.set_counts(key, title, counts, int(self.summary.get(self.base_key) or 0))
        self.chart.set_bars(
            [Bar(self.model.label(i), row["count"]) for i, row in enumerate(self.model.rows)]
        )


class SummaryPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.summary: dict[str, Any] = {}
        self._stale = True
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(database)
        self.cycle_label.setBuddy(self.cycle)
        self.totals = QLabel()
        self.totals.setWordWrap(True)  # unwrapped, Kyrgyz made the window wider than 1,024 px
        self.xlsx_button = QPushButton()
        self.json_button = QPushButton()
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.json_button.clicked.connect(lambda: self.choose_export("json"))

        self.needs = CompetencyNeedsModel(self)
        self.needs_table = _table(self.needs)
        self.needs_table.horizontalHeader().setSectionResizeMode(
            summary_models.COMPETENCY, QHeaderView.ResizeMode.Stretch
        )
        self.needs_chart = BarChart()
        self.demand = CourseDemandModel(self)
        self.demand_table = _table(self.demand)
        self.demand_table.horizontalHeader().setSectionResizeMode(
            summary_models.COURSE, QHeaderView.ResizeMode.Stretch
        )
        self.demand_chart = BarChart()
        self.answers = CountsView(ANSWER_LISTS)
        self.profile = CountsView(BREAKDOWNS)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for table, chart in (
            (self.needs_table, self.needs_chart),
            (self.demand_table, self.demand_chart),
        ):
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(table)
            split.addWidget(_scrolled(chart))
            split.setStretchFactor(0, 1)
            split.setStretchFactor(1, 1)
            split.setSizes([1100, 900])  # whatever the size hints say
            self.tabs.addTab(split, "")
        self.tabs.addTab(self.answers, "")
        self.tabs.addTab(self.profile, "")

        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addSpacing(12)
        top.addWidget(self.totals, 1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.json_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.cycle.cycle_changed.connect(lambda _year: self.load())
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        self.xlsx_button.setText(_("Export to E&xcel…"))
        self.json_button.setText(_("Export to &JSON…"))
        for i, title in enumerate(
            (_("Training &needs"), _("Course &demand"), _("&Answers"), _("Staff &profile"))
        ):
            self.tabs.setTabText(i, title)
        for model in (self.needs, self.demand):
            model.retranslate()
        self.answers.retranslate(_("&List:"))
        self.profile.retranslate(_("&Breakdown:"))
        self._show_figures()

    # --- data -------------------------------------------------------------------------------

    def load(self) -> None:
        """Compute the summary of the cycle shown (an office's takes a blink)."""
        year = self.cycle.year()
        if year is None or self.office_id is None:
            self.summary = {}
        else:
            self.summary = office_summary(self.database, year, [self.office_id])
        self._stale = False
        self.needs.set_rows(list(self.summary.get("competencies", [])))
        self.demand.set_summary(self.summary)
        self.answers.set_summary(self.summary, "assessed")
        self.profile.set_summary(self.summary, "staff_total")
        self._show_figures()

    def _show_figures(self) -> None:
        if not self.summary:
            self.totals.setText(_("No cycle is open yet."))
        else:
            self.totals.setText(
                _("{assessed} of {staff} people assessed (complete assessments only).").format(
                    assessed=format_number(self.summary["assessed"]),
                    staff=format_number(self.summary["staff_total"]),
                )
            )
        self.needs_chart.set_bars(
            [
                Bar(self.needs.text(row, summary_models.COMPETENCY), row["weighted_discrepancy"])
                for row in self.needs.rows
                if row.get("weighted_discrepancy") is not None
            ],
            decimal_text,
            _("Weighted discrepancy (MWDS), highest need first"),
        )
        self.demand_chart.set_bars(
            [
                Bar(
                    self.demand.text(row, summary_models.COURSE),
                    row["requested"],
                    row.get("endorsed") or 0,
                )
                for row in self.demand.rows
            ],
            format_number,
            _("Requested (light) and endorsed (dark)"),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.load()
        super().showEvent(event)

    def refresh(self, changes: Changes) -> None:
        if changes.assessments or changes.catalogue or changes.staff_ids or changes.staff_added:
            self.cycle.reload()
            if self.isVisible():
                self.load()
            else:
                self._stale = True

    # --- export -----------------------------------------------------------------------------

    def choose_export(self, kind: str) -> None:
        if not self.summary:
            self.messages.info(_("There is no summary to export: open a cycle first."))
            return
        name = _("summary-{cycle}").format(cycle=self.summary["cycle"]) + "." + kind
        filters = _("Excel workbook (*.xlsx)") if kind == "xlsx" else _("JSON file (*.json)")
        path, _filter = file_dialogs.get_save_file_name(
            self, _("Export the summary"), str(Path(last_folder(str(Path.home()))) / name), filters
        )
        if path:
            remember_folder(path)
            self.export(path, kind)

    def export(self, path: str | Path, kind: str) -> bool:
        """Write the summary shown to `path` as XLSX or JSON; a message either way."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "xlsx":
                from hrdesk.reports.summary_xlsx import write_summary_xlsx

                try:
                    write_summary_xlsx(self.summary, path)
                except OSError as exc:
                    raise errors.InputFileError(
                        _("The file {file} cannot be written: {reason}").format(
                            file=path, reason=exc.strerror or exc
                        )
                    ) from exc
            else:
                from hrdesk.cli.reports import write_json

                write_json(self.summary, Path(path))
        except errors.HrdeskError as exc:
            QApplication.restoreOverrideCursor()
            self.messages.error(exc.message)
            return False
        QApplication.restoreOverrideCursor()
        self.messages.info(_("The summary was written to {path}.").format(path=path))
        return True

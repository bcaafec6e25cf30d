"""The national analysis of a cycle with filters (oblast, district, office type, service type,
group): staff profile, ranked needs, demand, seats for the state order, obstacles and
preferences, feedback quality, state-order training by year, offices.

The cube (hrdesk.mkk.national) is built and queried in a worker thread on a connection of its
own; a filter change only re-queries the cube (tens of milliseconds) and the newest filter wins.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import N_, _, current_language, format_number
from hrdesk.mkk.national import NationalAnalysis, NationalFilter
from hrdesk.reports import national_xlsx as nx
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import DECIMAL, INTEGER, PERCENT, Column
from ui.mkk.table_panel import TablePanel
from ui.pages.cycle_combo import CycleCombo
from ui.widgets.task_runner import TaskRunner

FILTERS = (
    ("oblast", N_("&Oblast:")),
    ("district", N_("&District:")),
    ("office_type", N_("Office &type:")),
    ("service_type", N_("&Service type:")),
    ("group", N_("&Group:")),
)


class CubeWorker:
    """The analysis of one cycle on its own connection, used from worker threads one job at a
    time (TaskRunner runs one task at a time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.database: Database | None = None
        self.analysis: NationalAnalysis | None = None
        self.cycle: int | None = None

    def report(self, cycle: int, filters: NationalFilter) -> tuple[dict[str, Any], dict]:
        if self.database is None:
            self.database = Database.open(self.path, check=False)
        if self.analysis is None or self.cycle != cycle:
            self.drop()
            self.analysis = NationalAnalysis(self.database, cycle)
            self.cycle = cycle
        return self.analysis.report(filters), self.analysis.choices()

    def drop(self) -> None:
        if self.analysis is not None:
            self.analysis.close()
        self.analysis, self.cycle = None, None

    def close(self) -> None:
        self.drop()
        if self.database is not None:
            self.database.close()
            self.database = None


def _counts_columns(title: str) -> list[Column]:
    return [
        Column(N_("Code")),
        Column(title),
        Column(N_("Count"), INTEGER),
        Column(N_("Share"), PERCENT),
    ]


class NationalPanel(QWidget):
    """`shown(report)` each time new figures are on screen (tests wait for it)."""

    shown = Signal(object)

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.report: dict[str, Any] | None = None
        self.choices: dict[str, list] = {}
        self.worker = CubeWorker(database.path)
        self.runner = TaskRunner(self)
        self.runner.succeeded.connect(self._received)
        self.runner.failed.connect(self._failed)
        self._pending: tuple[int, NationalFilter] | None = None
        self._stale_cube = False

        self.cycle = CycleCombo(database)
        self.cycle.cycle_changed.connect(lambda _year: self.refresh())
        self.cycle_label = QLabel()
        self.cycle_label.setBuddy(self.cycle)
        self.filter_labels: dict[str, QLabel] = {}
        self.filters: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.addWidget(self.cycle_label, 0, 0)
        grid.addWidget(self.cycle, 0, 1)
        for i, (key, _title) in enumerate(FILTERS, 1):
            label, combo = QLabel(), QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i, k=key: self._filter_changed(k))
            self.filter_labels[key], self.filters[key] = label, combo
            grid.addWidget(label, i // 3, (i % 3) * 2)
            grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
        grid.setColumnStretch(6, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.report_pdf = QPushButton()
        self.report_pdf.clicked.connect(self.print_report)
        self.report_xlsx = QPushButton()
        self.report_xlsx.clicked.connect(self.choose_report_xlsx)

        self.oblasts = TablePanel(
            N_("By oblast"),
            [
                Column(N_("Oblast")),
                Column(N_("Staff"), INTEGER),
                Column(N_("Assessed"), INTEGER),
                Column(N_("Share assessed"), PERCENT),
                Column(N_("Not trained for N years"), INTEGER),
            ],
            messages,
        )
        self.competencies = TablePanel(
            N_("Training needs by competency"),
            [
                Column(N_("Rank"), INTEGER),
                Column(N_("Competency")),
                Column(N_("Respondents"), INTEGER),
                Column(N_("Importance"), DECIMAL),
                Column(N_("Performance"), DECIMAL),
                Column(N_("Gap"), DECIMAL),
                Column(N_("Weighted need"), DECIMAL),
            ],
            messages,
        )
        self.demand = TablePanel(
            N_("Demand for courses"),
            [
                Column(N_("Course code")),
                Column(N_("Course")),
                Column(N_("Requested"), INTEGER),
                Column(N_("Endorsed"), INTEGER),
                Column(N_("Declined"), INTEGER),
            ],
            messages,
        )
        self.seats = TablePanel(
            N_("Seats the state order should buy"),
            [
                Column(N_("Course code")),
                Column(N_("Course")),
                Column(N_("Oblast")),
                Column(N_("Language")),
                Column(N_("Format")),
                Column(N_("Seats"), INTEGER),
                Column(N_("Hours"), INTEGER),
                Column(N_("From approved plans"), INTEGER),
            ],
            messages,
        )
        self.breakdown = QComboBox()
        self.breakdown.currentIndexChanged.connect(lambda _i: self._show_breakdown())
        self.breakdown_label = QLabel()
        self.breakdown_label.setBuddy(self.breakdown)
        self.counts = TablePanel(N_("Staff profile"), _counts_columns(N_("Value")), messages)
        self.providers = TablePanel(N_("Quality of providers"), [], messages)
        self.courses = TablePanel(N_("Quality of courses"), [], messages)
        self.training = TablePanel(N_("State-order training by year"), [], messages)
        self.offices = TablePanel(
            N_("Offices"),
            [
                Column(N_("Office code")),
                Column(N_("Office")),
                Column(N_("Office type")),
                Column(N_("Oblast")),
                Column(N_("District")),
                Column(N_("Staff"), INTEGER),
                Column(N_("Assessed"), INTEGER),
                Column(N_("Requested"), INTEGER),
                Column(N_("Endorsed"), INTEGER),
                Column(N_("Not trained for N years"), INTEGER),
            ],
            messages,
        )
        counts_page = QWidget()
        counts_layout = QVBoxLayout(counts_page)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        choice.addWidget(self.breakdown_label)
        choice.addWidget(self.breakdown)
        choice.addStretch(1)
        counts_layout.addLayout(choice)
        counts_layout.addWidget(self.counts, 1)
        self.tabs = QTabWidget()
        self._tab_titles = (
            N_("Oblasts"),
            N_("Needs"),
            N_("Demand"),
            N_("Seats"),
            N_("Profile and answers"),
            N_("Providers"),
            N_("Courses"),
            N_("State-order training"),
            N_("Offices"),
        )
        for widget in (
            self.oblasts,
            self.competencies,
            self.demand,
            self.seats,
            counts_page,
            self.providers,
            self.courses,
            self.training,
            self.offices,
        ):
            self.tabs.addTab(widget, "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.report_xlsx)
        buttons.addWidget(self.report_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        for key, title in FILTERS:
            self.filter_labels[key].setText(_(title))
        self.breakdown_label.setText(_("&Breakdown:"))
        self.report_pdf.setText(_("National &report (PDF)…"))
        self.report_xlsx.setText(_("Report as XLS&X…"))
        for i, title in enumerate(self._tab_titles):
            self.tabs.setTabText(i, _(title))
        self._fill_filters()
        keep = self.breakdown.currentData()
        self.breakdown.blockSignals(True)
        self.breakdown.clear()
        for key, title in nx.BREAKDOWNS:
            self.breakdown.addItem(_(title), key)
        self.breakdown.setCurrentIndex(max(self.breakdown.findData(keep), 0))
        self.breakdown.blockSignals(False)
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- filters ----------------------------------------------------------------------------

    def _filter_text(self, key: str, value: Any) -> str:
        if key == "oblast":
            return nx.place_name(value)
        if key == "district":
            return nx.place_name(value[0], value[1])
        if key == "office_type":
            return nx.label_of("office_type", value)
        if key == "service_type":
            return nx.label_of("by_service_type", value)
        return nx.label_of("by_group", value)

    def _fill_filters(self) -> None:
        oblast = self.filters["oblast"].currentData()
        for key, combo in self.filters.items():
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("All"), None)
            for value in self.choices.get(key, []):
                if key == "district" and oblast and value[0] != oblast:
                    continue
                data = value[1] if key == "district" else value
                combo.addItem(self._filter_text(key, value), data)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if keep is not None else 0)
            combo.blockSignals(False)

    def current_filter(self) -> NationalFilter:
        values = {k: (c.currentData() or "") for k, c in self.filters.items()}
        return NationalFilter(
            values["oblast"],
            values["district"],
            values["office_type"],
            values["service_type"],
            values["group"],
        )

    def set_filter(self, key: str, value: str | None) -> None:
        """Choose a filter value (as the user would in the combo)."""
        combo = self.filters[key]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def _filter_changed(self, key: str) -> None:
        if key == "oblast":
            self.filters["district"].blockSignals(True)
            self.filters["district"].setCurrentIndex(0)
            self.filters["district"].blockSignals(False)
            self._fill_filters()
        self.refresh()

    # --- computing --------------------------------------------------------------------------

    def invalidate(self) -> None:
        """New data (an import, an acceptance): rebuild the cube on the next refresh."""
        self._stale_cube = True
        self.cycle.reload()

    def refresh(self) -> None:
        year = self.cycle.year()
        if year is None:
            self.report = None
            self._show()
            return
        self._pending = (year, self.current_filter())
        if not self.runner.is_running():
            self._start()

    def _start(self) -> None:
        assert self._pending is not None
        (year, filters), self._pending = self._pending, None
        worker, rebuild = self.worker, self._stale_cube
        self._stale_cube = False
        self.status.setText(_("Computing…"))

        def job(_progress, _cancel):
            if rebuild:
                worker.drop()
            return worker.report(year, filters)

        self.runner.start(job)

    def _received(self, result: tuple[dict[str, Any], dict]) -> None:
        if self._pending is not None:  # the user moved on: show only the newest
            self._start()
            return
        self.report, self.choices = result
        self._fill_filters()
        self._show()
        self.shown.emit(self.report)

    def _failed(self, exc: object) -> None:
        self._pending = None
        if isinstance(exc, errors.HrdeskError):
            self.status.setText(exc.message)
            self.messages.error(exc.message)
        else:
            raise exc  # type: ignore[misc]  # a bug: the crash handler reports it

    def close_worker(self) -> None:
        """Wait for a running query and close the worker's connection (the window closes)."""
        self.runner.wait()
        self.worker.close()

    # --- showing ----------------------------------------------------------------------------

    def _show(self) -> None:
        r = self.report
        if r is None:
            self.status.setText(_("No cycle yet: import the offices' packets first."))
            for panel in (
                self.oblasts,
                self.competencies,
                self.demand,
                self.seats,
                self.counts,
                self.providers,
                self.courses,
                self.training,
                self.offices,
            ):
                panel.set_rows([])
            return
        language = current_language()
        self.status.setText(
            _(
                "{staff} people in {offices} offices; {assessed} assessed; {untrained} not trained "
                "for {years} years or more."
            ).format(
                staff=format_number(r["staff_total"]),
                offices=format_number(len(r["offices"])),
                assessed=format_number(r["assessed"]),
                untrained=format_number(r["not_trained"]["people"]),
                years=r["training_gap_years"],
            )
        )
        self.oblasts.set_rows(
            [
                (
                    nx.place_name(o),
                    g["staff_total"],
                    g["assessed"],
                    g["assessed"] / g["staff_total"] if g["staff_total"] else None,
                    g["not_trained"]["people"],
                )
                for o, g in r["by_oblast"].items()
            ]
        )
        self.competencies.set_rows(
            [
                (
                    c["rank"],
                    c["title"].get(language) or c["title"].get("ky") or c["code"],
                    c["respondents"],
                    c["mean_importance"],
                    c["mean_performance"],
                    c["mean_gap"],
                    c["weighted_discrepancy"],
                )
                for c in r["competencies"]
            ]
        )
        self.demand.set_rows(
            [
                (
                    d["course_code"],
                    nx.title_text(d["title"], d["course_code"]),
                    d["requested"],
                    d["endorsed"],
                    d["declined"],
                )
                for d in r["course_demand"]
            ]
        )
        self.seats.set_rows(nx.seat_table(r)[1])
        self._show_breakdown()
        for panel, by in ((self.providers, "provider"), (self.courses, "course")):
            headers, rows = nx.quality_table(r, by)
            panel.set_rows(rows, _columns(headers, rows))
        headers, rows = nx.training_table(r)
        self.training.set_rows(rows, _columns(headers, rows))
        self.offices.set_rows(nx.office_table(r)[1])
        scope = (
            _("Filters: {filters}").format(
                filters=", ".join(f"{v}" for _k, v in nx.filter_rows(r.get("filters", {})))
            )
            if r.get("filters")
            else ""
        )
        for panel in (
            self.oblasts,
            self.competencies,
            self.demand,
            self.seats,
            self.counts,
            self.providers,
            self.courses,
            self.training,
            self.offices,
        ):
            panel.subtitle = scope

    def _show_breakdown(self) -> None:
        r = self.report
        key = self.breakdown.currentData()
        if r is None or key is None:
            self.counts.set_rows([])
            return
        counts = r.get(key, {})
        questions = ("obstacles_duties", "obstacles_training", "growth_needs")
        base = (
            r["assessed"] if key in questions or key.startswith("preferred") else r["staff_total"]
        )
        self.counts.title = dict(nx.BREAKDOWNS)[key]
        self.counts.set_rows(
            [
                (code, nx.label_of(key, code), n, n / base if base else None)
                for code, n in counts.items()
            ],
            _counts_columns(dict(nx.BREAKDOWNS)[key]),
        )

    # --- the whole report -------------------------------------------------------------------

    def print_report(self) -> None:
        if self.report is None:
            return
        from ui.printing import preview_pdf

        path = Path(tempfile.mkdtemp(prefix="hrdesk-print-")) / "national.pdf"
        try:
            self.write_report_pdf(path)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return
        preview_pdf(path, self).exec()

    def write_report_pdf(self, path: str | Path) -> int:
        from hrdesk.reports.national_pdf import render_national_pdf

        assert self.report is not None
        language = current_language() if current_language() in ("ky", "ru") else "ky"
        return render_national_pdf(self.report, path, language)

    def choose_report_xlsx(self) -> None:
        if self.report is None:
            return
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Export the national report"),
            str(Path(last_folder(str(Path.home()))) / f"national-{self.report['cycle']}.xlsx"),
            _("Excel workbook (*.xlsx)"),
        )
        if path:
            remember_folder(path)
            try:
                nx.write_national_xlsx(self.report, path)
            except OSError as exc:
                self.messages.error(
                    _("The file {file} cannot be written: {reason}").format(
                        file=path, reason=exc.strerror or exc
                    )
                )


class _Header(Column):
    """A column whose title is already translated (built from the report's years, etc.)."""

    def header(self) -> str:
        return self.title


def _columns(headers: list[str], rows: list[tuple]) -> list[Column]:
    columns = []
    for i, header in enumerate(headers):
        values = [r[i] for r in rows if r[i] is not None]
        if values and all(isinstance(v, int) for v in values):
            kind = INTEGER
        elif values and all(isinstance(v, int | float) for v in values):
            kind = DECIMAL
        else:
            kind = "text"
        columns.append(_Header(header, kind))
    return columns

"""Completeness of a cycle at MKK: expected, received, on time, late and missing offices per
oblast, district and office type, the offices to call, accepting (locking) a packet, and the
expected list itself (import from XLSX/CSV, add, edit)."""

from __future__ import annotations

import datetime as dt
import getpass
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import N_, _, format_date, format_percent
from hrdesk.mkk.completeness import accept_packet, completeness, local_time, unlock_packet
from hrdesk.mkk.expected_offices import (
    expected_cycles,
    expected_office,
    expected_offices,
    import_expected_offices,
    stop_expecting,
)
from hrdesk.reports.completeness_xlsx import office_name, status_label
from hrdesk.reports.national_xlsx import label_of, place_name
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import DATETIME, INTEGER, PERCENT, Column
from ui.mkk.table_panel import TablePanel
from ui.pages.cycle_combo import CycleCombo

RATES = [
    Column(N_("Expected"), INTEGER),
    Column(N_("Received"), INTEGER),
    Column(N_("On time"), INTEGER),
    Column(N_("Late"), INTEGER),
    Column(N_("Missing"), INTEGER),
    Column(N_("Reporting rate"), PERCENT),
    Column(N_("On-time rate"), PERCENT),
]
OFFICE_COLUMNS = [
    Column(N_("Office code")),
    Column(N_("Office")),
    Column(N_("Office type")),
    Column(N_("Oblast")),
    Column(N_("District")),
]
EXPECTED_COLUMNS = [
    *OFFICE_COLUMNS,
    Column(N_("Expected from cycle")),
    Column(N_("Expected until cycle")),
]
STATUS_COLUMNS = [
    *OFFICE_COLUMNS,
    Column(N_("Status")),
    Column(N_("Received"), DATETIME),
    Column(N_("Packets"), INTEGER),
    Column(N_("Accepted")),
]


def _rates(row: dict[str, Any]) -> tuple:
    return (
        row["expected"],
        row["received"],
        row["on_time"],
        row["late"],
        row["missing"],
        row["rate"],
        row["on_time_rate"],
    )


def _office_cells(o: dict[str, Any]) -> tuple:
    return (
        o["code"],
        office_name(o),
        label_of("office_type", o.get("type") or ""),
        place_name(o["oblast"]) if o.get("oblast") else "",
        place_name(o["oblast"], o["district"]) if o.get("district") else "",
    )


class CompletenessPanel(QWidget):
    """`changed()` after the expected list or an acceptance changed."""

    changed = Signal()

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.data: dict[str, Any] | None = None
        self.expected_list: list = []
        self.expected_span: dict[str, tuple[int | None, int | None]] = {}
        self.cycle = CycleCombo(database)
        self.cycle.cycle_changed.connect(lambda _year: self.load())
        self.cycle_label = QLabel()
        self.cycle_label.setBuddy(self.cycle)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.report_pdf = QPushButton()
        self.report_pdf.clicked.connect(self.print_report)
        self.report_xlsx = QPushButton()
        self.report_xlsx.clicked.connect(self.choose_report_xlsx)
        self.by_oblast = TablePanel(N_("By oblast"), [Column(N_("Oblast")), *RATES], messages)
        self.by_district = TablePanel(
            N_("By district"), [Column(N_("Oblast")), Column(N_("District")), *RATES], messages
        )
        self.by_type = TablePanel(
            N_("By office type"), [Column(N_("Office type")), *RATES], messages
        )
        self.missing = TablePanel(N_("Offices that sent nothing"), OFFICE_COLUMNS, messages)
        self.offices = TablePanel(N_("Offices"), STATUS_COLUMNS, messages)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(self.accept_current)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self.unlock_current)
        self.offices.buttons.insertWidget(0, self.accept_button)
        self.offices.buttons.insertWidget(1, self.unlock_button)
        self.expected = TablePanel(N_("Expected offices"), EXPECTED_COLUMNS, messages)
        self.import_list = QPushButton()
        self.import_list.clicked.connect(self.choose_list)
        self.add_office = QPushButton()
        self.add_office.clicked.connect(lambda: self.edit_office(None))
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_current)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop_current)
        self.expected.view.activated.connect(lambda _index: self.edit_current())
        for i, button in enumerate(
            (self.import_list, self.add_office, self.edit_button, self.stop_button)
        ):
            self.expected.buttons.insertWidget(i, button)
        self.tabs = QTabWidget()
        for panel in (
            self.by_oblast,
            self.by_district,
            self.by_type,
            self.missing,
            self.offices,
            self.expected,
        ):
            self.tabs.addTab(panel, "")
        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addWidget(self.totals, 1)
        top.addWidget(self.report_xlsx)
        top.addWidget(self.report_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        self.report_pdf.setText(_("Completeness &report (PDF)…"))
        self.report_xlsx.setText(_("Report as XLS&X…"))
        self.accept_button.setText(_("&Accept and lock"))
        self.unlock_button.setText(_("&Unlock…"))
        self.import_list.setText(_("&Import the list…"))
        self.add_office.setText(_("A&dd office…"))
        self.edit_button.setText(_("&Edit…"))
        self.stop_button.setText(_("&Stop expecting…"))
        for i, title in enumerate(
            (
                N_("By oblast"),
                N_("By district"),
                N_("By office type"),
                N_("Missing"),
                N_("Offices"),
                N_("Expected offices"),
            )
        ):
            self.tabs.setTabText(i, _(title))
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the completeness of the cycle shown (a few queries over hundreds of rows)."""
        year = self.cycle.year()
        self.data = completeness(self.database, year) if year is not None else None
        self.expected_list = expected_offices(self.database)
        self.expected_span = expected_cycles(self.database)
        self._show()

    def reload_cycles(self) -> None:
        self.cycle.reload()
        self.load()

    def _show(self) -> None:
        data = self.data
        self.expected.set_rows(
            [
                (
                    *_office_cells(o.__dict__),
                    *(
                        str(year) if year is not None else ""
                        for year in self.expected_span.get(o.code, (None, None))
                    ),
                )
                for o in self.expected_list
            ]
        )
        if data is None:
            self.totals.setText(_("No cycle yet: import the offices' packets first."))
            for panel in (
                self.by_oblast,
                self.by_district,
                self.by_type,
                self.missing,
                self.offices,
            ):
                panel.set_rows([])
            return
        t = data["totals"]
        self.totals.setText(
            _(
                "Deadline {deadline}. Expected {expected}, received {received} ({rate}): "
                "{on_time} on time, {late} late; {missing} missing."
            ).format(
                # The sentence's full stop ends an abbreviated date too ("31-дек.", "2026 г.").
                deadline=format_date(dt.date.fromisoformat(data["deadline"])).rstrip(".")
                if data["deadline"]
                else "—",
                expected=t["expected"],
                received=t["received"],
                rate=format_percent(t["rate"]) if t["rate"] is not None else "—",
                on_time=t["on_time"],
                late=t["late"],
                missing=t["missing"],
            )
        )
        if data["unexpected"]:
            self.totals.setText(
                self.totals.text()
                + " "
                + _("Packets from {count} offices not on the expected list.").format(
                    count=len(data["unexpected"])
                )
            )
        self.by_oblast.set_rows([(place_name(r["oblast"]), *_rates(r)) for r in data["by_oblast"]])
        self.by_district.set_rows(
            [
                (
                    place_name(r["oblast"]),
                    place_name(r["oblast"], r["district"]) if r["district"] else "",
                    *_rates(r),
                )
                for r in data["by_district"]
            ]
        )
        self.by_type.set_rows(
            [(label_of("office_type", r["type"]), *_rates(r)) for r in data["by_office_type"]]
        )
        self.missing.set_rows([_office_cells(o) for o in data["missing"]])
        self.offices.set_rows(
            [
                (
                    *_office_cells(o),
                    status_label(o["status"]),
                    local_time(o.get("first_received_at")),
                    o.get("packets", 0),
                    (_("yes, locked") if o.get("locked") else _("yes"))
                    if o.get("accepted")
                    else "",
                )
                for o in data["offices"] + data["unexpected"]
            ]
        )

    # --- accepting --------------------------------------------------------------------------

    def _current_code(self, panel: TablePanel) -> str | None:
        row = panel.current_row()
        if row is None:
            self.messages.info(_("Choose an office in the table first."))
            return None
        return str(row[0])

    def accept(self, code: str) -> bool:
        year = self.cycle.year()
        if year is None:
            return False
        try:
            accept_packet(self.database, code, year, getpass.getuser())
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.load()
        self.changed.emit()
        return True

    def unlock(self, code: str, reason: str) -> bool:
        year = self.cycle.year()
        if year is None:
            return False
        try:
            unlock_packet(self.database, code, year, getpass.getuser(), reason)
        except errors.ValidationFailed as exc:
            self.messages.warning(exc.message)
            return False
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.load()
        self.changed.emit()
        return True

    def accept_current(self) -> None:
        code = self._current_code(self.offices)
        if code is not None:
            self.accept(code)

    def unlock_current(self) -> None:
        code = self._current_code(self.offices)
        if code is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            _("Unlock accepted data"),
            _("Why may the office {office} send a newer packet?").format(office=code),
        )
        if ok:
            self.unlock(code, reason)

    # --- the expected list ------------------------------------------------------------------

    def choose_list(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self,
            _("Import the list of expected offices"),
            last_folder(str(Path.home())),
            _("Lists (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            remember_folder(path)
            self.import_list_from(path)

    def import_list_from(self, path: str | Path) -> bool:
        try:
            counts = import_expected_offices(self.database, path, from_cycle=self.cycle.year())
        except errors.ValidationFailed as exc:
            self.messages.error(
                _("The list was not imported; nothing was changed:")
                + "\n"
                + "\n".join(p.message for p in exc.problems[:30])
            )
            return False
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.messages.info(
            _(
                "Expected offices: {created} added, {updated} updated, {unchanged} unchanged."
            ).format(created=counts.created, updated=counts.updated, unchanged=counts.unchanged)
        )
        self.load()
        self.changed.emit()
        return True

    def edit_current(self) -> None:
        row = self.expected.current_row()
        if row is None:
            self.messages.info(_("Choose an office in the table first."))
            return
        found = expected_office(self.database, str(row[0]))
        if found is not None:
            self.edit_office(found[0])

    def stop_current(self) -> None:
        row = self.expected.current_row()
        if row is None:
            self.messages.info(_("Choose an office in the table first."))
            return
        year = self.cycle.year()
        if year is None:
            self.messages.info(_("Choose the cycle from which the office is no longer expected."))
            return
        if self.messages.confirm(
            _(
                "The office {office} will no longer be expected from the cycle {cycle} on; "
                "earlier cycles keep it. Go on?"
            ).format(office=row[0], cycle=year)
        ):
            self.stop(str(row[0]), year)

    def stop(self, code: str, cycle: int) -> bool:
        try:
            stop_expecting(self.database, code, cycle)
        except errors.ValidationFailed as exc:
            self.messages.warning(exc.message)
            return False
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.load()
        self.changed.emit()
        return True

    def edit_office(self, office) -> None:
        from ui.mkk.office_dialog import ExpectedOfficeDialog

        dialog = ExpectedOfficeDialog(
            self.database, self.messages, office, self, from_cycle=self.cycle.year()
        )
        if dialog.exec():
            self.load()
            self.changed.emit()

    # --- the whole report -------------------------------------------------------------------

    def print_report(self) -> None:
        if self.data is None:
            return
        from hrdesk.i18n import current_language
        from hrdesk.reports.completeness_pdf import render_completeness_pdf
        from ui.printing import preview_pdf

        path = Path(tempfile.mkdtemp(prefix="hrdesk-print-")) / "completeness.pdf"
        try:
            render_completeness_pdf(self.data, path, current_language())
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return
        preview_pdf(path, self).exec()

    def choose_report_xlsx(self) -> None:
        if self.data is None:
            return
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Export the completeness report"),
            str(Path(last_folder(str(Path.home()))) / f"completeness-{self.data['cycle']}.xlsx"),
            _("Excel workbook (*.xlsx)"),
        )
        if path:
            remember_folder(path)
            from hrdesk.reports.completeness_xlsx import write_completeness_xlsx

            try:
                write_completeness_xlsx(self.data, path)
            except OSError as exc:
                self.messages.error(
                    _("The file {file} cannot be written: {reason}").format(
                        file=path, reason=exc.strerror or exc
                    )
                )

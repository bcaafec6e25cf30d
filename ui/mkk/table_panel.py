"""A sortable table with Export (XLSX, real numbers) and Print (a PDF, previewed): every table
of the MKK desk is one of these."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import _, format_percent
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.mkk.rows_model import DATETIME, DECIMAL, PERCENT, RAW_ROLE, Column, RowsModel


class TablePanel(QWidget):
    """`title` (marked with N_()) names the table in files, sheets and the printed page."""

    def __init__(
        self,
        title: str,
        columns: list[Column],
        messages: MessageService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.subtitle = ""
        self.messages = messages
        self.model = RowsModel(columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        # No sort until the user asks: rows come in the report's order (ranks, codes).
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(60)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_export)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_table)
        buttons = QHBoxLayout()
        self.buttons = buttons
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_rows(self, rows: list[tuple], columns: list[Column] | None = None) -> None:
        self.model.set_rows(rows, columns)
        self.view.resizeColumnsToContents()
        cap = self.fontMetrics().horizontalAdvance("M") * 30
        for column in range(self.model.columnCount()):
            if self.view.columnWidth(column) > cap:
                self.view.setColumnWidth(column, cap)

    def retranslate(self) -> None:
        self.export_button.setText(_("Export to &XLSX…"))
        self.print_button.setText(_("&Print…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_row(self) -> tuple | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def raw_rows(self) -> list[tuple]:
        """The rows in the order shown, with their values (numbers as numbers)."""
        model = self.model
        return [
            tuple(model.index(r, c).data(RAW_ROLE) for c in range(model.columnCount()))
            for r in range(model.rowCount())
        ]

    # --- export and print -------------------------------------------------------------------

    def _file_name(self, suffix: str) -> str:
        name = "".join(c if c.isalnum() or c in "-_ " else "_" for c in _(self.title)).strip()
        return f"{name or 'table'}{suffix}"

    def choose_export(self) -> None:
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Export the table"),
            str(Path(last_folder(str(Path.home()))) / self._file_name(".xlsx")),
            _("Excel workbook (*.xlsx)"),
        )
        if path:
            remember_folder(path)
            self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        from hrdesk.reports.national_xlsx import Sheet, write_tables_xlsx

        kinds = [c.kind for c in self.model.columns]
        formats = {i + 1: "0.0%" for i, kind in enumerate(kinds) if kind == PERCENT}
        formats |= {i + 1: "0.00" for i, kind in enumerate(kinds) if kind == DECIMAL}
        formats |= {i + 1: "yyyy-mm-dd hh:mm" for i, kind in enumerate(kinds) if kind == DATETIME}
        # Excel has no time zones: the time as shown, without its zone.
        rows = [
            tuple(
                v.replace(tzinfo=None) if kind == DATETIME and v is not None else v
                for v, kind in zip(row, kinds, strict=True)
            )
            for row in self.raw_rows()
        ]
        try:
            write_tables_xlsx(path, [Sheet(_(self.title), self.model.headers(), rows, formats)])
        except OSError as exc:
            self.messages.error(
                _("The file {file} cannot be written: {reason}").format(
                    file=path, reason=exc.strerror or exc
                )
            )
            return False
        self.messages.info(_("The table was written to {path}.").format(path=path))
        return True

    def write_pdf(self, path: str | Path) -> int:
        """The table as printed (the rows in the order shown); returns the number of pages."""
        from hrdesk.reports.national_pdf import render_table_pdf

        # Shares print as the screen shows them (95 %), not as the fraction kept for sorting.
        rows = [
            tuple(
                format_percent(v) if c.kind == PERCENT and v is not None else v
                for v, c in zip(row, self.model.columns, strict=True)
            )
            for row in self.raw_rows()
        ]
        shares = [i for i, c in enumerate(self.model.columns) if c.kind == PERCENT]
        return render_table_pdf(
            path, _(self.title), self.model.headers(), rows, self.subtitle, right=shares
        )

    def print_table(self) -> None:
        folder = Path(tempfile.mkdtemp(prefix="hrdesk-print-"))
        path = folder / self._file_name(".pdf")
        try:
            self.write_pdf(path)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return
        from ui.printing import preview_pdf

        preview_pdf(path, self).exec()

"""Import a staff list: file → columns → preview with every bad row and the conflicts → import.
Reading, checking and writing run in a worker thread with a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.i18n import N_, _, format_number
from hrdesk.importing import (
    COLUMN_TITLES,
    ColumnMapping,
    RowAction,
    apply,
    detect_mapping,
    preview,
    read_table,
)
from hrdesk.importing.columns import FULL_NAME
from hrdesk.importing.table import RawTable
from ui import file_dialogs
from ui.dialogs.common import EditDialog
from ui.widgets.field_error import WARNING_STYLE, FieldWithError
from ui.widgets.import_tables import ConflictsModel, DecisionDelegate, RowErrorsModel
from ui.widgets.task_runner import TaskRunner

FIELD_CHOICES = {FULL_NAME: N_("Full name (surname, name, patronymic)"), **COLUMN_TITLES}
FILE_PAGE, COLUMNS_PAGE, PREVIEW_PAGE = range(3)


def _read(path: Path) -> tuple[RawTable, ColumnMapping, str]:
    raw = read_table(path)
    try:
        return raw, detect_mapping(raw), ""
    except errors.InputFileError as exc:  # the clerk can still map the columns by hand
        first = next(
            (i for i, r in enumerate(raw.rows) if sum(c not in (None, "") for c in r) >= 2), 0
        )
        headers = [str(c) if c is not None else "" for c in raw.rows[first]] if raw.rows else []
        return raw, ColumnMapping(header_row=first, headers=headers), exc.message


class ImportDialog(EditDialog):
    def __init__(self, database, messages, parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.changes = Changes()
        self.raw: RawTable | None = None
        self.mapping: ColumnMapping | None = None
        self.plan = None
        self.runner = TaskRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.failed.connect(self._failed)
        self.runner.succeeded.connect(self._succeeded)
        self.buttons.clear()
        self.save_shortcut.setEnabled(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.progress = QProgressBar()
        self.progress.hide()
        self.back_button, self.next_button = QPushButton(), QPushButton()
        self.import_button, self.cancel_button = QPushButton(), QPushButton()
        for button, source in (
            (self.back_button, N_("< &Back")),
            (self.next_button, N_("&Next >")),
            (self.import_button, N_("&Import")),
            (self.cancel_button, N_("Cancel")),
        ):
            self.text(button.setText, source)
            button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(self.next_step)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        self.text(self.setWindowTitle, N_("Import a staff list"))
        self.resize(900, 600)
        self._go(FILE_PAGE)

    # --- pages --------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.returnPressed.connect(self.next_step)
        choose = QPushButton()
        self.text(choose.setText, N_("&Choose…"))
        choose.clicked.connect(self.choose_file)
        line = QWidget()
        box = QHBoxLayout(line)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.path, 1)
        box.addWidget(choose)
        line.setFocusProxy(self.path)
        self.fields["file"] = FieldWithError(line)
        intro = self.label(
            N_(
                "Choose an Excel (XLSX) or CSV list of staff (UTF-8 or Windows-1251). "
                "Only surname, name and PIN are required; title rows above the "
                "column titles are skipped."
            ),
            self.path,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.label(N_("&File:"), self.path))
        layout.addWidget(self.fields["file"])
        layout.addStretch(1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.detect_note = QLabel()
        self.detect_note.setWordWrap(True)
        self.detect_note.setStyleSheet(WARNING_STYLE)
        self.columns_table = QTableWidget(0, 3)
        self.columns_table.verticalHeader().hide()
        self.columns_table.horizontalHeader().setStretchLastSection(True)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(
            self.label(
                N_(
                    "Which field each column of the file holds. Check the "
                    "guesses and correct them where needed."
                )
            )
        )
        layout.addWidget(self.detect_note)
        layout.addWidget(self.columns_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.errors_model, self.conflicts_model = RowErrorsModel(), ConflictsModel()
        self.errors_view, self.conflicts_view = QTableView(), QTableView()
        for view, model in (
            (self.errors_view, self.errors_model),
            (self.conflicts_view, self.conflicts_model),
        ):
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts_view.setItemDelegateForColumn(
            ConflictsModel.DECISION, DecisionDelegate(self)
        )
        self.conflicts_label = self.label(
            N_("These PINs are recorded for a person of another name. Decide for each row:")
        )
        self.conflicts_label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.label(N_("Rows that will not be imported:")))
        layout.addWidget(self.errors_view, 2)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts_view, 1)
        return page

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(max(page, FILE_PAGE))
        self._update_buttons()

    def _update_buttons(self, busy: bool = False) -> None:
        page = self.pages.currentIndex()
        self.back_button.setEnabled(not busy and page > FILE_PAGE)
        self.next_button.setEnabled(not busy and page < PREVIEW_PAGE)
        self.import_button.setEnabled(not busy and page == PREVIEW_PAGE and bool(self.plan))
        self.pages.setEnabled(not busy)
        self.progress.setVisible(busy)

    def retranslate_texts(self) -> None:
        if self.raw is not None:
            self._fill_columns()
        if self.plan is not None:
            self._fill_preview()

    # --- steps --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        settings = QSettings()
        folder = str(settings.value("import/folder", ""))
        path, _filter = file_dialogs.get_open_file_name(
            self, _("Import a staff list"), folder, _("Staff lists (*.xlsx *.csv);;All files (*)")
        )
        if path:
            settings.setValue("import/folder", str(Path(path).parent))
            self.path.setText(path)
            self.next_step()

    def next_step(self) -> None:
        if self.runner.is_running():
            return
        self.clear_problems()
        if self.pages.currentIndex() == FILE_PAGE:
            path = Path(self.path.text().strip())
            self._run(lambda progress, cancel: _read(path), self._read_done)
        elif self.pages.currentIndex() == COLUMNS_PAGE:
            mapping = self._edited_mapping()
            raw = self.raw
            self._run(
                lambda progress, cancel: preview(self.database, raw, mapping, progress=progress),
                self._preview_done,
            )

    def start_import(self) -> None:
        plan, decisions = self.plan, dict(self.conflicts_model.decisions)
        self._run(
            lambda progress, cancel: apply(self.database, plan, decisions, progress, cancel),
            self._import_done,
        )

    def cancel(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()  # the task ends at its next check; nothing half-written
            return
        super(EditDialog, self).reject()

    # --- running work off the GUI thread ------------------------------------------------------

    def _run(self, work, done) -> None:
        self._done = done
        self.progress.setRange(0, 0)
        self._update_buttons(busy=True)
        self.runner.start(work)

    def _succeeded(self, result) -> None:
        self._update_buttons()
        self._done(result)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc: object) -> None:
        self._update_buttons()
        if isinstance(exc, errors.HrdeskError):
            if self.pages.currentIndex() == FILE_PAGE:
                self.fields["file"].error.show_error(exc.message)
            else:
                self.messages.error(exc.message)
            return
        raise exc  # a bug: let the application's crash handler report it

    def _read_done(self, result) -> None:
        self.raw, self.mapping, note = result
        self.detect_note.setText(note)
        self.detect_note.setVisible(bool(note))
        self._fill_columns()
        self._go(COLUMNS_PAGE)

    def _preview_done(self, plan) -> None:
        self.plan = plan
        self._fill_preview()
        self._go(PREVIEW_PAGE)

    def _import_done(self, result) -> None:
        if result.cancelled:
            self.messages.info(_("The import was cancelled. Nothing was written."))
            return
        self.changes = result.changes
        self.messages.info(
            _(
                "Imported {imported} of {total} rows: {added} added, {updated} updated, "
                "{skipped} not imported."
            ).format(
                imported=format_number(result.imported),
                total=format_number(self.plan.total),
                added=format_number(result.added),
                updated=format_number(result.updated),
                skipped=format_number(result.skipped),
            )
        )
        self.accept()

    # --- columns and preview ------------------------------------------------------------------

    def _fill_columns(self) -> None:
        assert self.raw is not None and self.mapping is not None
        mapping, table = self.mapping, self.columns_table
        chosen = {index: name for name, index in mapping.columns.items()}
        # Not "Field": that msgid is the field of education (ky "Тармагы", ru "Область").
        table.setHorizontalHeaderLabels(
            [_("Column in the file"), _("Example"), _("Register field")]
        )
        table.setRowCount(len(mapping.headers))
        samples = self.raw.rows[mapping.header_row + 1 : mapping.header_row + 4]
        for i, header in enumerate(mapping.headers):
            example = "; ".join(str(r[i]) for r in samples if i < len(r) and r[i] not in (None, ""))
            for col, text in ((0, header), (1, example)):
                table.setItem(i, col, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(_("— do not import —"), "")
            for name, source in FIELD_CHOICES.items():
                combo.addItem(_(source), name)
            combo.setCurrentIndex(max(combo.findData(chosen.get(i, "")), 0))
            table.setCellWidget(i, 2, combo)
        table.resizeColumnsToContents()

    def field_combo(self, column: int) -> QComboBox:
        return self.columns_table.cellWidget(column, 2)  # type: ignore[return-value]

    def _edited_mapping(self) -> ColumnMapping:
        assert self.mapping is not None
        columns: dict[str, int] = {}
        for i in range(self.columns_table.rowCount()):
            name = self.field_combo(i).currentData()
            if name and name not in columns:
                columns[name] = i
        headers = self.mapping.headers
        ignored = [h for i, h in enumerate(headers) if h and i not in columns.values()]
        return ColumnMapping(self.mapping.header_row, columns, headers, ignored)

    def _fill_preview(self) -> None:
        plan = self.plan
        self.summary.setText(
            _(
                "{total} rows in the list: {add} new, {update} to update, {conflicts} conflicts, "
                "{invalid} refused."
            ).format(
                total=format_number(plan.total),
                add=format_number(plan.count(RowAction.ADD)),
                update=format_number(plan.count(RowAction.UPDATE)),
                conflicts=format_number(len(plan.conflicts)),
                invalid=format_number(plan.count(RowAction.INVALID)),
            )
        )
        self.errors_model.set_errors(
            [e for r in plan.rows if r.action == RowAction.INVALID for e in r.errors]
        )
        decisions = dict(self.conflicts_model.decisions)
        self.conflicts_model.set_conflicts(plan.conflicts)
        self.conflicts_model.decisions.update(
            {k: v for k, v in decisions.items() if k in self.conflicts_model.decisions}
        )
        has_conflicts = bool(plan.conflicts)
        self.conflicts_label.setVisible(has_conflicts)
        self.conflicts_view.setVisible(has_conflicts)
        for row in range(self.conflicts_model.rowCount()):
            self.conflicts_view.openPersistentEditor(
                self.conflicts_model.index(row, ConflictsModel.DECISION)
            )
        self.errors_view.resizeColumnsToContents()
        self.conflicts_view.resizeColumnsToContents()

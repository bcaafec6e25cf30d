"""The annual training plan of the office: draft it from the endorsed requests, edit the lines,
approve and reopen it, record what happened, print it and export it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.plan import EntryStatus, PlanEntry, PlanLimits, note_message
from hrdesk.i18n import N_, _, current_language, format_date, format_number, ngettext
from hrdesk.planning import ops
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.plans import PlanRepository
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.models import plan_model
from ui.models.plan_model import PlanModel
from ui.pages.base import Page


def default_year(database) -> int:
    """The latest plan's year, else the latest assessment cycle's, else this year."""
    office = OfficeRepository(database).own()
    years = PlanRepository(database).years(office.id) if office and office.id else []
    if years:
        return years[-1]
    cycles = AssessmentRepository(database).cycles()  # the latest first
    return cycles[0].year if cycles else dt.date.today().year


class PlanPage(Page):
    """`messages` shows message boxes (tests pass RecordingMessages). `changed(Changes)` is
    emitted after every change (a line done adds a training record to the register)."""

    def __init__(self, database, messages, parent: QWidget | None = None,
                 year: int | None = None) -> None:
        super().__init__(database, messages, parent)
        self.model = PlanModel(database, year or default_year(database))
        self._keep_uid: str | None = None
        self._build()
        self.retranslate()
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _action(self, slot, shortcut: str | None = None) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build(self) -> None:
        self.year = QSpinBox()
        self.year.setRange(ops.MIN_YEAR, ops.MAX_YEAR)
        self.year.setValue(self.model.year)
        self.year.valueChanged.connect(self.set_year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        # Its own line, wrapped: "Approved by <full name> on <date>…" in Kyrgyz is longer than
        # the room beside the limits on a 1366-pixel screen.
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.seats = QSpinBox()
        self.seats.setRange(0, 999)
        self.hours_limit = QSpinBox()
        self.hours_limit.setRange(0, 100000)
        self.hours_limit.setSingleStep(8)
        self.seats_label, self.hours_label = QLabel(), QLabel()
        self.seats_label.setBuddy(self.seats)
        self.hours_label.setBuddy(self.hours_limit)
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(self.draft)
        # The year, then the draft with its limits on a row of their own: on one row Kyrgyz made
        # the window wider than a 1,024-pixel screen.
        top = QHBoxLayout()
        for widget in (self.year_label, self.year):
            top.addWidget(widget)
        top.addStretch(1)
        drafting = QHBoxLayout()
        for widget in (self.seats_label, self.seats, self.hours_label, self.hours_limit,
                       self.draft_button):
            drafting.addWidget(widget)
        drafting.addStretch(1)

        self.add_action = self._action(self.add_line, "Ins")
        self.edit_action = self._action(self.edit_line)
        self.up_action = self._action(lambda: self.move_line(-1), "Ctrl+Up")
        self.down_action = self._action(lambda: self.move_line(1), "Ctrl+Down")
        self.remove_action = self._action(self.remove_line, "Del")
        self.done_action = self._action(self.mark_done)
        self.cancel_action = self._action(self.cancel_line)
        self.approve_action = self._action(self.approve)
        self.reopen_action = self._action(self.reopen)
        self.print_action = self._action(self.print_plan, "Ctrl+P")
        self.summary_action = self._action(self.print_summary)
        self.xlsx_action = self._action(self.export_xlsx)
        # Two toolbars side by side, each folding into its own "»" menu when narrow: the
        # approval and the printing (the head's tasks) stay in sight, the line editing folds
        # first (it is also on the keyboard and in the table's context menu).
        self.toolbar = self._toolbar(
            (self.add_action, self.edit_action, self.up_action, self.down_action,
             self.remove_action), (self.done_action, self.cancel_action))
        self.document_toolbar = self._toolbar(
            (self.approve_action, self.reopen_action),
            (self.print_action, self.summary_action, self.xlsx_action))
        toolbars = QHBoxLayout()
        toolbars.addWidget(self.toolbar, 1)
        toolbars.addWidget(self.document_toolbar)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.edit_line())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._row_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.edit_action, self.done_action, self.cancel_action,
                               self.remove_action])

        self.line_warnings = QLabel()
        self.line_warnings.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setWordWrap(True)  # unwrapped, Kyrgyz made the window wider than 1,024 px
        self.skipped_box = QGroupBox()
        self.skipped = QListWidget()
        # Reasons are sentences with a name and a course title: wrap them, do not scroll sideways.
        self.skipped.setWordWrap(True)
        self.skipped.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.skipped.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        skipped_layout = QVBoxLayout(self.skipped_box)
        skipped_layout.addWidget(self.skipped)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.skipped_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(drafting)
        layout.addWidget(self.state_label)
        layout.addLayout(toolbars)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.line_warnings)
        layout.addWidget(self.totals)

    @staticmethod
    def _toolbar(*groups: tuple[QAction, ...]) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for n, group in enumerate(groups):
            if n:
                toolbar.addSeparator()
            toolbar.addActions(list(group))
        return toolbar

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.year_label.setText(_("Plan for the &year:"))
        self.seats_label.setText(_("Seats per course:"))
        self.hours_label.setText(_("Total hours:"))
        for spin in (self.seats, self.hours_limit):
            spin.setSpecialValueText(_("no limit"))
        self.draft_button.setText(_("&Draft from requests"))
        self.draft_button.setToolTip(_(
            "Make the plan's lines from the endorsed requests of the assessment. Lines you "
            "changed by hand, and lines done or cancelled, are kept."))
        texts = {
            self.add_action: N_("&Add line…"), self.edit_action: N_("&Edit line…"),
            self.up_action: N_("Move &up"), self.down_action: N_("Move do&wn"),
            self.remove_action: N_("&Remove line"), self.done_action: N_("Mark &done…"),
            self.cancel_action: N_("&Cancel line…"), self.approve_action: N_("A&pprove…"),
            self.reopen_action: N_("Re&open…"), self.print_action: N_("&Print / PDF…"),
            self.summary_action: N_("Needs &summary…"), self.xlsx_action: N_("E&xport to XLSX…"),
        }
        for action, source in texts.items():
            action.setText(_(source))
        self.model.retranslate()
        self._fit_headers()
        self.refresh_labels()
        self.show_line_warnings()

    def _fit_headers(self) -> None:
        """Widen the columns whose (new language's) header would be clipped."""
        header = self.table.horizontalHeader()
        for column in range(plan_model.COLUMN_COUNT):
            wanted = header.sectionSizeHint(column)
            if self.table.columnWidth(column) < wanted:
                self.table.setColumnWidth(column, wanted)

    # --- state ------------------------------------------------------------------------------

    @property
    def plan(self):
        return self.model.plan

    def set_year(self, year: int) -> None:
        if year != self.model.year:
            self.model.set_year(year)
            if self.year.value() != year:
                self.year.setValue(year)
            self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.plan or changes.staff_ids or changes.catalogue or changes.office:
            keep, self._keep_uid = self._keep_uid, None
            self.reload(keep)

    def reload(self, keep_uid: str | None = None) -> None:
        """Reload the plan and its lines, keeping the selected line."""
        keep_uid = keep_uid or self._current_uid()
        self.model.reload()
        plan = self.model.plan
        if plan is not None:
            self.seats.setValue(plan.limits.seats_per_course or 0)
            self.hours_limit.setValue(plan.limits.max_hours or 0)
        self.refresh_labels()
        if keep_uid:
            self.select_uid(keep_uid)
        self._row_changed()
        self.table.resizeColumnsToContents()
        cap = self.fontMetrics().horizontalAdvance("M") * 24
        for column in range(plan_model.COLUMN_COUNT):
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)
        self._fit_headers()

    def refresh_labels(self) -> None:
        plan = self.model.plan
        if plan is None:
            state = _("No plan yet: draft it from the requests or add lines by hand.")
        elif plan.is_approved:
            state = _("Approved by {name} on {date}; read-only until reopened.").format(
                name=plan.approved_by, date=format_date(plan.approved_on))
        else:
            state = _("Draft")
        self.state_label.setText(state)
        counts = {s: sum(1 for e in self.model.entries if e.status == s) for s in EntryStatus}
        lines = len(self.model.entries)
        self.totals.setText(", ".join((
            ngettext("{count} line", "{count} lines", lines).format(count=lines),
            ngettext("{count} person", "{count} people", self.model.people_count())
            .format(count=self.model.people_count()),
            _("{hours} hours").format(hours=format_number(self.model.hours_total())),
            _("{done} done, {planned} planned, {cancelled} cancelled").format(
                done=counts[EntryStatus.DONE], planned=counts[EntryStatus.PLANNED],
                cancelled=counts[EntryStatus.CANCELLED]),
        )))
        skipped = plan.skipped if plan is not None else []
        self.skipped.clear()
        self.skipped.addItems([s.reason for s in skipped])
        self.skipped_box.setTitle(_("Did not fit into the plan ({count})").format(
            count=len(skipped)))
        self.skipped_box.setVisible(bool(skipped))

    def current_entry(self) -> PlanEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _current_uid(self) -> str | None:
        entry = self.current_entry()
        return entry.uid if entry is not None else None

    def select_uid(self, uid: str) -> None:
        row = self.model.row_of(uid)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _row_changed(self) -> None:
        self.update_actions()
        self.show_line_warnings()

    def show_line_warnings(self) -> None:
        """The eligibility warnings of the selected line, in full, under the table."""
        entry = self.current_entry()
        notes = entry.warnings if entry is not None else []
        self.line_warnings.setText("\n".join(f"{plan_model.WARNING_MARK} {note_message(n)}"
                                             for n in notes))
        self.line_warnings.setVisible(bool(notes))

    def update_actions(self) -> None:
        plan = self.model.plan
        editable = plan is None or not plan.is_approved
        entry = self.current_entry()
        planned = entry is not None and entry.status == EntryStatus.PLANNED
        row = self.table.currentIndex().row() if entry is not None else -1
        self.draft_button.setEnabled(editable)
        for widget in (self.seats, self.hours_limit):
            widget.setEnabled(editable)
        self.add_action.setEnabled(editable)
        self.edit_action.setEnabled(editable and planned and plan is not None)
        self.up_action.setEnabled(editable and entry is not None and row > 0)
        self.down_action.setEnabled(editable and entry is not None
                                    and row < self.model.rowCount() - 1)
        self.remove_action.setEnabled(editable and entry is not None
                                      and entry.status != EntryStatus.DONE)
        self.done_action.setEnabled(planned)
        self.cancel_action.setEnabled(planned)
        self.approve_action.setEnabled(plan is not None and not plan.is_approved)
        self.reopen_action.setEnabled(plan is not None and plan.is_approved)
        self.print_action.setEnabled(plan is not None)
        self.xlsx_action.setEnabled(plan is not None)

    # --- changes ----------------------------------------------------------------------------

    def _apply(self, changes: Changes | None, keep_uid: str | None = None) -> None:
        if changes is None:
            return
        self._keep_uid = keep_uid
        self.announce(changes)

    def _run(self, change, keep_uid: str | None = None) -> bool:
        """Run a core change; a refusal is shown as a message and changes nothing."""
        try:
            changes = change()
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self._apply(changes, keep_uid)
        return True

    def _limits(self) -> PlanLimits:
        return PlanLimits(self.seats.value() or None, self.hours_limit.value() or None)

    def draft(self) -> bool:
        """Draft (or redraft) the plan of the year from the endorsed requests, in one click."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = ops.draft(self.database, self.model.year, limits=self._limits(),
                                by=self._clerk())
        except errors.HrdeskError as exc:
            QApplication.restoreOverrideCursor()
            self.messages.error(exc.message)
            return False
        QApplication.restoreOverrideCursor()
        self._apply(outcome.changes)
        self.last_draft = outcome
        return True

    def _clerk(self) -> str:
        office = OfficeRepository(self.database).own()
        return office.hr_clerk_name if office else ""

    def _dialog(self, dialog) -> Changes | None:
        """exec() a dialog that leaves `.changes`; tests replace this to drive the dialog."""
        dialog.exec()
        changes = dialog.changes if dialog.result() else None
        dialog.deleteLater()
        return changes

    def add_line(self) -> None:
        from ui.dialogs.plan_line_dialog import PlanLineDialog

        if self.model.plan is None and not self._run(
                lambda: ops.start_plan(self.database, self.model.year)):
            return
        self._apply(self._dialog(PlanLineDialog(self.database, self.model.year, None,
                                                self.messages, self)))

    def edit_line(self) -> None:
        from ui.dialogs.plan_line_dialog import PlanLineDialog

        entry = self.current_entry()
        if entry is None or not self.edit_action.isEnabled():
            return
        self._apply(self._dialog(PlanLineDialog(self.database, self.model.year, entry,
                                                self.messages, self)), entry.uid)

    def move_line(self, step: int) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        row = self.table.currentIndex().row()
        target = row + 1 + step
        if 1 <= target <= self.model.rowCount():
            self._run(lambda: ops.move_entry(self.database, entry.uid, target), entry.uid)

    def remove_line(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        question = _("Remove the line {number}: {name}, {course}?").format(
            number=entry.position, name=self.model.person_name(entry),
            course=self.model.course_title(entry))
        if self.messages.confirm(question):
            self._run(lambda: ops.remove_entry(self.database, entry.uid))

    def mark_done(self) -> None:
        from ui.dialogs.plan_done_dialog import PlanDoneDialog

        entry = self.current_entry()
        if entry is None:
            return
        self._apply(self._dialog(PlanDoneDialog(
            self.database, entry, self.model.course_title(entry), self.model.person_name(entry),
            self.messages, self)), entry.uid)

    def cancel_line(self) -> None:
        from ui.dialogs.plan_done_dialog import cancel_line_dialog

        entry = self.current_entry()
        if entry is not None:
            self._apply(self._dialog(cancel_line_dialog(self.database, entry, self.messages,
                                                        self)), entry.uid)

    def approve(self) -> None:
        from ui.dialogs.plan_done_dialog import ApproveDialog

        office = OfficeRepository(self.database).own()
        head = office.head_name if office else ""
        self._apply(self._dialog(ApproveDialog(self.database, self.model.year, head,
                                               self.messages, self)))

    def reopen(self) -> None:
        from ui.dialogs.plan_done_dialog import reopen_dialog

        self._apply(self._dialog(reopen_dialog(self.database, self.model.year, self.messages,
                                               self, self._clerk())))

    # --- printing and export ----------------------------------------------------------------

    def document_dialog(self, what: str = "plan"):
        """The print / PDF dialog of the plan ("plan") or of the needs summary ("summary")."""
        from ui import documents
        from ui.dialogs.document_dialog import DocumentDialog

        year = self.model.year
        if what == "summary":
            return DocumentDialog(lambda lang: documents.summary_document(self.database, year,
                                                                          lang),
                                  N_("Needs-assessment summary"), self.messages, self)
        return DocumentDialog(lambda lang: documents.plan_document(self.database, year, lang),
                              N_("Print the training plan"), self.messages, self)

    def print_plan(self) -> None:
        dialog = self.document_dialog("plan")
        dialog.exec()
        dialog.deleteLater()

    def print_summary(self) -> None:
        dialog = self.document_dialog("summary")
        dialog.exec()
        dialog.deleteLater()

    def export_xlsx(self, path: str | None = None, language: str | None = None) -> bool:
        from ui import documents

        if path is None:
            start = Path(last_folder(str(Path.home()))) / _("training-plan-{year}.xlsx").format(
                year=self.model.year)
            path, _filter = file_dialogs.get_save_file_name(
                self, _("Export the training plan"), str(start), _("Excel workbook (*.xlsx)"))
            if not path:
                return False
            remember_folder(path)
        try:
            lines = documents.write_plan_workbook(self.database, self.model.year,
                                                  language or current_language(), path)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        except OSError as exc:
            self.messages.error(_("The file {file} cannot be written: {reason}").format(
                file=path, reason=exc.strerror or exc))
            return False
        self.messages.info(ngettext("Exported {count} line to {path}.",
                                    "Exported {count} lines to {path}.", lines)
                           .format(count=lines, path=path))
        return True

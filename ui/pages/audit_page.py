"""The changes log: who changed what and when, with the old and new values. Read-only: the app
offers no way to change the trail (and the database refuses it too)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk.changes import Changes
from hrdesk.i18n import _, format_number
from hrdesk.store.audit import AuditEntry
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository
from ui.messages import MessageService
from ui.models import audit_model
from ui.models.audit_model import AuditFilter, AuditModel
from ui.pages.base import Page
from ui.widgets.changes_view import ChangeKindCombo, ChangesView
from ui.widgets.date_edit import DateEdit, date_problem_text


class AuditPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.model = AuditModel(database, self)

        self.person_label = QLabel()
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumContentsLength(24)
        self.person.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person_label.setBuddy(self.person)
        self.since_label = QLabel()
        self.since = DateEdit()
        self.since_label.setBuddy(self.since)
        self.until_label = QLabel()
        self.until = DateEdit()
        self.until_label.setBuddy(self.until)
        self.kind_label = QLabel()
        self.kind = ChangeKindCombo()
        self.kind_label.setBuddy(self.kind)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)

        self.person.activated.connect(lambda _i: self.apply_filter())
        self.person.lineEdit().editingFinished.connect(self.apply_filter)
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.since, self.until):
            edit.line.editingFinished.connect(self.apply_filter)
            edit.calendar.clicked.connect(lambda _d: self.apply_filter())

        self.changes = ChangesView(self.model)
        self.table, self.details = self.changes.table, self.changes.details
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_details(current)
        )

        filters = QGridLayout()
        filters.addWidget(self.person_label, 0, 0)
        filters.addWidget(self.person, 0, 1)
        filters.addWidget(self.kind_label, 0, 2)
        filters.addWidget(self.kind, 0, 3)
        filters.addWidget(self.since_label, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.until_label, 1, 2)
        filters.addWidget(self.until, 1, 3)
        filters.addWidget(self.clear_button, 1, 4)
        filters.setColumnStretch(1, 2)
        filters.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.count_label)
        layout.addWidget(self.changes, 1)
        self.load_people()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.person_label.setText(_("&Person:"))
        self.person.setItemText(0, _("Everyone"))
        self.since_label.setText(_("F&rom:"))
        self.until_label.setText(_("&To:"))
        self.kind_label.setText(_("&Kind of change:"))
        self.kind.retranslate()
        self.clear_button.setText(_("&Clear filters"))
        self.changes.retranslate()
        self.model.retranslate()
        self._show_count()
        self.show_details(self.table.currentIndex())
        self._fit_columns()

    def _fit_columns(self) -> None:
        cap = self.fontMetrics().horizontalAdvance("M") * 22
        for column in range(audit_model.COLUMN_COUNT - 1):
            self.table.resizeColumnToContents(column)
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)

    def _show_count(self) -> None:
        self.count_label.setText(
            _("{count} entries. The changes log is kept by hrdesk and cannot be edited.").format(
                count=format_number(self.model.total)
            )
        )

    # --- filters ----------------------------------------------------------------------------

    def load_people(self) -> None:
        chosen = self.person.currentData() if self.person.count() else None
        people = sorted(
            StaffRepository(self.database).all(self.office_id), key=lambda m: m.full_name.casefold()
        )
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(_("Everyone"), None)
        for member in people:
            text = f"{member.full_name} ({member.pin})" if member.pin else member.full_name
            self.person.addItem(text, member.id)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0) if chosen else 0)
        self.person.blockSignals(False)

    def set_person(self, staff_id: int | None) -> None:
        """Show the changes of one person (None: of everyone)."""
        self.person.setCurrentIndex(max(self.person.findData(staff_id), 0) if staff_id else 0)
        self.apply_filter()

    def _person_id(self) -> tuple[int | None, bool]:
        """The chosen person's id, and whether the typed text names a person (or everyone)."""
        text = self.person.currentText().strip()
        if not text or text == self.person.itemText(0):
            return None, True
        at = self.person.findText(text, Qt.MatchFlag.MatchFixedString)
        if at < 0:
            return None, False
        self.person.setCurrentIndex(at)
        return self.person.itemData(at), True

    def apply_filter(self) -> bool:
        """Filter by the fields; a field that makes no sense gets a message and the list stays
        as it was."""
        problems = []
        person_id, known = self._person_id()
        if not known:
            problems.append(
                _(
                    "Person: nobody in the register is called “{text}”. "
                    "Choose a name from the list."
                ).format(text=self.person.currentText().strip())
            )
        for label, edit in ((_("From"), self.since), (_("To"), self.until)):
            if not edit.hasValidText():
                problems.append(
                    _("{field}: {problem}").format(field=label, problem=date_problem_text())
                )
        since, until = self.since.date(), self.until.date()
        if not problems and since and until and since > until:
            problems.append(_("The date in “From” is after the date in “To”."))
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        if problems:
            return False
        self.model.set_filter(
            AuditFilter(person_id=person_id, since=since, until=until, kind=self.kind.kind())
        )
        self._show_count()
        return True

    def clear_filters(self) -> None:
        self.person.setCurrentIndex(0)
        self.since.setDate(None)
        self.until.setDate(None)
        self.kind.setCurrentIndex(0)
        self.apply_filter()

    # --- details ----------------------------------------------------------------------------

    def show_details(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row()) if index.isValid() else None
        self.details.setPlainText(self.details_text(entry) if entry else "")

    def details_text(self, entry: AuditEntry) -> str:
        lines = [
            _("When: {at}").format(at=self.model.cell_text(entry, audit_model.WHEN)),
            _("Who: {who}").format(who=audit_model.who_text(entry)),
            _("Change: {change}").format(change=self.model.cell_text(entry, audit_model.KIND)),
        ]
        record = self.model.record_text(entry)
        if record:
            lines.append(_("Record: {record}").format(record=record))
        if entry.operation:
            lines.append(
                _("Part of: {operation}").format(
                    operation=audit_model.operation_label(entry.operation)
                )
            )
        lines.append("")
        lines += audit_model.change_lines(entry, self.model.unit_names)
        return "\n".join(lines)

    # --- keeping up -------------------------------------------------------------------------

    def refresh(self, changes: Changes) -> None:
        # Every change adds to the trail.
        if changes.staff_added:
            self.load_people()
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self._show_count()
        self.show_details(self.table.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.database_open():
            self.reload()

"""Mark a person as having left: date and reason. Nobody is deleted; the record stays."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from hrdesk import errors, register
from hrdesk.changes import Changes
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _
from hrdesk.store.staff import StaffRepository
from ui.dialogs.common import EditDialog, make_form
from ui.widgets.date_edit import DateEdit, date_problem_text


class LeftDialog(EditDialog):
    def __init__(self, database, staff_id: int, messages, parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.staff_id = staff_id
        self.changes = Changes()
        self.person = QLabel()
        self.person.setWordWrap(True)
        self.left_on = DateEdit()
        self.reason = QLineEdit()
        form = make_form()
        self.add_row(form, "left_on", N_("&Date left:"), self.left_on)
        self.add_row(form, "left_reason", N_("&Reason:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.person)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Mark as left"))
        self.resize(460, 0)
        self.load()
        self.retranslate()

    def load(self) -> None:
        member = StaffRepository(self.database).get(self.staff_id)
        if member is None:
            raise errors.NotFound(_("The person was not found."))
        self.member = member
        self.left_on.setDate(member.left_on)
        self.reason.setText(member.left_reason)
        self._loaded = (self.left_on.text(), self.reason.text())

    def retranslate_texts(self) -> None:
        self.left_on.retranslate()
        self.person.setText(
            _(
                "{name} will be marked as left. The record and its history stay in the register."
            ).format(name=self.member.full_name)
        )

    def is_dirty(self) -> bool:
        return (self.left_on.text(), self.reason.text()) != self._loaded

    def save(self) -> bool:
        left_on = self.left_on.date()
        if not self.left_on.hasValidText():
            self.show_problems([Problem("left_on", date_problem_text())])
            return False
        if left_on is None:
            self.show_problems([Problem("left_on", _("Give the date the person left."))])
            return False
        changes = self.run_change(
            lambda: register.mark_left(self.database, self.staff_id, left_on, self.reason.text())
        )
        if changes is None:
            return False
        self.changes = changes
        return True

"""What happened to a plan line (done: a training record with dates, hours, certificate and the
trainee's feedback; or cancelled with a reason), and the plan's approval and reopening."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from hrdesk.changes import Changes
from hrdesk.domain.plan import PlanEntry
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _
from hrdesk.planning import ops
from ui.dialogs.common import EditDialog, four_digit_edit, make_form
from ui.dialogs.feedback_fields import FeedbackFields
from ui.widgets.date_edit import DateEdit, date_problem_text


class _ChangeDialog(EditDialog):
    """A small dialog whose save() calls one core change; `.changes` after exec()."""

    def __init__(self, messages, parent: QWidget | None) -> None:
        super().__init__(messages, parent)
        self.changes = Changes()

    def apply(self, change: Callable[[], Changes]) -> bool:
        changes = self.run_change(change)
        if changes is None:
            return False
        self.changes = changes
        return True

    def date_problems(self, edits: dict[str, DateEdit]) -> bool:
        problems = [Problem(name, date_problem_text()) for name, edit in edits.items()
                    if not edit.hasValidText()]
        if problems:
            self.show_problems(problems)
        return bool(problems)


class PlanDoneDialog(_ChangeDialog):
    """The line took place: makes the person's training record from it."""

    def __init__(self, database, entry: PlanEntry, course_title: str, person: str, messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.entry = entry
        about = QLabel(f"{person}\n{course_title}")
        about.setWordWrap(True)
        self.start_date, self.end_date = DateEdit(), DateEdit()
        self.hours = four_digit_edit(str(entry.hours) if entry.hours else "")
        self.provider = QLineEdit()
        self.certificate = QLineEdit()
        form = make_form()
        self.add_row(form, "start_date", N_("&From:"), self.start_date)
        self.add_row(form, "end_date", N_("&To:"), self.end_date)
        self.add_row(form, "hours", N_("&Hours:"), self.hours)
        self.add_row(form, "provider", N_("Pro&vider:"), self.provider)
        self.add_row(form, "certificate_no", N_("Certificate &no.:"), self.certificate)
        self.feedback = FeedbackFields(self)
        self.ratings, self.comment = self.feedback.ratings, self.feedback.comment
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.feedback.box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Record the training as done"))
        self.resize(560, 0)

    def retranslate_texts(self) -> None:
        for combo in self.ratings.values():
            combo.retranslate()
        for edit in (self.start_date, self.end_date):
            edit.retranslate()

    def save(self) -> bool:
        if self.date_problems({"start_date": self.start_date, "end_date": self.end_date}):
            return False
        hours = self.hours.text().strip()
        feedback = self.feedback.feedback()
        return self.apply(lambda: ops.record_done(
            self.database, self.entry.uid, start_date=self.start_date.date(),
            end_date=self.end_date.date(), hours=int(hours) if hours else None,
            certificate_no=self.certificate.text().strip(),
            provider=self.provider.text().strip(), feedback=feedback,
        ))


class ReasonDialog(_ChangeDialog):
    """Asks for a reason, and who gives it unless `by_name` is None, and passes both to
    `change(by, reason)`. `title` and `prompt` are source texts (N_)."""

    def __init__(self, title: str, prompt: str, change: Callable[[str, str], Changes],
                 messages, parent: QWidget | None = None, by_name: str | None = "") -> None:
        super().__init__(messages, parent)
        self.change = change
        self.by = QLineEdit(by_name or "")
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 5)
        form = make_form()
        if by_name is not None:
            self.add_row(form, "by", N_("&Your name:"), self.by)
        self.add_row(form, "reason", prompt, self.reason)
        self.fields["cancel_reason"] = self.fields["reason"]
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, title)
        self.resize(480, 0)

    def save(self) -> bool:
        return self.apply(lambda: self.change(self.by.text(), self.reason.toPlainText()))


def cancel_line_dialog(database, entry: PlanEntry, messages,
                       parent: QWidget | None = None) -> ReasonDialog:
    return ReasonDialog(N_("Cancel the line"), N_("&Why will it not take place?"),
                        lambda _by, reason: ops.cancel_entry(database, entry.uid, reason),
                        messages, parent, by_name=None)


def reopen_dialog(database, year: int, messages, parent: QWidget | None = None,
                  by_name: str = "") -> ReasonDialog:
    return ReasonDialog(N_("Reopen the approved plan"), N_("&Reason for reopening:"),
                        lambda by, reason: ops.reopen(database, year, by, reason),
                        messages, parent, by_name)


class ApproveDialog(_ChangeDialog):
    """The head approves the plan: name and date."""

    def __init__(self, database, year: int, head_name: str, messages,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.year = year
        self.head = QLineEdit(head_name)
        self.approved_on = DateEdit()
        self.approved_on.setDate(today or dt.date.today())
        form = make_form()
        self.add_row(form, "approved_by", N_("&Head who approves:"), self.head)
        self.add_row(form, "approved_on", N_("&Date:"), self.approved_on)
        note = QLabel()
        note.setWordWrap(True)
        self.text(note.setText, N_("An approved plan cannot be changed until it is reopened. "
                                   "What happened (done, cancelled) can still be recorded."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Approve the training plan"))
        self.resize(480, 0)

    def retranslate_texts(self) -> None:
        self.approved_on.retranslate()

    def save(self) -> bool:
        if self.date_problems({"approved_on": self.approved_on}):
            return False
        day = self.approved_on.date()
        if day is None:
            self.show_problems([Problem("approved_on", _("Give the date of the approval."))])
            return False
        return self.apply(lambda: ops.approve(self.database, self.year, self.head.text(), day))

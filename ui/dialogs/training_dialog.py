"""One training record of a person, with the trainee's feedback on the course."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.domain.enums import Funding, Language, TrainingFormat
from hrdesk.domain.models import TrainingRecord
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_
from ui.dialogs.common import EditDialog, four_digit_edit, make_form
from ui.dialogs.feedback_fields import FeedbackFields
from ui.widgets.date_edit import DateEdit, date_problem_text
from ui.widgets.enum_combo import EnumCombo

# The course catalogue plugs in here: a callable(parent) -> (course_code, title) or None.
# While it is None the course is free text and no "Choose…" button is shown.
CoursePicker = Callable[[QWidget], "tuple[str, str] | None"]
course_picker: CoursePicker | None = None

class TrainingDialog(EditDialog):
    """Edits `record` (staff_id set; id None for a new one). `.changes` after exec()."""

    def __init__(
        self, database, record: TrainingRecord, messages, parent: QWidget | None = None
    ) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.record = record
        self.changes = Changes()
        self.course_code = record.course_code
        self.course_title = QLineEdit()
        self.course_title.textEdited.connect(self._typed_course)
        course = QWidget()
        row = QHBoxLayout(course)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.course_title, 1)
        if course_picker is not None:
            choose = QPushButton()
            self.text(choose.setText, N_("Choose…"))
            choose.clicked.connect(self._pick_course)
            row.addWidget(choose)
        course.setFocusProxy(self.course_title)
        self.provider = QLineEdit()
        self.start_date, self.end_date = DateEdit(), DateEdit()
        self.hours = four_digit_edit()
        self.format = EnumCombo(TrainingFormat)
        self.funding = EnumCombo(Funding)
        self.language = EnumCombo(Language)
        self.certificate = QLineEdit()
        form = make_form()
        self.add_row(form, "course_title", N_("&Course:"), course)
        self.add_row(form, "provider", N_("Pro&vider:"), self.provider)
        self.add_row(form, "start_date", N_("&From:"), self.start_date)
        self.add_row(form, "end_date", N_("&To:"), self.end_date)
        self.add_row(form, "hours", N_("&Hours:"), self.hours)
        self.add_row(form, "format", N_("F&ormat:"), self.format)
        self.add_row(form, "funding", N_("F&unding:"), self.funding)
        self.add_row(form, "language", N_("&Language:"), self.language)
        self.add_row(form, "certificate_no", N_("Certificate &no.:"), self.certificate)
        self.feedback = FeedbackFields(self)
        self.ratings, self.comment = self.feedback.ratings, self.feedback.comment
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.feedback.box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Training"))
        self.resize(560, 0)
        self.load()
        self._loaded = self.collect()

    def retranslate_texts(self) -> None:
        for combo in (self.format, self.funding, self.language, *self.ratings.values()):
            combo.retranslate()
        for date_edit in (self.start_date, self.end_date):
            date_edit.retranslate()

    def _typed_course(self, _text: str) -> None:
        self.course_code = ""  # typed by hand: no longer the catalogue's course

    def _pick_course(self) -> None:
        assert course_picker is not None
        picked = course_picker(self)
        if picked:
            self.course_code, title = picked
            self.course_title.setText(title)

    def load(self) -> None:
        r = self.record
        self.course_title.setText(r.course_title)
        self.provider.setText(r.provider)
        self.start_date.setDate(r.start_date)
        self.end_date.setDate(r.end_date)
        self.hours.setText(str(r.hours) if r.hours is not None else "")
        self.format.setValue(r.format)
        self.funding.setValue(r.funding)
        self.language.setValue(r.language)
        self.certificate.setText(r.certificate_no)
        self.feedback.set_feedback(r.feedback)

    def collect(self) -> TrainingRecord:
        hours = self.hours.text().strip()
        feedback = self.feedback.feedback()
        return dataclasses.replace(
            self.record,
            course_code=self.course_code,
            course_title=self.course_title.text().strip(),
            provider=self.provider.text().strip(),
            start_date=self.start_date.date(),
            end_date=self.end_date.date(),
            hours=int(hours) if hours else None,
            format=self.format.value(),
            funding=self.funding.value(),
            language=self.language.value(),
            certificate_no=self.certificate.text().strip(),
            feedback=feedback,
        )

    def is_dirty(self) -> bool:
        return self.collect() != self._loaded

    def save(self) -> bool:
        problems = [
            Problem(name, date_problem_text())
            for name, edit in (("start_date", self.start_date), ("end_date", self.end_date))
            if not edit.hasValidText()
        ]
        if problems:
            self.show_problems(problems)
            return False
        record = self.collect()
        changes = self.run_change(lambda: register.save_training(self.database, record))
        if changes is None:
            return False
        self.changes = changes
        self.record = record
        return True

"""Add a line to the training plan, or change a line's quarter, format, language, funding and
hours. The line's eligibility warnings stay in view while editing."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from hrdesk.changes import Changes
from hrdesk.domain.enums import Funding, Language, StaffStatus, TrainingFormat
from hrdesk.domain.plan import QUARTERS, Note, PlanEntry, note_message
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _, current_language
from hrdesk.planning import ops
from hrdesk.planning.inputs import line_warnings
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.staff import StaffRepository
from ui.dialogs.common import EditDialog, four_digit_edit, make_form
from ui.widgets.enum_combo import EnumCombo

FREE_TEXT = ""  # the course combo's data for "a course not in the catalogue"


class PlanLineDialog(EditDialog):
    """`entry` None adds a line to the plan of `year`; otherwise changes that line.
    `.changes` after exec()."""

    def __init__(self, database, year: int, entry: PlanEntry | None, messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.year = year
        self.entry = entry
        self.changes = Changes()
        self.person = QComboBox()
        self.course = QComboBox()
        self.title_edit = QLineEdit()
        self.quarter = QComboBox()
        for quarter in QUARTERS:
            self.quarter.addItem(str(quarter), quarter)
        self.format = EnumCombo(TrainingFormat)
        self.language = EnumCombo(Language)
        self.funding = EnumCombo(Funding, allow_empty=False)
        self.hours = four_digit_edit()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)

        form = make_form()
        self.add_row(form, "staff", N_("&Person:"), self.person)
        self.add_row(form, "course", N_("&Course:"), self.course)
        self.add_row(form, "title", N_("Course &title (not in the catalogue):"), self.title_edit)
        self.add_row(form, "quarter", N_("&Quarter:"), self.quarter)
        self.add_row(form, "format", N_("F&ormat:"), self.format)
        self.add_row(form, "language", N_("&Language:"), self.language)
        self.add_row(form, "funding", N_("F&unding:"), self.funding)
        self.add_row(form, "hours", N_("&Hours:"), self.hours)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle,
                  N_("Add a line to the plan") if entry is None else N_("Plan line"))
        self.load()
        self.person.currentIndexChanged.connect(lambda _i: self._show_warnings())
        self.course.currentIndexChanged.connect(lambda _i: self._course_changed())
        self._course_changed()
        self.resize(620, 0)

    def load(self) -> None:
        entry = self.entry
        people = [m for m in StaffRepository(self.database).all()
                  if m.status != StaffStatus.LEFT or (entry and m.id == entry.staff_id)]
        for member in sorted(people, key=lambda m: m.full_name):
            self.person.addItem(member.full_name + (f" — {member.position_title}"
                                                    if member.position_title else ""), member.id)
        self.course.addItem("", FREE_TEXT)
        for course in CatalogueRepository(self.database).courses():
            self.course.addItem(f"{course.code} — {course.title.get(current_language())}",
                                course.code)
        self.retranslate_texts()
        if entry is None:
            self.quarter.setCurrentIndex(1)
            self.funding.setValue(Funding.DEPARTMENTAL)
            return
        self.person.setCurrentIndex(max(self.person.findData(entry.staff_id), 0))
        self.course.setCurrentIndex(max(self.course.findData(entry.course_code), 0))
        self.title_edit.setText(entry.title)
        self.quarter.setCurrentIndex(max(self.quarter.findData(entry.quarter), 0))
        self.format.setValue(entry.format)
        self.language.setValue(entry.language)
        self.funding.setValue(entry.funding)
        self.hours.setText(str(entry.hours) if entry.hours else "")
        # Who and which course make the line; to change them, remove it and add another.
        for widget in (self.person, self.course, self.title_edit):
            widget.setEnabled(False)

    def retranslate_texts(self) -> None:
        self.course.setItemText(0, _("— not in the catalogue: type the title —"))
        for combo in (self.format, self.language, self.funding):
            combo.retranslate()
        self._show_warnings()

    def _course_changed(self) -> None:
        code = self.course.currentData()
        self.title_edit.setEnabled(self.entry is None and code == FREE_TEXT)
        if self.entry is None and code:
            course = CatalogueRepository(self.database).course(code)
            if course is not None:
                self.hours.setText(str(course.hours))
                self.format.setValue(course.format)
                if course.languages:
                    self.language.setValue(course.languages[0])
        self._show_warnings()

    def current_warnings(self) -> list[Note]:
        if self.entry is not None:
            return list(self.entry.warnings)
        staff_id = self.person.currentData()
        if staff_id is None:
            return []
        return line_warnings(self.database, staff_id, self.course.currentData() or "", self.year)

    def _show_warnings(self) -> None:
        if not hasattr(self, "warnings"):
            return
        notes = self.current_warnings()
        self.warnings.setText("\n".join(f"⚠ {note_message(n)}" for n in notes))
        self.warnings.setVisible(bool(notes))

    def _hours(self) -> int:
        text = self.hours.text().strip()
        return int(text) if text else 0

    def save(self) -> bool:
        self.clear_problems()
        staff_id = self.person.currentData()
        if self.entry is None and staff_id is None:
            self.show_problems([Problem("staff", _("Choose the person."))])
            return False

        def change() -> Changes:
            if self.entry is None:
                return ops.add_entry(self.database, self.year, PlanEntry(
                    staff_id=staff_id, quarter=self.quarter.currentData(),
                    course_code=self.course.currentData() or "",
                    title=self.title_edit.text().strip() if not self.course.currentData() else "",
                    format=self.format.value(), language=self.language.value(),  # type: ignore[arg-type]
                    funding=self.funding.value() or Funding.DEPARTMENTAL,  # type: ignore[arg-type]
                    hours=self._hours(), warnings=self.current_warnings(),
                ))
            return ops.change_entry(
                self.database, self.entry.uid, quarter=self.quarter.currentData(),
                format=self.format.value(), language=self.language.value(),  # type: ignore[arg-type]
                funding=self.funding.value(), hours=self._hours(),  # type: ignore[arg-type]
            )

        changes = self.run_change(change)
        if changes is None:
            return False
        self.changes = changes
        return True

"""One education record of a person: level, field, institution, speciality, graduation year."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.domain.enums import EducationField, EducationLevel
from hrdesk.domain.models import Education
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _
from ui.dialogs.common import EditDialog, four_digit_edit, make_form
from ui.widgets.enum_combo import EnumCombo


class EducationDialog(EditDialog):
    """Edits `education` (staff_id set; id None for a new record). `.changes` after exec()."""

    def __init__(
        self, database, education: Education, messages, parent: QWidget | None = None
    ) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.education = education
        self.changes = Changes()
        self.level = EnumCombo(EducationLevel, allow_empty=False)
        self.field_combo = EnumCombo(EducationField)
        self.institution = QLineEdit()
        self.speciality = QLineEdit()
        self.year = four_digit_edit()
        form = make_form()
        self.add_row(form, "level", N_("&Level:"), self.level)
        self.add_row(form, "field", N_("&Field:"), self.field_combo)
        self.add_row(form, "institution", N_("&Institution:"), self.institution)
        self.add_row(form, "speciality", N_("&Speciality:"), self.speciality)
        self.add_row(form, "graduation_year", N_("Graduation &year:"), self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Education"))
        self.resize(520, 0)
        self.load()
        self._loaded = self.collect()

    def retranslate_texts(self) -> None:
        self.level.retranslate()
        self.field_combo.retranslate()

    def load(self) -> None:
        e = self.education
        self.level.setValue(e.level)
        self.field_combo.setValue(e.field)
        self.institution.setText(e.institution)
        self.speciality.setText(e.speciality)
        self.year.setText(str(e.graduation_year) if e.graduation_year else "")

    def collect(self) -> Education:
        year = self.year.text().strip()
        return dataclasses.replace(
            self.education,
            level=self.level.value() or EducationLevel.GENERAL_SECONDARY,
            field=self.field_combo.value(),
            institution=self.institution.text().strip(),
            speciality=self.speciality.text().strip(),
            graduation_year=int(year) if year.isdigit() else None,
        )

    def is_dirty(self) -> bool:
        return self.collect() != self._loaded

    def save(self) -> bool:
        year = self.year.text().strip()
        if year and len(year) != 4:
            self.show_problems([Problem("graduation_year", _("Type the year with four digits."))])
            return False
        education = self.collect()
        changes = self.run_change(lambda: register.save_education(self.database, education))
        if changes is None:
            return False
        self.changes = changes
        self.education = education
        return True

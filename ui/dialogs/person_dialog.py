"""The person's page: profile, education and training history, on tabs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.domain import rules
from hrdesk.domain.enums import EducationLevel
from hrdesk.domain.models import Education, StaffMember, TrainingRecord
from hrdesk.i18n import _
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from ui.dialogs.common import EditDialog
from ui.dialogs.education_dialog import EducationDialog
from ui.dialogs.person_profile import ProfilePage
from ui.dialogs.training_dialog import TrainingDialog
from ui.widgets.field_error import WARNING_STYLE
from ui.widgets.record_tables import EducationModel, RecordList, TrainingModel


class PersonDialog(EditDialog):
    """Adds (staff_id None) or edits a person. After exec(), `.changes` says what was saved."""

    def __init__(
        self, database, staff_id: int | None, messages, parent: QWidget | None = None
    ) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.staff_id = staff_id
        self.changes = Changes()
        self.staff = StaffRepository(database)
        self.profile = ProfilePage(self)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(WARNING_STYLE)
        self.education_list = RecordList(EducationModel())
        self.training_list = RecordList(TrainingModel())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.profile, "")
        self.education_page = self._history_page(self.education_list)
        self.training_page = self._history_page(self.training_list)
        self.tabs.addTab(self.education_page, "")
        self.tabs.addTab(self.training_page, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing)
        layout.addWidget(self.general_error)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self.profile.unitsRequested.connect(self.edit_units)
        self.profile.pinTyped.connect(self.check_pin_live)
        for edit in self.profile.findChildren(QLineEdit):
            edit.textChanged.connect(self.update_missing)
        for combo in self.profile.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.update_missing)
        self.education_list.addRequested.connect(lambda: self.edit_education(None))
        self.education_list.editRequested.connect(self.edit_education)
        self.education_list.deleteRequested.connect(self.delete_education)
        self.training_list.addRequested.connect(lambda: self.edit_training(None))
        self.training_list.editRequested.connect(self.edit_training)
        self.training_list.deleteRequested.connect(self.delete_training)
        self.resize(1000, 680)
        self.load()
        self.retranslate()
        self.profile.surname.setFocus()

    def _history_page(self, record_list: RecordList) -> QWidget:
        page = QWidget()
        page.hint = QLabel()  # type: ignore[attr-defined]
        page.hint.setWordWrap(True)  # type: ignore[attr-defined]
        page.save_now = QPushButton()  # type: ignore[attr-defined]
        page.save_now.clicked.connect(self.save)  # type: ignore[attr-defined]
        box = QVBoxLayout(page)
        box.addWidget(page.hint)  # type: ignore[attr-defined]
        box.addWidget(page.save_now)  # type: ignore[attr-defined]
        box.addWidget(record_list, 1)
        return page

    # --- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        office = register.own_office(self.database)
        self.profile.set_units(OfficeRepository(self.database).units(office.id or 0))
        member = self.staff.get(self.staff_id) if self.staff_id else None
        self.profile.load(member or StaffMember(surname="", name="", pin=""))
        self._loaded = self.profile.collect()
        self.load_history()

    def load_history(self) -> None:
        stored = self.staff_id is not None
        if stored:
            self.education_list.set_records(self.staff.educations(self.staff_id or 0))
            self.training_list.set_records(self.staff.trainings(self.staff_id or 0))
        for page, record_list in (
            (self.education_page, self.education_list),
            (self.training_page, self.training_list),
        ):
            page.hint.setVisible(not stored)  # type: ignore[attr-defined]
            page.save_now.setVisible(not stored)  # type: ignore[attr-defined]
            record_list.setEnabled(stored)
        self.update_missing()

    # --- language -----------------------------------------------------------------------------

    def retranslate_texts(self) -> None:
        self.profile.retranslate()
        self.tabs.setTabText(0, _("Pro&file"))
        self.tabs.setTabText(1, _("E&ducation"))
        self.tabs.setTabText(2, _("Tra&ining history"))
        for page in (self.education_page, self.training_page):
            page.hint.setText(_("Save the person first; then education and training can be added."))  # type: ignore[attr-defined]
            page.save_now.setText(_("Save the person now"))  # type: ignore[attr-defined]
        self.education_list.retranslate()
        self.training_list.retranslate()
        name = self._loaded.full_name
        self.setWindowTitle(name if self.staff_id and name else _("New person"))
        self.update_missing()

    def update_missing(self) -> None:
        member = self.profile.collect()
        count = self.education_list.model.rowCount() if self.staff_id else None
        missing = rules.missing_fields(member, count)
        self.missing.setText(
            _("Still missing for a complete record: {fields}.").format(
                fields=", ".join(rules.field_label(f) for f in missing)
            )
            if missing
            else ""
        )
        self.missing.setVisible(bool(missing))

    # --- checking and saving ------------------------------------------------------------------

    def check_pin_live(self) -> None:
        member = self.profile.collect()
        wrapped = self.fields["pin"]
        if not member.pin:
            wrapped.error.clear_error()
            return
        problems = [p for p in register.staff_problems(self.database, member) if p.field == "pin"]
        errors_only = [p for p in problems if p.severity == rules.Severity.ERROR]
        shown = errors_only or problems
        wrapped.error.show_error("\n".join(p.message for p in shown), warning=not errors_only)

    def reveal(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(self.profile)

    def is_dirty(self) -> bool:
        return self.profile.collect() != self._loaded or bool(self.profile.typing_problems())

    def save(self) -> bool:
        """Save the profile; on errors nothing is saved and every typed value stays."""
        member = self.profile.collect()
        problems = self.profile.typing_problems()
        typed_wrong = {p.field for p in problems}
        problems += [
            p for p in register.staff_problems(self.database, member) if p.field not in typed_wrong
        ]
        blocking = [p for p in problems if p.severity == rules.Severity.ERROR]
        if blocking:
            self.show_problems(blocking)
            return False
        warnings = [p for p in problems if p.severity == rules.Severity.WARNING]
        self.clear_problems()
        if warnings and not self.messages.confirm("\n".join(p.message for p in warnings)):
            self.show_problems(warnings)
            return False
        changes = self.run_change(
            lambda: register.save_staff(self.database, member, confirm_warnings=bool(warnings))
        )
        if changes is None:
            return False
        self.changes.merge(changes)
        self.staff_id = member.id
        self.profile.member = member
        self._loaded = self.profile.collect()
        self.load_history()
        self.retranslate_texts()
        return True

    # --- units, education, training -----------------------------------------------------------

    def run_dialog(self, dialog: QDialog) -> bool:
        """Runs a child dialog; tests replace this to drive the child without a modal loop."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def edit_units(self) -> None:
        from ui.dialogs.units_dialog import UnitsDialog

        dialog = UnitsDialog(self.database, self.messages, self)
        self.run_dialog(dialog)
        self.changes.merge(dialog.changes)
        if dialog.changes.units:
            office = register.own_office(self.database)
            self.profile.set_units(OfficeRepository(self.database).units(office.id or 0))

    def edit_education(self, row: int | None) -> None:
        record = (
            self.education_list.model.record(row)
            if row is not None
            else Education(level=EducationLevel.BACHELOR, staff_id=self.staff_id)
        )
        dialog = EducationDialog(self.database, record, self.messages, self)
        if self.run_dialog(dialog):
            self.changes.merge(dialog.changes)
            self.load_history()

    def delete_education(self, row: int) -> None:
        record = self.education_list.model.record(row)
        if self.messages.confirm(_("Delete this education record?")):
            self.changes.merge(register.delete_education(self.database, record))
            self.load_history()

    def edit_training(self, row: int | None) -> None:
        record = (
            self.training_list.model.record(row)
            if row is not None
            else TrainingRecord(course_title="", staff_id=self.staff_id)
        )
        dialog = TrainingDialog(self.database, record, self.messages, self)
        if self.run_dialog(dialog):
            self.changes.merge(dialog.changes)
            self.load_history()

    def delete_training(self, row: int) -> None:
        record = self.training_list.model.record(row)
        if self.messages.confirm(_("Delete this training record?")):
            self.changes.merge(register.delete_training(self.database, record))
            self.load_history()

"""The Profile page of the person dialog: every field of a staff member, with computed tenure,
length of service and age, and the PIN checked as it is typed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hrdesk.domain import rules
from hrdesk.domain.enums import (
    Language,
    LanguageLevel,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    label,
)
from hrdesk.domain.models import LanguageSkill, StaffMember, Unit
from hrdesk.domain.reference import class_ranks
from hrdesk.i18n import N_, _, current_language, format_number, format_years_months
from ui.dialogs.common import EditDialog, make_form
from ui.widgets.date_edit import DateEdit, date_problem_text
from ui.widgets.enum_combo import EnumCombo

DATE_FIELDS = ("birth_date", "appointed_on", "service_started_on", "left_on")
UNIT_CHARS = 60  # the unit box's widest, in average characters


class ProfilePage(QWidget):
    """Widgets of one StaffMember. The host dialog owns the error lines (host.fields)."""

    unitsRequested = Signal()
    pinTyped = Signal()

    def __init__(self, host: EditDialog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.member = StaffMember(surname="", name="", pin="")
        self.surname, self.name, self.patronymic = QLineEdit(), QLineEdit(), QLineEdit()
        self.pin = QLineEdit()
        self.pin.setMaxLength(20)
        self.sex = EnumCombo(Sex)
        self.birth_date = DateEdit()
        self.phone = QLineEdit()
        self.age = QLabel()
        self.unit = QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.units_button = QPushButton()
        unit_row = QWidget()
        row = QHBoxLayout(unit_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unit, 1)
        row.addWidget(self.units_button)
        unit_row.setFocusProxy(self.unit)
        self.service_type = EnumCombo(ServiceType)
        self.position_title = QLineEdit()
        self.position_category = EnumCombo(PositionCategory)
        self.position_group = EnumCombo(PositionGroup)
        self.class_rank = QComboBox()
        self.class_rank.setEditable(True)
        self.class_rank.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Kyrgyz rank names run to 45 letters: the field is kept as wide as the longest
        # (an editable combo's minimum is otherwise a few letters, and the name is clipped).
        self.class_rank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.appointed_on, self.service_started_on = DateEdit(), DateEdit()
        self.tenure, self.length_of_service = QLabel(), QLabel()
        self.levels = {lang: EnumCombo(LanguageLevel) for lang in Language}
        self.status = EnumCombo(StaffStatus, allow_empty=False)
        self.left_on = DateEdit()
        self.left_reason = QLineEdit()

        person = make_form()
        h = host
        h.add_row(person, "surname", N_("&Surname:"), self.surname)
        h.add_row(person, "name", N_("&Name:"), self.name)
        h.add_row(person, "patronymic", N_("Patron&ymic:"), self.patronymic)
        h.add_row(person, "pin", N_("&PIN:"), self.pin)
        h.add_row(person, "sex", N_("Se&x:"), self.sex)
        h.add_row(person, "birth_date", N_("Date of &birth:"), self.birth_date)
        person.addRow(h.label(N_("Age:")), self.age)
        h.add_row(person, "phone", N_("P&hone:"), self.phone)
        position = make_form()
        h.add_row(position, "unit_id", N_("&Unit:"), unit_row)
        h.add_row(position, "service_type", N_("Ser&vice type:"), self.service_type)
        h.add_row(position, "position_title", N_("P&osition:"), self.position_title)
        h.add_row(position, "position_category", N_("Position &category:"), self.position_category)
        h.add_row(position, "position_group", N_("Position &group:"), self.position_group)
        h.add_row(position, "class_rank", N_("Class ran&k:"), self.class_rank)
        h.add_row(position, "appointed_on", N_("&Appointed to the position:"), self.appointed_on)
        position.addRow(h.label(N_("Tenure in the position:")), self.tenure)
        h.add_row(
            position, "service_started_on", N_("Public service b&egan:"), self.service_started_on
        )
        position.addRow(h.label(N_("Length of service:")), self.length_of_service)

        self.languages_box = QGroupBox()
        h.text(self.languages_box.setTitle, N_("Languages and level"))
        languages = make_form()
        for combo in self.levels.values():
            languages.addRow(QLabel(), combo)
        self.languages_form = languages
        self.languages_box.setLayout(languages)
        self.status_box = QGroupBox()
        h.text(self.status_box.setTitle, N_("Status and leaving"))
        status = make_form()
        h.add_row(status, "status", N_("Sta&tus:"), self.status)
        h.add_row(status, "left_on", N_("Date &left:"), self.left_on)
        h.add_row(status, "left_reason", N_("&Reason for leaving:"), self.left_reason)
        self.status_box.setLayout(status)

        grid = QGridLayout(self)
        grid.addLayout(person, 0, 0)
        grid.addLayout(position, 0, 1)
        grid.addWidget(self.languages_box, 1, 0)
        grid.addWidget(self.status_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)

        self.units_button.clicked.connect(self.unitsRequested.emit)
        self.pin.textEdited.connect(self._pin_edited)
        self.service_type.currentIndexChanged.connect(self._fill_class_ranks)
        self.position_category.currentIndexChanged.connect(self._update_enabled)
        self.status.currentIndexChanged.connect(self._update_enabled)
        for edit in (self.birth_date, self.appointed_on, self.service_started_on, self.left_on):
            edit.dateChanged.connect(self.update_computed)
        self.status.currentIndexChanged.connect(self.update_computed)
        self.retranslate()

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.units_button.setText(_("Units…"))
        self.units_button.setToolTip(_("Edit the office's list of units"))
        self.pin.setPlaceholderText(_("14 digits"))
        for combo in (
            self.sex,
            self.service_type,
            self.position_category,
            self.position_group,
            self.status,
            *self.levels.values(),
        ):
            combo.retranslate()
        for edit in (self.birth_date, self.appointed_on, self.service_started_on, self.left_on):
            edit.retranslate()
        for i, lang in enumerate(self.levels):
            label_widget = self.languages_form.itemAt(
                i, self.languages_form.ItemRole.LabelRole
            ).widget()
            label_widget.setText(label(lang) + ":")
        if self.unit.count():
            self.unit.setItemText(0, _("— not set —"))
            self._fit_unit_width()
        rank = self.class_rank_value()
        self._fill_class_ranks()
        self._set_class_rank(rank)
        self.update_computed()

    # --- loading ------------------------------------------------------------------------------

    def set_units(self, units: list[Unit]) -> None:
        current = self.unit.currentData()
        self.unit.clear()
        self.unit.addItem(_("— not set —"), None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(self.unit.findData(current), 0) if current else 0)
        self._fit_unit_width()

    def _fit_unit_width(self) -> None:
        # Never narrower than its longest unit with the arrow: the form puts the row under its
        # label instead of clipping the box (make_form wraps long rows). A unit name longer than
        # UNIT_CHARS is shortened with "…" rather than widen the dialog past a small screen.
        widest = self.fontMetrics().averageCharWidth() * UNIT_CHARS
        self.unit.setMinimumWidth(min(self.unit.sizeHint().width(), widest))

    def load(self, member: StaffMember) -> None:
        self.member = member
        self.surname.setText(member.surname)
        self.name.setText(member.name)
        self.patronymic.setText(member.patronymic)
        self.pin.setText(member.pin)
        self.sex.setValue(member.sex)
        self.birth_date.setDate(member.birth_date)
        self.phone.setText(member.phone)
        self.unit.setCurrentIndex(
            max(self.unit.findData(member.unit_id), 0) if member.unit_id else 0
        )
        self.service_type.setValue(member.service_type)
        self.position_title.setText(member.position_title)
        self.position_category.setValue(member.position_category)
        self.position_group.setValue(member.position_group)
        self._fill_class_ranks()
        self._set_class_rank(member.class_rank)
        self.appointed_on.setDate(member.appointed_on)
        self.service_started_on.setDate(member.service_started_on)
        levels = {skill.language: skill.level for skill in member.languages}
        for lang, combo in self.levels.items():
            combo.setValue(levels.get(lang))
        self.status.setValue(member.status)
        self.left_on.setDate(member.left_on)
        self.left_reason.setText(member.left_reason)
        self._update_enabled()
        self.update_computed()

    # --- reading back -------------------------------------------------------------------------

    def collect(self) -> StaffMember:
        category = self.position_category.value()
        status = self.status.value() or StaffStatus.ACTIVE
        return dataclasses.replace(
            self.member,
            surname=self.surname.text().strip(),
            name=self.name.text().strip(),
            patronymic=self.patronymic.text().strip(),
            pin=rules.normalize_pin(self.pin.text()),
            sex=self.sex.value(),
            birth_date=self.birth_date.date(),
            phone=self.phone.text().strip(),
            unit_id=self.unit.currentData(),
            service_type=self.service_type.value(),
            position_title=self.position_title.text().strip(),
            position_category=category,
            position_group=self.position_group.value()
            if category == PositionCategory.ADMINISTRATIVE
            else None,
            class_rank=self.class_rank_value(),
            appointed_on=self.appointed_on.date(),
            service_started_on=self.service_started_on.date(),
            languages=[
                LanguageSkill(lang, combo.value())
                for lang, combo in self.levels.items()
                if combo.value() is not None
            ],
            status=status,
            left_on=self.left_on.date() if status == StaffStatus.LEFT else None,
            left_reason=self.left_reason.text().strip() if status == StaffStatus.LEFT else "",
        )

    def typing_problems(self) -> list[rules.Problem]:
        """Dates that are typed but are no date: the core never sees them, so say it here."""
        return [
            rules.Problem(name, date_problem_text())
            for name in DATE_FIELDS
            if not getattr(self, name).hasValidText()
        ]

    # --- class rank ---------------------------------------------------------------------------

    def class_rank_value(self) -> str:
        """The code when a rank from the list is shown, else the text as typed."""
        text = self.class_rank.currentText().strip()
        index = self.class_rank.findText(text)
        if text and index >= 0:
            return str(self.class_rank.itemData(index))
        return text

    def _set_class_rank(self, rank: str) -> None:
        index = self.class_rank.findData(rank) if rank else -1
        if index >= 0:
            self.class_rank.setCurrentIndex(index)
        else:
            self.class_rank.setCurrentIndex(-1)
            self.class_rank.setEditText(rank)

    def _fill_class_ranks(self) -> None:
        rank = self.class_rank_value()
        service = self.service_type.value()
        language = current_language()
        self.class_rank.blockSignals(True)
        self.class_rank.clear()
        for r in class_ranks().get(service.value if service else "", ()):
            self.class_rank.addItem(r.name(language), r.code)
        self.class_rank.blockSignals(False)
        self.class_rank.setMinimumWidth(self.class_rank.sizeHint().width())
        self._set_class_rank(rank)

    # --- live behaviour -----------------------------------------------------------------------

    def _pin_edited(self, _text: str) -> None:
        pin = rules.normalize_pin(self.pin.text())
        if not rules.check_pin(pin):
            if self.sex.value() is None:
                self.sex.setValue(rules.pin_sex(pin))
            if self.birth_date.isBlank():
                self.birth_date.setDate(rules.pin_birth_date(pin))
        self.pinTyped.emit()

    def _update_enabled(self) -> None:
        administrative = self.position_category.value() == PositionCategory.ADMINISTRATIVE
        self.position_group.setEnabled(administrative)
        left = self.status.value() == StaffStatus.LEFT
        self.left_on.setEnabled(left)
        self.left_reason.setEnabled(left)

    def update_computed(self) -> None:
        member = self.collect()
        today = dt.date.today()
        tenure = rules.tenure(member, today)
        service = rules.length_of_service(member, today)
        self.tenure.setText(format_years_months(*tenure) if tenure else "—")
        self.length_of_service.setText(format_years_months(*service) if service else "—")
        born = member.birth_date
        self.age.setText(format_number(rules.age(born, today)) if born and born <= today else "—")

"""The office's profile: type, names, code, oblast and district, head and HR clerk."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.domain.reference import oblast, oblasts
from hrdesk.i18n import N_, current_language
from ui.dialogs.common import EditDialog, make_form
from ui.widgets.enum_combo import EnumCombo


class OfficeDialog(EditDialog):
    def __init__(self, database, messages, parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.changes = Changes()
        self.type = EnumCombo(OfficeType, allow_empty=False)
        self.name_ky, self.name_ru, self.code = QLineEdit(), QLineEdit(), QLineEdit()
        self.oblast = QComboBox()
        self.district = QComboBox()
        self.district.setEditable(True)  # a city or a new district may be missing from the list
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.head_name, self.head_position, self.clerk = QLineEdit(), QLineEdit(), QLineEdit()
        self.head_position_ru = QLineEdit()
        form = make_form()
        self.add_row(form, "type", N_("&Type:"), self.type)
        self.add_row(form, "name_ky", N_("Name in &Kyrgyz:"), self.name_ky)
        self.add_row(form, "name_ru", N_("Name in &Russian:"), self.name_ru)
        self.add_row(form, "code", N_("Office &code:"), self.code)
        self.add_row(form, "oblast", N_("&Oblast:"), self.oblast)
        self.add_row(form, "district", N_("&District:"), self.district)
        self.add_row(form, "head_name", N_("&Head of the office:"), self.head_name)
        self.add_row(form, "head_position", N_("Head's &position in Kyrgyz:"), self.head_position)
        self.add_row(
            form, "head_position_ru", N_("Head's position in R&ussian:"), self.head_position_ru
        )
        self.add_row(form, "hr_clerk_name", N_("HR c&lerk:"), self.clerk)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text(self.setWindowTitle, N_("Office profile"))
        self.resize(560, 0)
        self.oblast.currentIndexChanged.connect(self._fill_districts)
        self.load()
        self.retranslate()
        self._loaded = self.collect()

    def load(self) -> None:
        self.office = register.own_office(self.database)
        o = self.office
        self.type.setValue(o.type)
        self.name_ky.setText(o.name_ky)
        self.name_ru.setText(o.name_ru)
        self.code.setText(o.code)
        self._fill_oblasts()
        self.oblast.setCurrentIndex(max(self.oblast.findData(o.oblast), 0))
        self._fill_districts()
        self._set_district(o.district)
        self.head_name.setText(o.head_name)
        self.head_position.setText(o.head_position)
        self.head_position_ru.setText(o.head_position_ru)
        self.clerk.setText(o.hr_clerk_name)

    def retranslate_texts(self) -> None:
        self.type.retranslate()
        district = self._district_value()
        self._fill_oblasts()
        self._set_district(district)

    def _fill_oblasts(self) -> None:
        language = current_language()
        current = self.oblast.currentData()
        self.oblast.blockSignals(True)
        self.oblast.clear()
        for o in oblasts():
            self.oblast.addItem(o.name(language), o.code)
        self.oblast.setCurrentIndex(max(self.oblast.findData(current), 0) if current else 0)
        self.oblast.blockSignals(False)

    def _fill_districts(self) -> None:
        language = current_language()
        found = oblast(self.oblast.currentData() or "")
        self.district.clear()
        self.district.addItem("", "")
        for d in found.districts if found else ():
            self.district.addItem(d.name(language), d.code)

    def _district_value(self) -> str:
        """The district's code (its Kyrgyz name) when picked from the list, else the typed text."""
        text = self.district.currentText().strip()
        index = self.district.findText(text)
        return str(self.district.itemData(index)) if text and index >= 0 else text

    def _set_district(self, district: str) -> None:
        index = self.district.findData(district) if district else 0
        if index >= 0:
            self.district.setCurrentIndex(index)
        else:
            self.district.setEditText(district)

    def collect(self) -> Office:
        return dataclasses.replace(
            self.office,
            type=self.type.value() or OfficeType.OTHER,
            name_ky=self.name_ky.text().strip(),
            name_ru=self.name_ru.text().strip(),
            code=self.code.text().strip(),
            oblast=self.oblast.currentData() or "",
            district=self._district_value(),
            head_name=self.head_name.text().strip(),
            head_position=self.head_position.text().strip(),
            head_position_ru=self.head_position_ru.text().strip(),
            hr_clerk_name=self.clerk.text().strip(),
        )

    def is_dirty(self) -> bool:
        return self.collect() != self._loaded

    def save(self) -> bool:
        office = self.collect()
        changes = self.run_change(lambda: register.save_office(self.database, office))
        if changes is None:
            return False
        self.changes = changes
        self.office = office
        return True

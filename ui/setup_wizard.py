"""First-run setup: the role (office or MKK), then the office's profile and its people."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hrdesk import errors, register
from hrdesk.domain.enums import OfficeType, Role, label
from hrdesk.domain.models import Office
from hrdesk.domain.reference import oblast, oblasts
from hrdesk.i18n import _, current_language
from hrdesk.store.database import Database
from ui.messages import MessageService

PAGE_ROLE, PAGE_OFFICE, PAGE_PEOPLE, PAGE_MKK = range(4)


class _ErrorLabel(QLabel):
    """A validation message shown under its field; hidden while there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class RolePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.office = QRadioButton()
        self.mkk = QRadioButton()
        self.office.setChecked(True)
        self.group = QButtonGroup(self)
        self.group.addButton(self.office)
        self.group.addButton(self.mkk)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.office)
        layout.addWidget(self.mkk)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("Welcome to hrdesk"))
        self.intro.setText(_("Who will use this copy of hrdesk?"))
        self.office.setText(label(Role.OFFICE))
        self.mkk.setText(label(Role.MKK))

    def nextId(self) -> int:  # noqa: N802
        return PAGE_MKK if self.mkk.isChecked() else PAGE_OFFICE


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.type = QComboBox()
        for member in OfficeType:
            self.type.addItem("", member.value)
        self.type.setCurrentIndex(list(OfficeType).index(OfficeType.AIYL_OKMOTU))
        self.name_ky = QLineEdit()
        self.name_ru = QLineEdit()
        self.code = QLineEdit()
        self.oblast = QComboBox()
        self.oblast.addItem("", "")
        for found in oblasts():
            self.oblast.addItem("", found.code)
        self.district = QComboBox()
        self.district.setEditable(True)
        self.oblast.currentIndexChanged.connect(self._fill_districts)
        self.errors = {name: _ErrorLabel() for name in ("code", "name_ky", "oblast", "district")}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows: dict[str, QWidget] = {
            "type": self.type,
            "name_ky": self.name_ky,
            "name_ru": self.name_ru,
            "code": self.code,
            "oblast": self.oblast,
            "district": self.district,
        }
        self.labels = {name: QLabel() for name in self.rows}
        for name, widget in self.rows.items():
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if name in self.errors:
                box.addWidget(self.errors[name])
            self.labels[name].setBuddy(widget)
            self.form.addRow(self.labels[name], box)

    def retranslate(self) -> None:
        self.setTitle(_("Your office"))
        self.setSubTitle(_("As it is written in the office's documents."))
        texts = {
            "type": _("Office &type"),
            "name_ky": _("Name in &Kyrgyz"),
            "name_ru": _("Name in &Russian"),
            "code": _("Office &code"),
            "oblast": _("&Oblast"),
            "district": _("&District"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        for i, member in enumerate(OfficeType):
            self.type.setItemText(i, label(member))
        self.oblast.setItemText(0, _("(choose)"))
        language = current_language()
        for i, found in enumerate(oblasts(), start=1):
            self.oblast.setItemText(i, found.name(language))
        self._fill_districts()

    def _fill_districts(self) -> None:
        typed = self.district.currentText()
        code = self.district.currentData()
        self.district.clear()
        found = oblast(self.oblast.currentData() or "")
        if found is not None:
            for d in found.districts:
                self.district.addItem(d.name(current_language()), d.code)
        at = self.district.findData(code) if code else -1
        if at >= 0:
            self.district.setCurrentIndex(at)
        elif typed and self.district.findText(typed) < 0 and found is None:
            self.district.setEditText(typed)
        else:
            self.district.setCurrentIndex(-1)
            self.district.setEditText("")

    def district_value(self) -> str:
        text = self.district.currentText().strip()
        at = self.district.findText(text)
        if at >= 0:
            return str(self.district.itemData(at))
        return text

    def office(self) -> Office:
        return Office(
            code=self.code.text().strip(),
            type=OfficeType(self.type.currentData()),
            name_ky=self.name_ky.text().strip(),
            name_ru=self.name_ru.text().strip(),
            oblast=self.oblast.currentData() or "",
            district=self.district_value(),
        )

    def show_problems(self, problems: list) -> None:
        for name, error_label in self.errors.items():
            error_label.show_message("\n".join(p.message for p in problems if p.field == name))
        # The first field with a problem as the form shows them, not as the check lists them.
        wrong = {p.field for p in problems}
        first = next((widget for name, widget in self.rows.items() if name in wrong), None)
        if first is not None:
            first.setFocus()

    def validatePage(self) -> bool:  # noqa: N802
        problems = register.check_office(self.office())
        self.show_problems(problems)
        return not problems


class PeoplePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.head_name = QLineEdit()
        self.head_position = QLineEdit()
        self.head_position_ru = QLineEdit()
        self.clerk_name = QLineEdit()
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields = (self.head_name, self.head_position, self.head_position_ru, self.clerk_name)
        self.labels = [QLabel() for _i in fields]
        for text_label, widget in zip(self.labels, fields, strict=True):
            text_label.setBuddy(widget)
            self.form.addRow(text_label, widget)

    def retranslate(self) -> None:
        self.setTitle(_("Who signs"))
        self.setSubTitle(_("The head signs the training plan; the HR clerk prepares it."))
        texts = (
            _("Head's &name"),
            _("Head's &position in Kyrgyz"),
            _("Head's position in &Russian"),
            _("HR &clerk's name"),
        )
        for text_label, text in zip(self.labels, texts, strict=True):
            text_label.setText(text)

    def nextId(self) -> int:  # noqa: N802
        return -1


class MkkPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.note = QLabel()
        self.note.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.note)

    def retranslate(self) -> None:
        self.setTitle(label(Role.MKK))
        self.note.setText(
            _(
                "This copy will be set up for MKK: it imports the offices' packets, shows which "
                "offices have reported and makes the national analysis. It keeps no staff "
                "register of its own."
            )
        )

    def nextId(self) -> int:  # noqa: N802
        return -1


class SetupWizard(QWizard):
    """Sets up `database` on Finish; accepted only when the setup was saved."""

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.role_page = RolePage()
        self.office_page = OfficePage()
        self.people_page = PeoplePage()
        self.mkk_page = MkkPage()
        self.setPage(PAGE_ROLE, self.role_page)
        self.setPage(PAGE_OFFICE, self.office_page)
        self.setPage(PAGE_PEOPLE, self.people_page)
        self.setPage(PAGE_MKK, self.mkk_page)
        self.setStartId(PAGE_ROLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumWidth(640)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("hrdesk: first-run setup"))
        for page in (self.role_page, self.office_page, self.people_page, self.mkk_page):
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if not super().validateCurrentPage():
            return False
        if self.currentId() in (PAGE_PEOPLE, PAGE_MKK):
            return self.save()
        return True

    def office(self) -> Office:
        office = self.office_page.office()
        office.head_name = self.people_page.head_name.text().strip()
        office.head_position = self.people_page.head_position.text().strip()
        office.head_position_ru = self.people_page.head_position_ru.text().strip()
        office.hr_clerk_name = self.people_page.clerk_name.text().strip()
        return office

    def save(self) -> bool:
        try:
            if self.role_page.mkk.isChecked():
                register.setup_mkk(self.database)
            else:
                register.setup_office(self.database, self.office())
        except errors.ValidationFailed as exc:
            self.office_page.show_problems(exc.problems)
            self.messages.error(exc.message)
            return False
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        return True

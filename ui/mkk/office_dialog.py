"""Add or edit an office on MKK's expected list: the office profile dialog without the head
and clerk, saved to the expected list (hrdesk.mkk.expected_offices)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from hrdesk import errors
from hrdesk.domain.enums import OfficeType
from hrdesk.domain.models import Office
from hrdesk.i18n import N_
from hrdesk.mkk.expected_offices import save_expected_office
from ui.dialogs.office_dialog import OfficeDialog

_NOT_ASKED = ("head_name", "head_position", "head_position_ru", "hr_clerk_name")


class ExpectedOfficeDialog(OfficeDialog):
    def __init__(
        self,
        database,
        messages,
        office: Office | None = None,
        parent: QWidget | None = None,
        from_cycle: int | None = None,
    ) -> None:
        self._given = office or Office("", OfficeType.AIYL_OKMOTU, "", "", "")
        self._from_cycle = from_cycle  # a new office is expected from this cycle on
        super().__init__(database, messages, parent)
        form = next(
            (
                item.layout()
                for item in (self.layout().itemAt(i) for i in range(self.layout().count()))
                if isinstance(item.layout(), QFormLayout)
            ),
            None,
        )
        for name in _NOT_ASKED:
            if form is not None:
                form.setRowVisible(self.fields[name], False)
        self._texts = [(s, t) for s, t in self._texts if t != N_("Office profile")]
        self.text(
            self.setWindowTitle,
            N_("Expected office") if office is None else N_("Edit the expected office"),
        )

    def load(self) -> None:
        self.office = self._given
        o = self.office
        self.type.setValue(o.type)
        self.name_ky.setText(o.name_ky)
        self.name_ru.setText(o.name_ru)
        self.code.setText(o.code)
        self._fill_oblasts()
        self.oblast.setCurrentIndex(max(self.oblast.findData(o.oblast), 0))
        self._fill_districts()
        self._set_district(o.district)

    def save(self) -> bool:
        office = self.collect()
        try:
            save_expected_office(self.database, office, from_cycle=self._from_cycle)
        except errors.ValidationFailed as exc:
            self.show_problems(exc.problems)
            return False
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.office = office
        return True

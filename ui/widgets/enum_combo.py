"""A combo box over a StrEnum, labelled in the language in force, optionally with "not set"."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from hrdesk.domain.enums import label
from hrdesk.i18n import _


class EnumCombo(QComboBox):
    def __init__(
        self,
        enum_type: type[StrEnum],
        *,
        allow_empty: bool = True,
        members: list[StrEnum] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.members = list(members if members is not None else enum_type)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if allow_empty:
            self.addItem("", None)
        for member in self.members:
            self.addItem("", member.value)
        self.retranslate()

    def retranslate(self) -> None:
        offset = 1 if self.allow_empty else 0
        if self.allow_empty:
            self.setItemText(0, _("— not set —"))
        for i, member in enumerate(self.members):
            self.setItemText(i + offset, label(member))

    def value(self) -> StrEnum | None:
        code = self.currentData()
        return next((m for m in self.members if m.value == code), None)

    def setValue(self, member: StrEnum | None) -> None:  # noqa: N802 - Qt naming
        index = self.findData(member.value if member is not None else None)
        self.setCurrentIndex(max(index, 0))

"""The office's own list of units (departments): add, rename, reorder, delete when empty.
Each step is saved at once, so the dialog only has Close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import register
from hrdesk.changes import Changes
from hrdesk.i18n import N_, _
from hrdesk.store.offices import OfficeRepository
from ui.dialogs.common import EditDialog, make_form


class UnitsDialog(EditDialog):
    def __init__(self, database, messages, parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.database = database
        self.changes = Changes()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.save_shortcut.setEnabled(False)
        self.list = QListWidget()
        self.name = QLineEdit()
        form = make_form()
        self.add_row(form, "name", N_("Unit na&me:"), self.name)
        self.add_button, self.rename_button = QPushButton(), QPushButton()
        self.up_button, self.down_button, self.delete_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        for button, source in (
            (self.add_button, N_("&Add")),
            (self.rename_button, N_("Re&name")),
            (self.up_button, N_("Move &up")),
            (self.down_button, N_("Move do&wn")),
            (self.delete_button, N_("&Delete")),
        ):
            self.text(button.setText, source)
            button.setAutoDefault(False)
        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self.list, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addLayout(form, 1, 0)
        pair = QVBoxLayout()
        pair.addWidget(self.add_button)
        pair.addWidget(self.rename_button)
        grid.addLayout(pair, 1, 1)
        grid.addWidget(self.general_error, 2, 0, 1, 2)
        grid.addWidget(self.buttons, 3, 0, 1, 2)
        self.text(self.setWindowTitle, N_("Units of the office"))
        self.list.currentItemChanged.connect(self._picked)
        self.add_button.clicked.connect(self.add_unit)
        self.rename_button.clicked.connect(self.rename_unit)
        self.up_button.clicked.connect(lambda: self.move_unit(-1))
        self.down_button.clicked.connect(lambda: self.move_unit(1))
        self.delete_button.clicked.connect(self.delete_unit)
        self.name.returnPressed.connect(self.add_unit)
        self.resize(520, 420)
        self.load()
        self.name.clear()
        self.retranslate()

    def load(self, select_id: int | None = None) -> None:
        office = register.own_office(self.database)
        self.list.clear()
        for unit in OfficeRepository(self.database).units(office.id or 0):
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            self.list.addItem(item)
        self.list.setCurrentRow(-1)  # adding a unit is the first thing offered, not renaming
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == select_id:
                self.list.setCurrentRow(row)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _picked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.name.setText(item.text())
        self.clear_problems()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.rename_button, self.up_button, self.down_button, self.delete_button):
            button.setEnabled(chosen)

    def _run(self, operation, select_id: int | None) -> bool:
        changes = self.run_change(operation)
        if changes is None:
            return False
        self.changes.merge(changes)
        self.clear_problems()
        self.load(select_id)
        return True

    def add_unit(self) -> None:
        name = self.name.text()
        if self._run(lambda: register.save_unit(self.database, name), None):
            self.name.clear()
            for row in range(self.list.count()):
                if self.list.item(row).text() == name.strip():
                    self.list.setCurrentRow(row)
                    self.name.clear()
            self.name.setFocus()

    def rename_unit(self) -> None:
        unit_id = self.current_id()
        if unit_id is not None:
            self._run(lambda: register.save_unit(self.database, self.name.text(), unit_id), unit_id)

    def move_unit(self, offset: int) -> None:
        unit_id = self.current_id()
        if unit_id is not None:
            self._run(lambda: register.move_unit(self.database, unit_id, offset), unit_id)

    def delete_unit(self) -> None:
        unit_id = self.current_id()
        item = self.list.currentItem()
        if unit_id is None or item is None:
            return
        if self.messages.confirm(_("Delete the unit “{name}”?").format(name=item.text())):
            self._run(lambda: register.delete_unit(self.database, unit_id), None)

    def reject(self) -> None:
        super(EditDialog, self).reject()  # every step is saved already: nothing to lose

"""The course catalogue in force: browse, search, and import a newer catalogue file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.i18n import _, format_date
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.messages import MessageService
from ui.models import catalogue_model
from ui.models.catalogue_model import CatalogueModel
from ui.pages.base import Page


class CataloguePage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.model = CatalogueModel(database, self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search.textChanged.connect(self.model.set_text)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_file)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(catalogue_model.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Code or title in any language"))
        self.import_button.setText(_("&Import a newer catalogue…"))
        self.model.retranslate()
        self._show_info()
        self._fit_columns()

    def _fit_columns(self) -> None:
        cap = self.fontMetrics().horizontalAdvance("M") * 18
        for column in range(catalogue_model.COLUMN_COUNT):
            if column == catalogue_model.TITLE:
                continue
            self.table.resizeColumnToContents(column)
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)

    def _show_info(self) -> None:
        info = CatalogueRepository(self.database).info()
        if info is None:
            self.info.setText(_("No catalogue is in force."))
            return
        self.info.setText(
            _(
                "Catalogue version {version} of {body}, for the cycle {cycle}; deadline {deadline}"
            ).format(
                version=info.version,
                body=info.central_body.get(),
                cycle=info.cycle,
                deadline=format_date(info.deadline),
            )
        )

    def refresh(self, changes: Changes) -> None:
        if changes.catalogue:
            self.model.reload()
            self._show_info()
            self._fit_columns()

    def choose_file(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self,
            _("Import a course catalogue"),
            last_folder(str(Path.home())),
            _("Catalogue files (*.json);;All files (*)"),
        )
        if path:
            remember_folder(path)
            self.import_file(path)

    def import_file(self, path: str | Path) -> bool:
        """Put the catalogue file in force; a clear message and no change when refused."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            changes = ops.import_catalogue(self.database, path)
        except errors.HrdeskError as exc:
            QApplication.restoreOverrideCursor()
            self.messages.error(exc.message)
            return False
        QApplication.restoreOverrideCursor()
        self.announce(changes)
        info = CatalogueRepository(self.database).info()
        self.messages.info(
            _("The catalogue version {version} is now in force.").format(
                version=info.version if info else ""
            )
        )
        return True

"""The office desk's main window: menus, toolbar, search and filters, the staff table."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors, register
from hrdesk.changes import Changes
from hrdesk.domain.enums import Role
from hrdesk.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language, ngettext
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffQuery
from ui import file_dialogs
from ui.app_settings import app_settings, last_folder, remember_folder
from ui.language import switch_language
from ui.messages import MessageService
from ui.models import staff_model
from ui.models.staff_model import StaffModel
from ui.session import Session

log = logging.getLogger(__name__)

# Typing pauses this long before the table filters (the query itself takes a few ms).
FILTER_DELAY_MS = 60

# Pages after the staff register in the left navigation (office role): module, class, title.
# A page is built when first shown (ui.pages.base.Page).
PAGES: tuple[tuple[str, str, str], ...] = (
    ("ui.pages.needs_page", "NeedsPage", N_("Needs assessment")),
    ("ui.pages.catalogue_page", "CataloguePage", N_("Course catalogue")),
    ("ui.pages.plan_page", "PlanPage", N_("Training plan")),
    ("ui.pages.summary_page", "SummaryPage", N_("Summary")),
    ("ui.pages.audit_page", "AuditPage", N_("Changes log")),
    ("ui.pages.packets_page", "PacketsPage", N_("Packets")),
)


class MainWindow(QMainWindow):
    """Shows one open database (a Session). `open_requested(path, create)` asks the application
    to switch to another database file."""

    open_requested = Signal(str, bool)
    # restore_requested(backup path): the application closes the database, restores, reopens.
    restore_requested = Signal(str)

    def __init__(
        self, session: Session, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.database = session.database
        self.messages = messages
        self.closed = False
        self.export_runner = None  # ui.workers.JobRunner of a running staff export
        self._totals: tuple[int, int] | None = None  # (people, incomplete) in the status bar
        self._state_restored = False
        self._fit_on_show = False
        if messages.parent is None:
            messages.parent = self
        self.role = register.role(self.database)
        office = OfficeRepository(self.database).own()
        self.office_id = office.id if office else None
        self.model = StaffModel(self.database, StaffQuery(office_id=self.office_id))
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self.retranslate()  # also fills the status bar
        self.refresh_units()
        self.restore_state()

    # --- building ---------------------------------------------------------------------------

    def _action(
        self,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action(
            self.choose_database, QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton
        )
        self.new_action = self._action(self.choose_new_database)
        self.exit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.backup_action = self._action(self.back_up_now, None, sp.SP_DriveFDIcon)
        self.restore_action = self._action(self.restore_backup)
        self.check_action = self._action(self.check_database)
        self.audit_action = self._action(self.show_audit)
        self.add_action = self._action(self.add_person, "Ctrl+N", sp.SP_FileDialogNewFolder)
        self.edit_action = self._action(self.edit_current, None, sp.SP_FileDialogDetailedView)
        self.left_action = self._action(self.mark_left, None, sp.SP_DialogCancelButton)
        self.units_action = self._action(self.edit_units)
        self.import_action = self._action(self.import_staff, None, sp.SP_ArrowDown)
        self.export_action = self._action(self.export_staff, None, sp.SP_DialogSaveButton)
        self.office_action = self._action(self.edit_office)
        self.about_action = self._action(self.show_about)
        self.print_plan_action = self._action(self.print_plan)
        self.print_summary_action = self._action(self.print_summary)
        self.print_card_action = self._action(self.print_card)
        self.packet_action = self._action(self.export_needs_packet)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.find_action = self._action(self.focus_search, QKeySequence.StandardKey.Find)
        self.addAction(self.find_action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.new_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.backup_action, self.restore_action, self.check_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.packet_action)
        self.packet_action.setVisible(self.role != Role.MKK)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.exit_action)
        self.staff_menu = bar.addMenu("")
        self.staff_menu.addActions([self.add_action, self.edit_action, self.left_action])
        self.staff_menu.addSeparator()
        self.staff_menu.addActions([self.units_action, self.import_action, self.export_action])
        self.staff_menu.addSeparator()
        self.staff_menu.addAction(self.audit_action)
        self.audit_action.setVisible(self.role != Role.MKK)
        # MKK keeps no register of its own: these would open dialogs of an office it has not.
        if self.role == Role.MKK:
            for action in (self.add_action, self.edit_action, self.left_action, self.units_action,
                           self.import_action, self.export_action, self.office_action):
                action.setVisible(False)
            self.staff_menu.menuAction().setVisible(False)
        self.print_menu = bar.addMenu("")
        self.print_menu.addActions(
            [self.print_plan_action, self.print_summary_action, self.print_card_action]
        )
        self.print_menu.menuAction().setVisible(self.role != Role.MKK)
        self.settings_menu = bar.addMenu("")
        self.settings_menu.addAction(self.office_action)
        self.language_menu = QMenu(self)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.settings_menu.addMenu(self.language_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.add_action, self.edit_action, self.left_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.import_action, self.export_action])
        self.addToolBar(self.toolbar)
        if self.role == Role.MKK:
            # Its own name, so the hidden state saved here does not hide the office's toolbar.
            self.toolbar.setObjectName("mkk_toolbar")
            self.toolbar.hide()
            self.toolbar.toggleViewAction().setVisible(False)

    def _build_central(self) -> None:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._filter_timer.start())
        self.search.returnPressed.connect(self._search_return)
        self.search.installEventFilter(self)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.show_left = QCheckBox()
        self.show_left.setChecked(True)
        self.show_left.toggled.connect(lambda _on: self.apply_filter())
        self.incomplete_only = QCheckBox()
        self.incomplete_only.toggled.connect(lambda _on: self.apply_filter())
        self.unit_label = QLabel()
        self.unit = QComboBox()
        # As wide as "All units" at least (set in retranslate), wider when there is room; the
        # popup shows long unit names whole. Sized to its contents, a narrow window clipped it.
        self.unit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit_label.setBuddy(self.unit)
        self.unit.currentIndexChanged.connect(lambda _i: self.apply_filter())

        # Two rows: in Russian and Kyrgyz one row of search and filters needs a 1,200-pixel
        # window, and squeezes the search box to nothing on a 1,024-pixel screen.
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.unit_label)
        filters.addWidget(self.unit)
        filters.addSpacing(12)
        filters.addWidget(self.show_left)
        filters.addWidget(self.incomplete_only)
        filters.addStretch(1)

        self.table = QTableView()
        self.table.setModel(self.model)
        # The indicator first: switching sorting on sorts by it, and the model's ids are in
        # name order already (otherwise the register is queried twice more at start).
        header = self.table.horizontalHeader()
        header.setSortIndicator(staff_model.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()
        # Fit columns to the rows on screen only: measuring more would fetch them all.
        self.table.verticalHeader().setResizeContentsPrecision(0)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.table.activated.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.edit_action, self.print_card_action])
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_actions())
        self.model.modelReset.connect(self._update_actions)

        self.mkk_note = QLabel()
        self.mkk_note.setWordWrap(True)
        self.mkk_note.setAlignment(Qt.AlignmentFlag.AlignCenter)

        staff_page = QWidget()
        layout = QVBoxLayout(staff_page)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(staff_page)
        self.mkk_desk = None
        if self.role == Role.MKK:
            from ui.mkk.desk import MkkDesk

            self.mkk_desk = MkkDesk(self.database, self.messages)
        self.pages.addWidget(self.mkk_desk or self.mkk_note)
        self.pages.setCurrentIndex(1 if self.role == Role.MKK else 0)
        self.setCentralWidget(self._build_navigation())
        self.status_label = QLabel()
        self.status_label.setVisible(self.role != Role.MKK)  # counts the (hidden) register
        self.statusBar().addWidget(self.status_label, 1)
        self._update_actions()

    def _build_navigation(self) -> QWidget:
        """The page list on the left (office role) beside the pages."""
        self.nav = QListWidget()
        self.nav.setObjectName("page_navigation")
        self.nav.addItem("")  # the staff register
        self._page_specs: list[tuple[str, str, str, int]] = []  # module, class, title, stack index
        self.loaded_pages: dict[str, QWidget] = {}
        if self.role != Role.MKK:
            for module, name, title in PAGES:
                self.add_page(module, name, title)
        self.nav.setVisible(self.role != Role.MKK)
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        return central

    def add_page(self, module: str, name: str, title: str) -> None:
        """A navigation entry for page class `name` of `module` (built when first shown);
        `title` is marked with N_()."""
        placeholder = QWidget()
        self._page_specs.append((module, name, title, self.pages.addWidget(placeholder)))
        self.nav.addItem(_(title))
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        width = max(self.nav.sizeHintForColumn(0), 0) + 2 * self.nav.frameWidth() + 16
        self.nav.setFixedWidth(max(width, 120))

    def show_page(self, row: int) -> QWidget | None:
        """Show navigation entry `row` (0 the staff register); the page shown, or None."""
        if row <= 0 or row > len(self._page_specs):
            self.pages.setCurrentIndex(1 if self.role == Role.MKK else 0)
            return None
        module, name, _title, at = self._page_specs[row - 1]
        page = self.loaded_pages.get(name)
        if page is None:
            page_class = self._dialog_class(module, name)
            if page_class is None:
                return None
            page = page_class(self.database, self.messages)
            page.changed.connect(self.apply_changes)
            if hasattr(page, "fix_requested"):
                page.fix_requested.connect(self.go_to)
            placeholder = self.pages.widget(at)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages.insertWidget(at, page)
            self.loaded_pages[name] = page
        self.pages.setCurrentIndex(at)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return page

    def _default_widths(self) -> None:
        """Fit the columns to the rows on screen and their headers (ky/ru run long), capped so
        one long name does not push the rest off screen."""
        self.table.resizeColumnsToContents()
        cap = self.fontMetrics().horizontalAdvance("M") * 24
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)

    def _fit_headers(self) -> None:
        """Widen the columns whose (new language's) header text would be clipped."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            wanted = header.sectionSizeHint(column)
            if self.table.columnWidth(column) < wanted:
                self.table.setColumnWidth(column, wanted)

    # --- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.staff_menu.setTitle(_("&Staff"))
        self.settings_menu.setTitle(_("S&ettings"))
        self.print_menu.setTitle(_("&Print"))
        self.help_menu.setTitle(_("&Help"))
        self.language_menu.setTitle(_("&Language"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        texts = {
            self.open_action: _("&Open database…"),
            self.new_action: _("&New database…"),
            self.exit_action: _("E&xit"),
            self.backup_action: _("&Back up now…"),
            self.restore_action: _("&Restore from a backup…"),
            self.check_action: _("&Check database"),
            self.audit_action: _("&Changes log"),
            self.add_action: _("&Add person…"),
            self.edit_action: _("&Edit…"),
            self.left_action: _("Mark as &left…"),
            self.units_action: _("&Units…"),
            self.import_action: _("&Import…"),
            self.export_action: _("E&xport…"),
            self.office_action: _("&Office…"),
            self.about_action: _("&About hrdesk"),
            self.print_plan_action: _("Training &plan…"),
            self.print_summary_action: _("Needs-assessment &summary…"),
            self.print_card_action: _("Training &card of the person…"),
            self.packet_action: _("Export the needs-assessment &packet…"),
            self.find_action: _("Find"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.edit_action.setToolTip(_("Edit the selected person (Enter)"))
        self.add_action.setToolTip(_("Add a person (Ctrl+N)"))
        self.language_actions[current_language()].setChecked(True)
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("Name, PIN or position (Ctrl+F)"))
        self.show_left.setText(_("Show people who &left"))
        self.incomplete_only.setText(_("&Incomplete only"))
        self.unit_label.setText(_("U&nit:"))
        if self.unit.count():
            self.unit.setItemText(0, _("All units"))
        self.unit.setMinimumContentsLength(len(_("All units")))
        # QComboBox keeps the minimum it measured while empty; give it the one meant.
        self.unit.setMinimumWidth(self.unit.sizeHint().width())
        self.mkk_note.setText(
            _(
                "This copy of hrdesk is set up for MKK. The MKK desk (importing the offices' "
                "packets and the national reports) comes in a later version."
            )
        )
        self.nav.item(0).setText(_("Staff register"))
        for row, (_module, _name, title, _at) in enumerate(self._page_specs, 1):
            self.nav.item(row).setText(_(title))
        self._fit_navigation()
        self.model.retranslate()
        if self._state_restored:
            self._fit_headers()
        self.update_title()
        self.update_status(recount=False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # A closed window may outlive its database (closed by the application): leave it be.
        if event.type() == QEvent.Type.LanguageChange and not self.closed:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        switch_language(language)

    # --- view state -------------------------------------------------------------------------

    def update_title(self) -> None:
        office = OfficeRepository(self.database).own()
        name = office.name(current_language()) if office else _("MKK")
        self.setWindowTitle(_("{office} — hrdesk").format(office=name))

    def update_status(self, recount: bool = True) -> None:
        """The status bar; `recount` False keeps the totals (a filter does not change them, and
        counting the incomplete records of 50,000 people takes longer than a keystroke)."""
        if recount or self._totals is None:
            self._totals = self.model.totals()
        total, incomplete = self._totals
        shown = self.model.rowCount()
        self.status_label.setText(
            ", ".join(
                (
                    ngettext("{count} person", "{count} people", total).format(count=total),
                    _("{count} shown").format(count=shown),
                    _("{count} incomplete").format(count=incomplete),
                )
            )
        )
        self._update_actions()

    def _update_actions(self) -> None:
        has_current = self.current_staff_id() is not None
        self.edit_action.setEnabled(has_current)
        self.left_action.setEnabled(has_current)
        self.print_card_action.setEnabled(has_current)

    def refresh_units(self) -> None:
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_("All units"), None)
        if self.office_id is not None:
            for unit in OfficeRepository(self.database).units(self.office_id):
                self.unit.addItem(unit.name, unit.id)
        at = self.unit.findData(chosen) if chosen is not None else 0
        self.unit.setCurrentIndex(max(at, 0))
        self.unit.blockSignals(False)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        query = replace(
            self.model.query,
            text=self.search.text(),
            include_left=self.show_left.isChecked(),
            incomplete_only=self.incomplete_only.isChecked(),
            unit_id=self.unit.currentData(),
        )
        if query != self.model.query:
            self.model.set_query(query)
            self.update_status(recount=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Esc in the search box clears it (and shows everyone again).
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_return(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def current_staff_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.staff_id(index.row()) if index.isValid() else None

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what a change touched."""
        if changes.units:
            self.refresh_units()
        if changes.office:
            self.update_title()
        self.model.refresh(changes)
        for page in self.loaded_pages.values():
            if page is not self.sender():
                page.refresh(changes)
        self.update_status()

    def select_staff(self, staff_id: int) -> None:
        row = self.model.row_of(staff_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # --- dialogs ----------------------------------------------------------------------------

    def _dialog_class(self, module: str, name: str) -> type | None:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            log.exception("%s.%s is not available", module, name)
            self.messages.info(_("This part of hrdesk is not available in this version yet."))
            return None

    def _run_dialog(self, module: str, name: str, *args: object) -> Changes | None:
        dialog_class = self._dialog_class(module, name)
        if dialog_class is None:
            return None
        dialog = dialog_class(self.database, *args, self.messages, self)
        dialog.exec()
        changes = getattr(dialog, "changes", None)
        dialog.deleteLater()
        if changes is not None:
            self.apply_changes(changes)
        return changes

    def _open_index(self, index: QModelIndex) -> None:
        staff_id = self.model.staff_id(index.row())
        if staff_id is not None:
            self._person_dialog(staff_id)

    def _person_dialog(self, staff_id: int | None) -> None:
        changes = self._run_dialog("ui.dialogs.person_dialog", "PersonDialog", staff_id)
        if changes is not None and changes.staff_added and changes.staff_ids:
            self.select_staff(min(changes.staff_ids))

    def add_person(self) -> None:
        self._person_dialog(None)

    def edit_current(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is not None:
            self._person_dialog(staff_id)

    def mark_left(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is not None:
            self._run_dialog("ui.dialogs.left_dialog", "LeftDialog", staff_id)

    def edit_units(self) -> None:
        self._run_dialog("ui.dialogs.units_dialog", "UnitsDialog")

    def edit_office(self) -> None:
        self._run_dialog("ui.dialogs.office_dialog", "OfficeDialog")

    def import_staff(self) -> None:
        self._run_dialog("ui.dialogs.import_dialog", "ImportDialog")

    def export_staff(self) -> None:
        start = str(Path(last_folder(str(Path.home()))) / _("staff.xlsx"))
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Export the staff register"),
            start,
            _("Excel workbook (*.xlsx);;CSV, comma separated (*.csv)"),
        )
        if not path:
            return
        remember_folder(path)
        self.start_export(Path(path))

    def start_export(self, path: Path) -> None:
        """Write the register to `path` in a worker, with a progress bar and Cancel; a message
        says how it ended. The worker reads through a connection of its own."""
        from hrdesk.exporting.staff_export import export_staff
        from hrdesk.store.database import Database
        from ui.workers import JobRunner

        if self.export_runner is not None and self.export_runner.is_running():
            return
        database_path = self.database.path

        def job(progress, cancel) -> int:
            with Database.open(database_path, check=False) as database:
                return export_staff(database, path, progress, cancel)

        runner = JobRunner(self)
        runner.finished.connect(lambda count: self._exported(path, int(count)))
        runner.failed.connect(self._export_failed)
        runner.cancelled.connect(
            lambda: self.messages.info(_("Export cancelled. No file was written."))
        )
        self.export_runner = runner
        runner.start(_("Exporting the staff register to {file}…").format(file=path.name), job)

    def _exported(self, path: Path, count: int) -> None:
        self.messages.info(
            ngettext(
                "Exported {count} person to {path}.", "Exported {count} people to {path}.", count
            ).format(count=count, path=path)
        )

    def _export_failed(self, exc: object) -> None:
        if isinstance(exc, errors.HrdeskError):
            self.messages.error(exc.message)
            return
        raise exc  # type: ignore[misc]  # a bug: the crash dialog shows it

    # --- printing (the plan page and ui.dialogs.document_dialog do the work) ------------------

    def _plan_page(self):
        for row, spec in enumerate(self._page_specs, start=1):
            if spec[1] == "PlanPage":
                return self.show_page(row)
        return None

    def print_plan(self) -> None:
        page = self._plan_page()
        if page is not None:
            page.print_plan()

    def print_summary(self) -> None:
        page = self._plan_page()
        if page is not None:
            page.print_summary()

    def print_card(self) -> None:
        staff_id = self.current_staff_id()
        if staff_id is None:
            return
        from ui import documents
        from ui.dialogs.document_dialog import DocumentDialog

        dialog = DocumentDialog(
            lambda lang: documents.card_document(self.database, staff_id, lang),
            N_("Print the training card"), self.messages, self,
        )
        dialog.exec()
        dialog.deleteLater()

    # --- the packet (ui.pages.packets_page and ui.dialogs.packet_export_dialog) --------------

    def export_needs_packet(self) -> None:
        for row, spec in enumerate(self._page_specs, start=1):
            if spec[1] == "PacketsPage":
                page = self.show_page(row)
                if page is not None:
                    page.export_packet()
                return

    def go_to(self, target: str) -> None:
        """Show where an export warning is fixed: "staff_incomplete", "needs_progress",
        "needs_endorsement" or "plan"."""
        if target == "staff_incomplete":
            self.nav.setCurrentRow(0)
            self.incomplete_only.setChecked(True)
            return
        wanted = "PlanPage" if target == "plan" else "NeedsPage"
        for row, spec in enumerate(self._page_specs, start=1):
            if spec[1] == wanted:
                page = self.show_page(row)
                if page is not None and target == "needs_endorsement":
                    page.tabs.setCurrentWidget(page.endorsement_page)
                elif page is not None and target == "needs_progress":
                    page.tabs.setCurrentWidget(page.cycle_page)
                return

    def show_about(self) -> None:
        from hrdesk import __version__

        self.messages.info(
            _(
                "hrdesk {version}\nStaff register, training needs assessment and training plans "
                "for state and municipal offices of the Kyrgyz Republic. Works offline.\n\n"
                "Database: {path}"
            ).format(version=__version__, path=self.database.path),
            _("About hrdesk"),
        )

    # --- backups, restore, check, changes log ------------------------------------------------

    def back_up_now(self) -> None:
        from ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.database, self.messages, self)
        dialog.exec()
        dialog.deleteLater()

    def restore_backup(self) -> None:
        from ui.dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.database, self.messages, self)
        dialog.exec()
        chosen = dialog.chosen
        dialog.deleteLater()
        if chosen is not None:
            self.restore_requested.emit(str(chosen))

    def check_database(self) -> None:
        from ui.dialogs.check_dialog import run_check

        run_check(self.database.path, self.messages, self)

    def show_audit(self) -> None:
        """The changes log, of the selected person when one is selected."""
        staff_id = self.current_staff_id() if self.nav.currentRow() == 0 else None
        for row, spec in enumerate(self._page_specs, start=1):
            if spec[1] == "AuditPage":
                page = self.show_page(row)
                if page is not None and staff_id is not None:
                    page.set_person(staff_id)
                return

    # --- other databases --------------------------------------------------------------------

    def choose_database(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self,
            _("Open a database"),
            last_folder(str(self.database.path.parent)),
            _("hrdesk databases (*.sqlite3 *.db);;All files (*)"),
        )
        if path:
            remember_folder(path)
            self.open_requested.emit(path, False)

    def choose_new_database(self) -> None:
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("New database"),
            str(Path(last_folder(str(self.database.path.parent))) / "hrdesk.sqlite3"),
            _("hrdesk databases (*.sqlite3 *.db)"),
        )
        if path:
            remember_folder(path)
            if Path(path).exists():
                self.messages.error(
                    _("The file {path} exists already. Choose a new name.").format(path=path)
                )
                return
            self.open_requested.emit(path, True)

    # --- geometry ---------------------------------------------------------------------------

    def restore_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        state = settings.value("main_window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        header = settings.value("main_window/staff_header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            restored = self.table.horizontalHeader()
            self.table.sortByColumn(restored.sortIndicatorSection(), restored.sortIndicatorOrder())
            self._fit_headers()
        else:
            self._fit_on_show = True
        self._state_restored = True

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        settings.setValue("main_window/staff_header", self.table.horizontalHeader().saveState())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._fit_on_show:
            # Laid out only now: the rows on screen are known.
            self._fit_on_show = False
            self._default_widths()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if getattr(self, "mkk_desk", None) is not None:
            self.mkk_desk.close_workers()
        if self.export_runner is not None:
            self.export_runner.wait()  # cancels it: a half-written export is never kept
        self.save_state()
        self.closed = True
        super().closeEvent(event)

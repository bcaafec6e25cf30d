"""Restore: the backups with their date and number of people; the clerk picks one (or a file on
a USB stick). The dialog only chooses and checks the file: the application closes the database,
restores (keeping the current database as a backup first) and opens it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import N_, _, format_datetime, format_number
from hrdesk.paths import backup_dir
from hrdesk.store import backup
from hrdesk.store.backup import BackupInfo
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.dialogs.backup_dialog import size_text
from ui.messages import MessageService

DATE, PEOPLE, KIND, SIZE, FILE = range(5)
HEADERS = (N_("Date"), N_("People"), N_("Made"), N_("Size"), N_("File"))
KINDS = {
    backup.AUTOMATIC: N_("automatically"),
    backup.BEFORE_RESTORE: N_("before a restore"),
    "manual": N_("by hand"),
    "": N_("by hand"),
}


def kind_text(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


class RestoreDialog(QDialog):
    """After exec(), `chosen` is the backup to restore (checked), or None."""

    def __init__(
        self,
        database: Database,
        messages: MessageService,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.folder = Path(folder) if folder is not None else backup_dir()
        self.chosen: Path | None = None
        self.backups: list[BackupInfo] = []

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setColumnCount(len(HEADERS))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.header().setStretchLastSection(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item, _column: self.choose_selected())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.other_button = QPushButton()
        self.other_button.clicked.connect(self.choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.choose_selected)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.load()
        self.retranslate()

    # --- data -------------------------------------------------------------------------------

    def load(self) -> None:
        """The backups in the backup folder, newest first (this database excluded)."""
        own = self.database.path.resolve()
        self.backups = [b for b in backup.list_backups(self.folder) if b.path.resolve() != own]
        self._fill()

    def add_file(self, path: Path) -> bool:
        """Put a backup from elsewhere at the top of the list and select it."""
        found = backup.info(path)
        if found is None:
            self.messages.error(errors.NotHrdeskDatabase(path).message)
            return False
        self.backups = [found] + [b for b in self.backups if b.path != found.path]
        self._fill()
        self.select(found.path)
        return True

    def select(self, path: Path) -> None:
        for row, item in enumerate(self.backups):
            if item.path == path:
                self.list.setCurrentItem(self.list.topLevelItem(row))

    def _fill(self) -> None:
        self.list.clear()
        for item in self.backups:
            row = QTreeWidgetItem(self.list)
            row.setData(DATE, Qt.ItemDataRole.UserRole, str(item.path))
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            row.setTextAlignment(PEOPLE, right)
            row.setTextAlignment(SIZE, right)
            row.setToolTip(FILE, str(item.path))
        self._texts()
        self.empty.setVisible(not self.backups)
        self._update_buttons()

    def _texts(self) -> None:
        for row, item in enumerate(self.backups):
            line = self.list.topLevelItem(row)
            line.setText(DATE, format_datetime(item.created_at))
            line.setText(PEOPLE, "—" if item.people is None else format_number(item.people))
            line.setText(KIND, kind_text(item.kind))
            line.setText(SIZE, size_text(item.size))
            line.setText(FILE, item.path.name)

    def selected(self) -> BackupInfo | None:
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        return self.backups[row] if 0 <= row < len(self.backups) else None

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Restore from a backup"))
        self.intro.setText(
            _(
                "Choose the backup to go back to. The database as it is now is kept as a backup "
                "first, so the restore can be undone. Backups in: {folder}"
            ).format(folder=self.folder)
        )
        self.list.setHeaderLabels([_(h) for h in HEADERS])
        self.empty.setText(
            _(
                "There are no backups in the backup folder yet. Use “Other file…” for a backup "
                "on a USB stick."
            )
        )
        self.other_button.setText(_("&Other file…"))
        self.restore_button.setText(_("&Restore"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._texts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # --- choosing ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self,
            _("Restore from a backup file"),
            last_folder(str(Path.home())),
            _("hrdesk databases (*.sqlite3 *.db *.bak);;All files (*)"),
        )
        if path:
            remember_folder(path)
            self.add_file(Path(path))

    def choose_selected(self) -> bool:
        """Check the selected backup and ask before replacing the database; True when chosen."""
        item = self.selected()
        if item is None:
            return False
        try:
            backup.verify(item.path)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        people = "—" if item.people is None else format_number(item.people)
        if not self.messages.confirm(
            _(
                "Replace the database with the backup of {date} ({people} people)? Changes made "
                "since then are no longer shown; the database as it is now is kept as a backup "
                "first."
            ).format(date=format_datetime(item.created_at), people=people),
            _("Restore from a backup"),
        ):
            return False
        self.chosen = item.path
        self.accept()
        return True

"""Back up now: a verified copy of the database to a folder the clerk chooses (a USB stick)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk import errors
from hrdesk.i18n import _, format_number, ngettext
from hrdesk.store import backup
from hrdesk.store.backup import BackupInfo
from hrdesk.store.database import Database
from ui import file_dialogs
from ui.app_settings import last_folder, remember_folder
from ui.dialogs.common import make_form
from ui.messages import MessageService
from ui.workers import JobRunner

MANUAL = "manual"


def size_text(size: int) -> str:
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def write_backup(database_path: Path, target: Path) -> BackupInfo:
    """backup_now on a connection of its own, so it can run in a worker thread."""
    with Database.open(database_path, check=False) as database:
        return backup.backup_now(database, target)


class BackupDialog(QDialog):
    """`made` holds the BackupInfo once the backup is written and checked."""

    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.messages = messages
        self.made: BackupInfo | None = None
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._written)
        self.runner.failed.connect(self._failed)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder = QLineEdit(last_folder(str(Path.home())))
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        self.file_name = QLineEdit(backup.backup_name(database.path, MANUAL))
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.file_label = QLabel()
        self.file_label.setBuddy(self.file_name)
        form = make_form()
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.file_label, self.file_name)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.backup_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.backup_button.setDefault(True)
        self.buttons.accepted.connect(self.start_backup)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Back up now"))
        self.intro.setText(
            _(
                "A copy of the whole database is written to the folder you choose, for example a "
                "USB stick, and checked after it is written. Keep it away from this computer."
            )
        )
        self.folder_label.setText(_("&Folder:"))
        self.file_label.setText(_("File &name:"))
        self.choose_button.setText(_("C&hoose…"))
        self.backup_button.setText(_("&Back up"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose_folder(self) -> None:
        folder = file_dialogs.get_existing_directory(
            self, _("Where to write the backup"), self.folder.text() or str(Path.home())
        )
        if folder:
            self.folder.setText(folder)

    # --- writing ----------------------------------------------------------------------------

    def target(self) -> tuple[Path | None, str]:
        """The file to write, or None and what is wrong with the fields."""
        folder_text = self.folder.text().strip()
        name = self.file_name.text().strip()
        if not folder_text:
            return None, _("Folder: choose where to write the backup.")
        folder = Path(folder_text).expanduser()
        if not folder.is_dir():
            problem = _("Folder: there is no folder {path}. Is the USB stick plugged in?")
            return None, problem.format(path=folder)
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            return None, _("File name: type a name for the backup file, without a folder.")
        if not name.endswith(backup.SUFFIX):
            name += backup.SUFFIX
        target = folder / name
        if target.resolve() == self.database.path.resolve():
            return None, _("File name: this is the database itself; choose another name.")
        return target, ""

    def start_backup(self) -> None:
        if self.runner.is_running():
            return
        target, problem = self.target()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if target is None:
            return
        if target.exists() and not self.messages.confirm(
            _("The file {path} exists already. Replace it with the new backup?").format(path=target)
        ):
            return
        remember_folder(str(target.parent))
        self.backup_button.setEnabled(False)
        self.runner.start(
            _("Writing the backup…"),
            lambda _progress, _cancel: write_backup(self.database.path, target),
        )

    def _written(self, made: BackupInfo) -> None:
        self.made = made
        self.backup_button.setEnabled(True)
        people = made.people or 0
        self.messages.info(
            ngettext(
                "The backup is written to {path} and checked: {count} person, {size}.",
                "The backup is written to {path} and checked: {count} people, {size}.",
                people,
            ).format(path=made.path, count=format_number(people), size=size_text(made.size))
        )
        self.accept()

    def _failed(self, exc: object) -> None:
        self.backup_button.setEnabled(True)
        if isinstance(exc, errors.HrdeskError):
            self.problem.setText(exc.message)
            self.problem.setVisible(True)
            self.messages.error(exc.message)
            return
        raise exc  # type: ignore[misc]  # a bug: the crash dialog shows it

    def reject(self) -> None:
        if self.runner.is_running():
            return  # the progress dialog's Cancel is the way out; a half copy is never kept
        super().reject()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.runner.is_running():
            return
        super().keyPressEvent(event)

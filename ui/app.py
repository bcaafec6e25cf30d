"""The desktop program's bootstrap: options, logging, QApplication, fonts, translations, the
database with its instance lock, first-run setup, then the main window."""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from hrdesk import paths, register
from hrdesk.i18n import LANGUAGES, _
from hrdesk.logsetup import log_file_path, setup_logging
from ui.app_settings import APPLICATION, ORGANISATION
from ui.crash import install_excepthook
from ui.language import saved_language, switch_language
from ui.messages import MessageService
from ui.session import IntegrityCheck, Session, open_session

log = logging.getLogger(__name__)

DEMO_STAFF = 400
DEMO_SEED = 1
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
INTEGRITY_CHECK_DELAY_MS = 1000


def parse_options(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hrdesk", description=_("hrdesk: the desktop program."))
    parser.add_argument("--db", type=Path, metavar=_("PATH"), help=_("database file to open"))
    parser.add_argument("--demo", action="store_true", help=_("open a fresh demo database"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the program"))
    return parser.parse_args(list(argv))


def load_fonts() -> int:
    """Bundled fonts, so Kyrgyz letters (ң, ө, ү) show on a machine without such fonts."""
    loaded = 0
    if paths.FONTS.is_dir():
        for font in sorted(paths.FONTS.iterdir()):
            if (
                font.suffix.lower() in (".ttf", ".otf")
                and QFontDatabase.addApplicationFont(str(font)) >= 0
            ):
                loaded += 1
    return loaded


def make_demo_database(folder: Path, messages: MessageService) -> Path | None:
    try:
        from hrdesk.demo.generate import write_demo_database
    except ImportError:
        log.exception("no demo generator")
        messages.error(
            _("The demo database cannot be made: this version of hrdesk has no demo generator yet.")
        )
        return None
    path = folder / "hrdesk-demo.sqlite3"
    summary = write_demo_database(path, staff=DEMO_STAFF, seed=DEMO_SEED)
    log.info("demo database: %s", summary)
    return path


def quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C and SIGTERM end the program cleanly (database closed, demo folder removed).
    Python runs signal handlers only between bytecodes, so a timer lets it look now and then."""
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_args: app.quit())
    timer = QTimer(app)
    timer.start(300)
    timer.timeout.connect(lambda: None)
    return timer


class Desktop:
    """The open session and its main window; switches to another database on request."""

    def __init__(self, messages: MessageService) -> None:
        self.messages = messages
        self.session: Session | None = None
        self.window = None
        self.check: IntegrityCheck | None = None
        self.auto_backup = None  # ui.auto_backup.AutomaticBackup of the open database
        # The throwaway demo's folder: its database gets no backups (they went into the
        # office's backup folder and were offered for restoring over the real register).
        self.demo_folder: Path | None = None

    def open(self, path: Path, *, create: bool = False) -> bool:
        """Open `path` (set it up first when new) and show it; the previous one stays open when
        this fails."""
        if self.session is not None and Path(path).resolve() == self.session.path:
            return True
        # The integrity check of an existing file runs once the window is up (IntegrityCheck).
        session = open_session(path, self.messages, create=create, check=False)
        if session is None:
            return False
        if not register.is_set_up(session.database):
            from ui.setup_wizard import SetupWizard

            wizard = SetupWizard(session.database, self.messages, self.window)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            wizard.deleteLater()
            if not accepted:
                session.close()
                return False
        self._show(session)
        return True

    def _show(self, session: Session) -> None:
        from ui.auto_backup import AutomaticBackup
        from ui.main_window import MainWindow

        old_window, old_session = self.window, self.session
        self._end_backups()
        self.session = session
        self.window = MainWindow(session, self.messages)
        self.window.open_requested.connect(
            lambda path, create: self.open(Path(path), create=create)
        )
        self.window.restore_requested.connect(lambda path: self.restore(Path(path)))
        self.window.show()
        if self._backs_up(session.path):
            self.auto_backup = AutomaticBackup(session.path, self.window)
            self.auto_backup.failed.connect(self.messages.warning)
            self.auto_backup.start()
        self.check = IntegrityCheck(session.path, self.window)
        self.check.damaged.connect(self.messages.error)
        # A moment after the first paint, so the check does not slow the start down.
        QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, self.check, self.check.start)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_session is not None:
            old_session.close()

    def _end_backups(self, *, at_close: bool = True) -> None:
        """Stop the daily backup of the open database and (at_close) make the closing one."""
        from ui.auto_backup import backup_at_close

        if self.auto_backup is not None:
            self.auto_backup.stop()
            self.auto_backup = None
        if at_close and self.session is not None and self._backs_up(self.session.path):
            backup_at_close(self.session.database)

    def _backs_up(self, path: Path) -> bool:
        return self.demo_folder is None or self.demo_folder.resolve() not in path.resolve().parents

    def restore(self, backup_path: Path) -> bool:
        """Close the database, replace it with the backup (the current one is kept as a backup
        first) and open it again. On failure the database as it was is opened again."""
        from hrdesk import errors
        from hrdesk.store import backup

        if self.session is None:
            return False
        path = self.session.path
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # The window closes before the restored database opens: not a reason to quit.
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        restored = None
        try:
            self._end_backups(at_close=False)  # the restore keeps the current one itself
            if self.window is not None:
                self.window.close()
                self.window.deleteLater()
                self.window = None
            self.session.close()
            self.session = None
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                restored = backup.restore(path, backup_path)
            except errors.HrdeskError as exc:
                log.warning("restore of %s from %s failed: %s", path, backup_path, exc.message)
                QApplication.restoreOverrideCursor()
                self.messages.error(exc.message)
            else:
                QApplication.restoreOverrideCursor()
                log.info("restored %s from %s, kept %s", path, backup_path, restored.kept)
            if not self.open(path):
                app.quit()
                return False
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)
        if restored is not None:
            text = _("The database is restored from {backup}.").format(backup=backup_path)
            if restored.kept is not None:
                text += "\n" + _(
                    "The database as it was before is kept as {path}; restore it from the "
                    "list to undo."
                ).format(path=restored.kept)
            self.messages.info(text)
        return restored is not None

    def close(self) -> None:
        self._end_backups()
        if self.window is not None:
            # Deleted through Qt's event loop, not whenever Python's garbage collector gets to
            # it (which may be in the middle of another object's event: a crash).
            self.window.close()
            self.window.deleteLater()
            self.window = None
            self.check = None
        if self.session is not None:
            self.session.close()
            self.session = None


def run_gui(argv: Sequence[str], messages: MessageService | None = None) -> int:
    """Start the desktop program; returns the exit code. `messages` replaces the message boxes
    (tests)."""
    try:
        options = parse_options(argv)
    except SystemExit as exc:  # --help, or a bad option (argparse printed why)
        return EXIT_OK if not exc.code else EXIT_USAGE
    setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "hrdesk"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("hrdesk")
    app.setWindowIcon(QIcon(str(paths.ICON)))
    load_fonts()
    switch_language(options.lang or saved_language(), remember=False)
    owns_hook = messages is None
    if owns_hook:
        install_excepthook(log_file_path())
    messages = messages or MessageService()
    demo_folder: Path | None = None
    desktop = Desktop(messages)
    try:
        if options.demo:
            demo_folder = Path(tempfile.mkdtemp(prefix="hrdesk-demo-"))
            desktop.demo_folder = demo_folder
            path = make_demo_database(demo_folder, messages)
            if path is None:
                return EXIT_FAILED
        else:
            path = options.db or paths.default_database_path()
        create = not path.exists()
        if create and not path.parent.is_dir():
            from hrdesk.errors import NotHrdeskDatabase

            messages.error(NotHrdeskDatabase(path).message)
            return EXIT_FAILED
        if not desktop.open(path, create=create):
            return EXIT_FAILED
        app.setQuitOnLastWindowClosed(True)
        if owns_hook:
            quit_on_signals(app)
        return int(app.exec())
    finally:
        desktop.close()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)

"""The crash dialog: an unexpected error is a bug; tell the user their data is safe, and give
the details and the log to pass on."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hrdesk.i18n import _

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.log_path = log_path
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.log_label = QLabel()
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._show_details)
        self.detail_box = QPlainTextEdit(details)
        self.detail_box.setReadOnly(True)
        self.detail_box.setVisible(False)
        self.detail_box.setMinimumHeight(200)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(self.icon, 0)
        top.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.log_label)
        layout.addWidget(self.toggle)
        layout.addWidget(self.detail_box, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("hrdesk: something went wrong"))
        self.text.setText(
            _(
                "Something went wrong in hrdesk. Your data is safe: the unfinished step was not "
                "saved. Please send the details below to your administrator."
            )
        )
        self.log_label.setText(_("The log is in: {path}").format(path=self.log_path))
        self._show_details(self.toggle.isChecked())
        self.copy_button.setText(_("Copy details"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_details(self, shown: bool) -> None:
        self.detail_box.setVisible(shown)
        self.toggle.setText(_("Hide details") if shown else _("Show details"))
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.details}\n{self.log_path}")


def format_details(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> str:
    import platform

    from PySide6 import __version__ as pyside_version

    from hrdesk import __version__

    header = (
        f"hrdesk {__version__} on Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}"
    )
    return header + "\n\n" + "".join(traceback.format_exception(kind, value, tb))


class _Hook:
    """sys.excepthook that logs the error and shows the crash dialog, once at a time."""

    def __init__(self, log_path: str, show: Callable[[str, str], None]) -> None:
        self.log_path = log_path
        self.show = show
        self.showing = False

    def __call__(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error", exc_info=(kind, value, tb))
        print(
            f"hrdesk: unexpected error ({kind.__name__}); details in {self.log_path}",
            file=sys.stderr,
        )
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            self.show(format_details(kind, value, tb), self.log_path)
        except Exception:  # the dialog itself failed: the log has the error already
            log.exception("the crash dialog failed")
        finally:
            self.showing = False


def _show_dialog(details: str, log_path: str) -> None:
    CrashDialog(details, log_path, QApplication.activeWindow()).exec()


def install_excepthook(log_path: str, show: Callable[[str, str], None] = _show_dialog) -> None:
    sys.excepthook = _Hook(log_path, show)

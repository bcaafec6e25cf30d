"""Message boxes go through this one service, so tests can replace it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from hrdesk.i18n import _


class MessageService:
    """Shows messages to the user. Tests use RecordingMessages instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, text: str, title: str | None = None) -> None:
        QMessageBox.information(self.parent, title or _("hrdesk"), text)

    def warning(self, text: str, title: str | None = None) -> None:
        QMessageBox.warning(self.parent, title or _("hrdesk"), text)

    def error(self, text: str, title: str | None = None) -> None:
        QMessageBox.critical(self.parent, title or _("hrdesk"), text)

    def confirm(self, text: str, title: str | None = None) -> bool:
        answer = QMessageBox.question(
            self.parent, title or _("hrdesk"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class RecordingMessages(MessageService):
    """For tests: records every message and answers confirmations with a preset answer."""

    def __init__(self, confirm_answer: bool = True) -> None:
        super().__init__(None)
        self.shown: list[tuple[str, str]] = []
        self.confirm_answer = confirm_answer

    def info(self, text: str, title: str | None = None) -> None:
        self.shown.append(("info", text))

    def warning(self, text: str, title: str | None = None) -> None:
        self.shown.append(("warning", text))

    def error(self, text: str, title: str | None = None) -> None:
        self.shown.append(("error", text))

    def confirm(self, text: str, title: str | None = None) -> bool:
        self.shown.append(("confirm", text))
        return self.confirm_answer

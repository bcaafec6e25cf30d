"""Long jobs (a PDF of a big plan, an export) off the GUI thread, behind a progress dialog
with Cancel.

The job is a plain function job(progress, cancel) -> result: progress(done, total) may be
called from the worker thread, cancel() returns True once the user pressed Cancel. The thread
and the queued signals come from ui.widgets.task_runner.TaskRunner, so widgets are only ever
touched in the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hrdesk.i18n import _
from ui.widgets.task_runner import TaskRunner, Work

# Jobs quicker than this show no dialog at all.
SHOW_AFTER_MS = 300


class JobRunner(QObject):
    """Runs one job at a time with a modal progress dialog.

    Exactly one of finished(result), failed(exception) or cancelled() follows start(). A job
    that fails after Cancel was pressed counts as cancelled (the core raises its own
    "cancelled" exception, whatever its class)."""

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._runner = TaskRunner(self)
        self._runner.progressed.connect(self._progressed)
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)
        self._dialog: QProgressDialog | None = None
        self._cancel_pressed = False

    def is_running(self) -> bool:
        return self._runner.is_running()

    def start(self, label: str, job: Work) -> None:
        """Start `job`; `label` says what is being done (translated by the caller)."""
        self._cancel_pressed = False
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setLabelText(label)
        dialog.setCancelButtonText(_("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)  # busy until the first progress report
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._runner.start(job)

    def cancel(self) -> None:
        self._cancel_pressed = True
        if self._dialog is not None:
            self._dialog.setLabelText(_("Cancelling…"))
        self._runner.cancel()

    def wait(self) -> None:
        """Cancel a running job and wait for its thread (the window is closing)."""
        if self._runner.is_running():
            self._cancel_pressed = True
            self._runner.wait()
            self._close_dialog()

    def _progressed(self, done: int, total: int) -> None:
        if self._dialog is None or self._cancel_pressed:
            return
        if total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(min(done, total))

    def _close_dialog(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()

    def _succeeded(self, result: object) -> None:
        self._close_dialog()
        self.finished.emit(result)

    def _failed(self, exc: object) -> None:
        self._close_dialog()
        if self._cancel_pressed:
            self.cancelled.emit()
        else:
            self.failed.emit(exc)

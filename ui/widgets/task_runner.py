"""Long work (reading a big list, importing it) off the GUI thread, with progress and Cancel.

The work is a plain function work(progress, cancel) from the core; results come back to the
GUI thread through queued signals, so widgets are only ever touched there."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, cancel_event: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = cancel_event

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.cancel_event.is_set)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs one task at a time. Signals arrive in the thread that owns the runner (the GUI)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._cancel = threading.Event()

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, work: Work) -> None:
        assert self._thread is None, "one task at a time"
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self) -> None:
        """Block until the task ends (used when the dialog closes with a task running)."""
        if self._thread is not None:
            self._cancel.set()
            self._thread.quit()
            self._thread.wait()

    def _finish(self) -> None:
        # The result arrives (queued) while the worker may still be returning from run(): wait
        # for its thread to end BEFORE dropping the last references, or Python would delete the
        # worker under the running thread.
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread, self._worker = None, None

    def _on_succeeded(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._finish()
        self.failed.emit(exc)

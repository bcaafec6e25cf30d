"""An exception raised in a slot reaches the crash dialog (never a bare traceback), and the log
file gets the details."""

from __future__ import annotations

import logging
import logging.handlers
import sys

import pytest
from PySide6.QtWidgets import QPushButton

from hrdesk.logsetup import log_file_path, setup_logging
from ui.crash import CrashDialog, install_excepthook


@pytest.fixture
def log_file():
    """The program's rotating log in the test's own data folder, removed again afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    setup_logging()
    added = [h for h in root.handlers if h not in before]
    yield log_file_path()
    for handler in added:
        handler.close()
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def hook():
    saved = sys.excepthook
    yield
    sys.excepthook = saved


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_opens_the_crash_dialog_and_is_logged(
    qtbot, qapp, log_file, hook, capsys
):
    dialogs: list[CrashDialog] = []

    def show(details: str, log_path: str) -> None:
        # What the installed hook does, without the modal exec().
        dialog = CrashDialog(details, log_path)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)

    install_excepthook(log_file, show)

    def failing_slot() -> None:
        raise ZeroDivisionError("deliberate failure in a slot")

    button = QPushButton("go")
    qtbot.addWidget(button)
    button.clicked.connect(failing_slot)
    button.click()

    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert "Your data is safe" in dialog.text.text()
    assert log_file in dialog.log_label.text()
    assert "ZeroDivisionError: deliberate failure in a slot" in dialog.details
    assert "failing_slot" in dialog.details  # the traceback is in the details, for the admin
    assert not dialog.detail_box.isVisibleTo(dialog)  # ... hidden until asked for

    for handler in logging.getLogger().handlers:
        handler.flush()
    with open(log_file, encoding="utf-8") as f:
        logged = f.read()
    assert "unexpected error" in logged and "deliberate failure in a slot" in logged
    assert "Traceback" in logged

    err = capsys.readouterr().err
    assert "Traceback" not in err  # one line on stderr, pointing to the log
    assert "ZeroDivisionError" in err and log_file in err


@pytest.mark.qt_no_exception_capture
def test_the_crash_dialog_speaks_kyrgyz(qtbot, qapp, qt_language):
    from ui.language import switch_language

    dialog = CrashDialog("details", "/tmp/hrdesk.log")
    qtbot.addWidget(dialog)
    english = dialog.text.text()
    switch_language("ky", remember=False)
    assert dialog.text.text() != english
    assert "/tmp/hrdesk.log" in dialog.log_label.text()

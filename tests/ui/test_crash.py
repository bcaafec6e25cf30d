from __future__ import annotations

from ui.crash import CrashDialog, _Hook


def test_unexpected_error_opens_the_crash_dialog_with_details(qtbot, qapp):
    shown = []
    hook = _Hook("/tmp/hrdesk.log", lambda details, log_path: shown.append((details, log_path)))
    try:
        raise ValueError("boom")
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "ValueError: boom" in shown[0][0] and shown[0][1] == "/tmp/hrdesk.log"


def test_crash_dialog_says_data_is_safe_and_copies_details(qtbot, qapp):
    dialog = CrashDialog("Traceback: details", "/tmp/hrdesk.log")
    qtbot.addWidget(dialog)
    assert "Your data is safe" in dialog.text.text()
    assert "/tmp/hrdesk.log" in dialog.log_label.text()
    assert not dialog.detail_box.isVisibleTo(dialog)
    dialog.toggle.setChecked(True)
    assert dialog.detail_box.isVisibleTo(dialog)
    dialog.copy_details()
    assert "Traceback: details" in qapp.clipboard().text()

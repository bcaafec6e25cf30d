"""What every editing dialog shares: texts translated at run time, problems shown next to their
fields, Ctrl+S to save and Esc that asks before throwing edits away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.rules import Problem, Severity
from hrdesk.i18n import N_, _
from ui.widgets.field_error import ErrorLabel, FieldWithError


def four_digit_edit(text: str = "") -> QLineEdit:
    """A short field that takes up to four digits (hours, a year)."""
    edit = QLineEdit(text)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), edit))
    edit.setMaximumWidth(80)
    return edit


def make_form() -> QFormLayout:
    """A form that wraps long (Kyrgyz, Russian) labels above their field instead of clipping."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class EditDialog(QDialog):
    """Base of the register's dialogs. Subclasses build widgets, then call finish_setup(), and
    implement retranslate_texts(), is_dirty() and save() -> bool."""

    def __init__(self, messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages = messages
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self.fields: dict[str, FieldWithError] = {}
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.on_save)

    # --- texts ------------------------------------------------------------------------------

    def text(self, setter: Callable[[str], None], source: str) -> None:
        """Set a translated text now and again on every language change."""
        self._texts.append((setter, source))
        setter(_(source))

    def label(self, source: str, buddy: QWidget | None = None) -> QLabel:
        # No word wrap: QFormLayout gives wrapped labels too little height; WrapLongRows puts
        # a long label above its field instead.
        widget = QLabel()
        if buddy is not None:
            widget.setBuddy(buddy)
        self.text(widget.setText, source)
        return widget

    def add_row(self, form: QFormLayout, name: str, source: str, field: QWidget) -> FieldWithError:
        """A form row whose field has an error line; name is the Problem.field it answers to."""
        wrapped = FieldWithError(field)
        self.fields[name] = wrapped
        form.addRow(self.label(source, field), wrapped)
        return wrapped

    def retranslate(self) -> None:
        for setter, source in self._texts:
            setter(_(source))
        for which, source in (
            (QDialogButtonBox.StandardButton.Save, N_("Save")),
            (QDialogButtonBox.StandardButton.Cancel, N_("Cancel")),
            (QDialogButtonBox.StandardButton.Close, N_("Close")),
        ):
            button = self.buttons.button(which)
            if button is not None:
                button.setText(_(source))
        self.retranslate_texts()

    def retranslate_texts(self) -> None:
        """Texts that are not plain labels (combos, computed values)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self._fit_wrapped_text()
        return handled

    def _fit_wrapped_text(self) -> None:
        """Qt gives a dialog the minimum height of its layout without the height its word-wrapped
        texts need at the dialog's width (Approve's note overlapped the date above it, an error
        shown later did too): keep at least that height."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    # --- problems ---------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for wrapped in self.fields.values():
            wrapped.error.clear_error()
        self.general_error.clear_error()

    def show_problems(self, problems: list[Problem]) -> None:
        """Each message next to its field (others at the top); focus on the first bad field."""
        self.clear_problems()
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        general = []
        first: QWidget | None = None
        for name, texts in by_field.items():
            wrapped = self.fields.get(name)
            if wrapped is None:
                general += texts
                continue
            warning = all(p.severity == Severity.WARNING for p in problems if p.field == name)
            wrapped.error.show_error("\n".join(texts), warning=warning)
            if first is None:
                first = wrapped
        if general:
            self.general_error.show_error("\n".join(general))
        target = self._first_in_order(by_field) or first
        if target is not None:
            self.reveal(target)
            target.setFocus()

    def _first_in_order(self, by_field: dict[str, list[str]]) -> QWidget | None:
        for name, wrapped in self.fields.items():  # the order the fields were added
            if name in by_field:
                return wrapped
        return None

    def reveal(self, widget: QWidget) -> None:
        """Make a field visible before focusing it (a tab page, for instance)."""

    # --- saving and leaving -----------------------------------------------------------------

    def is_dirty(self) -> bool:
        return False

    def save(self) -> bool:
        raise NotImplementedError

    def run_change(self, change: Callable[[], Changes]) -> Changes | None:
        """Run a change of the core. If the core refuses it, show why (problems next to their
        fields, any other error in a message box) and return None."""
        try:
            return change()
        except errors.ValidationFailed as exc:
            self.show_problems(exc.problems)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
        return None

    def on_save(self) -> None:
        if self.save():
            self.accept()

    def reject(self) -> None:
        if self.is_dirty() and not self.messages.confirm(
            _("Close without saving? The changes you typed will be lost.")
        ):
            return
        super().reject()

"""The trainee's feedback on a course (five ratings and a comment) as a group box of an
editing dialog; the training dialog and the plan's "done" dialog both ask it."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLineEdit

from hrdesk.domain.models import Feedback
from hrdesk.i18n import N_
from ui.dialogs.common import EditDialog, make_form
from ui.widgets.rating_combo import RatingCombo

RATINGS = (
    ("relevance", N_("&Relevance to the job:")),
    ("trainer", N_("&Trainer's competence:")),
    ("practice", N_("Share of &practice:")),
    ("language_fit", N_("Lan&guage fit:")),
    ("overall", N_("O&verall:")),
)


class FeedbackFields:
    """Adds its rows to `dialog` (so problems show at them); put `box` in the layout."""

    def __init__(self, dialog: EditDialog) -> None:
        self.ratings = {name: RatingCombo() for name, _source in RATINGS}
        self.comment = QLineEdit()
        self.box = QGroupBox()
        dialog.text(self.box.setTitle, N_("Trainee's feedback (1 = poor, 5 = excellent)"))
        form = make_form()
        for name, source in RATINGS:
            dialog.add_row(form, name, source, self.ratings[name])
        dialog.add_row(form, "comment", N_("Co&mment:"), self.comment)
        self.box.setLayout(form)

    def feedback(self) -> Feedback:
        return Feedback(
            **{name: combo.value() for name, combo in self.ratings.items()},
            comment=self.comment.text().strip(),
        )

    def set_feedback(self, feedback: Feedback) -> None:
        for name, combo in self.ratings.items():
            combo.setValue(getattr(feedback, name))
        self.comment.setText(feedback.comment)

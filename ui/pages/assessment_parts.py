"""Parts of the assessment page: a multiple-choice question, the season combo, and one
requested course picked from the catalogue with search (free text allowed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from hrdesk.domain.assessment import (
    ANSWERS,
    QUESTION_TEXTS,
    CourseRequest,
    Question,
    Season,
    answer_label,
)
from hrdesk.domain.assessment import label as assessment_label
from hrdesk.domain.catalogue import Course
from hrdesk.domain.eligibility import Finding
from hrdesk.i18n import _
from ui.models.request_models import findings_html

OTHER = "other"


class QuestionBox(QGroupBox):
    """One multiple-choice question of the survey; "other" takes a text."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.boxes: dict[str, QCheckBox] = {}
        # The long lists in two columns (filled down, then across) keep the page short enough
        # to reach the requested courses; the duties' answers are too long to pair up.
        layout = QGridLayout(self)
        layout.setVerticalSpacing(2)
        answers = [code for code in ANSWERS[question] if code != OTHER]
        columns = 1 if question == Question.OBSTACLES_DUTIES else 2
        per_column = (len(answers) + columns - 1) // columns
        for code in ANSWERS[question]:
            box = QCheckBox()
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[code] = box
        for i, code in enumerate(answers):
            layout.addWidget(self.boxes[code], i % per_column, i // per_column)
        self.other_text = QLineEdit()
        self.other_text.textEdited.connect(self._other_typed)
        if OTHER in self.boxes:
            row = QHBoxLayout()
            row.addWidget(self.boxes[OTHER])
            row.addWidget(self.other_text, 1)
            layout.addLayout(row, per_column, 0, 1, 2)
        else:
            self.other_text.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_(QUESTION_TEXTS[self.question]))
        for code, box in self.boxes.items():
            box.setText(answer_label(self.question, code) + (":" if code == OTHER else ""))
        self.other_text.setPlaceholderText(_("what exactly"))

    def _other_typed(self, text: str) -> None:
        if OTHER in self.boxes and text.strip() and not self.boxes[OTHER].isChecked():
            self.boxes[OTHER].setChecked(True)
        self.changed.emit()

    def value(self) -> tuple[set[str], str]:
        chosen = {code for code, box in self.boxes.items() if box.isChecked()}
        other = self.other_text.text().strip() if OTHER in chosen else ""
        return chosen, other

    def set_value(self, chosen: set[str], other: str) -> None:
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in chosen)
            box.blockSignals(False)
        self.other_text.setText(other)


class SeasonCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.addItem("", None)
        for season in Season:
            self.addItem("", season.value)
        self.retranslate()

    def retranslate(self) -> None:
        self.setItemText(0, _("— not set —"))
        for i, season in enumerate(Season, 1):
            self.setItemText(i, assessment_label(season))

    def value(self) -> Season | None:
        code = self.currentData()
        return Season(code) if code else None

    def setValue(self, season: Season | None) -> None:  # noqa: N802
        self.setCurrentIndex(max(self.findData(season.value if season else None), 0))


# --- requested courses ------------------------------------------------------------------------


class CourseCombo(QComboBox):
    """Courses as "CODE — title", searched by any part of the text; any other text is a
    free-text request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.courses: list[Course] = []
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    @staticmethod
    def course_text(course: Course) -> str:
        return f"{course.code} — {course.title.get()}"

    def set_courses(self, courses: list[Course]) -> None:
        code, free = self.resolve()
        self.blockSignals(True)
        self.clear()
        self.courses = list(courses)
        for course in self.courses:
            self.addItem(self.course_text(course), course.code)
        self.blockSignals(False)
        self.set_choice(code, free)

    def resolve(self) -> tuple[str | None, str]:
        """(course code, "") for a catalogue course, (None, text) for free text, (None, "")
        when empty."""
        text = " ".join(self.currentText().split())
        if not text:
            return None, ""
        at = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if at >= 0:
            return self.itemData(at), ""
        head = text.split()[0].rstrip("—-:,.;").upper()
        for course in self.courses:
            if course.code.upper() == head:
                return course.code, ""
        return None, text

    def set_choice(self, course_code: str | None, free_text: str) -> None:
        if course_code is not None:
            at = self.findData(course_code)
            if at >= 0:
                self.setCurrentIndex(at)
                self.setEditText(self.itemText(at))
                return
            self.setEditText(course_code)
            return
        self.setCurrentIndex(-1)
        self.setEditText(free_text)


class RequestRow(QWidget):
    """One requested course: its priority, the course, a free-text mark and the findings."""

    changed = Signal()

    def __init__(self, priority: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.priority = priority
        self.loaded: CourseRequest | None = None  # as saved: keeps its uid and endorsement
        self.number = QLabel(f"{priority}.")
        self.course = CourseCombo()
        self.number.setBuddy(self.course)
        self.mark = QLabel()
        self.endorsement = QLabel()
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.course.editTextChanged.connect(lambda _text: self.changed.emit())
        self.course.currentIndexChanged.connect(lambda _i: self.changed.emit())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.course, 0, 1)
        grid.addWidget(self.mark, 0, 2)
        grid.addWidget(self.endorsement, 0, 3)
        grid.addWidget(self.findings, 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)

    def set_request(self, request: CourseRequest | None) -> None:
        self.loaded = request
        self.course.blockSignals(True)
        if request is None:
            self.course.set_choice(None, "")
        else:
            self.course.set_choice(request.course_code, request.free_text)
        self.course.blockSignals(False)

    def request(self) -> CourseRequest | None:
        """What the row asks for now, keeping the saved request when it is unchanged."""
        code, free = self.course.resolve()
        if code is None and not free:
            return None
        loaded = self.loaded
        if (
            loaded is not None
            and loaded.course_code == code
            and (code is not None or loaded.free_text == free)
        ):
            return loaded
        return CourseRequest(priority=self.priority, course_code=code, free_text=free)

    def show_state(self, findings: list[Finding]) -> None:
        code, free = self.course.resolve()
        self.mark.setText(_("free text, not from the catalogue") if free else "")
        self.mark.setToolTip(_("MKK counts it apart from the catalogue courses") if free else "")
        request = self.request()
        if request is not None and request.uid and request.endorsement.value != "pending":
            self.endorsement.setText(assessment_label(request.endorsement))
        else:
            self.endorsement.setText("")
        self.findings.setText(findings_html(findings) if (code or free) else "")
        self.findings.setVisible(bool(code or free) and bool(findings))

"""Assess one person on one keyboard-friendly page: competency ratings, the three
multiple-choice questions, preferences and up to five requested courses with their
eligibility findings. Ctrl+Enter saves and opens the next person; a half-done assessment is
saved as a draft."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.changes import Changes
from hrdesk.domain.assessment import MAX_REQUESTS, Assessment, Question
from hrdesk.domain.eligibility import check_request
from hrdesk.domain.enums import Language, TrainingFormat
from hrdesk.domain.models import StaffMember, TrainingRecord
from hrdesk.i18n import _
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository
from ui.messages import MessageService
from ui.models.cycle_models import CyclePerson, cycle_people, state_label
from ui.models.rating_model import RatingModel
from ui.pages.assessment_parts import QuestionBox, RequestRow, SeasonCombo
from ui.pages.base import Page
from ui.pages.cycle_combo import CycleCombo
from ui.pages.rating_grid import RatingGrid
from ui.widgets.enum_combo import EnumCombo


class AssessmentPage(Page):
    def __init__(
        self, database: Database, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(database, messages, parent)
        self.assessment: Assessment | None = None
        self.member: StaffMember | None = None
        self.trainings: list[TrainingRecord] = []
        self.people: list[CyclePerson] = []
        self.dirty = False
        self._loading = False
        self._build()
        self.retranslate()
        self.reload_people()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.cycle_label = QLabel()
        self.cycle = CycleCombo(self.database)
        self.cycle_label.setBuddy(self.cycle)
        self.person_label = QLabel()
        self.person = QComboBox()
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # It stretches; 28 characters at least made the window too wide for 1,024 px in Kyrgyz.
        self.person.setMinimumContentsLength(16)
        self.person_label.setBuddy(self.person)
        self.state = QLabel()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.save_and_next)
        self.note = QLabel()
        self.note.setWordWrap(True)

        self.ratings = RatingModel(self)
        self.grid = RatingGrid(self.ratings)
        self.ratings.dataChanged.connect(lambda *_a: self._edited())
        self.grid.completed.connect(self._after_ratings)
        self.ratings_box = QGroupBox()
        self.ratings_hint = QLabel()
        self.ratings_hint.setWordWrap(True)
        box = QVBoxLayout(self.ratings_box)
        box.addWidget(self.ratings_hint)
        box.addWidget(self.grid)
        box.addStretch(1)

        self.questions = {q: QuestionBox(q) for q in Question}
        for question_box in self.questions.values():
            question_box.changed.connect(self._edited)

        self.preferences_box = QGroupBox()
        self.format = EnumCombo(TrainingFormat)
        self.language = EnumCombo(Language)
        self.season = SeasonCombo()
        for combo in (self.format, self.language, self.season):
            combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.preferences = QHBoxLayout(self.preferences_box)
        self.format_label, self.language_label, self.season_label = QLabel(), QLabel(), QLabel()
        for label, combo in (
            (self.format_label, self.format),
            (self.language_label, self.language),
            (self.season_label, self.season),
        ):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            self.preferences.addWidget(label)
            self.preferences.addWidget(combo, 1)

        self.requests_box = QGroupBox()
        self.requests_hint = QLabel()
        self.requests_hint.setWordWrap(True)
        self.request_rows = [RequestRow(i) for i in range(1, MAX_REQUESTS + 1)]
        requests = QVBoxLayout(self.requests_box)
        requests.addWidget(self.requests_hint)
        for i, row in enumerate(self.request_rows):
            row.changed.connect(self._request_edited)
            requests.addWidget(row)
            for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
                move = QShortcut(QKeySequence(keys), row)
                move.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                move.activated.connect(lambda i=i, step=step: self.move_request(i, step))

        questions = QVBoxLayout()
        for question_box in self.questions.values():
            questions.addWidget(question_box)
        questions.addWidget(self.preferences_box)
        questions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.ratings_box)
        left.addStretch(1)
        # Side by side when the page is wide enough for both, else the questions under the
        # ratings (a 1,024-pixel screen): never a sideways scroll (_fit_columns).
        self.upper = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.upper.addLayout(left, 1)
        self.upper.addLayout(questions, 1)
        self.form = QWidget()
        content = QVBoxLayout(self.form)
        content.addLayout(self.upper)
        content.addWidget(self.requests_box)
        content.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.form)
        self.scroll.viewport().installEventFilter(self)

        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle)
        top.addSpacing(12)
        top.addWidget(self.person_label)
        top.addWidget(self.person, 1)
        top.addWidget(self.save_button)
        top.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.note)
        layout.addWidget(self.scroll, 1)

        self.person.currentIndexChanged.connect(self._person_chosen)
        self.cycle.cycle_changed.connect(lambda _year: self._cycle_chosen())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save_and_next)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        # Keyboard order: person, ratings, questions, preferences, requests, save.
        chain: list[QWidget] = [self.cycle, self.person, self.grid]
        for question_box in self.questions.values():
            chain.extend(question_box.boxes[c] for c in question_box.boxes if c != "other")
            if "other" in question_box.boxes:
                chain.extend((question_box.boxes["other"], question_box.other_text))
        chain.extend((self.format, self.language, self.season))
        chain.extend(row.course for row in self.request_rows)
        chain.extend((self.save_button, self.next_button))
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _after_ratings(self) -> None:
        first = next(iter(self.questions[Question.OBSTACLES_DUTIES].boxes.values()))
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        # From minimum sizes, which do not follow the current width (the ratings grid's size
        # hint does, and would keep the page stacked once it was).
        margins = self.form.layout().contentsMargins()
        questions = (*self.questions.values(), self.preferences_box)
        both = (
            self.ratings_box.minimumSizeHint().width()
            + max(box.minimumSizeHint().width() for box in questions)
            + self.upper.spacing()
            + margins.left()
            + margins.right()
        )
        direction = (
            QBoxLayout.Direction.LeftToRight
            if self.scroll.viewport().width() >= both
            else QBoxLayout.Direction.TopToBottom
        )
        if self.upper.direction() != direction:
            self.upper.setDirection(direction)

    def retranslate(self) -> None:
        self.cycle_label.setText(_("C&ycle:"))
        self.cycle.retranslate()
        self.person_label.setText(_("&Person:"))
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S); a half-done assessment is kept as a draft"))
        self.next_button.setText(_("Save and &next person"))
        self.next_button.setToolTip(_("Save and open the next person (Ctrl+Enter)"))
        self.ratings_box.setTitle(_("Competencies"))
        self.ratings_hint.setText(
            _(
                "Rate how important each competency is for the job and how well it is performed "
                "today, 1 (low) to 5 (high). Type 1–5 to rate and move on; arrows move; 0 clears."
            )
        )
        self.ratings.retranslate()
        for question_box in self.questions.values():
            question_box.retranslate()
        self.preferences_box.setTitle(_("Preferences"))
        self.format_label.setText(_("&Format:"))
        self.language_label.setText(_("&Language:"))
        self.season_label.setText(_("Sea&son:"))
        for combo in (self.format, self.language, self.season):
            combo.retranslate()
        self.requests_box.setTitle(_("Requested courses, in order of priority"))
        self.requests_hint.setText(
            _(
                "Type a code or any words of the title and pick from the list; text that matches "
                "no course is kept as a free-text request."
            )
            + " "
            + _("Ctrl+Up and Ctrl+Down change the order.")
        )
        if self._catalogue_loaded():
            courses = CatalogueRepository(self.database).courses()
            for row in self.request_rows:
                row.course.blockSignals(True)
                row.course.set_courses(courses)
                row.course.blockSignals(False)
        self._fill_person_texts()
        self._show_state()
        self._show_findings()
        # Other words, other widths: side by side or stacked anew, once the texts are laid out.
        QTimer.singleShot(0, self, self._fit_columns)  # not after the page is gone

    def _catalogue_loaded(self) -> bool:
        return bool(self.request_rows[0].course.courses)

    # --- people -----------------------------------------------------------------------------

    def reload_people(self) -> None:
        """The people of the cycle, keeping the one shown."""
        year = self.cycle.year()
        keep = self.member.id if self.member else None
        self.people = cycle_people(self.database, year, self.office_id) if year is not None else []
        self.person.blockSignals(True)
        self.person.clear()
        for person in self.people:
            self.person.addItem("", person.member.id)
        self._fill_person_texts()
        at = self.person.findData(keep) if keep is not None else -1
        self.person.setCurrentIndex(at if at >= 0 else (0 if self.people else -1))
        self.person.blockSignals(False)
        if not self._catalogue_loaded():
            courses = CatalogueRepository(self.database).courses()
            for row in self.request_rows:
                row.course.set_courses(courses)
        if self.person.currentData() != keep or self.assessment is None:
            self._load_current()
        self._show_state()

    def _fill_person_texts(self) -> None:
        for i, person in enumerate(self.people):
            parts = [person.member.full_name]
            if person.unit_name:
                parts.append(person.unit_name)
            self.person.setItemText(i, " — ".join(parts) + f"  [{state_label(person.state)}]")

    def open(self, year: int, staff_id: int) -> bool:
        """Show the assessment of `staff_id` in the cycle `year` (saving the one shown)."""
        if not self._leave_current():
            return False
        self.dirty = False
        self.cycle.set_year(year)
        at = self.person.findData(staff_id)
        if at < 0:
            return False
        self.person.blockSignals(True)
        self.person.setCurrentIndex(at)
        self.person.blockSignals(False)
        self._load_current()
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _cycle_chosen(self) -> None:
        if self._leave_current():
            self.assessment = None
            self.reload_people()

    def _person_chosen(self, _index: int) -> None:
        if not self._leave_current():
            back = self.person.findData(self.member.id if self.member else None)
            self.person.blockSignals(True)
            self.person.setCurrentIndex(back)
            self.person.blockSignals(False)
            return
        self._load_current()

    def _leave_current(self) -> bool:
        """Before showing someone else: keep what was typed as a draft."""
        return self.save() if self.dirty else True

    # --- load -------------------------------------------------------------------------------

    def _load_current(self) -> None:
        year = self.cycle.year()
        staff_id = self.person.currentData()
        self._loading = True
        try:
            catalogue = CatalogueRepository(self.database)
            self.ratings.set_competencies(catalogue.competencies())
            if year is None or staff_id is None:
                self.assessment, self.member, self.trainings = None, None, []
            else:
                staff = StaffRepository(self.database)
                self.member = staff.get(staff_id)
                self.trainings = staff.trainings(staff_id)
                self.assessment = AssessmentRepository(self.database).get(
                    year, staff_id
                ) or Assessment(cycle=year, staff_id=staff_id)
            self._show_assessment()
        finally:
            self._loading = False
        self.dirty = False
        self.form.setEnabled(self.assessment is not None)
        self.save_button.setEnabled(self.assessment is not None)
        self.next_button.setEnabled(self.assessment is not None)
        self._show_state()
        self._show_findings()
        self.grid.start()
        self.scroll.verticalScrollBar().setValue(0)

    def _show_assessment(self) -> None:
        a = self.assessment or Assessment(cycle=0, staff_id=0)
        self.ratings.set_ratings(a.ratings)
        for question, question_box in self.questions.items():
            question_box.set_value(a.answers.get(question, set()), a.other_texts.get(question, ""))
        self.format.setValue(a.preferred_format)
        self.language.setValue(a.preferred_language)
        self.season.setValue(a.preferred_season)
        by_priority = sorted(a.requests, key=lambda r: r.priority)
        for i, row in enumerate(self.request_rows):
            row.set_request(by_priority[i] if i < len(by_priority) else None)

    # --- state ------------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.dirty = True
            self._show_state()

    def _request_edited(self) -> None:
        self._edited()
        if not self._loading:
            self._show_findings()

    def _show_state(self) -> None:
        if self.cycle.year() is None:
            self.note.setText(_("No cycle is open yet: open the cycle on the Progress tab."))
        elif not self.people:
            self.note.setText(_("Nobody to assess: the register has no active staff."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        if self.assessment is None:
            self.state.setText("")
            return
        total = self.ratings.rowCount()
        text = _("{answered} of {total} competencies rated").format(
            answered=self.ratings.answered(), total=total
        )
        if self.dirty:
            text += " · " + _("not saved")
        elif self.assessment.id is not None:
            text += " · " + state_label(self.assessment.status.value)
        self.state.setText(text)

    def _show_findings(self) -> None:
        if self.member is None:
            for row in self.request_rows:
                row.show_state([])
            return
        courses = CatalogueRepository(self.database).course_map()
        years = ops.training_gap_years(self.database)
        today = dt.date.today()
        for row in self.request_rows:
            code, _free = row.course.resolve()
            course = courses.get(code) if code else None
            row.show_state(check_request(self.member, course, self.trainings, today, years))

    def move_request(self, index: int, step: int) -> None:
        """Swap request `index` with its neighbour (priority up or down); the focus follows."""
        other = index + step
        if not 0 <= other < len(self.request_rows):
            return
        first, second = self.request_rows[index], self.request_rows[other]
        a, b = (first.request(), first.loaded), (second.request(), second.loaded)
        for row, (request, loaded) in ((first, b), (second, a)):
            row.set_request(request)
            row.loaded = loaded
        self._request_edited()
        second.course.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- save -------------------------------------------------------------------------------

    def collect(self) -> Assessment | None:
        """The assessment as the page shows it (not saved)."""
        if self.assessment is None:
            return None
        a = self.assessment
        result = Assessment(
            cycle=a.cycle,
            staff_id=a.staff_id,
            uid=a.uid,
            id=a.id,
            status=a.status,
            assessed_on=a.assessed_on or dt.date.today(),
        )
        result.ratings = self.ratings.ratings()
        for question, question_box in self.questions.items():
            chosen, other = question_box.value()
            if chosen:
                result.answers[question] = chosen
            if other:
                result.other_texts[question] = other
        result.preferred_format = self.format.value()  # type: ignore[assignment]
        result.preferred_language = self.language.value()  # type: ignore[assignment]
        result.preferred_season = self.season.value()
        requests = [r for r in (row.request() for row in self.request_rows) if r is not None]
        for priority, request in enumerate(requests, 1):
            request.priority = priority
        result.requests = requests
        return result

    def save(self) -> bool:
        """Save what is shown (complete when every competency is rated, else a draft)."""
        assessment = self.collect()
        if assessment is None:
            return True
        try:
            changes = ops.save_assessment(self.database, assessment)
        except errors.HrdeskError as exc:
            self.messages.error(exc.message)
            return False
        self.assessment = assessment
        self.dirty = False
        for i, row in enumerate(self.request_rows):
            row.loaded = assessment.requests[i] if i < len(assessment.requests) else None
        for i, person in enumerate(self.people):
            if person.member.id == assessment.staff_id:
                self.people[i] = CyclePerson(
                    person.member, person.unit_name, assessment.status.value
                )
        self._fill_person_texts()
        self._show_state()
        self.changed.emit(changes)  # the page shows it already; the others refresh
        return True

    def save_and_next(self) -> bool:
        """Save and show the next person of the list."""
        if not self.save():
            return False
        at = self.person.currentIndex()
        if at + 1 >= self.person.count():
            self.messages.info(_("That was the last person of the list."))
            return True
        self.person.blockSignals(True)
        self.person.setCurrentIndex(at + 1)
        self.person.blockSignals(False)
        self._load_current()
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def refresh(self, changes: Changes) -> None:
        if changes.catalogue:
            courses = CatalogueRepository(self.database).courses()
            for row in self.request_rows:
                row.course.set_courses(courses)
        if changes.assessments:
            self.cycle.reload()
        if changes.staff_added or changes.units or changes.staff_ids or changes.assessments:
            if not self.dirty:
                self.assessment = None
            self.reload_people()

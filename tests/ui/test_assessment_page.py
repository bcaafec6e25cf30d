"""The assessment page: filled in with the keyboard only, saved, next person; drafts; bad input."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register
from helpers.typing import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from hrdesk import assessment as ops
from hrdesk.domain.assessment import AssessmentStatus, Question
from hrdesk.domain.enums import TrainingFormat
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository
from ui.models.rating_model import COMPETENCY, IMPORTANCE, PERFORMANCE, RatingModel
from ui.pages.assessment_page import AssessmentPage
from ui.pages.cycle_page import CyclePage
from ui.pages.needs_page import NeedsPage

CYCLE = 2027

# The course search's popup makes Qt's offscreen platform say what it cannot do.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise|grabbing the keyboard)"
)


def _page(qtbot, database, messages, people=3) -> tuple[AssessmentPage, list[int]]:
    ids = fill_register(database, people, with_education=True)
    ops.open_cycle(database, CYCLE)
    page = AssessmentPage(database, messages)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    return page, ids


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab_to(qtbot, target: QWidget, limit: int = 80) -> None:
    """Press Tab until `target` (or its focus proxy's owner) has the focus."""
    for _step in range(limit):
        focused = _focused()
        if focused is target or target.isAncestorOf(focused):
            return
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def test_keyboard_only_assessment_then_next_person(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    first = page.person.currentData()
    codes = CatalogueRepository(office_database).competency_codes()
    page.grid.setFocus()
    assert _focused() is page.grid
    for _code in codes:
        qtbot.keyClick(page.grid, Qt.Key.Key_4)
        qtbot.keyClick(page.grid, Qt.Key.Key_2)
    # The last rating moves the focus on to the first answer of the first question.
    duties = page.questions[Question.OBSTACLES_DUTIES]
    assert _focused() is duties.boxes["outside_job_description"]
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    _tab_to(qtbot, duties.boxes["lack_of_experience"])
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    _tab_to(qtbot, duties.other_text)
    type_text(_focused(), "кабинет жок")
    growth = page.questions[Question.GROWTH_NEEDS]
    _tab_to(qtbot, growth.boxes["courses"])
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    _tab_to(qtbot, page.format)
    qtbot.keyClick(_focused(), Qt.Key.Key_Down)
    _tab_to(qtbot, page.request_rows[0].course)
    qtbot.keyClicks(_focused(), "MKK-2026-05")
    _tab_to(qtbot, page.request_rows[1].course)
    type_text(_focused(), "Excel курсу")
    assert page.request_rows[1].mark.text()  # marked as free text
    assert not page.request_rows[0].mark.text()
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert messages.shown == []
    saved = AssessmentRepository(office_database).get(CYCLE, first)
    assert saved is not None and saved.status == AssessmentStatus.COMPLETE
    assert {c: (r.importance, r.performance) for c, r in saved.ratings.items()} == {
        c: (4, 2) for c in codes
    }
    assert saved.answers[Question.OBSTACLES_DUTIES] == {
        "outside_job_description",
        "lack_of_experience",
        "other",
    }
    assert saved.other_texts[Question.OBSTACLES_DUTIES] == "кабинет жок"
    assert saved.answers[Question.GROWTH_NEEDS] == {"courses"}
    assert saved.preferred_format == TrainingFormat.IN_PERSON
    assert [(r.priority, r.course_code, r.free_text) for r in saved.requests] == [
        (1, "MKK-2026-05", ""),
        (2, None, "Excel курсу"),
    ]
    # On to the next person, with an empty form and the cursor in the grid.
    assert page.person.currentData() != first
    assert page.ratings.ratings() == {}
    assert _focused() is page.grid


def test_half_done_is_a_draft_and_switching_person_keeps_it(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    first = page.person.currentData()
    page.grid.setFocus()
    for key in (Qt.Key.Key_5, Qt.Key.Key_1, Qt.Key.Key_3):
        qtbot.keyClick(page.grid, key)
    assert page.dirty
    qtbot.keyClick(page.person, Qt.Key.Key_Down)  # another person: the typed ratings are kept
    saved = AssessmentRepository(office_database).get(CYCLE, first)
    assert saved is not None and saved.status == AssessmentStatus.DRAFT
    first_code = page.ratings.competencies[0].code
    second_code = page.ratings.competencies[1].code
    assert (saved.ratings[first_code].importance, saved.ratings[first_code].performance) == (5, 1)
    assert saved.ratings[second_code].importance == 3
    assert saved.ratings[second_code].performance is None
    # Back to the first person: the draft is shown again.
    qtbot.keyClick(page.person, Qt.Key.Key_Up)
    assert page.person.currentData() == first
    assert page.ratings.rating(0, IMPORTANCE) == 5 and page.ratings.rating(0, PERFORMANCE) == 1
    assert "draft" in page.state.text()


def test_ctrl_s_saves_and_zero_clears(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_4)
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)  # back to importance
    qtbot.keyClick(page.grid, Qt.Key.Key_0)
    assert page.ratings.rating(0, IMPORTANCE) is None
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    qtbot.keyClick(page.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = AssessmentRepository(office_database).get(CYCLE, page.person.currentData())
    assert saved is not None
    assert saved.ratings[page.ratings.competencies[0].code].importance == 3


def test_the_same_course_twice_is_refused_and_nothing_saved(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    staff_id = page.person.currentData()
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_2)
    for row in page.request_rows[:2]:
        row.course.setFocus()
        qtbot.keyClicks(row.course, "MKK-2026-05")
    assert not page.save()
    assert messages.shown and messages.shown[-1][0] == "error"
    assert "MKK-2026-05 is requested twice" in messages.shown[-1][1]
    assert AssessmentRepository(office_database).get(CYCLE, staff_id) is None
    assert page.person.currentData() == staff_id and page.dirty


def test_ctrl_up_moves_a_request_up(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    first, second = page.request_rows[0], page.request_rows[1]
    first.course.setFocus()
    qtbot.keyClicks(first.course, "MKK-2026-05")
    second.course.setFocus()
    type_text(second.course, "Excel курсу")
    qtbot.keyClick(_focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert first.course.resolve() == (None, "Excel курсу")
    assert second.course.resolve() == ("MKK-2026-05", "")
    assert _focused() is first.course or first.course.isAncestorOf(_focused())
    assert page.save()
    saved = AssessmentRepository(office_database).get(CYCLE, page.person.currentData())
    assert [(r.priority, r.course_code) for r in saved.requests] == [(1, None), (2, "MKK-2026-05")]


def test_findings_next_to_each_request(qtbot, office_database, messages):
    page, _ids = _page(qtbot, office_database, messages)
    row = page.request_rows[0]
    row.course.setFocus()
    qtbot.keyClicks(row.course, "MKK-2026-01")
    # Nobody of the filled register has a training on record: a priority, said in words.
    assert "No training on record" in row.findings.text()
    assert row.findings.isVisibleTo(page)
    row.course.setEditText("")
    assert not row.findings.isVisibleTo(page)


def test_no_cycle_says_so_and_disables_the_form(qtbot, office_database, messages):
    fill_register(office_database, 2)
    page = AssessmentPage(office_database, messages)
    qtbot.addWidget(page)
    assert not page.form.isEnabled()
    assert "No cycle is open" in page.note.text()


def test_cycle_page_opens_a_cycle_and_assesses_the_selected_person(
    qtbot, office_database, messages
):
    ids = fill_register(office_database, 4)
    needs = NeedsPage(office_database, messages)
    qtbot.addWidget(needs)
    cycle_page: CyclePage = needs.cycle_page
    cycle_page.year.setValue(CYCLE)
    assert cycle_page.open_cycle()
    assert AssessmentRepository(office_database).cycle(CYCLE) is not None
    assert cycle_page.progress.totals().to_assess == 4
    assert not cycle_page.open_cycle()  # already open: the core's message
    assert "already open" in messages.shown[-1][1]
    cycle_page.people_table.selectRow(2)
    cycle_page.assess_current()
    assert needs.tabs.currentWidget() is needs.assessment_page
    assert needs.assessment_page.person.currentData() == cycle_page.people.staff_id(2)
    assert needs.assessment_page.person.currentData() in ids


def test_rating_model(qtmodeltester, office_database):
    model = RatingModel()
    model.set_competencies(CatalogueRepository(office_database).competencies())
    assert model.setData(model.index(0, IMPORTANCE), 5)
    assert not model.setData(model.index(0, PERFORMANCE), 6)
    qtmodeltester.check(model)


def test_language_switch_retranslates(qtbot, office_database, messages, qt_language):
    from ui.language import switch_language

    page, _ids = _page(qtbot, office_database, messages)
    first = page.ratings.competencies[0]
    title = page.ratings.index(0, COMPETENCY)
    assert page.ratings.data(title) == first.title.en
    switch_language("ru", remember=False)
    assert page.ratings.data(title) == first.title.ru
    assert first.title.ru in page.ratings.data(title)
    switch_language("en", remember=False)
    assert page.ratings.data(title) == first.title.en


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_no_sideways_scroll_on_a_narrow_page_and_two_columns_on_a_wide_one(
    qtbot, office_database, messages, language
):
    from PySide6.QtWidgets import QBoxLayout

    from hrdesk import i18n

    i18n.set_language(language)
    try:
        page, _ids = _page(qtbot, office_database, messages)
        page.resize(780, 700)  # the page beside the page list on a 1,024-pixel screen
        qtbot.waitUntil(lambda: not page.scroll.horizontalScrollBar().isVisible(), timeout=2000)
        assert page.upper.direction() == QBoxLayout.Direction.TopToBottom
        # Widened a little at a time, as by dragging the window's edge: side by side in the end.
        for width in range(800, 1800, 50):
            page.resize(width, 800)
            qtbot.wait(5)
            assert not page.scroll.horizontalScrollBar().isVisible(), width
        assert page.upper.direction() == QBoxLayout.Direction.LeftToRight
        for width in range(1750, 750, -50):
            page.resize(width, 800)
            qtbot.wait(5)
            assert not page.scroll.horizontalScrollBar().isVisible(), width
        assert page.upper.direction() == QBoxLayout.Direction.TopToBottom
    finally:
        i18n.set_language("en")


def test_progress_and_people_need_no_sideways_scrolling_on_a_1024_pixel_screen(
    qtbot, office_database, messages
):
    fill_register(office_database, 6)
    # Names as long as offices have them.
    office_database.execute("UPDATE units SET name = name || ': экономика жана инвестициялар'")
    office_database.execute(
        "UPDATE staff SET position_title = "
        "'Райондук мамлекеттик администрациянын башчысынын биринчи орун басары'"
    )
    ops.open_cycle(office_database, CYCLE)
    needs = NeedsPage(office_database, messages)
    qtbot.addWidget(needs)
    needs.resize(790, 620)  # what the page gets of a 1,024-pixel window
    needs.show()
    qtbot.waitExposed(needs)
    page: CyclePage = needs.cycle_page
    page.load()
    qtbot.wait(50)
    assert page.progress.rowCount() > 1 and page.people.rowCount() == 6
    for table in (page.progress_table, page.people_table):
        assert table.horizontalScrollBar().maximum() == 0
    # The long texts are shortened, not hidden: each is whole in its tooltip.
    position = page.people.index(0, 2)
    assert page.people.data(position, Qt.ItemDataRole.ToolTipRole).endswith("орун басары")

"""The training plan page: draft in one click, edit, approve and reopen, record what happened."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import shiboken6
from helpers.fixtures import fill_register
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from hrdesk import errors
from hrdesk.domain.enums import Funding
from hrdesk.domain.plan import EntryStatus, PlanEventKind
from hrdesk.planning import ops
from hrdesk.store.plans import PlanRepository
from hrdesk.store.staff import StaffRepository
from ui.models import plan_model
from ui.pages.plan_page import PlanPage

YEAR = 2027


def seed_requests(database, staff_ids, per_person=2, year=YEAR):
    """An assessment per person with endorsed requests for catalogue courses (plain SQL)."""
    courses = [r[0] for r in database.execute("SELECT code FROM courses ORDER BY position")]
    now = "2026-10-01T00:00:00+00:00"
    with database.transaction():
        database.execute("INSERT OR IGNORE INTO cycles(year, opened_at) VALUES (?, ?)",
                         (year, now))
        for n, staff_id in enumerate(staff_ids):
            cur = database.execute(
                "INSERT INTO assessments(uid, cycle, staff_id, status, preferred_format, "
                "preferred_language, preferred_season, created_at, updated_at) "
                "VALUES (?, ?, ?, 'complete', 'in_person', 'ky', 'spring', ?, ?)",
                (str(uuid.uuid4()), year, staff_id, now, now),
            )
            for p in range(1, per_person + 1):
                database.execute(
                    "INSERT INTO requests(uid, assessment_id, priority, course_code, "
                    "endorsement) VALUES (?, ?, ?, ?, 'endorsed')",
                    (f"req-{staff_id}-{p}", cur.lastrowid, p, courses[(n + p) % len(courses)]),
                )


@pytest.fixture
def database(office_database):
    ids = fill_register(office_database, 5, seed=3)
    seed_requests(office_database, ids)
    return office_database


@pytest.fixture
def page(qtbot, database, messages):
    widget = PlanPage(database, messages, year=YEAR)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    yield widget
    # No event loop runs the dialogs' deleteLater here; one left over would retranslate
    # against a closed database when a later test switches the language (and crash).
    for dialog in widget.findChildren(QDialog):
        shiboken6.delete(dialog)


class Answer:
    """Stands in for a dialog's exec(): fills the dialog, then saves it (like pressing Save)."""

    def __init__(self, page: PlanPage, fill) -> None:
        self.fill = fill
        page._dialog = self

    def __call__(self, dialog):
        self.dialog = dialog
        self.fill(dialog)
        saved = dialog.save()
        changes = dialog.changes if saved else None
        dialog.deleteLater()
        return changes


def db_lines(database):
    plan = ops.plan_for(database, YEAR)
    return PlanRepository(database).entries(plan.id) if plan else []


def shown_lines(page):
    m = page.model
    return [(m.index(r, plan_model.NAME).data(), m.index(r, plan_model.COURSE).data())
            for r in range(m.rowCount())]


def test_draft_in_one_click_shows_the_lines_of_the_database(page, database, qtmodeltester):
    assert page.model.rowCount() == 0
    assert not page.print_action.isEnabled()
    page.draft_button.click()
    lines = db_lines(database)
    assert len(lines) == 10
    assert [e.uid for e in page.model.entries] == [e.uid for e in lines]
    people = {m.id: m.full_name for m in StaffRepository(database).all()}
    assert [name for name, _course in shown_lines(page)] == [people[e.staff_id] for e in lines]
    assert "10 lines" in page.totals.text() and "0 done, 10 planned" in page.totals.text()
    assert page.print_action.isEnabled()
    qtmodeltester.check(page.model)


def test_draft_with_a_seat_limit_lists_what_did_not_fit(page, database):
    page.seats.setValue(1)
    page.draft_button.click()
    plan = ops.plan_for(database, YEAR)
    assert plan.limits.seats_per_course == 1
    assert plan.skipped, "with one seat per course some requests must be left out"
    assert page.skipped_box.isVisibleTo(page)
    assert page.skipped.count() == len(plan.skipped)
    assert "seats" in page.skipped.item(0).text()


def test_move_and_change_a_line(page, database):
    page.draft()
    first, second = page.model.entries[0].uid, page.model.entries[1].uid
    page.select_uid(first)
    page.down_action.trigger()
    assert [e.uid for e in db_lines(database)][:2] == [second, first]
    assert page.current_entry().uid == first  # the selection follows the line

    def fill(dialog):
        dialog.quarter.setCurrentIndex(dialog.quarter.findData(4))
        dialog.funding.setValue(Funding.DONOR)

    Answer(page, fill)
    page.edit_action.trigger()
    line = PlanRepository(database).entry(first)
    assert (line.quarter, line.funding, line.manual) == (4, Funding.DONOR, True)
    assert page.model.index(page.model.row_of(first), plan_model.QUARTER).data() == "4"


def test_bad_hours_are_refused_next_to_the_field_and_change_nothing(page, database):
    page.draft()
    entry = page.model.entries[0]
    page.select_uid(entry.uid)
    answer = Answer(page, lambda dialog: dialog.hours.setText("9999"))
    page.edit_action.trigger()
    assert "between 0 and 2000" in answer.dialog.fields["hours"].error.text()
    assert PlanRepository(database).entry(entry.uid).hours == entry.hours


def test_add_a_free_text_line_with_its_warnings_and_remove_it(page, database, messages):
    page.draft()
    member = StaffRepository(database).all()[0]

    def fill(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(member.id))
        dialog.course.setCurrentIndex(0)
        dialog.title_edit.setText("Тил курсу")
        dialog.hours.setText("24")

    answer = Answer(page, fill)
    page.add_action.trigger()
    # never trained: the N-year rule shows while the line is being made
    assert "⚠" in answer.dialog.warnings.text()
    added = db_lines(database)[-1]
    assert (added.title, added.hours, added.manual) == ("Тил курсу", 24, True)
    assert page.model.rowCount() == 11
    assert page.model.index(10, plan_model.WARNINGS).data().startswith("⚠")
    page.select_uid(added.uid)
    page.remove_action.trigger()
    assert messages.shown[-1][0] == "confirm"
    assert len(db_lines(database)) == 10 and page.model.rowCount() == 10


def test_approve_makes_the_plan_read_only_and_reopen_records_the_reason(page, database):
    page.draft()
    page.select_uid(page.model.entries[0].uid)

    def approve(dialog):
        dialog.head.setText("Асанов Нурлан")
        dialog.approved_on.setDate(dt.date(2026, 12, 20))

    Answer(page, approve)
    page.approve_action.trigger()
    plan = ops.plan_for(database, YEAR)
    assert plan.is_approved and plan.approved_by == "Асанов Нурлан"
    assert "Approved by Асанов Нурлан" in page.state_label.text()
    for action in (page.add_action, page.edit_action, page.up_action, page.down_action,
                   page.remove_action, page.approve_action):
        assert not action.isEnabled()
    assert not page.draft_button.isEnabled()
    assert page.reopen_action.isEnabled() and page.done_action.isEnabled()
    with pytest.raises(errors.ValidationFailed, match="approved"):
        ops.change_entry(database, page.model.entries[0].uid, quarter=3)

    answer = Answer(page, lambda dialog: dialog.reason.setPlainText(""))
    page.reopen_action.trigger()
    assert "reason" in answer.dialog.fields["reason"].error.text()
    assert ops.plan_for(database, YEAR).is_approved  # refused: nothing changed

    def reopen(dialog):
        dialog.by.setText("Осмонова Асел")
        dialog.reason.setPlainText("Жаңы кызматкер келди")

    Answer(page, reopen)
    page.reopen_action.trigger()
    plan = ops.plan_for(database, YEAR)
    assert not plan.is_approved
    event = PlanRepository(database).events(plan.id)[-1]
    assert (event.kind, event.by, event.reason) == (
        PlanEventKind.REOPENED, "Осмонова Асел", "Жаңы кызматкер келди")
    assert page.edit_action.isEnabled() and page.draft_button.isEnabled()


def test_mark_done_creates_a_training_record_and_cancel_needs_a_reason(page, database):
    page.draft()
    entry = page.model.entries[0]
    page.select_uid(entry.uid)
    announced = []
    page.changed.connect(announced.append)

    def done(dialog):
        dialog.start_date.setDate(dt.date(2027, 4, 5))
        dialog.end_date.setDate(dt.date(2027, 4, 9))
        dialog.certificate.setText("APA-77")
        dialog.ratings["overall"].setValue(5)

    Answer(page, done)
    page.done_action.trigger()
    line = PlanRepository(database).entry(entry.uid)
    assert line.status == EntryStatus.DONE and line.training_id
    records = StaffRepository(database).trainings(entry.staff_id)
    record = next(r for r in records if r.id == line.training_id)
    assert (record.end_date, record.certificate_no, record.feedback.overall) == (
        dt.date(2027, 4, 9), "APA-77", 5)
    assert announced and entry.staff_id in announced[-1].staff_ids
    assert page.model.index(0, plan_model.STATUS).data() == "done"
    assert not page.done_action.isEnabled() and not page.remove_action.isEnabled()

    other = page.model.entries[1]
    page.select_uid(other.uid)
    answer = Answer(page, lambda dialog: None)
    page.cancel_action.trigger()
    assert "reason" in answer.dialog.fields["reason"].error.text()
    assert PlanRepository(database).entry(other.uid).status == EntryStatus.PLANNED

    Answer(page, lambda dialog: dialog.reason.setPlainText("Курс болбой калды"))
    page.cancel_action.trigger()
    assert PlanRepository(database).entry(other.uid).cancel_reason == "Курс болбой калды"
    assert "1 done, 8 planned, 1 cancelled" in page.totals.text()


def test_drafting_with_nothing_endorsed_says_so_and_changes_nothing(qtbot, office_database,
                                                                     messages):
    page = PlanPage(office_database, messages, year=YEAR)
    qtbot.addWidget(page)
    assert not page.draft()
    assert messages.shown[-1][0] == "error" and "endorsed requests" in messages.shown[-1][1]
    assert ops.plan_for(office_database, YEAR) is None


def test_export_xlsx_writes_the_lines(page, database, tmp_path, messages):
    page.draft()
    path = tmp_path / "plan.xlsx"
    assert page.export_xlsx(str(path), "ru")
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    # In Russian, whatever the UI language: the office's Russian name heads the sheet.
    assert any("Тестовый айыл окмоту" in str(c.value) for c in sheet["A"] if c.value)
    assert sum(1 for c in sheet["A"] if isinstance(c.value, int)) == 10
    assert "10 lines" in messages.shown[-1][1]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_approved_plan_fits_a_1366_screen_and_keeps_printing_in_sight(qtbot, database,
                                                                       messages, language):
    """The approval line wraps on its own row (it made the page 1,440 px wide in Kyrgyz), and
    at the width left beside the navigation the approval and print buttons are not folded away."""
    from hrdesk.i18n import temporary_language

    ops.draft(database, YEAR)
    ops.approve(database, YEAR, "Темиров Нурсултан Асанович (айыл өкмөтүнүн башчысы)",
                dt.date(2026, 12, 20))
    with temporary_language(language):
        widget = PlanPage(database, messages, year=YEAR)
        qtbot.addWidget(widget)
        widget.retranslate()
        assert widget.minimumSizeHint().width() <= 1100
        widget.resize(1140, 700)
        widget.show()
        qtbot.waitExposed(widget)
        for action in (widget.reopen_action, widget.print_action, widget.xlsx_action):
            button = widget.document_toolbar.widgetForAction(action)
            assert button is not None and button.isVisible(), action.text()
        assert "Темиров" in widget.state_label.text()
        # The did-not-fit reasons wrap instead of scrolling sideways.
        assert widget.skipped.wordWrap()
        assert (widget.skipped.horizontalScrollBarPolicy()
                == Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

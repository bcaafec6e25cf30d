"""The plan line dialog saves through EditDialog.run_change: a refused line shows its problem
at the field and writes nothing; a plan that does not exist is said in a message box."""

from __future__ import annotations

from helpers.fixtures import fill_register

from hrdesk.planning import ops
from hrdesk.store.plans import PlanRepository
from ui.dialogs.plan_line_dialog import FREE_TEXT, PlanLineDialog

YEAR = 2027


def entries(database):
    plan = ops.plan_for(database, YEAR)
    return PlanRepository(database).entries(plan.id) if plan else []


def open_dialog(qtbot, database, messages, entry=None) -> PlanLineDialog:
    dialog = PlanLineDialog(database, YEAR, entry, messages)
    qtbot.addWidget(dialog)
    return dialog


def test_a_line_is_added_then_changed(qtbot, office_database, messages):
    fill_register(office_database, 2)
    ops.start_plan(office_database, YEAR)
    dialog = open_dialog(qtbot, office_database, messages)
    dialog.course.setCurrentIndex(1)  # the first catalogue course
    assert dialog.save() and dialog.changes.plan
    [line] = entries(office_database)

    dialog = open_dialog(qtbot, office_database, messages, line)
    dialog.quarter.setCurrentIndex(dialog.quarter.findData(4))
    assert dialog.save() and dialog.changes.plan
    assert entries(office_database)[0].quarter == 4
    assert messages.shown == []


def test_a_refused_line_shows_the_problem_and_writes_nothing(qtbot, office_database, messages):
    fill_register(office_database, 2)
    ops.start_plan(office_database, YEAR)
    dialog = open_dialog(qtbot, office_database, messages)
    dialog.course.setCurrentIndex(dialog.course.findData(FREE_TEXT))
    dialog.title_edit.clear()
    assert not dialog.save()
    assert "Choose a course" in dialog.fields["course"].error.text()
    assert entries(office_database) == [] and messages.shown == []


def test_no_person_is_refused_at_the_field(qtbot, office_database, messages):
    ops.start_plan(office_database, YEAR)
    dialog = open_dialog(qtbot, office_database, messages)
    assert not dialog.save()
    assert dialog.fields["staff"].error.text() == "Choose the person."
    assert entries(office_database) == []


def test_a_missing_plan_is_said_in_a_message_box(qtbot, office_database, messages):
    fill_register(office_database, 1)
    dialog = open_dialog(qtbot, office_database, messages)
    dialog.course.setCurrentIndex(1)
    assert not dialog.save()
    assert "Draft it first" in messages.shown[-1][1]
    assert ops.plan_for(office_database, YEAR) is None

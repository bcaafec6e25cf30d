"""The head's endorsement page and the office's eligibility list."""

from __future__ import annotations

import datetime as dt

from helpers.fixtures import fill_register
from PySide6.QtCore import Qt

from hrdesk import assessment as ops
from hrdesk.domain.assessment import Assessment, CourseRequest, Endorsement
from hrdesk.domain.eligibility import FindingSeverity
from hrdesk.domain.enums import StaffStatus
from hrdesk.domain.models import TrainingRecord
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.staff import StaffRepository
from ui.models import request_models
from ui.models.request_models import EligibilityModel, EndorsementModel
from ui.pages.eligibility_page import EligibilityPage
from ui.pages.endorsement_page import EndorsementPage

CYCLE = 2027


def _requests(database) -> list[int]:
    """Three people; the first asks for two courses, the second one free-text course; the
    second took MKK-2026-01 last year; the third is on leave and asks for a course."""
    ids = fill_register(database, 3, with_education=True)
    ops.open_cycle(database, CYCLE)
    staff = StaffRepository(database)
    last_year = dt.date.today() - dt.timedelta(days=300)
    staff.save_training(
        TrainingRecord(
            staff_id=ids[1],
            course_code="MKK-2026-01",
            course_title="law",
            start_date=last_year,
            end_date=last_year,
        )
    )
    on_leave = staff.get(ids[2])
    on_leave.status = StaffStatus.ON_LEAVE
    staff.update(on_leave)
    wishes = {
        ids[0]: [CourseRequest(1, "MKK-2026-05"), CourseRequest(2, "MKK-2026-01")],
        ids[1]: [CourseRequest(1, "MKK-2026-01"), CourseRequest(2, None, "Excel курсу")],
        ids[2]: [CourseRequest(1, "MKK-2026-03")],
    }
    for staff_id, requests in wishes.items():
        ops.save_assessment(database, Assessment(CYCLE, staff_id, requests=requests))
    return ids


def _endorsements(database) -> dict[str, Endorsement]:
    rows = AssessmentRepository(database).requests(CYCLE)
    return {r.request.uid: r.request.endorsement for r in rows}


def _page(qtbot, database, messages, shown: Endorsement | None = None) -> EndorsementPage:
    """The page showing every request (it opens on the pending ones)."""
    page = EndorsementPage(database, messages)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.decision_filter.setCurrentIndex(page.decision_filter.findData(shown and shown.value))
    return page


def test_opens_on_the_pending_requests(qtbot, office_database, messages):
    _requests(office_database)
    page = EndorsementPage(office_database, messages)
    qtbot.addWidget(page)
    assert page.decision_filter.currentData() == Endorsement.PENDING.value
    assert page.model.rowCount() == 0  # not loaded while hidden
    page.show()
    qtbot.waitExposed(page)
    assert page.model.rowCount() == 5


def test_endorse_and_decline_with_a_reason(qtbot, office_database, messages):
    _requests(office_database)
    page = _page(qtbot, office_database, messages)
    assert page.model.rowCount() == 5
    page.table.selectRow(0)
    uid = page.current_uid()
    assert page.endorse_current()
    assert _endorsements(office_database)[uid] == Endorsement.ENDORSED
    assert page.current_uid() == uid  # the selection stays on the request
    assert page.model.data(page.model.index(0, request_models.DECISION)) == "endorsed"

    page.table.selectRow(1)
    second = page.current_uid()
    page.reason.setFocus()
    qtbot.keyClicks(page.reason, "Not this year")
    qtbot.mouseClick(page.decline_button, Qt.MouseButton.LeftButton)
    row = AssessmentRepository(office_database).request_by_uid(second)
    assert row.request.endorsement == Endorsement.DECLINED
    assert row.request.decline_reason == "Not this year"
    assert row.request.endorsed_by == "Асанов Нурлан"  # the head of the test office
    assert page.reason.text() == ""
    assert messages.shown == []


def test_decline_without_a_reason_is_refused_and_changes_nothing(qtbot, office_database, messages):
    _requests(office_database)
    page = _page(qtbot, office_database, messages)
    page.table.selectRow(2)
    before = _endorsements(office_database)
    page.reason.setText("   ")
    assert not page.decline_current()
    assert messages.shown == [("error", "Give the reason for declining the request.")]
    assert _endorsements(office_database) == before
    assert page.reason.hasFocus() or not page.isActiveWindow()


def test_findings_are_shown_with_each_request(qtbot, office_database, messages):
    ids = _requests(office_database)
    page = _page(qtbot, office_database, messages)
    texts = {}
    for row in range(page.model.rowCount()):
        line = page.model.rows[row]
        course = page.model.data(page.model.index(row, request_models.COURSE))
        findings = page.model.data(page.model.index(row, request_models.FINDINGS)) or ""
        texts[(line.row.staff_id, course.split(" ")[0])] = findings
    assert "Already took" in texts[(ids[1], "MKK-2026-01")]
    assert "Cannot attend" in texts[(ids[2], "MKK-2026-03")]
    assert "on leave" in texts[(ids[2], "MKK-2026-03")]
    assert "No training on record" in texts[(ids[0], "MKK-2026-05")]
    assert any("free text" in key[1] or "Excel" in key[1] for key in texts)


def test_show_only_pending(qtbot, office_database, messages):
    _requests(office_database)
    page = _page(qtbot, office_database, messages)
    page.table.selectRow(0)
    page.endorse_current()
    page.decision_filter.setCurrentIndex(page.decision_filter.findData(Endorsement.PENDING.value))
    assert page.model.rowCount() == 4
    assert "4 requests shown, 4 pending" == page.summary.text()


def test_eligibility_list_for_the_office(qtbot, office_database, messages):
    ids = _requests(office_database)
    page = EligibilityPage(office_database, messages)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # not loaded while hidden
    page.show()
    qtbot.waitExposed(page)
    kinds = {(line.finding.staff_id, line.finding.code) for line in page.model.rows}
    assert (ids[2], "person_on_leave") in kinds
    assert (ids[1], "repeated_too_soon") in kinds
    assert (ids[0], "never_trained") in kinds
    page.kind.setCurrentIndex(page.kind.findData(FindingSeverity.BLOCK.value))
    assert {line.finding.code for line in page.model.rows} == {"person_on_leave"}
    assert page.count.text() == "1 finding"


def test_eligibility_years_setting(qtbot, office_database, messages):
    _requests(office_database)
    page = EligibilityPage(office_database, messages)
    qtbot.addWidget(page)
    page.years.setValue(5)
    page.set_years()
    assert ops.training_gap_years(office_database) == 5


def test_request_models(qtmodeltester, office_database):
    _requests(office_database)
    endorsement = EndorsementModel()
    endorsement.load(office_database, CYCLE, None)
    eligibility = EligibilityModel()
    eligibility.load(office_database, CYCLE, None)
    assert endorsement.rowCount() == 5 and eligibility.rowCount() > 0
    qtmodeltester.check(endorsement)
    qtmodeltester.check(eligibility)

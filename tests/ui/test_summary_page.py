"""The summary page shows office_summary's numbers, as tables and charts, and exports them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.fixtures import fill_register
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from hrdesk import assessment as ops
from hrdesk.analysis.summary import office_summary
from hrdesk.domain.assessment import Assessment, CourseRequest, Question
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.offices import OfficeRepository
from ui.models import summary_models
from ui.models.summary_models import VALUE_ROLE, CompetencyNeedsModel, CountsModel
from ui.pages.summary_page import SummaryPage
from ui.widgets.bar_chart import Bar, BarChart

CYCLE = 2027


def _cycle(database) -> list[int]:
    """Five people; three complete assessments with known ratings, one draft (not counted)."""
    ids = fill_register(database, 5, with_education=True)
    ops.open_cycle(database, CYCLE)
    codes = CatalogueRepository(database).competency_codes()
    for n, staff_id in enumerate(ids[:3]):
        a = Assessment(CYCLE, staff_id, assessed_on=dt.date(2026, 10, 1))
        for i, code in enumerate(codes):
            a.rate(code, 1 + (i + n) % 5, 1 + (2 * i + n) % 5)
        a.answers = {Question.OBSTACLES_TRAINING: {"working_hours", "family"} if n else {"no_need"}}
        a.requests = [CourseRequest(1, "MKK-2026-05"), CourseRequest(2, None, "Excel")]
        ops.save_assessment(database, a)
    draft = Assessment(CYCLE, ids[3])
    draft.rate(codes[0], 5, 1)
    ops.save_assessment(database, draft)
    rows = AssessmentRepository(database).requests(CYCLE)
    ops.endorse_request(database, rows[0].request.uid, "head")
    return ids


def _page(qtbot, database, messages) -> SummaryPage:
    page = SummaryPage(database, messages)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _office_ids(database) -> list[int]:
    return [OfficeRepository(database).own().id]


def test_the_page_shows_office_summary_numbers(qtbot, office_database, messages):
    _cycle(office_database)
    page = _page(qtbot, office_database, messages)
    expected = office_summary(office_database, CYCLE, _office_ids(office_database))
    assert expected["assessed"] == 3 and expected["staff_total"] == 5
    model = page.needs
    assert model.rowCount() == len(expected["competencies"])
    columns = {
        summary_models.RANK: "rank",
        summary_models.IMPORTANCE: "mean_importance",
        summary_models.PERFORMANCE: "mean_performance",
        summary_models.MEAN_GAP: "mean_gap",
        summary_models.MWDS: "weighted_discrepancy",
    }
    for row, item in enumerate(expected["competencies"]):
        assert model.data(model.index(row, summary_models.COMPETENCY), VALUE_ROLE) == item["code"]
        for column, key in columns.items():
            assert model.data(model.index(row, column), VALUE_ROLE) == pytest.approx(item[key])
        shown = model.data(model.index(row, summary_models.MWDS))
        assert shown == f"{item['weighted_discrepancy']:.2f}"
    # Independently, from the ratings given in _cycle: Borich's MWDS per competency.
    codes = CatalogueRepository(office_database).competency_codes()
    shown = {
        model.data(model.index(r, summary_models.COMPETENCY), VALUE_ROLE): model.data(
            model.index(r, summary_models.MWDS), VALUE_ROLE
        )
        for r in range(model.rowCount())
    }
    for i, code in enumerate(codes):
        pairs = [(1 + (i + n) % 5, 1 + (2 * i + n) % 5) for n in range(3)]
        mean_importance = sum(imp for imp, _perf in pairs) / 3
        mwds = sum(imp - perf for imp, perf in pairs) / 3 * mean_importance
        assert shown[code] == pytest.approx(mwds, abs=1e-4)
    demand = {
        page.demand.data(page.demand.index(r, summary_models.CODE), VALUE_ROLE): (
            page.demand.data(page.demand.index(r, summary_models.REQUESTED), VALUE_ROLE),
            page.demand.data(page.demand.index(r, summary_models.ENDORSED), VALUE_ROLE),
        )
        for r in range(page.demand.rowCount())
    }
    assert demand == {"MKK-2026-05": (3, 1), summary_models.FREE_TEXT: (3, 0)}
    assert "3 of 5 people assessed" in page.totals.text()
    # The chart shows the same ranking.
    assert [b.value for b in page.needs_chart.bars] == [
        c["weighted_discrepancy"] for c in expected["competencies"]
    ]


def test_answer_lists_and_profile(qtbot, office_database, messages):
    _cycle(office_database)
    page = _page(qtbot, office_database, messages)
    view = page.answers
    view.choice.setCurrentIndex(view.choice.findData("obstacles_training"))
    counts = {
        view.model.rows[r]["code"]: view.model.rows[r]["count"]
        for r in range(view.model.rowCount())
    }
    assert counts["working_hours"] == 2 and counts["family"] == 2 and counts["no_need"] == 1
    labels = [
        view.model.data(view.model.index(r, summary_models.LABEL))
        for r in range(view.model.rowCount())
    ]
    assert "courses held in working hours" in labels
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == ("What hinders taking training")
    profile = page.profile
    profile.choice.setCurrentIndex(profile.choice.findData("by_sex"))
    assert sum(row["count"] for row in profile.model.rows) == 5
    assert len(profile.chart.bars) == profile.model.rowCount()


def test_export_xlsx_and_json(qtbot, office_database, messages, tmp_path):
    _cycle(office_database)
    page = _page(qtbot, office_database, messages)
    assert page.export(tmp_path / "summary.json", "json")
    written = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert written["assessed"] == 3
    assert written["competencies"] == json.loads(json.dumps(page.summary["competencies"]))
    assert page.export(tmp_path / "summary.xlsx", "xlsx")
    assert load_workbook(tmp_path / "summary.xlsx").sheetnames
    assert [kind for kind, _text in messages.shown] == ["info", "info"]


def test_export_to_an_unwritable_place_says_so(qtbot, office_database, messages, tmp_path):
    _cycle(office_database)
    page = _page(qtbot, office_database, messages)
    target = tmp_path / "missing-folder" / "summary.json"
    assert not page.export(target, "json")
    kind, text = messages.shown[-1]
    assert kind == "error" and "summary.json" in text and "cannot be written" in text
    assert not target.exists()


def test_no_cycle(qtbot, office_database, messages):
    page = _page(qtbot, office_database, messages)
    assert page.needs.rowCount() == 0
    assert "No cycle" in page.totals.text()
    page.choose_export("xlsx")
    assert messages.shown[-1][0] == "info"


def test_summary_models(qtmodeltester, office_database):
    _cycle(office_database)
    summary = office_summary(office_database, CYCLE, _office_ids(office_database))
    needs = CompetencyNeedsModel()
    needs.set_rows(summary["competencies"])
    counts = CountsModel()
    counts.set_counts("by_age_band", "Age", summary["by_age_band"], summary["staff_total"])
    qtmodeltester.check(needs)
    qtmodeltester.check(counts)


def test_bar_chart_paints_positive_and_negative_bars(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars(
        [Bar("a long label " * 5, 3.5, 1.0), Bar("b", -1.25), Bar("c", 0)], legend="legend"
    )
    chart.resize(300, chart.sizeHint().height())
    image = chart.grab().toImage()
    assert not image.isNull() and chart.sizeHint().height() > 3 * chart.fontMetrics().height()
    chart.set_bars([])
    assert not chart.grab().toImage().isNull()

"""Scoring worked by hand: the gap of one rating, completeness, and the summary's figures on two
respondents with the expected numbers written out (docs/method.md), not recomputed."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register

from hrdesk import assessment as ops
from hrdesk.analysis.summary import office_summary
from hrdesk.domain.assessment import Assessment, gap, is_complete
from hrdesk.store.catalogue import CatalogueRepository

CYCLE = 2027


@pytest.mark.parametrize(
    ("importance", "performance", "expected"),
    [(5, 1, 4), (4, 3, 1), (3, 3, 0), (2, 5, 0), (1, 5, 0)],
)
def test_gap_counts_only_a_positive_difference(importance, performance, expected):
    assert gap(importance, performance) == expected


def test_complete_needs_both_ratings_of_every_competency():
    a = Assessment(cycle=CYCLE, staff_id=1)
    a.rate("law", 4, 3)
    a.rate("digital", 5, None)
    assert not is_complete(a, ["law", "digital"])
    a.rate("digital", 5, 2)
    assert is_complete(a, ["law", "digital"])
    assert not is_complete(a, ["law", "digital", "ethics"])


def test_summary_figures_on_a_worked_example(office_database):
    """Two respondents. On digital_skills: I = 5, 3 and P = 2, 4, so the differences are
    +3 and −1: mean importance 4, mean performance 3, mean gap (3 + 0) / 2 = 1.5 (positive
    only), MWDS = mean(I − P) × mean(I) = 1 × 4 = 4 (signed). On state_language: I = 4, 4 and
    P = 1, 2: means 4 and 1.5, gap 2.5, MWDS 2.5 × 4 = 10, rank 1. Every other competency
    is rated 3/3 by both: MWDS 0, ranked after, in code order."""
    database = office_database
    first, second = fill_register(database, 2, seed=7)
    ops.open_cycle(database, CYCLE)
    codes = CatalogueRepository(database).competency_codes()
    given = {
        first: {"digital_skills": (5, 2), "state_language": (4, 1)},
        second: {"digital_skills": (3, 4), "state_language": (4, 2)},
    }
    for staff_id, ratings in given.items():
        a = Assessment(cycle=CYCLE, staff_id=staff_id)
        for code in codes:
            a.rate(code, *ratings.get(code, (3, 3)))
        ops.save_assessment(database, a)

    summary = office_summary(database, CYCLE)
    got = {c["code"]: c for c in summary["competencies"]}
    assert summary["assessed"] == 2
    assert got["state_language"] | {"title": None} == {
        "code": "state_language",
        "title": None,
        "respondents": 2,
        "mean_importance": 4.0,
        "mean_performance": 1.5,
        "mean_gap": 2.5,
        "weighted_discrepancy": 10.0,
        "rank": 1,
    }
    digital = got["digital_skills"]
    assert (digital["mean_importance"], digital["mean_performance"]) == (4.0, 3.0)
    assert (digital["mean_gap"], digital["weighted_discrepancy"], digital["rank"]) == (1.5, 4.0, 2)
    rest = sorted(c for c in codes if c not in given[first])
    assert [got[c]["rank"] for c in rest] == list(range(3, len(codes) + 1))
    assert all(got[c]["weighted_discrepancy"] == 0 for c in rest)

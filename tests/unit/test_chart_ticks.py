"""Charts of counts have whole-number ticks (no 0.5 office on the value axis)."""

from reportlab.graphics.charts.barcharts import BarChart

from hrdesk.reports import charts


def _ticks(drawing) -> list[float]:
    chart = next(c for c in drawing.contents if isinstance(c, BarChart))
    axis = chart.valueAxis
    axis.configure(chart.data)
    return list(axis._tickValues)


def test_counts_get_whole_ticks() -> None:
    for top in (1, 2, 3, 7, 13, 160, 4321):
        drawing = charts.grouped_bars(["a", "b"], [("x", [top, 0]), ("y", [1, 0])], 400)
        ticks = _ticks(drawing)
        assert ticks and all(float(t).is_integer() for t in ticks), (top, ticks)
        assert max(ticks) >= top and len(ticks) <= 8


def test_ranked_counts_get_whole_ticks_and_means_keep_fractions() -> None:
    assert all(float(t).is_integer() for t in _ticks(charts.ranked_bars([("a", 2), ("b", 1)], 400)))
    means = _ticks(charts.ranked_bars([("a", 0.8), ("b", 0.3)], 400))
    assert any(not float(t).is_integer() for t in means)

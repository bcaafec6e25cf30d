"""Bar charts for printed reports, readable on a black-and-white printer: grey fills with black
outlines, the value printed at each bar, labels in the embedded font (never base-14)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from hrdesk.i18n import format_number
from hrdesk.reports.pdf_base import FONT, FONT_BOLD, register_fonts

# Fills of the series of grouped bars, far enough apart to tell on a grey printout.
GREYS = (colors.Color(0.25, 0.25, 0.25), colors.Color(0.62, 0.62, 0.62),
         colors.Color(0.88, 0.88, 0.88), colors.white)

FONT_SIZE = 7.5
LEADING = 9.0

ValueFormat = Callable[[float], str]


def _default_format(value: float) -> str:
    return format_number(value) if float(value).is_integer() else format_number(value, 2)


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The graphics state starts in base-14 Helvetica unless told otherwise.
    drawing.initialFontName = FONT
    drawing.initialFontSize = FONT_SIZE
    return drawing


def _wrapped(label: str, width: float) -> list[str]:
    return simpleSplit(label, FONT, FONT_SIZE, width) or [""]


def _whole_step(span: float) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most six steps."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if span / (factor * magnitude) <= 6:
                return factor * magnitude
        magnitude *= 10


def _style_value_axis(axis, maximum: float, minimum: float = 0.0,
                      whole: bool = False) -> None:
    """whole: the values are counts, so the ticks are whole numbers too (no 0.5 office)."""
    axis.labels.fontName = FONT
    axis.labels.fontSize = FONT_SIZE
    axis.valueMin = min(0.0, minimum * 1.15)
    axis.valueMax = maximum * 1.15 if maximum > 0 else 1
    if whole:
        step = _whole_step(axis.valueMax - axis.valueMin)
        axis.valueMin = -math.ceil(-axis.valueMin / step) * step
        axis.valueMax = math.ceil(axis.valueMax / step) * step
        axis.valueStep = step
    axis.strokeColor = colors.black
    axis.strokeWidth = 0.5
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.Color(0.8, 0.8, 0.8)
    axis.gridStrokeWidth = 0.3
    axis.labelTextFormat = _default_format


def ranked_bars(items: Sequence[tuple[str, float]], width: float, *,
                value_format: ValueFormat | None = None, label_width: float | None = None,
                title: str = "") -> Drawing:
    """Horizontal bars, largest first from the top, the label on the left (wrapped to
    label_width) and the value after each bar."""
    register_fonts()
    value_format = value_format or _default_format
    if label_width is None:
        widest = max((stringWidth(label, FONT, FONT_SIZE) for label, _v in items), default=0.0)
        label_width = min(width * 0.42, widest + 10)
    labels = [_wrapped(label, label_width - 6) for label, _value in items]
    row_height = max(14.0, max((len(lines) for lines in labels), default=1) * LEADING + 5)
    title_height = 16.0 if title else 0.0
    plot_height = row_height * max(len(items), 1)
    height = plot_height + title_height + 22  # room for the value axis below
    drawing = _drawing(width, height)

    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 18
    chart.width = width - label_width - 34  # room for the value labels at the right
    chart.height = plot_height
    # The category axis runs bottom-up; reverse so the first (largest) item is on top.
    values = [float(value) for _label, value in items][::-1]
    chart.data = [values or [0.0]]
    chart.categoryAxis.categoryNames = ["\n".join(lines) for lines in labels][::-1] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.leading = LEADING
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.black
    chart.categoryAxis.strokeWidth = 0.5
    _style_value_axis(chart.valueAxis, max(values, default=0.0), min(values, default=0.0),
                      whole=all(v.is_integer() for v in values))
    chart.bars[0].fillColor = GREYS[1]
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.4
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing = 2
    chart.groupSpacing = 4
    drawing.add(chart)
    if title:
        drawing.add(String(0, height - 11, title, fontName=FONT_BOLD, fontSize=9))
    return drawing


def grouped_bars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                 width: float, height: float = 170, *, value_format: ValueFormat | None = None,
                 title: str = "") -> Drawing:
    """Vertical bars per category, one bar per series in its own grey, with a legend."""
    register_fonts()
    value_format = value_format or _default_format
    group_width = (width - 50) / max(len(categories), 1)
    labels = ["\n".join(_wrapped(c, group_width - 4)[:3]) for c in categories]
    label_lines = max((label.count("\n") + 1 for label in labels), default=1)
    title_height = 16.0 if title else 0.0
    legend_height = 14.0 if len(series) > 1 else 0.0
    bottom = label_lines * LEADING + 10
    drawing = _drawing(width, height + title_height + legend_height + bottom)

    chart = VerticalBarChart()
    chart.x = 40
    chart.y = bottom
    chart.width = width - 50
    chart.height = height
    chart.data = [[float(v) for v in values] for _name, values in series] or [[0.0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.leading = LEADING
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = colors.black
    chart.categoryAxis.strokeWidth = 0.5
    flat = [float(v) for _n, values in series for v in values]
    _style_value_axis(chart.valueAxis, max(flat, default=0.0),
                      whole=all(v.is_integer() for v in flat))
    for i in range(len(series)):
        chart.bars[i].fillColor = GREYS[i % len(GREYS)]
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.4
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = FONT_SIZE - 0.5
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    chart.barSpacing = 1
    chart.groupSpacing = 8
    drawing.add(chart)

    top = height + bottom
    if len(series) > 1:
        legend = Legend()
        legend.fontName = FONT
        legend.fontSize = FONT_SIZE
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 0
        legend.x = chart.x
        legend.y = top + legend_height
        legend.colorNamePairs = [(GREYS[i % len(GREYS)], name)
                                 for i, (name, _values) in enumerate(series)]
        legend.strokeColor = colors.black
        legend.strokeWidth = 0.4
        legend.boxAnchor = "nw"
        drawing.add(legend)
    if title:
        drawing.add(String(0, top + legend_height + 5, title, fontName=FONT_BOLD, fontSize=9))
    return drawing

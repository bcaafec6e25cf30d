"""A small horizontal bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials).

Labels sit left of the bars (elided when long; the whole label is the tooltip), values at the
bar ends. A bar may carry an inner value drawn darker inside it (endorsed of requested).
Negative values grow left of a zero line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from hrdesk.i18n import format_number


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    inner: float | None = None


MARGIN = 6
GAP = 4
BAR_COLOUR = QColor("#7aa6d8")
INNER_COLOUR = QColor("#2f5f98")
NEGATIVE_COLOUR = QColor("#d88a7a")


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.legend = ""
        self.value_text: Callable[[float], str] = format_number
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def set_bars(
        self, bars: list[Bar], value_text: Callable[[float], str] | None = None, legend: str = ""
    ) -> None:
        """Show these bars, top to bottom; value_text formats the numbers at the bar ends."""
        self.bars = list(bars)
        self.legend = legend
        if value_text is not None:
            self.value_text = value_text
        self.updateGeometry()
        self.update()

    # --- geometry ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().height() + GAP

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + GAP if self.legend else 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(
            420, 2 * MARGIN + self._legend_height() + max(1, len(self.bars)) * self._row_height()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.sizeHint().height())

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        # A few pixels spare: advances are rounded, and eliding must not cut a label that fits.
        widest = max((metrics.horizontalAdvance(b.label) + 4 for b in self.bars), default=0)
        return min(widest, int(self.width() * 0.5))

    def _value_width(self) -> int:
        metrics = self.fontMetrics()
        return max(
            (metrics.horizontalAdvance(self.value_text(b.value)) for b in self.bars), default=0
        )

    def _row_at(self, y: float) -> int | None:
        top = MARGIN + self._legend_height()
        row = int((y - top) // self._row_height())
        return row if y >= top and 0 <= row < len(self.bars) else None

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        row_height = self._row_height()
        top = MARGIN
        if self.legend:
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(MARGIN, top, self.width() - 2 * MARGIN, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(
                    self.legend, Qt.TextElideMode.ElideRight, self.width() - 2 * MARGIN
                ),
            )
            top += self._legend_height()
        if not self.bars:
            return
        label_width = self._label_width()
        value_width = self._value_width() + MARGIN
        left = MARGIN + label_width + MARGIN
        span = max(1.0, self.width() - left - value_width - MARGIN)
        high = max(0.0, *(b.value for b in self.bars))
        low = min(0.0, *(b.value for b in self.bars))
        scale = span / (high - low) if high > low else 0.0
        zero = left + (-low) * scale
        for i, bar in enumerate(self.bars):
            y = top + i * row_height
            painter.setPen(text_colour)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(
                QRectF(MARGIN, y, label_width, row_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = abs(bar.value) * scale
            x = zero if bar.value >= 0 else zero - width
            rect = QRectF(x, y + GAP / 2, width, row_height - GAP)
            painter.fillRect(rect, BAR_COLOUR if bar.value >= 0 else NEGATIVE_COLOUR)
            if bar.inner is not None and bar.inner > 0:
                painter.fillRect(
                    QRectF(zero, y + GAP / 2, bar.inner * scale, row_height - GAP), INNER_COLOUR
                )
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(
                    zero + max(width, 0) + MARGIN / 2 if bar.value >= 0 else zero + MARGIN / 2,
                    y,
                    value_width,
                    row_height,
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.value_text(bar.value),
            )
        if low < 0:
            painter.setPen(text_colour)
            painter.drawLine(int(zero), top, int(zero), top + len(self.bars) * row_height)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._row_at(
                event.position().y() if hasattr(event, "position") else event.pos().y()
            )
            if row is None:
                QToolTip.hideText()
            else:
                bar = self.bars[row]
                text = f"{bar.label}: {self.value_text(bar.value)}"
                if bar.inner is not None:
                    text += f" ({self.value_text(bar.inner)})"
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

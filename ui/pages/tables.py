"""Sizing of the pages' tables so that a large office stays quick: column widths are measured
on the first rows only, and rows grow to their wrapped text only while the list is short."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

MEASURED_ROWS = 60  # rows looked at when a column is fitted to its contents
WRAPPED_ROWS = 300  # up to this many rows, each row is as tall as its wrapped text


def measure_few_rows(table: QTableView) -> None:
    table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    table.verticalHeader().setResizeContentsPrecision(MEASURED_ROWS)


def fit_rows(table: QTableView) -> None:
    """Rows as tall as their wrapped text for a short list; one line each (the whole text is
    the tooltip) for a long one."""
    rows = table.model().rowCount() if table.model() is not None else 0
    header = table.verticalHeader()
    if rows <= WRAPPED_ROWS:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(table.fontMetrics().height() + 8)

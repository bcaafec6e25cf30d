"""Plain XLSX tables: one sheet per table with a bold header row, real numbers and fitted
column widths, saved whole or not at all. The workbook builders of reports/ share it."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk.i18n import current_language

if TYPE_CHECKING:
    from openpyxl import Workbook


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    formats: dict[int, str] = field(default_factory=dict)  # 1-based column -> number format
    # (row, column), 1-based, the header being row 1 -> number format of one cell
    cell_formats: dict[tuple[int, int], str] = field(default_factory=dict)


def write_tables_xlsx(path: str | os.PathLike[str], sheets: Sequence[Sheet]) -> Path:
    """Write the sheets to a temporary file and move it into place (whole or not at all)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    used: set[str] = set()
    for sheet in sheets:
        title = _sheet_title(sheet.title, used)
        ws = workbook.create_sheet(title)
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = bold
        for row in sheet.rows:
            ws.append(list(row))
        for column, fmt in sheet.formats.items():
            for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = fmt
        for (row_number, column), fmt in sheet.cell_formats.items():
            ws.cell(row_number, column).number_format = fmt
        for i, header in enumerate(sheet.headers, 1):
            width = max(
                [len(str(header))]
                + [
                    len(str(r[i - 1]))
                    for r in sheet.rows[:500]
                    if i <= len(r) and r[i - 1] is not None
                ]
            )
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(max(width + 2, 8), 70)
        ws.freeze_panes = "A2"
    return save_workbook(workbook, path)


def save_workbook(workbook: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save to a temporary file beside `path` and move it into place: a failed or interrupted
    save leaves the old file, never half a workbook."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _sheet_title(title: str, used: set[str]) -> str:
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def title_text(texts: Mapping[str, str] | None, fallback: str) -> str:
    """A title given in several languages, in the language in force (else Kyrgyz, else
    `fallback`)."""
    if not texts:
        return fallback
    return texts.get(current_language()) or texts.get("ky") or fallback

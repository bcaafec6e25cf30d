"""The staff register as an XLSX or CSV list, one row per person (those who left included).

Headers and closed-list values are in the language in force; the importer reads them back in
any language. The output depends on the data only (no "now" inside, fixed order and zip
timestamps), so two databases holding the same register give byte-equal files.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from hrdesk import errors
from hrdesk.domain.enums import label
from hrdesk.domain.models import StaffMember
from hrdesk.domain.reference import class_rank_name
from hrdesk.i18n import _, current_language
from hrdesk.importing.columns import COLUMN_TITLES
from hrdesk.importing.values import format_languages
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository
from hrdesk.store.text import sort_key

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

DATE_FORMAT = "%d.%m.%Y"
XLSX_DATE_FORMAT = "DD.MM.YYYY"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_CORE_TIME = "2000-01-01T00:00:00Z"
_DATE_FIELDS = ("birth_date", "appointed_on", "service_started_on", "left_on")
# Rows between two progress reports (and looks at Cancel).
_REPORT_EVERY = 500


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


def _ticker(total: int, progress: Progress | None, cancel: Cancel | None) -> Callable[[int], None]:
    """tick(done): report progress and stop when cancelled, every _REPORT_EVERY rows."""

    def tick(done: int) -> None:
        if done % _REPORT_EVERY:
            return
        if cancel is not None and cancel():
            raise ExportCancelled
        if progress is not None:
            progress(done, total)

    return tick


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unit_names(database: Database) -> dict[int, str]:
    repo = OfficeRepository(database)
    return {u.id: u.name for office in repo.all() for u in repo.units(office.id or 0) if u.id}


def staff_rows(database: Database) -> list[dict[str, object]]:
    """Field -> value (date, or text in the language in force) for every person, in order."""
    units = _unit_names(database)
    language = current_language()
    members = StaffRepository(database).all()
    members.sort(key=lambda m: (sort_key(m.full_name), m.pin, m.birth_date or dt.date.min, m.uid))
    return [_row(m, units, language) for m in members]


def _row(m: StaffMember, units: dict[int, str], language: str) -> dict[str, object]:
    return {
        "pin": m.pin,
        "surname": m.surname,
        "name": m.name,
        "patronymic": m.patronymic,
        "sex": label(m.sex),
        "birth_date": m.birth_date,
        "phone": m.phone,
        "unit": units.get(m.unit_id or 0, ""),
        "service_type": label(m.service_type),
        "position_title": m.position_title,
        "position_category": label(m.position_category),
        "position_group": label(m.position_group),
        "class_rank": class_rank_name(m.class_rank, language) if m.class_rank else "",
        "appointed_on": m.appointed_on,
        "service_started_on": m.service_started_on,
        "languages": format_languages(m.languages),
        "status": label(m.status),
        "left_on": m.left_on,
        "left_reason": m.left_reason,
    }


def export_staff(
    database: Database,
    path: str | Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the register to path (.xlsx or .csv) atomically; returns the number of people.

    progress(done, total) counts the rows written; once cancel() returns True the export stops
    with ExportCancelled and the file is not touched."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise errors.InputFileError(
            _("Choose a file name ending in .xlsx or .csv: {path}").format(path=path.name)
        )
    rows = staff_rows(database)
    tick = _ticker(len(rows), progress, cancel)
    headers = [_(title) for title in COLUMN_TITLES.values()]
    data = _csv_bytes(headers, rows, tick) if suffix == ".csv" else _xlsx_bytes(headers, rows, tick)
    if cancel is not None and cancel():
        raise ExportCancelled
    _write_atomically(path, data)
    if progress:
        progress(len(rows), len(rows))
    return len(rows)


def _csv_bytes(
    headers: list[str], rows: list[dict[str, object]], tick: Callable[[int], None]
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for n, row in enumerate(rows):
        tick(n)
        writer.writerow([_csv_cell(v) for v in row.values()])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return _one_line(str(value))


def _xlsx_bytes(
    headers: list[str], rows: list[dict[str, object]], tick: Callable[[int], None]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Staff"))
    widths = [max(12, min(40, len(h) + 2)) for h in headers]
    for i, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    try:
        _append_rows(sheet, rows, tick)
    except BaseException:
        # Cancelled (or failed) half-way: close the sheet's temporary file and delete it now
        # (it holds the rows written so far: personal data), not at exit or never.
        with contextlib.suppress(Exception):
            sheet.close()
            sheet._writer.cleanup()  # openpyxl deletes it only at exit otherwise
        raise
    workbook.properties.creator = "hrdesk"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _append_rows(sheet, rows: list[dict[str, object]], tick: Callable[[int], None]) -> None:
    from openpyxl.cell import WriteOnlyCell

    for n, row in enumerate(rows):
        tick(n)
        cells = []
        for key, value in row.items():
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = XLSX_DATE_FORMAT
                cells.append(cell)
            elif key == "pin":
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.data_type = (
                    "s"  # keep PINs as text: 14 digits lose nothing, keep leading digits
                )
                cells.append(cell)
            else:
                cells.append(_one_line(str(value)) if value not in ("", None) else None)
        sheet.append(cells)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with the save time taken out, so equal data gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + _FIXED_CORE_TIME.encode() + rb"\g<2>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.errno == 28:
            raise errors.DiskFull(path) from exc
        raise errors.InputFileError(
            _("Cannot write {path}: {detail}").format(path=path, detail=exc.strerror or exc)
        ) from exc

"""Reading a staff list file into rows of cells: XLSX (openpyxl, read-only) or CSV.

CSV may be UTF-8 (with or without BOM) or Windows-1251, with ';', ',' or tab between cells.
Anything that cannot be read raises InputFileError naming the file and what is wrong.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hrdesk import errors
from hrdesk.i18n import _

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 40


@dataclass
class RawTable:
    """The cells of one sheet as read, top to bottom. rows[i] is row i + 1 of the file."""

    path: Path
    rows: list[list[object]]
    sheet: str | None = None  # None for CSV
    sheet_names: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only


def _fail(path: Path, reason: str) -> errors.InputFileError:
    return errors.InputFileError(
        _("Cannot read {path}: {reason}").format(path=path.name, reason=reason)
    )


def read_table(path: str | Path, sheet: str | None = None) -> RawTable:
    """The rows of a CSV file or of one sheet of an XLSX workbook (the first sheet that looks
    like a staff list, unless sheet names one)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise _fail(path, _("the file does not exist.")) from None
    except IsADirectoryError:
        raise _fail(path, _("this is a folder, not a file.")) from None
    except OSError as exc:
        raise _fail(
            path, _("the file cannot be opened ({detail}).").format(detail=exc.strerror)
        ) from exc
    if not head:
        raise _fail(path, _("the file is empty."))
    if head.startswith(_OLE_MAGIC):
        raise _fail(
            path,
            _(
                "this is the old Excel format (.xls). Open it in Excel or LibreOffice "
                "and save it as .xlsx or .csv."
            ),
        )
    if head.startswith(_ZIP_MAGIC):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise _fail(path, _("it is not an Excel workbook (XLSX)."))
    return _read_csv(path)


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise _fail(path, _("the workbook is damaged or incomplete.")) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed XML
        raise _fail(path, _("it is not a readable Excel workbook (XLSX).")) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise _fail(path, _("the workbook has no sheet «{sheet}».").format(sheet=sheet))
        candidates = [sheet] if sheet is not None else names
        first: RawTable | None = None
        for name in candidates:
            table = RawTable(path, _sheet_rows(path, workbook[name]), name, names)
            if first is None:
                first = table
            if sheet is not None or _looks_like_staff_list(table):
                return table
        if first is None:
            raise _fail(path, _("the workbook has no sheets."))
        return first
    finally:
        workbook.close()


def _sheet_rows(path: Path, worksheet: object) -> list[list[object]]:
    try:
        worksheet.reset_dimensions()  # type: ignore[attr-defined]  # some writers store wrong ones
        rows = []
        for row in worksheet.iter_rows(values_only=True):  # type: ignore[attr-defined]
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise _fail(path, _("the workbook is damaged or incomplete.")) from exc
    except Exception as exc:
        raise _fail(path, _("a sheet of the workbook cannot be read.")) from exc
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _looks_like_staff_list(table: RawTable) -> bool:
    from hrdesk.importing.columns import HEADER_SEARCH_ROWS, field_of_header

    for cells in table.rows[:HEADER_SEARCH_ROWS]:
        if sum(1 for c in cells if isinstance(c, str) and field_of_header(c)) >= 2:
            return True
    return False


# --- CSV ------------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _fail(path, _("the text is not valid UTF-8.")) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1251 decodes almost any byte, so make sure this is text and not a binary file.
    text = data.decode("cp1251", errors="replace")
    return text, "cp1251"


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > len(sample) // 100 + 1


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    sample = "\n".join(lines)

    def score(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
        return sum(len(row) - 1 for row in reader)

    return max(_DELIMITERS, key=score)


def _read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(
            path, _("the file cannot be opened ({detail}).").format(detail=exc.strerror)
        ) from exc
    if _is_binary(data):
        raise _fail(path, _("it is neither a CSV text file nor an Excel workbook (XLSX)."))
    text, encoding = _decode(path, data)
    if not text.strip():
        raise _fail(path, _("the file is empty."))
    delimiter = _sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[list[object]] = []
        for record in reader:
            cells: list[object] = [c.strip() or None for c in record]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
    except csv.Error as exc:
        raise _fail(path, _("the CSV text is malformed ({detail}).").format(detail=exc)) from exc
    while rows and not rows[-1]:
        rows.pop()
    return RawTable(path, rows, encoding=encoding, delimiter=delimiter)

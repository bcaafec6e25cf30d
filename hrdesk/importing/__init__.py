"""Importing the staff lists offices already keep (XLSX, CSV), with a preview before writing.

raw = read_table(path)                 # InputFileError when the file cannot be read
mapping = detect_mapping(raw)          # header row and columns; editable by a dialog
plan = preview(database, raw, mapping) # per row: add, update, conflict or refused + reasons
result = apply(database, plan, decisions, progress, cancel)  # one transaction
"""

from hrdesk.importing.apply import ConflictDecision, ImportResult, apply
from hrdesk.importing.columns import COLUMN_TITLES, ColumnMapping, detect_mapping
from hrdesk.importing.preview import ImportPreview, RowAction, RowError, RowOutcome, preview
from hrdesk.importing.table import RawTable, read_table

__all__ = [
    "COLUMN_TITLES",
    "ColumnMapping",
    "ConflictDecision",
    "ImportPreview",
    "ImportResult",
    "RawTable",
    "RowAction",
    "RowError",
    "RowOutcome",
    "apply",
    "detect_mapping",
    "preview",
    "read_table",
]

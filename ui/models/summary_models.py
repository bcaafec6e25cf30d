"""Tables of the office summary (hrdesk.analysis.summary.office_summary): ranked needs per
competency, demand per course, and counts of one breakdown or answer list. VALUE_ROLE gives
the summary's own number behind a cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from hrdesk.i18n import N_, _, format_number, format_percent
from hrdesk.reports.summary_xlsx import code_label
from hrdesk.reports.xlsx_tables import title_text
from ui.models.list_model import ListTableModel

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
DECIMALS = 2


def decimal_text(value: float | None) -> str:
    return format_number(value, DECIMALS) if value is not None else "—"


class _SummaryModel(ListTableModel):
    KEYS: tuple[str | None, ...] = ()  # per column: the key of the row dict behind it

    def value(self, row: int, column: int) -> Any:
        key = self.KEYS[column]
        return self.rows[row].get(key) if key else None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == VALUE_ROLE:
            if not index.isValid() or not 0 <= index.row() < len(self.rows):
                return None
            return self.value(index.row(), index.column())
        return super().data(index, role)


# --- needs per competency ---------------------------------------------------------------------

RANK, COMPETENCY, IMPORTANCE, PERFORMANCE, MEAN_GAP, MWDS, RESPONDENTS = range(7)


class CompetencyNeedsModel(_SummaryModel):
    # Short headers leave the width to the competency; the tooltips say what each mean is.
    HEADERS = (
        N_("Rank"),
        N_("Competency"),
        N_("Importance"),
        N_("Performance"),
        N_("Gap"),
        N_("MWDS"),
        N_("Respondents"),
    )
    TIPS = {
        IMPORTANCE: N_("Mean importance"),
        PERFORMANCE: N_("Mean performance"),
        MEAN_GAP: N_("Mean gap"),
        MWDS: N_("Weighted discrepancy (MWDS)"),
    }
    KEYS = (
        "rank",
        "code",
        "mean_importance",
        "mean_performance",
        "mean_gap",
        "weighted_discrepancy",
        "respondents",
    )
    NUMERIC = frozenset({RANK, IMPORTANCE, PERFORMANCE, MEAN_GAP, MWDS, RESPONDENTS})

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):  # noqa: N802
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section in self.TIPS
        ):
            return _(self.TIPS[section])
        return super().headerData(section, orientation, role)

    def text(self, row: dict, column: int) -> str:
        if column == COMPETENCY:
            return title_text(row.get("title"), row["code"])
        value = row.get(self.KEYS[column] or "")
        if column in (RANK, RESPONDENTS):
            return format_number(value or 0)
        return decimal_text(value)


# --- demand per course ------------------------------------------------------------------------

CODE, COURSE, REQUESTED, ENDORSED, DECLINED = range(5)
FREE_TEXT = "free_text"


class CourseDemandModel(_SummaryModel):
    HEADERS = (N_("Code"), N_("Course"), N_("Requested"), N_("Endorsed"), N_("Declined"))
    KEYS = ("course_code", None, "requested", "endorsed", "declined")
    NUMERIC = frozenset({REQUESTED, ENDORSED, DECLINED})

    def set_summary(self, summary: dict[str, Any]) -> None:
        rows = [dict(r) for r in summary.get("course_demand", [])]
        free = summary.get("free_text_requests") or {}
        if free.get("requested"):
            rows.append({"course_code": FREE_TEXT, **free})
        self.set_rows(rows)

    def text(self, row: dict, column: int) -> str:
        if column == CODE:
            return "" if row["course_code"] == FREE_TEXT else row["course_code"]
        if column == COURSE:
            if row["course_code"] == FREE_TEXT:
                return _("Free-text requests (not in the catalogue)")
            return title_text(row.get("title"), row["course_code"])
        return format_number(row.get(self.KEYS[column] or "") or 0)


# --- counts of one breakdown ------------------------------------------------------------------

LABEL, COUNT, SHARE = range(3)


class CountsModel(_SummaryModel):
    """The counts of one summary key (a breakdown or an answer list), with their share of
    `base` (the people counted: staff for a breakdown, respondents for an answer list)."""

    HEADERS = (N_("Answer"), N_("Count"), N_("Share"))
    KEYS = ("code", "count", "share")
    NUMERIC = frozenset({COUNT, SHARE})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.key = ""
        self.title = ""  # the first column's header, marked with N_()
        self.base = 0

    def set_counts(self, key: str, title: str, counts: dict[str, int], base: int) -> None:
        self.key, self.title, self.base = key, title, base
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        self.set_rows(
            [
                {"code": code, "count": n, "share": (n / base) if base else None}
                for code, n in counts.items()
            ]
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if (
            section == LABEL
            and self.title
            and orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return _(self.title)
        return super().headerData(section, orientation, role)

    def label(self, row: int) -> str:
        return code_label(self.key, self.rows[row]["code"])

    def text(self, row: dict, column: int) -> str:
        if column == LABEL:
            return code_label(self.key, row["code"])
        if column == COUNT:
            return format_number(row["count"])
        return format_percent(row["share"]) if row["share"] is not None else ""

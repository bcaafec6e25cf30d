"""The needs-assessment summary as an XLSX workbook: one sheet per table, translated headers,
real numbers. Takes the summary dict (hrdesk.analysis.summary); never queries the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hrdesk.analysis.bands import UNKNOWN
from hrdesk.domain import assessment as assessment_domain
from hrdesk.domain import enums
from hrdesk.i18n import N_, _
from hrdesk.reports.xlsx_tables import Sheet, title_text, write_tables_xlsx

# Summary key -> title of its sheet and of its label column.
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("by_sex", N_("Sex")),
    ("by_age_band", N_("Age")),
    ("by_tenure_band", N_("Years in position")),
    ("by_education_field", N_("Education field")),
    ("by_education_level", N_("Education level")),
    ("by_service_type", N_("Service type")),
    ("by_category", N_("Position category")),
    ("by_group", N_("Position group")),
    ("by_status", N_("Status")),
)
_ENUMS: dict[str, type] = {
    "by_sex": enums.Sex,
    "by_education_field": enums.EducationField,
    "by_education_level": enums.EducationLevel,
    "by_service_type": enums.ServiceType,
    "by_category": enums.PositionCategory,
    "by_group": enums.PositionGroup,
    "by_status": enums.StaffStatus,
    "preferred_format": enums.TrainingFormat,
    "preferred_language": enums.Language,
    "preferred_season": assessment_domain.Season,
}


def _code_label(key: str, code: str) -> str:
    if code == UNKNOWN:
        return _("not recorded")
    if code == "none":
        return _("none")
    enum_type = _ENUMS.get(key)
    if enum_type is not None:
        try:
            member = enum_type(code)
        except ValueError:
            return code
        if enum_type is assessment_domain.Season:
            return assessment_domain.label(member)
        return enums.label(member)
    question = next((q for q in assessment_domain.Question if q.value == key), None)
    if question is not None:
        return assessment_domain.answer_label(question, code)
    return code  # age and tenure bands read the same in every language


def code_label(key: str, code: str) -> str:
    """The label of a code of the summary key `key` (a breakdown, answer list or preference)
    in the language in force; for other builders of the summary (PDF, UI)."""
    return _code_label(key, code)


def write_summary_xlsx(summary: dict[str, Any], path: str | Path) -> Path:
    """Write the workbook to a temporary file and move it into place (whole or not at all)."""
    return write_tables_xlsx(path, summary_sheets(summary))


def summary_sheets(summary: dict[str, Any]) -> list[Sheet]:
    sheets = [
        Sheet(
            _("Summary"),
            [_("Item"), _("Value")],
            [
                (_("Cycle"), summary["cycle"]),
                (_("Staff"), summary["staff_total"]),
                (_("Assessed"), summary["assessed"]),
            ],
        )
    ]
    two = "0.00"
    sheets.append(Sheet(
        _("Competencies"),
        [
            _("Rank"),
            _("Code"),
            _("Competency"),
            _("Respondents"),
            _("Mean importance"),
            _("Mean performance"),
            _("Mean gap"),
            _("Weighted discrepancy (MWDS)"),
        ],
        [
            (
                c["rank"],
                c["code"],
                title_text(c.get("title"), c["code"]),
                c.get("respondents"),
                c["mean_importance"],
                c["mean_performance"],
                c["mean_gap"],
                c["weighted_discrepancy"],
            )
            for c in summary["competencies"]
        ],
        {5: two, 6: two, 7: two, 8: two},
    ))
    sheets.append(Sheet(
        _("Course demand"),
        [_("Course code"), _("Course"), _("Requested"), _("Endorsed"), _("Declined")],
        [
            (
                d["course_code"],
                title_text(d.get("title"), d["course_code"]),
                d["requested"],
                d["endorsed"],
                d.get("declined", 0),
            )
            for d in summary["course_demand"]
        ],
    ))
    counts: list[tuple[str, str, str]] = [
        ("obstacles_duties", _("Obstacles to duties"), _("Answer")),
        ("obstacles_training", _("Obstacles to training"), _("Answer")),
        ("growth_needs", _("Growth needs"), _("Answer")),
        ("preferred_format", _("Preferred format"), _("Format")),
        ("preferred_language", _("Preferred language"), _("Language")),
        ("preferred_season", _("Preferred season"), _("Season")),
    ]
    counts += [(key, _(label), _(label)) for key, label in BREAKDOWNS]
    for key, title, column in counts:
        if key in summary:
            sheets.append(Sheet(
                title,
                [_("Code"), column, _("Count")],
                [(code, _code_label(key, code), n) for code, n in summary[key].items()],
            ))
    return sheets

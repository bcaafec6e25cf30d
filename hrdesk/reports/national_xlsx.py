"""MKK's national analysis as an XLSX workbook: one sheet per table, real numbers, translated
headers; each breakdown with a column for the country and one per oblast. Takes the dict of
hrdesk.mkk.national; never queries the database.

Sheet and write_tables_xlsx (hrdesk.reports.xlsx_tables, also importable from here) are the
plain helper the MKK desk uses to export any table on screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hrdesk.domain import enums
from hrdesk.domain.reference import district_name, oblast_name
from hrdesk.i18n import N_, _, current_language
from hrdesk.reports import summary_xlsx
from hrdesk.reports.summary_xlsx import code_label
from hrdesk.reports.xlsx_tables import Sheet, title_text, write_tables_xlsx

TWO_DECIMALS = "0.00"
PERCENT = "0.0%"

# The office summary's breakdowns, then the national cube's own.
BREAKDOWNS: tuple[tuple[str, str], ...] = summary_xlsx.BREAKDOWNS + (
    ("by_language", N_("Languages")),
    ("obstacles_duties", N_("Obstacles to duties")),
    ("obstacles_training", N_("Obstacles to training")),
    ("growth_needs", N_("Growth needs")),
    ("preferred_format", N_("Preferred format")),
    ("preferred_language", N_("Preferred language")),
    ("preferred_season", N_("Preferred season")),
)
FEEDBACK_TITLES = (
    ("relevance", N_("Relevance")),
    ("trainer", N_("Trainer")),
    ("practice", N_("Share of practice")),
    ("language_fit", N_("Language fit")),
    ("overall", N_("Overall")),
)


def label_of(key: str, code: str) -> str:
    """The label of a code of any breakdown of the national dict, in the language in force."""
    if key == "by_language":
        try:
            return enums.label(enums.Language(code))
        except ValueError:
            return code
    if key == "office_type":
        try:
            return enums.label(enums.OfficeType(code))
        except ValueError:
            return code
    return code_label(key, code)


def place_name(oblast: str, district: str = "") -> str:
    language = current_language()
    if district:
        return district_name(oblast, district, language)
    return oblast_name(oblast, language) if oblast != "unknown" else _("not recorded")


def national_sheets(data: Mapping[str, Any]) -> list[Sheet]:
    oblasts = list(data.get("by_oblast", {}))
    oblast_titles = [place_name(o) for o in oblasts]
    not_trained = data.get("not_trained", {})
    sheets = [
        Sheet(
            _("Summary"),
            [_("Item"), _("Value")],
            [
                (_("Cycle"), data["cycle"]),
                *((_(name), value) for name, value in filter_rows(data.get("filters", {}))),
                (_("Offices"), len(data.get("offices", []))),
                (_("Staff"), data["staff_total"]),
                (_("Assessed"), data["assessed"]),
                (
                    _("Not trained for {years} years or more").format(
                        years=not_trained.get("years", "")
                    ),
                    not_trained.get("people", 0),
                ),
                (_("Never trained"), not_trained.get("never_trained", 0)),
            ],
        ),
        Sheet(
            _("By oblast"),
            [
                _("Oblast"),
                _("Staff"),
                _("Assessed"),
                _("Share assessed"),
                _("Not trained for N years"),
            ],
            [
                (
                    place_name(o),
                    g["staff_total"],
                    g["assessed"],
                    g["assessed"] / g["staff_total"] if g["staff_total"] else None,
                    g["not_trained"]["people"],
                )
                for o, g in data.get("by_oblast", {}).items()
            ],
            {4: PERCENT},
        ),
        Sheet(
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
                *(_("MWDS: {oblast}").format(oblast=t) for t in oblast_titles),
            ],
            _competency_rows(data, oblasts),
            {c: TWO_DECIMALS for c in range(5, 9 + len(oblasts))},
        ),
        Sheet(
            _("Course demand"),
            [_("Course code"), _("Course"), _("Requested"), _("Endorsed"), _("Declined")],
            [
                (
                    d["course_code"],
                    title_text(d.get("title"), d["course_code"]),
                    d["requested"],
                    d["endorsed"],
                    d["declined"],
                )
                for d in data["course_demand"]
            ],
        ),
        Sheet(_("Seats"), *seat_table(data)),
        Sheet(_("Offices"), *office_table(data)),
        Sheet(_("State-order training"), *training_table(data)),
        Sheet(_("Provider quality"), *quality_table(data, "provider"), _quality_formats()),
        Sheet(_("Course quality"), *quality_table(data, "course"), _quality_formats(1)),
    ]
    for key, title in BREAKDOWNS:
        if key not in data:
            continue
        headers = [_("Code"), _(title), _("Country"), *oblast_titles]
        rows = [
            (
                code,
                label_of(key, code),
                n,
                *(data["by_oblast"][o].get(key, {}).get(code, 0) for o in oblasts),
            )
            for code, n in data[key].items()
        ]
        sheets.append(Sheet(_(title), headers, rows))
    return sheets


def filter_rows(filters: Mapping[str, str]) -> list[tuple[str, str]]:
    names = {
        "oblast": N_("Oblast"),
        "district": N_("District"),
        "office_type": N_("Office type"),
        "service_type": N_("Service type"),
        "group": N_("Position group"),
    }
    rows = []
    for key, value in filters.items():
        if key == "oblast":
            shown = place_name(value)
        elif key == "office_type":
            shown = label_of("office_type", value)
        elif key == "service_type":
            shown = label_of("by_service_type", value)
        elif key == "group":
            shown = label_of("by_group", value)
        else:
            shown = value
        rows.append((names.get(key, key), shown))
    return rows


def _competency_rows(data: Mapping[str, Any], oblasts: list[str]) -> list[tuple]:
    per_oblast = {
        o: {c["code"]: c["weighted_discrepancy"] for c in data["by_oblast"][o]["competencies"]}
        for o in oblasts
    }
    return [
        (
            c["rank"],
            c["code"],
            title_text(c.get("title"), c["code"]),
            c["respondents"],
            c["mean_importance"],
            c["mean_performance"],
            c["mean_gap"],
            c["weighted_discrepancy"],
            *(per_oblast[o].get(c["code"]) for o in oblasts),
        )
        for c in data["competencies"]
    ]


def _course_titles(data: Mapping[str, Any]) -> dict[str, str]:
    return {
        d["course_code"]: title_text(d.get("title"), d["course_code"])
        for d in data.get("course_demand", [])
    }


def seat_table(data: Mapping[str, Any]) -> tuple[list[str], list[tuple]]:
    titles = _course_titles(data)
    headers = [
        _("Course code"),
        _("Course"),
        _("Oblast"),
        _("Language"),
        _("Format"),
        _("Seats"),
        _("Hours"),
        _("From approved plans"),
    ]
    rows = [
        (
            s["course_code"],
            titles.get(s["course_code"], s["course_code"]),
            place_name(s["oblast"]),
            label_of("preferred_language", s["language"]),
            label_of("preferred_format", s["format"]),
            s["seats"],
            s["hours"],
            s.get("from_plans", 0),
        )
        for s in data.get("seats", [])
    ]
    return headers, rows


def office_table(data: Mapping[str, Any]) -> tuple[list[str], list[tuple]]:
    language = current_language()
    headers = [
        _("Office code"),
        _("Office"),
        _("Office type"),
        _("Oblast"),
        _("District"),
        _("Staff"),
        _("Assessed"),
        _("Requested"),
        _("Endorsed"),
        _("Not trained for N years"),
    ]
    rows = [
        (
            o["code"],
            (o["name_ru"] if language == "ru" and o["name_ru"] else o["name_ky"]),
            label_of("office_type", o["type"]),
            place_name(o["oblast"]),
            place_name(o["oblast"], o["district"]) if o["district"] else "",
            o["staff_total"],
            o["assessed"],
            o["requested"],
            o["endorsed"],
            o["not_trained"],
        )
        for o in data.get("offices", [])
    ]
    return headers, rows


def training_table(data: Mapping[str, Any]) -> tuple[list[str], list[tuple]]:
    by_service = data.get("training_by_year", {})
    years = sorted({int(y) for counts in by_service.values() for y in counts})
    headers = [_("Service type"), *(str(y) for y in years), _("Total")]
    rows = []
    for service, counts in by_service.items():
        values = [counts.get(str(y), 0) for y in years]
        rows.append((label_of("by_service_type", service), *values, sum(values)))
    return headers, rows


def quality_table(data: Mapping[str, Any], by: str) -> tuple[list[str], list[tuple]]:
    first = [_("Provider")] if by == "provider" else [_("Course code"), _("Course")]
    headers = [*first, _("Trainings")]
    for _key, title in FEEDBACK_TITLES:
        headers += [_(title), _("Answers")]
    rows = []
    for item in data.get(f"{by}_quality", []):
        row: list[Any] = (
            [item["provider"] or _("not recorded")]
            if by == "provider"
            else [item["course_code"], title_text(item.get("title"), item["course_code"])]
        )
        row.append(item["trainings"])
        for key, _title in FEEDBACK_TITLES:
            row += [item[key], item[f"{key}_answers"]]
        rows.append(tuple(row))
    return headers, rows


def _quality_formats(offset: int = 0) -> dict[int, str]:
    return {3 + offset + 2 * i: TWO_DECIMALS for i in range(len(FEEDBACK_TITLES))}


def write_national_xlsx(data: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    return write_tables_xlsx(path, national_sheets(data))

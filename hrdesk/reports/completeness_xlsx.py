"""Completeness of a cycle as an XLSX workbook: totals, per oblast, district and office type,
the missing offices to call, and every office's packet. Takes hrdesk.mkk.completeness's dict."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hrdesk.i18n import _, current_language
from hrdesk.mkk.completeness import local_time
from hrdesk.reports.national_xlsx import PERCENT, Sheet, label_of, place_name, write_tables_xlsx


def _rate_headers() -> list[str]:
    return [
        _("Expected"),
        _("Received"),
        _("On time"),
        _("Late"),
        _("Missing"),
        _("Reporting rate"),
        _("On-time rate"),
    ]


def _rates(row: Mapping[str, Any]) -> tuple:
    return (
        row["expected"],
        row["received"],
        row["on_time"],
        row["late"],
        row["missing"],
        row["rate"],
        row["on_time_rate"],
    )


def status_label(status: str) -> str:
    return {"on_time": _("on time"), "late": _("late"), "missing": _("missing")}.get(status, status)


def office_name(office: Mapping[str, Any]) -> str:
    if current_language() == "ru" and office.get("name_ru"):
        return str(office["name_ru"])
    return str(office.get("name_ky") or office.get("name_ru") or "")


def group_table(data: Mapping[str, Any], key: str) -> tuple[list[str], list[tuple], dict[int, str]]:
    """The rates per oblast, district or office type: headers, rows, number formats."""
    if key == "by_oblast":
        first = [_("Oblast")]
        rows = [(place_name(r["oblast"]), *_rates(r)) for r in data[key]]
    elif key == "by_district":
        first = [_("Oblast"), _("District")]
        rows = [
            (
                place_name(r["oblast"]),
                place_name(r["oblast"], r["district"]) if r["district"] else "",
                *_rates(r),
            )
            for r in data[key]
        ]
    else:
        first = [_("Office type")]
        rows = [(label_of("office_type", r["type"]), *_rates(r)) for r in data[key]]
    n = len(first)
    return [*first, *_rate_headers()], rows, {n + 6: PERCENT, n + 7: PERCENT}


DATE = "yyyy-mm-dd"
DATE_TIME = "yyyy-mm-dd hh:mm"
RECEIVED_COLUMN = 7  # 1-based, in offices_table


def _excel_time(stamp: str | None) -> dt.datetime | None:
    """Kyrgyz time without its zone: Excel has no time zones, and a cell with one is refused."""
    local = local_time(stamp)
    return local.replace(tzinfo=None) if local else None


def offices_table(offices: list[Mapping[str, Any]]) -> tuple[list[str], list[tuple]]:
    headers = [
        _("Office code"),
        _("Office"),
        _("Office type"),
        _("Oblast"),
        _("District"),
        _("Status"),
        _("Received"),
        _("Packets"),
        _("Accepted"),
    ]
    rows = [
        (
            o["code"],
            office_name(o),
            label_of("office_type", o.get("type", "")),
            place_name(o["oblast"]) if o.get("oblast") else "",
            place_name(o["oblast"], o["district"]) if o.get("district") else "",
            status_label(o["status"]),
            _excel_time(o.get("first_received_at")),
            o.get("packets", 0),
            _("yes") if o.get("accepted") else "",
        )
        for o in offices
    ]
    return headers, rows


def completeness_sheets(data: Mapping[str, Any]) -> list[Sheet]:
    totals = data["totals"]
    sheets = [
        Sheet(
            _("Summary"),
            [_("Item"), _("Value")],
            [
                (_("Cycle"), data["cycle"]),
                (
                    _("Deadline"),
                    dt.date.fromisoformat(data["deadline"]) if data.get("deadline") else "",
                ),
                *zip(_rate_headers(), _rates(totals), strict=True),
            ],
            cell_formats={(3, 2): DATE, (9, 2): PERCENT, (10, 2): PERCENT},
        ),
    ]
    for key, title in (
        ("by_oblast", _("By oblast")),
        ("by_district", _("By district")),
        ("by_office_type", _("By office type")),
    ):
        headers, rows, formats = group_table(data, key)
        sheets.append(Sheet(title, headers, rows, formats))
    missing = [dict(o, status="missing") for o in data["missing"]]
    sheets.append(Sheet(_("Missing"), *offices_table(missing)))
    received = {RECEIVED_COLUMN: DATE_TIME}
    sheets.append(Sheet(_("Offices"), *offices_table(data["offices"]), received))
    if data.get("unexpected"):
        sheets.append(Sheet(_("Not on the list"), *offices_table(data["unexpected"]), received))
    return sheets


def write_completeness_xlsx(data: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    return write_tables_xlsx(path, completeness_sheets(data))

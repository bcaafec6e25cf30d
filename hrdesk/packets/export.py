"""The office's guided export: checks first, then the packet file, recorded in packet_exports.

export_checks() lists what the clerk may want to fix before sending (people not assessed,
drafts, missing fields, requests not yet endorsed, a plan not approved); none of it blocks.
export_packet() writes the signed packet, encrypted to MKK's key (or, chosen explicitly,
unencrypted), with the payload and the office's summary PDF, and records the export.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hrdesk import errors
from hrdesk.domain.enums import Role
from hrdesk.i18n import _, current_language
from hrdesk.packets import PacketError
from hrdesk.packets.container import write_packet
from hrdesk.packets.keys import ensure_keys, mkk_box_public_key
from hrdesk.packets.payload import (
    PAYLOAD_MEMBER,
    SUMMARY_MEMBER,
    build_payload,
    check_payload,
    encode_payload,
    payload_counts,
)
from hrdesk.reports.pdf_base import Cancelled
from hrdesk.store.database import Database
from hrdesk.store.settings import SettingsRepository

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

NAMES_SHOWN = 5  # people named in a warning; the rest are counted


class MkkDatabase(errors.NotSetUp):
    """An export from MKK's database, which has no office of its own to export."""

    def __init__(self, path: object) -> None:
        errors.HrdeskError.__init__(
            self,
            _(
                "The database {path} is MKK's; a needs-assessment packet is exported from an "
                "office's database."
            ).format(path=path),
        )


@dataclass(frozen=True)
class ExportWarning:
    """Something the clerk can fix or accept before exporting. code is stable (not_assessed,
    draft_assessments, missing_fields, requests_pending, no_plan, plan_not_approved); message is
    translated; count is how many records it concerns."""

    code: str
    message: str
    count: int


@dataclass(frozen=True)
class ExportResult:
    path: Path
    packet_id: str
    counts: dict[str, int]
    encrypted: bool
    warnings: tuple[ExportWarning, ...] = ()  # the checks' warnings it was exported with


def _own_office_id(database: Database) -> int:
    office_id = database.query_value("SELECT id FROM offices WHERE is_own = 1 LIMIT 1")
    if office_id is None:
        if SettingsRepository(database).get("role") == Role.MKK.value:
            raise MkkDatabase(database.path)
        raise errors.NotSetUp(database.path)
    return int(office_id)  # type: ignore[arg-type]


def _require_cycle(database: Database, cycle: int) -> None:
    if database.query_value("SELECT 1 FROM cycles WHERE year = ?", (cycle,)) is None:
        raise errors.NotFound(
            _("The assessment cycle {year} has not been opened.").format(year=cycle)
        )


def _names(rows: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{surname} {name}".strip() for surname, name in rows[:NAMES_SHOWN])
    rest = len(rows) - NAMES_SHOWN
    return shown if rest <= 0 else _("{names} and {count} more").format(names=shown, count=rest)


def export_checks(database: Database, cycle: int) -> list[ExportWarning]:
    """What is not finished in the cycle, as warnings; an empty list when all is ready."""
    office_id = _own_office_id(database)
    _require_cycle(database, cycle)
    db = database
    warnings: list[ExportWarning] = []
    people = "s.office_id = ? AND s.status IN ('active', 'on_leave')"
    not_assessed = db.execute(
        f"SELECT s.surname, s.name FROM staff s WHERE {people} AND NOT EXISTS "
        "(SELECT 1 FROM assessments a WHERE a.staff_id = s.id AND a.cycle = ?) "
        "ORDER BY s.sort_name",
        (office_id, cycle),
    ).fetchall()
    if not_assessed:
        warnings.append(
            ExportWarning(
                "not_assessed",
                _("{count} people have not been assessed in the cycle {cycle}: {names}.").format(
                    count=len(not_assessed), cycle=cycle, names=_names(not_assessed)
                ),
                len(not_assessed),
            )
        )
    drafts = db.execute(
        f"SELECT s.surname, s.name FROM staff s JOIN assessments a ON a.staff_id = s.id "
        f"WHERE {people} AND a.cycle = ? AND a.status = 'draft' ORDER BY s.sort_name",
        (office_id, cycle),
    ).fetchall()
    if drafts:
        warnings.append(
            ExportWarning(
                "draft_assessments",
                _("{count} assessments are not finished (drafts): {names}.").format(
                    count=len(drafts), names=_names(drafts)
                ),
                len(drafts),
            )
        )
    missing = db.execute(
        f"SELECT s.surname, s.name FROM staff s WHERE {people} AND s.missing != '' "
        "ORDER BY s.sort_name",
        (office_id,),
    ).fetchall()
    if missing:
        warnings.append(
            ExportWarning(
                "missing_fields",
                _("{count} staff records are incomplete: {names}.").format(
                    count=len(missing), names=_names(missing)
                ),
                len(missing),
            )
        )
    pending = int(
        db.query_value(
            "SELECT count(*) FROM requests r JOIN assessments a ON a.id = r.assessment_id "
            "JOIN staff s ON s.id = a.staff_id WHERE a.cycle = ? AND s.office_id = ? "
            "AND r.endorsement = 'pending'",
            (cycle, office_id),
        )
        or 0  # type: ignore[arg-type]
    )
    if pending:
        warnings.append(
            ExportWarning(
                "requests_pending",
                _(
                    "{count} requested courses are neither endorsed nor declined by the head."
                ).format(count=pending),
                pending,
            )
        )
    plan_status = db.query_value(
        "SELECT status FROM plans WHERE office_id = ? AND year = ?", (office_id, cycle)
    )
    if plan_status is None:
        warnings.append(
            ExportWarning(
                "no_plan",
                _("There is no training plan for {year} yet.").format(year=cycle),
                1,
            )
        )
    elif plan_status != "approved":
        warnings.append(
            ExportWarning(
                "plan_not_approved",
                _("The training plan for {year} is not approved yet.").format(year=cycle),
                1,
            )
        )
    return warnings


def export_packet(
    database: Database,
    cycle: int,
    out: str | os.PathLike[str],
    unencrypted: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Write the office's packet for the cycle to out (a folder, or a file name) and record it.

    Refused (nothing written) when the database is not an office's, the cycle was never opened,
    or MKK's key is missing and unencrypted is not chosen (PacketError "no_mkk_key").
    progress(done, total) is called between the steps; cancel() returning True stops with
    pdf_base.Cancelled and nothing written."""
    steps = 4

    def step(done: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(done, steps)

    office_id = _own_office_id(database)
    _require_cycle(database, cycle)
    mkk_key = mkk_box_public_key(database)
    if mkk_key is None and not unencrypted:
        raise PacketError(
            "no_mkk_key",
            _(
                "MKK's public key is not set up, so the packet cannot be encrypted. Import the "
                "catalogue file from MKK, or choose to export without encryption."
            ),
        )
    keys = ensure_keys(database, Role.OFFICE)
    step(0)
    payload = build_payload(database, cycle)
    check_payload(payload, _("being written"))
    counts = payload_counts(payload)
    warnings = export_checks(database, cycle)
    step(1)
    summary_pdf = _summary_pdf(database, cycle, office_id, payload["office"], cancel)
    step(2)
    target = Path(out)
    if not target.exists() and not target.suffix:
        # A name without an extension that does not exist yet is a folder to make.
        try:
            target.mkdir(parents=True)
        except OSError as exc:
            raise PacketError(
                "cannot_write",
                _("The folder {path} cannot be made: {reason}. Nothing was written.").format(
                    path=target, reason=exc.strerror or exc
                ),
            ) from exc
    created_at = _next_created_at(database)
    packet_id = str(uuid.uuid4())
    office = payload["office"]
    path = write_packet(
        target,
        {
            "office_code": office["code"],
            "office_name_ky": office["name_ky"],
            "office_name_ru": office["name_ru"],
            "office_type": office["type"],
            "oblast": office["oblast"],
            "district": office["district"],
            "cycle": cycle,
            "counts": counts,
        },
        {PAYLOAD_MEMBER: encode_payload(payload), SUMMARY_MEMBER: summary_pdf},
        keys.signing,
        None if unencrypted else mkk_key,
        unencrypted,
        created_at=created_at,
        packet_id=packet_id,
    )
    try:
        step(3)
        with database.transaction():
            database.execute(
                "INSERT INTO packet_exports(packet_id, cycle, created_at, file_name, encrypted, "
                "counts, warnings) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    packet_id,
                    cycle,
                    created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    path.name,
                    int(not unencrypted),
                    json.dumps(counts),
                    json.dumps([w.code for w in warnings]),
                ),
            )
    except BaseException:
        # A packet that is not recorded was not exported: take the file back.
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    if progress is not None:
        progress(steps, steps)  # done: a cancel from now on changes nothing
    return ExportResult(path, packet_id, counts, not unencrypted, tuple(warnings))


def _summary_pdf(
    database: Database, cycle: int, office_id: int, office: dict, cancel: Cancel | None
) -> bytes:
    from hrdesk.analysis.summary import office_summary
    from hrdesk.reports.summary_pdf import render_summary_pdf
    from hrdesk.reports.summary_xlsx import _code_label as label_of

    language = current_language()
    name = office["name_ru"] if language == "ru" and office["name_ru"] else office["name_ky"]
    summary = office_summary(database, cycle, [office_id])
    fd, tmp = tempfile.mkstemp(prefix="hrdesk-summary-", suffix=".pdf")
    os.close(fd)
    try:
        render_summary_pdf(summary, tmp, name, language, label_of)
        return Path(tmp).read_bytes()
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _next_created_at(database: Database) -> dt.datetime:
    """Now, to the second, but always after the last export: MKK orders an office's packets by
    this time, so two exports within one second must not share it."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    last = database.query_value("SELECT max(created_at) FROM packet_exports")
    if last:
        previous = dt.datetime.strptime(str(last), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        if now <= previous:
            now = previous + dt.timedelta(seconds=1)
    return now


def exports(database: Database, cycle: int | None = None) -> list[dict]:
    """The recorded exports, newest first (for the export page's history)."""
    sql = (
        "SELECT packet_id, cycle, created_at, file_name, encrypted, counts, warnings "
        "FROM packet_exports"
    )
    params: tuple = ()
    if cycle is not None:
        sql += " WHERE cycle = ?"
        params = (cycle,)
    rows = database.execute(sql + " ORDER BY created_at DESC, id DESC", params).fetchall()
    return [
        {
            "packet_id": r[0],
            "cycle": r[1],
            "created_at": r[2],
            "file_name": r[3],
            "encrypted": bool(r[4]),
            "counts": json.loads(r[5]),
            "warnings": json.loads(r[6]),
        }
        for r in rows
    ]

"""Importing needs-assessment packets at MKK: a dry run that says what would happen, and the
import itself, each packet all or nothing (hrdesk.packets.write_groups: packets committed in
groups, a group written again without a packet that fails).

Every packet is checked whole before anything of it is written, in this order: the container
(ZIP safety, checksums, signature, decryption: hrdesk.packets.container), the payload's schema,
that manifest and payload agree, the office's registered key (hrdesk.packets.registry), whether
MKK already has this packet or a newer one of the office and cycle, the data rules
(hrdesk.packets.import_rules) and what depends on MKK's data (the same uid or PIN at another
office; an import finds another office's uid by writing, MKK's uid columns being unique, and
nothing of the packet stays). One record that breaks a rule rejects the whole packet, listing
every such record: MKK then asks the office for a corrected packet rather than holding half an
office. A PIN that another office also recorded is reported but does not reject: the person
may have moved, and MKK decides.

A packet that fails never stops the others; each gets its own PacketResult.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from hrdesk import collector, errors
from hrdesk.domain.enums import Role
from hrdesk.i18n import _
from hrdesk.mkk.locks import check_not_locked
from hrdesk.packets import PacketError
from hrdesk.packets.container import PACKET_SUFFIX, verify_packet
from hrdesk.packets.examine import (
    Examined,
    Workers,
    examine_packet,
    examined_in_order,
    start_workers,
    worker_count,
)
from hrdesk.packets.import_rules import Conflict, person_label
from hrdesk.packets.import_store import (
    PAYLOAD_TABLES,
    count_changes,
    empty_counts,
    rejected_counts,
    write_payload,
)
from hrdesk.packets.keys import fingerprint, load_keys
from hrdesk.packets.payload_rows import RecordKeys, SplitPayload
from hrdesk.packets.registry import KeyStatus, check_signer, record_signer
from hrdesk.packets.write_groups import WriteGroups
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.convert import now_utc
from hrdesk.store.database import Database
from hrdesk.store.packet_trails import store_packet_trail
from hrdesk.store.settings import SettingsRepository

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# Files a folder import picks up (files named on their own are read whatever their name).
FOLDER_SUFFIXES = (PACKET_SUFFIX, ".zip")

# SQLite's page cache while importing (negative: KiB), 64 MiB.
IMPORT_CACHE_SIZE = -64 * 1024
IMPORT_CHECKPOINT_PAGES = 10_000  # about 40 MB of write-ahead log

# Conflict codes of the importer (the container's PacketError codes are used as they are).
OUTDATED = "outdated"
UID_IN_OTHER_OFFICE = "uid_in_other_office"
PIN_IN_OTHER_OFFICE = "pin_in_other_office"
WRITE_FAILED = "write_failed"
INTERNAL_ERROR = "internal_error"
CANCELLED = "cancelled"
UNENCRYPTED = "unencrypted"  # reported, not blocking
PACKET_ID_REUSED = "packet_id_reused"
SAME_PACKET = "same_packet"  # a second copy of a file in one import; reported, not blocking
CHECKED_AGAINST_LOST = "checked_against_lost"  # reported, not blocking
# Refusals that depend on what MKK holds, and so on packets written earlier in the same run.
_CHECKED_AGAINST_MKK = frozenset({UID_IN_OTHER_OFFICE, OUTDATED, PACKET_ID_REUSED, "key_changed"})


class Status(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    DRY_RUN = "dry_run"


class NotMkkDatabase(errors.HrdeskError):
    def __init__(self, path: object) -> None:
        super().__init__(
            _(
                "The database {path} is not set up for MKK; packets are imported into MKK's "
                "database (hrdesk init --role mkk)."
            ).format(path=path)
        )


@dataclass
class PacketResult:
    """What happened (or, in a dry run, would happen) to one packet file."""

    file: str
    packet_id: str | None = None
    office_code: str | None = None
    cycle: int | None = None
    status: Status = Status.REJECTED
    supersedes: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=empty_counts)
    conflicts: list[Conflict] = field(default_factory=list)
    # The manifest's counts, for a packet refused before its payload was read (not in JSON).
    stated_counts: dict[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def accepted(self) -> bool:
        return self.status != Status.REJECTED

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "packet_id": self.packet_id,
            "office_code": self.office_code,
            "cycle": self.cycle,
            "status": self.status.value,
            "supersedes": self.supersedes,
            "counts": self.counts,
            "conflicts": [c.to_json() for c in self.conflicts],
        }


def import_report(results: Sequence[PacketResult]) -> dict[str, Any]:
    """{"packets": [...], "totals": {...}}: the JSON of `hrdesk packet import --json`."""
    totals: dict[str, Any] = {"packets": len(results)}
    for status in Status:
        totals[status.value] = sum(r.status == status for r in results)
    totals["conflicts"] = sum(len(r.conflicts) for r in results)
    counts = empty_counts()
    for r in results:
        for kind, numbers in r.counts.items():
            for key, n in numbers.items():
                counts[kind][key] += n
    totals["counts"] = counts
    return {"packets": [r.to_json() for r in results], "totals": totals}


def find_packets(paths: Iterable[str | Path]) -> list[Path]:
    """The packet files to import: files as named, and the packet files (*.hrpacket, *.zip) of
    folders, without hidden ones. InputFileError for a path that does not exist or when no
    packet is found at all."""
    paths = list(paths)
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and not p.name.startswith(".")
                and p.name.lower().endswith(FOLDER_SUFFIXES)
            )
        elif path.exists():
            found.append(path)
        else:
            raise errors.InputFileError(
                _("The file or folder {path} does not exist.").format(path=path)
            )
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    if not unique:
        raise errors.InputFileError(
            _("No packet files (*.hrpacket) were found in {paths}.").format(
                paths=", ".join(str(p) for p in paths)
            )
        )
    return unique


def plan_import(
    database: Database,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: dt.date | None = None,
) -> list[PacketResult]:
    """The dry run: every check, and the counts of what the import would create, update or
    leave unchanged. Nothing is written."""
    return _Import(database, dry_run=True, today=today).run(find_packets(paths), progress, cancel)


def apply_import(
    database: Database,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: dt.date | None = None,
) -> list[PacketResult]:
    """Import the packets, each wholly or not at all."""
    return _Import(database, dry_run=False, today=today).run(find_packets(paths), progress, cancel)


# --- the run --------------------------------------------------------------------------------


@dataclass
class _Seen:
    """A packet that passed the container's checks in the first pass."""

    path: Path
    manifest: dict[str, Any]


class _Import:
    def __init__(self, database: Database, dry_run: bool, today: dt.date | None) -> None:
        if SettingsRepository(database).get("role") != Role.MKK.value:
            raise NotMkkDatabase(database.path)
        self.database = database
        self.dry_run = dry_run
        self.today = today or dt.date.today()
        keys = load_keys(database, Role.MKK)
        self.box_key = keys.box if keys is not None else None
        catalogue = CatalogueRepository(database)
        self.competencies = [c.code for c in catalogue.competencies(include_inactive=True)]
        self.courses = set(catalogue.course_map())
        self.done_ids: set[str] = set()
        # In a dry run nothing reaches the database, so what earlier packets of the same run
        # would add is remembered here (PIN -> office codes).
        self.batch_pins: dict[str, set[str]] = {}
        # Likewise the key the first packet of a new office would register (office -> the
        # fingerprint and the packet's file).
        self.batch_signers: dict[str, tuple[str, Path]] = {}
        self.groups: WriteGroups[PacketResult] | None = (
            None if dry_run else WriteGroups(database, PAYLOAD_TABLES)
        )
        # Results of the open group's run, written or not (see _settle).
        self.judged_in_group: list[PacketResult] = []
        # Once a packet of the run held another office's uid, the rest are looked up before
        # writing: each such failure costs writing its group again.
        self.uids_first = False

    def run(
        self, files: list[Path], progress: Progress | None, cancel: Cancel | None
    ) -> list[PacketResult]:
        # The uid indexes take random keys: with SQLite's default 2 MB page cache, a country's
        # import would read most pages back for every packet. And each packet's commit adds
        # most of those pages to the write-ahead log again: copied back to the database every
        # IMPORT_CHECKPOINT_PAGES instead of every 1,000, a page is copied once for many packets.
        conn = self.database.conn
        cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
        checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_SIZE}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {IMPORT_CHECKPOINT_PAGES}")
        try:
            with collector.paused():
                results = self._run(files, progress, cancel)
                self._settle()
            return results
        except BaseException:
            if self.groups is not None:
                self.groups.abandon()
            raise
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
            if not self.dry_run and not conn.in_transaction:
                # Leave no large log behind (a busy reader only makes this a no-op).
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def _run(
        self, files: list[Path], progress: Progress | None, cancel: Cancel | None
    ) -> list[PacketResult]:
        # Started before the first pass over the files, which covers the moment a worker
        # process takes to start; stopped by examined_in_order, or here on an early error.
        workers = start_workers(worker_count(len(files)))
        try:
            return self._run_with(files, progress, cancel, workers)
        finally:
            if workers is not None:
                workers.stop()

    def _run_with(
        self,
        files: list[Path],
        progress: Progress | None,
        cancel: Cancel | None,
        workers: Workers | None,
    ) -> list[PacketResult]:
        results: dict[Path, PacketResult] = {}
        seen: list[_Seen] = []
        for path in files:
            try:
                opened = verify_packet(path)
            except PacketError as exc:
                results[path] = _refused(path, exc.code, exc.message)
                continue
            # Before the newest packet of an office is chosen: a packet signed with a key that
            # is not the office's must not make the office's own packet "outdated".
            office = opened.manifest["office_code"]
            try:
                check_signer(self.database, office, opened.signer_public_key, str(path))
            except PacketError as exc:
                results[path] = _refused(path, exc.code, exc.message, opened.manifest)
                continue
            seen.append(_Seen(path, opened.manifest))
        newest = _newest_of_each(seen)
        total, done = len(files), len(results)
        wanted = [i.path for i in seen if newest[_key(i.manifest)] is i]
        job = functools.partial(
            examine_packet,
            box_key=bytes(self.box_key) if self.box_key is not None else None,
            competencies=self.competencies,
            courses=self.courses,
            today=self.today,
        )
        if workers is not None and worker_count(len(wanted)) == 0:
            workers.stop()  # started for the files, but few of them are left to examine
            workers = None
        with contextlib.closing(examined_in_order(wanted, job, workers)) as examinations:
            cancelled = False
            for item in seen:
                rival = newest[_key(item.manifest)]
                # Once cancelled, cancelled for good: the examinations run ahead in order.
                cancelled = cancelled or (cancel is not None and cancel())
                if cancelled:
                    results[item.path] = _refused(
                        item.path,
                        CANCELLED,
                        _("Not imported: the import was cancelled."),
                        item.manifest,
                    )
                    continue
                if rival is not item and _same_packet(rival, item):
                    # A second copy of one file (sent twice, "packet (1).hrpacket"): the rival,
                    # the first copy, has been settled already (and committed, when written).
                    first = results[rival.path]
                    if self.groups is not None and self.groups.holds(first):
                        self._settle()
                    results[item.path] = _copy_of(item, rival, first)
                elif rival is not item:
                    result = _refused(
                        item.path,
                        OUTDATED,
                        _(
                            "The packet {path} is older than {newer}, a packet of the same "
                            "office and cycle in this import; only the newer one is imported."
                        ).format(path=item.path, newer=rival.path.name),
                        item.manifest,
                    )
                    results[item.path] = result
                else:
                    examined_path, examination = next(examinations)
                    if examined_path != item.path:
                        raise RuntimeError(f"examined {examined_path}, expected {item.path}")
                    results[item.path] = self._one(item.path, examination)
                    if self.groups is not None:
                        self.judged_in_group.append(results[item.path])
                        if self.groups.due():
                            self._settle()
                done += 1
                if progress is not None:
                    progress(done, total)
        return [results[p] for p in files]

    def _one(self, path: Path, examination: Callable[[], Examined]) -> PacketResult:
        result = PacketResult(file=str(path))
        held: dict[str, int] | None = None  # the payload's counts, once read
        try:
            examined = examination()
            if examined.manifest is not None:
                _describe(result, examined.manifest)
            held = examined.counts
            if examined.error is not None:
                raise PacketError(*examined.error)
            opened, payload, keys = examined.opened, examined.split, examined.keys
            assert opened is not None and payload is not None and keys is not None
            manifest = opened.manifest
            office = manifest["office_code"]
            self._check_signer(office, opened.signer_public_key, path)
            if self._already_have(result, manifest, held, path):
                return result
            result.supersedes, authoritative = self._position(manifest, path)
            if examined.rules_failed:
                raise RuntimeError(f"data rules failed: {examined.rules_failed}")
            result.conflicts = list(examined.conflicts)
            result.conflicts += self._pins_elsewhere(keys, payload, office)
            if not manifest["encrypted"]:
                result.conflicts.append(
                    Conflict(
                        UNENCRYPTED,
                        path.name,
                        _(
                            "The packet {path} was sent without encryption: anyone who had the "
                            "file could read the personal data in it. It is imported; ask the "
                            "office to import MKK's catalogue file so that its next packet is "
                            "encrypted."
                        ).format(path=path),
                        blocking=False,
                    )
                )
            # A dry run, or a packet refused anyway, looks its uids up at other offices now. An
            # import finds them by writing (_write): MKK's uid columns are unique, so a packet
            # holding another office's uid fails there, and the lookup then says which.
            if self.dry_run or self.uids_first or any(c.blocking for c in result.conflicts):
                result.conflicts += self._uids_elsewhere(keys, office)
            if any(c.blocking for c in result.conflicts):
                result.status = Status.REJECTED
                result.counts = rejected_counts(held)
                return result
            rows = examined.rows
            assert rows is not None  # made whenever no check refused the packet
            if self.dry_run:
                result.counts = count_changes(self.database, payload, rows, office, authoritative)
                result.status = Status.DRY_RUN
                self._remember(keys, office, opened.signer_public_key, path)
            else:
                try:
                    self._write(result, path, examined, authoritative)
                except sqlite3.IntegrityError:
                    taken = self._uids_elsewhere(keys, office)
                    if not taken:
                        raise
                    self.uids_first = True
                    result.conflicts += taken
                    result.status = Status.REJECTED
                    result.counts = rejected_counts(held)
                    return result
                result.status = Status.IMPORTED
            self.done_ids.add(manifest["packet_id"])
            return result
        except PacketError as exc:
            return _rejected(result, exc.code, exc.message, held)
        except errors.HrdeskError as exc:
            return _rejected(result, WRITE_FAILED, exc.message, held)
        except sqlite3.Error as exc:
            log.exception("packet %s could not be written", path)
            return _rejected(
                result,
                WRITE_FAILED,
                _(
                    "The packet {path} could not be written ({detail}); nothing of it was imported."
                ).format(path=path, detail=exc),
                held,
            )
        except Exception:
            log.exception("unexpected error importing %s", path)
            return _rejected(
                result,
                INTERNAL_ERROR,
                _(
                    "An unexpected error occurred while importing {path}; nothing of it was "
                    "imported. Details are in the log."
                ).format(path=path),
                held,
            )

    # --- where the packet stands --------------------------------------------------------

    def _already_have(
        self, result: PacketResult, manifest: dict[str, Any], held: dict[str, int], path: Path
    ) -> bool:
        """True when the result is settled: the same packet again (unchanged)."""
        packet_id = manifest["packet_id"]
        row = self.database.execute(
            "SELECT status, superseded_by, office_code, cycle, created_at FROM packets_received "
            "WHERE packet_id = ?",
            (packet_id,),
        ).fetchone()
        if row is not None and tuple(row[2:]) != (
            manifest["office_code"],
            manifest["cycle"],
            manifest["created_at"],
        ):
            # Every export makes a new packet id: another packet under a known id was made by
            # hand, and must not pass as "already imported".
            raise PacketError(
                PACKET_ID_REUSED,
                _(
                    "The packet {path} has the id {id} of another packet MKK imported (of the "
                    "office {office} for the cycle {cycle}); it is not an export of hrdesk."
                ).format(path=path, id=packet_id, office=row[2], cycle=row[3]),
            )
        if row is not None and row[0] == "superseded":
            raise PacketError(
                OUTDATED,
                _(
                    "The packet {path} was imported before and has since been replaced by the "
                    "newer packet {newer} of the same office and cycle."
                ).format(path=path, newer=row[1]),
            )
        if row is None and packet_id not in self.done_ids:
            return False
        result.status = Status.UNCHANGED
        counts = empty_counts()
        for kind, n in held.items():
            counts[kind]["unchanged"] = n
        result.counts = counts
        return True

    def _position(self, manifest: dict[str, Any], path: Path) -> tuple[str | None, bool]:
        """The packet this one replaces (or None), and whether its register is the newest of
        the office; OUTDATED when MKK has a newer packet of the office and cycle."""
        office, cycle, created = manifest["office_code"], manifest["cycle"], manifest["created_at"]
        check_not_locked(self.database, office, cycle, manifest["packet_id"])
        current = self.database.execute(
            "SELECT packet_id, created_at FROM packets_received "
            "WHERE office_code = ? AND cycle = ? AND status = 'current'",
            (office, cycle),
        ).fetchone()
        if current is not None and created <= current[1]:
            raise PacketError(
                OUTDATED,
                _(
                    "The packet {path} was made on {made}, but the packet {current} of the same "
                    "office and cycle, made on {current_made}, is already imported; an older "
                    "packet cannot replace a newer one."
                ).format(path=path, made=created, current=current[0], current_made=current[1]),
            )
        newest = self.database.query_value(
            "SELECT max(created_at) FROM packets_received "
            "WHERE office_code = ? AND status = 'current'",
            (office,),
        )
        authoritative = newest is None or created >= str(newest)
        return (current[0] if current else None), authoritative

    def _uids_elsewhere(self, keys: RecordKeys, office: str) -> list[Conflict]:
        """Records whose uid belongs to another office at MKK (blocking)."""
        db = self.database
        conflicts: list[Conflict] = []
        checks = (
            (
                "staff",
                keys.uids["staff"],
                "SELECT s.uid, o.code FROM staff s JOIN offices o ON o.id = s.office_id "
                "WHERE s.uid IN (SELECT value FROM json_each(?)) AND o.code != ?",
            ),
            (
                "assessment",
                keys.uids["assessment"],
                "SELECT a.uid, o.code FROM assessments a JOIN staff s ON s.id = a.staff_id "
                "JOIN offices o ON o.id = s.office_id "
                "WHERE a.uid IN (SELECT value FROM json_each(?)) AND o.code != ?",
            ),
            (
                "request",
                keys.uids["request"],
                "SELECT r.uid, o.code FROM requests r JOIN assessments a ON a.id = r.assessment_id "
                "JOIN staff s ON s.id = a.staff_id JOIN offices o ON o.id = s.office_id "
                "WHERE r.uid IN (SELECT value FROM json_each(?)) AND o.code != ?",
            ),
            (
                "plan_entry",
                keys.uids["plan_entry"],
                "SELECT e.uid, o.code FROM plan_entries e JOIN plans p ON p.id = e.plan_id "
                "JOIN offices o ON o.id = p.office_id "
                "WHERE e.uid IN (SELECT value FROM json_each(?)) AND o.code != ?",
            ),
        )
        for kind, uids, sql in checks:  # uids: a JSON array
            if uids == "[]":
                continue
            for uid, other in db.execute(sql, (uids, office)):
                conflicts.append(
                    Conflict(
                        UID_IN_OTHER_OFFICE,
                        f"{kind} {uid}",
                        _(
                            "The record {uid} is already held for the office {other}: two offices "
                            "cannot share records (was one office's database copied to "
                            "another?)."
                        ).format(uid=uid, other=other),
                    )
                )
        return conflicts

    def _pins_elsewhere(
        self, keys: RecordKeys, payload: SplitPayload, office: str
    ) -> list[Conflict]:
        """People whose PIN another office recorded too (reported only): at MKK, or in an
        earlier packet of this dry run."""
        db = self.database
        conflicts: list[Conflict] = []
        pins = keys.pins
        others: dict[str, set[str]] = {}
        for pin, other in db.execute(
            "SELECT DISTINCT s.pin, o.code FROM staff s JOIN offices o ON o.id = s.office_id "
            "WHERE s.pin IN (SELECT value FROM json_each(?)) AND o.code != ?",
            (json.dumps(pins), office),
        ):
            others.setdefault(pin, set()).add(other)
        for pin in pins:
            for other in self.batch_pins.get(pin, ()):
                if other != office:
                    others.setdefault(pin, set()).add(other)
        if others:
            for person in payload.full["staff"]:
                for other in sorted(others.get(person["pin"], ())):
                    conflicts.append(
                        Conflict(
                            PIN_IN_OTHER_OFFICE,
                            f"staff {person['uid']}",
                            _(
                                "{name}: the PIN {pin} is also recorded by the office {other}. "
                                "The record is imported anyway; MKK decides whether the person "
                                "moved or one of the PINs is wrong."
                            ).format(name=person_label(person), pin=person["pin"], other=other),
                            blocking=False,
                        )
                    )
        return conflicts

    def _remember(self, keys: RecordKeys, office: str, signer: bytes, path: Path) -> None:
        for pin in keys.pins:
            self.batch_pins.setdefault(pin, set()).add(office)
        self.batch_signers.setdefault(office, (fingerprint(signer), path))

    def _check_signer(self, office: str, signer: bytes, path: Path) -> None:
        """check_signer(); in a dry run also against the key that an earlier packet of a new
        office in this run would register (the import registers it and then refuses this one)."""
        if check_signer(self.database, office, signer, str(path)) is not KeyStatus.NEW:
            return
        first = self.batch_signers.get(office)
        if first is not None and first[0] != fingerprint(signer):
            raise PacketError(
                "key_changed",
                _(
                    "The packet {path} of the office {office} is signed with the key {new}, but "
                    "the packet {first} of the same office in this import is signed with the key "
                    "{old}, and the first packet of an office registers its key. Confirm the "
                    "fingerprint with the office by phone."
                ).format(
                    path=path,
                    office=office,
                    new=fingerprint(signer),
                    first=first[1].name,
                    old=first[0],
                ),
            )

    # --- writing ------------------------------------------------------------------------

    def _settle(self) -> None:
        """Commit the packets written so far. When that fails, none of them is imported, and
        each one's result says so."""
        if self.groups is None:
            return
        judged, self.judged_in_group = self.judged_in_group, []
        held, error = self.groups.commit()
        if error is None:
            return
        log.error("a group of %d packets could not be committed: %s", len(held), error)
        for result in judged:
            # Checked against the lost packets' records, which never reached the database.
            if not any(result is h for h in held) and any(
                c.blocking and c.code in _CHECKED_AGAINST_MKK for c in result.conflicts
            ):
                result.conflicts.append(
                    Conflict(
                        CHECKED_AGAINST_LOST,
                        Path(result.file).name,
                        _(
                            "Packets imported just before {path} could not be written after "
                            "all, and {path} was checked against them (other offices' records, "
                            "the office's key, newer packets). Import it again to check it anew."
                        ).format(path=result.file),
                        blocking=False,
                    )
                )
        detail = error.message if isinstance(error, errors.HrdeskError) else str(error)
        for result in held:
            self.done_ids.discard(result.packet_id or "")
            result.supersedes = None
            _rejected(
                result,
                WRITE_FAILED,
                _(
                    "The packet {path} could not be written ({detail}); nothing of it was imported."
                ).format(path=result.file, detail=detail),
                None,
            )

    def _write(
        self, result: PacketResult, path: Path, examined: Examined, authoritative: bool
    ) -> None:
        """Write the packet into the open group and hold its result there until the group is
        committed."""
        assert self.groups is not None
        with self.groups.packet():
            result.counts = self._write_records(path, examined, authoritative)
        rewrite = functools.partial(self._write_records, path, examined, authoritative)
        self.groups.hold(result, rewrite)

    def _write_records(
        self, path: Path, examined: Examined, authoritative: bool
    ) -> dict[str, dict[str, int]]:
        """The packet's records and its receipt; returns the counts."""
        opened, payload, rows = examined.opened, examined.split, examined.rows
        digest = examined.sha256
        assert opened is not None and payload is not None and rows is not None
        from hrdesk.store import audit

        manifest = opened.manifest
        office, cycle = manifest["office_code"], manifest["cycle"]
        db = self.database
        with audit.operation(db, "packet_import"):
            office_id, counts = write_payload(db, payload, rows, office, authoritative)
            # Before the older packet is marked superseded: its trail goes, this one's stays.
            store_packet_trail(db, manifest["packet_id"], office, cycle, payload.head.get("audit"))
            record_signer(db, office, opened.signer_public_key, manifest["packet_id"])
            db.execute(
                "UPDATE packets_received SET status = 'superseded', superseded_by = ? "
                "WHERE office_code = ? AND cycle = ? AND status = 'current'",
                (manifest["packet_id"], office, cycle),
            )
            db.execute(
                "INSERT INTO packets_received(packet_id, office_id, office_code, cycle, "
                "created_at, file_name, sha256, status, superseded_by, received_at, "
                "signer_fingerprint, encrypted, counts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'current', NULL, ?, ?, ?, ?)",
                (
                    manifest["packet_id"],
                    office_id,
                    office,
                    cycle,
                    manifest["created_at"],
                    path.name,
                    digest,
                    now_utc(),
                    opened.signer_fingerprint,
                    int(bool(manifest["encrypted"])),
                    json.dumps(counts),
                ),
            )
        return counts


# --- helpers --------------------------------------------------------------------------------


def _describe(result: PacketResult, manifest: dict[str, Any]) -> None:
    result.packet_id = manifest.get("packet_id")
    result.office_code = manifest.get("office_code")
    result.cycle = manifest.get("cycle")
    result.stated_counts = manifest.get("counts")


def _refused(
    path: Path, code: str, message: str, manifest: dict[str, Any] | None = None
) -> PacketResult:
    """A packet refused before its payload was read; manifest when its container passed."""
    result = PacketResult(file=str(path))
    if manifest is not None:
        _describe(result, manifest)
    return _rejected(result, code, message, None)


def _rejected(
    result: PacketResult, code: str, message: str, held: dict[str, int] | None
) -> PacketResult:
    result.status = Status.REJECTED
    result.supersedes = None
    result.counts = rejected_counts(held)
    if held is None and result.stated_counts:
        # Refused before its payload was read: its records as its signed manifest counts them.
        for kind, numbers in result.counts.items():
            numbers["rejected"] = int(result.stated_counts.get(kind, 0))
    result.conflicts = [
        *[c for c in result.conflicts if c.code != code],
        Conflict(code, Path(result.file).name, message),
    ]
    return result


def _same_packet(one: _Seen, other: _Seen) -> bool:
    return bool(one.manifest["packet_id"] == other.manifest["packet_id"])


def _copy_of(item: _Seen, first: _Seen, settled: PacketResult) -> PacketResult:
    """The result of a second copy of a packet whose first copy in this import was settled:
    unchanged when the first was accepted (the packet is taken once), else refused like it."""
    if not settled.accepted:
        result = PacketResult(file=str(item.path))
        _describe(result, item.manifest)
        result.status = Status.REJECTED
        result.counts = copy.deepcopy(settled.counts)
        result.conflicts = list(settled.conflicts)
        return result
    result = PacketResult(file=str(item.path), status=Status.UNCHANGED)
    _describe(result, item.manifest)
    for kind, n in (result.stated_counts or {}).items():
        if kind in result.counts:
            result.counts[kind]["unchanged"] = int(n)
    result.conflicts = [
        Conflict(
            SAME_PACKET,
            item.path.name,
            _(
                "The file {path} is a copy of {first}, the same packet in this import; the packet "
                "is taken once."
            ).format(path=item.path, first=first.path.name),
            blocking=False,
        )
    ]
    return result


def _key(manifest: dict[str, Any]) -> tuple[str, int]:
    return manifest["office_code"], manifest["cycle"]


def _newest_of_each(seen: list[_Seen]) -> dict[tuple[str, int], _Seen]:
    """Per office and cycle, the packet of this run made last (the first one on a tie)."""
    newest: dict[tuple[str, int], _Seen] = {}
    for item in seen:
        key = _key(item.manifest)
        if key not in newest or item.manifest["created_at"] > newest[key].manifest["created_at"]:
            newest[key] = item
    return newest

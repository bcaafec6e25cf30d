"""Reading and checking one packet on its own, without MKK's data: the container (ZIP safety,
checksums, signature, decryption), the payload's schema, manifest and payload agreeing, and the
data rules, and the rows to write (hrdesk.packets.payload_rows). That is half of an import's
work; for a folder of packets it runs in a worker process, a few packets ahead of the one being
written, so a second core is not left idle.

The importer (hrdesk.packets.importer) then does what needs MKK's database, in the same order
as before: the registered key, whether MKK has the packet already, other offices' records.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nacl.public

from hrdesk import collector, i18n
from hrdesk.domain.models import StaffMember
from hrdesk.i18n import _
from hrdesk.packets import PacketError
from hrdesk.packets.container import OpenedPacket, read_packet
from hrdesk.packets.import_rules import Conflict, check_records
from hrdesk.packets.payload import PAYLOAD_MEMBER, RECORD_TYPES, load_payload, payload_counts
from hrdesk.packets.payload_rows import (
    PayloadRows,
    RecordKeys,
    SplitPayload,
    derived_columns,
    payload_rows,
    record_keys,
)

log = logging.getLogger(__name__)

MISMATCH = "manifest_mismatch"

# Starting a worker process costs about as much as checking a few dozen packets.
MIN_PACKETS_FOR_WORKERS = 24
MAX_WORKERS = 3
# Packets examined ahead (each held in memory until written); those the pool has not handed
# to its workers yet (it hands over one more than it has workers) can be examined here while
# waiting.
AHEAD_PER_WORKER = 4


@dataclass
class Examined:
    """One packet as far as it can be checked alone. error: the first failed check (code,
    message); manifest and payload are set as far as they were read."""

    manifest: dict[str, Any] | None = None
    opened: OpenedPacket | None = None  # without its members (the payload is parsed)
    split: SplitPayload | None = None  # the payload
    counts: dict[str, int] | None = None  # the payload's records per type (payload_counts)
    keys: RecordKeys | None = None  # checked against other offices at MKK
    sha256: str = ""
    error: tuple[str, str] | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    rules_failed: str = ""  # the data rules crashed (a bug): the importer reports it
    rows: PayloadRows | None = None  # the payload's rows, when no check refused it


@collector.paused()
def examine_packet(
    path: Path,
    box_key: bytes | None,
    competencies: Sequence[str],
    courses: set[str],
    today: dt.date,
) -> Examined:
    """Read and check the packet at path; never raises PacketError (it is in .error)."""
    examined = Examined()
    try:
        key = nacl.public.PrivateKey(box_key) if box_key is not None else None
        opened = read_packet(path, key)
        examined.manifest = opened.manifest
        examined.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        if PAYLOAD_MEMBER not in opened.members:
            raise PacketError(
                "missing_member",
                _("The packet {path} has no {member}.").format(path=path, member=PAYLOAD_MEMBER),
            )
        examined.opened = dataclasses.replace(opened, members={})
        text = opened.members[PAYLOAD_MEMBER]
        payload = load_payload(text, str(path))
        examined.split = SplitPayload(payload, text)
        examined.counts = payload_counts(payload)
        examined.keys = record_keys(payload)
        check_agreement(opened.manifest, payload, path)
    except PacketError as exc:
        examined.error = (exc.code, exc.message)
        return examined
    try:
        members: dict[str, StaffMember] = {}
        examined.conflicts = check_records(payload, competencies, courses, today, members)
        if not any(c.blocking for c in examined.conflicts):
            examined.rows = payload_rows(payload, derived_columns(payload, members))
    except Exception as exc:  # noqa: BLE001 - a bug in a rule; the packet is refused, not the run
        log.exception("data rules failed on %s", path)
        examined.rules_failed = repr(exc)
    return examined


def check_agreement(manifest: dict[str, Any], payload: dict[str, Any], path: Path) -> None:
    """PacketError MISMATCH when the payload is not of the office, cycle and counts that the
    signed manifest states."""
    problems = []
    if payload["office"]["code"] != manifest["office_code"]:
        problems.append(
            _("the payload is of the office {payload}, the manifest names {manifest}").format(
                payload=payload["office"]["code"], manifest=manifest["office_code"]
            )
        )
    if payload["cycle"]["year"] != manifest["cycle"]:
        problems.append(
            _("the payload is of the cycle {payload}, the manifest names {manifest}").format(
                payload=payload["cycle"]["year"], manifest=manifest["cycle"]
            )
        )
    stated = manifest.get("counts")
    if stated is not None:
        actual = payload_counts(payload)
        for kind in RECORD_TYPES:
            if kind in stated and stated[kind] != actual[kind]:
                problems.append(
                    _("the manifest counts {stated} {kind}, the payload holds {actual}").format(
                        stated=stated[kind], kind=kind, actual=actual[kind]
                    )
                )
    if problems:
        raise PacketError(
            MISMATCH,
            _("The packet {path} does not agree with itself: {detail}.").format(
                path=path, detail="; ".join(problems)
            ),
        )


# --- ahead of the writing -------------------------------------------------------------------

Job = Callable[[Path], Examined]


def worker_count(packets: int) -> int:
    """Worker processes for a run of that many packets: one core stays with the writing."""
    if packets < MIN_PACKETS_FOR_WORKERS:
        return 0
    return max(0, min(MAX_WORKERS, (os.cpu_count() or 1) - 1))


def _pickled(job: Job, path: Path) -> bytes:
    """The examination as bytes, made back into objects by the thread that writes it
    (outcome), not by the pool's result thread: that one holds Python's lock for the whole of
    each unpickling (2 ms a packet), stalling the writing thread every time SQLite returns."""
    return pickle.dumps(job(path), pickle.HIGHEST_PROTOCOL)


@dataclass
class Workers:
    pool: ProcessPoolExecutor
    count: int

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ready() -> None:
    """The first job of a worker: starting it imports this module and what it needs."""


def start_workers(count: int) -> Workers | None:
    """count worker processes (None for none), starting now: each takes a moment to start and
    import what it needs, which the caller can spend on something else."""
    if count < 1:
        return None
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("spawn"),  # no fork of a process running Qt
        initializer=i18n.set_language,
        initargs=(i18n.current_language(),),
    )
    workers = Workers(pool, count)
    try:
        for _worker in range(count):
            pool.submit(_ready)
    except BaseException:
        workers.stop()
        raise
    return workers


@dataclass
class _Ahead:
    """A packet examined ahead: in a worker (future), or here while waiting (done)."""

    path: Path
    future: Future[bytes] | None = None
    done: Callable[[], Examined] | None = None


def _examined_here(job: Job, path: Path) -> Callable[[], Examined]:
    try:
        examined = job(path)
    except Exception as exc:  # noqa: BLE001 - raised again when the caller asks for the packet
        error = exc

        def again() -> Examined:
            raise error

        return again
    return lambda: examined


def examined_in_order(
    paths: Sequence[Path], job: Job, workers: Workers | None
) -> Iterator[tuple[Path, Callable[[], Examined]]]:
    """For each path, in order, the path and a function that returns its Examined (and
    raises what the examination raised, so the caller settles it for that packet alone). With
    workers, the next packets are examined in worker processes while the caller handles the
    current one; when the caller would wait for a worker, it examines a later packet itself
    meanwhile (one the workers have not started), so no core idles either way. A pool that
    breaks (a worker killed) leaves the rest to be examined here. The workers are stopped at
    the end."""
    if workers is None:
        for path in paths:
            yield path, functools.partial(job, path)
        return
    pool = workers.pool
    pending: collections.deque[_Ahead] = collections.deque()
    upcoming = iter(paths)
    broken = False

    def submit(path: Path) -> None:
        nonlocal broken
        ahead = _Ahead(path)
        if not broken:
            try:
                ahead.future = pool.submit(_pickled, job, path)
            except (BrokenProcessPool, RuntimeError):
                broken = True
        pending.append(ahead)

    def examine_one_meanwhile() -> bool:
        """Examine here the last packet no worker has started; False when there is none."""
        for ahead in reversed(pending):
            if ahead.future is not None and ahead.future.cancel():
                ahead.future = None
                ahead.done = _examined_here(job, ahead.path)
                return True
        return False

    def outcome(ahead: _Ahead) -> Examined:
        nonlocal broken
        if ahead.done is not None:
            return ahead.done()
        if ahead.future is not None:
            try:
                return pickle.loads(ahead.future.result())
            except BrokenProcessPool:
                log.warning("packet worker process stopped; examining %s here", ahead.path)
                broken = True
        return job(ahead.path)

    try:
        for path in upcoming:
            submit(path)
            if len(pending) >= workers.count * AHEAD_PER_WORKER:
                break
        while pending:
            ahead = pending[0]
            while ahead.future is not None and not ahead.future.done():
                if not examine_one_meanwhile():
                    break
            pending.popleft()
            following = next(upcoming, None)
            if following is not None:
                submit(following)
            yield ahead.path, functools.partial(outcome, ahead)
    finally:
        for ahead in pending:
            if ahead.future is not None:
                ahead.future.cancel()
        workers.stop()

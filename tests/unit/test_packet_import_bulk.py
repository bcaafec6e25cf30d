"""The import's bulk writing at MKK: the audit trail's insert triggers are set aside for a
packet's added rows and always come back, a search still finds everyone (MKK keeps no search
index), and a packet that fails half-way leaves everything as it was."""

from __future__ import annotations

import multiprocessing
import pickle
import sqlite3
import threading
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from helpers.packets import (
    CYCLE,
    break_commits,
    count_commits,
    dump,
    make_mkk,
    office_records,
    offices_for,
)

from hrdesk import i18n
from hrdesk.errors import DiskFull
from hrdesk.packets import examine, payload_rows
from hrdesk.packets.export import export_packet
from hrdesk.packets.importer import Status, apply_import
from hrdesk.store import audit
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffQuery, StaffRepository


@pytest.fixture
def world(tmp_path: Path):
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    packets = []
    for office in offices_for(tmp_path, catalogue, (21, 22)):
        packets.append(export_packet(office, CYCLE, tmp_path / "out").path)
        office.close()
    yield mkk, packets
    mkk.close()


def _schema(database: Database) -> list[tuple]:
    return database.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def _pragmas(database: Database) -> list[int]:
    return [database.query_value(f"PRAGMA {name}") for name in ("cache_size", "wal_autocheckpoint")]


def test_import_leaves_the_schema_as_it_was_and_finds_everyone(world) -> None:
    mkk, packets = world
    schema = _schema(mkk)
    pragmas = _pragmas(mkk)
    results = apply_import(mkk, packets)
    assert [r.status for r in results] == [Status.IMPORTED, Status.IMPORTED]
    assert _schema(mkk) == schema
    assert _pragmas(mkk) == pragmas  # the import's cache and checkpoint settings are undone
    surname, staff_id = mkk.execute("SELECT surname, id FROM staff ORDER BY id DESC").fetchone()
    found = StaffRepository(mkk).ids(StaffQuery(text=surname, include_left=True))
    assert staff_id in found


def test_a_packet_failing_half_way_writes_nothing_and_the_triggers_stay(world, monkeypatch):
    mkk, packets = world
    schema, before = _schema(mkk), dump(mkk)

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(payload_rows, "insert_assessments", disk_full)
    [result] = apply_import(mkk, packets[:1])
    assert result.status == Status.REJECTED
    assert [c.code for c in result.conflicts] == ["write_failed"]
    # Said as the store says it elsewhere, in the user's language, naming the database.
    assert result.conflicts[0].message == DiskFull(mkk.path).message
    assert dump(mkk) == before and _schema(mkk) == schema
    monkeypatch.undo()
    # The triggers still work: an ordinary change is in the trail, and a search finds it.
    apply_import(mkk, packets[:1])
    staff_id = mkk.query_value("SELECT max(id) FROM staff")
    mkk.execute(
        "UPDATE staff SET surname = 'Zzyzxова', search = 'zzyzxова' WHERE id = ?", (staff_id,)
    )
    assert (
        mkk.query_value("SELECT count(*) FROM audit WHERE table_name = 'staff' AND kind = 'update'")
        == 1
    )
    assert StaffRepository(mkk).ids(StaffQuery(text="zzyzx", include_left=True)) == [staff_id]


def test_inserts_untracked_needs_a_transaction(world) -> None:
    mkk, _packets = world
    with pytest.raises(RuntimeError):
        with audit.inserts_untracked(mkk, ["staff"]):
            pass


def test_inserts_untracked_leaves_out_only_the_inserts(world) -> None:
    mkk, packets = world
    apply_import(mkk, packets[:1])
    office_id = mkk.query_value("SELECT max(id) FROM offices")
    trail = mkk.query_value("SELECT count(*) FROM audit")
    with mkk.transaction(), audit.inserts_untracked(mkk, ["units"]):
        mkk.execute(
            "INSERT INTO units(office_id, name, position) VALUES (?, 'Bulk', 99)", (office_id,)
        )
        mkk.execute("UPDATE units SET position = 98 WHERE name = 'Bulk'")
    kinds = mkk.execute("SELECT kind FROM audit WHERE id > ?", (trail,)).fetchall()
    assert kinds == [("update",)]


def test_packets_examined_in_a_worker_process_give_the_same_results(world, tmp_path, monkeypatch):
    from hrdesk.packets import importer

    mkk, packets = world
    broken = tmp_path / "out" / "broken.hrpacket"
    broken.write_bytes(packets[0].read_bytes()[:-100])  # truncated
    # The same MKK twice (keys included), so both can open the packets.
    mkk.backup_to(tmp_path / "other-mkk.sqlite3")
    other = Database.open(tmp_path / "other-mkk.sqlite3")
    here = [r.to_json() for r in apply_import(other, [tmp_path / "out"])]
    monkeypatch.setattr(importer, "worker_count", lambda packets: 1)
    i18n.set_language("ru")
    try:
        there = [r.to_json() for r in apply_import(mkk, [tmp_path / "out"])]
    finally:
        i18n.set_language("en")
    statuses = [p["status"] for p in there]
    assert statuses.count("imported") == 2 and statuses.count("rejected") == 1
    refusal = next(p for p in there if p["status"] == "rejected")["conflicts"][0]["message"]
    assert refusal != next(p for p in here if p["status"] == "rejected")["conflicts"][0]["message"]
    for result in there + here:
        for conflict in result["conflicts"]:
            conflict["message"] = ""
    assert there == here
    for code in {p["office_code"] for p in there if p["status"] == "imported"}:
        assert office_records(mkk, code, CYCLE) == office_records(other, code, CYCLE)
    other.close()


def test_cancelling_stops_before_the_next_packet_with_workers_running(world, monkeypatch):
    from hrdesk.packets import importer

    mkk, packets = world
    monkeypatch.setattr(importer, "worker_count", lambda packets: 1)
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first packet; asked again, still cancelled

    results = apply_import(mkk, packets, cancel=cancel)
    assert [r.status for r in results] == [Status.IMPORTED, Status.REJECTED]
    assert results[1].conflicts[0].code == "cancelled"
    assert mkk.query_value("SELECT count(*) FROM packets_received") == 1


class _Pool:
    """Stands for the worker pool, deterministically. running: the packets a worker has taken
    (their futures cannot be cancelled); each finishes after `delay` seconds, examined "in the
    worker"; dies: the packet at which the worker process dies, breaking the pool: that
    packet and every later one fail as a real pool's do."""

    def __init__(self, running: set[str], dies: str = "", delay: float = 0.0) -> None:
        self.running, self.dies, self.delay = running, dies, delay

    def submit(self, fn, job, path):
        future: Future = Future()
        if path.name not in self.running:
            # Queued: the caller may take it over; a worker would take it up later.
            def later() -> None:
                if future.set_running_or_notify_cancel():
                    future.set_result(pickle.dumps(examine.Examined(sha256=path.name + ":late")))

            threading.Timer(2.0, later).start()
            return future
        future.set_running_or_notify_cancel()

        def finish() -> None:
            if self.dies and path.name >= self.dies:
                future.set_exception(BrokenProcessPool("a worker process died"))
            else:
                future.set_result(pickle.dumps(examine.Examined(sha256=path.name + ":worker")))

        threading.Timer(self.delay, finish).start()
        return future

    def shutdown(self, wait=True, cancel_futures=False) -> None:
        pass


def _here(path: Path) -> examine.Examined:
    return examine.Examined(sha256=path.name + ":here")


def test_while_waiting_for_a_worker_the_caller_examines_later_packets_itself(tmp_path) -> None:
    paths = [tmp_path / name for name in "abcd"]
    workers = examine.Workers(_Pool(running={"a", "b"}, delay=0.3), 1)
    outcomes = [e().sha256 for _p, e in examine.examined_in_order(paths, _here, workers)]
    # In order; c and d were not taken by the worker, so they were examined while waiting.
    assert outcomes == ["a:worker", "b:worker", "c:here", "d:here"]


def test_a_worker_that_dies_leaves_the_rest_to_the_main_process(tmp_path, caplog) -> None:
    paths = [tmp_path / name for name in "abcdef"]
    workers = examine.Workers(_Pool(running=set("abcdef"), dies="b"), 1)
    outcomes = [e().sha256 for _p, e in examine.examined_in_order(paths, _here, workers)]
    assert outcomes == ["a:worker", "b:here", "c:here", "d:here", "e:here", "f:here"]
    assert "packet worker process stopped" in caplog.text


def test_a_real_worker_process_examines_packets(tmp_path) -> None:
    paths = [tmp_path / name for name in "ab"]
    workers = examine.start_workers(1)
    outcomes = [e().sha256 for _p, e in examine.examined_in_order(paths, _where, workers)]
    assert [o.split(":")[0] for o in outcomes] == ["a", "b"]


def _where(path: Path) -> examine.Examined:
    worker = multiprocessing.parent_process() is not None
    return examine.Examined(sha256=f"{path.name}:{'worker' if worker else 'here'}")


# --- packets written in groups (hrdesk.packets.write_groups) -----------------------------------


def _staff_of(database: Database, packet_results) -> dict[str, int]:
    return {
        r.office_code: database.query_value(
            "SELECT count(*) FROM staff s JOIN offices o ON o.id = s.office_id WHERE o.code = ?",
            (r.office_code,),
        )
        for r in packet_results
    }


def test_a_packet_failing_in_a_group_leaves_the_others_of_the_group(world, monkeypatch) -> None:
    mkk, packets = world
    real = payload_rows.insert_assessments
    calls = []

    def first_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(payload_rows, "insert_assessments", first_fails)
    results = apply_import(mkk, packets)
    assert [r.status for r in results] == [Status.REJECTED, Status.IMPORTED]
    staff = _staff_of(mkk, results)
    assert staff[results[0].office_code] == 0 and staff[results[1].office_code] == 25
    assert mkk.query_value("SELECT count(*) FROM packets_received") == 1


def _all_lost(mkk: Database, results, before, schema) -> None:
    """Every packet refused as not written, and MKK as it was: rows, schema (the triggers), no
    transaction left open."""
    assert [r.status for r in results] == [Status.REJECTED] * len(results)
    assert all(r.conflicts[-1].code == "write_failed" for r in results)
    assert dump(mkk) == before and _schema(mkk) == schema
    assert not mkk.conn.in_transaction


@pytest.fixture
def three(tmp_path: Path, monkeypatch):
    """Three packets that the import writes in one group."""
    from hrdesk.packets import write_groups

    monkeypatch.setattr(write_groups, "GROUP_SECONDS", 3600.0)
    mkk, catalogue = make_mkk(tmp_path / "mkk.sqlite3")
    packets = []
    for office in offices_for(tmp_path, catalogue, (21, 22, 23)):
        packets.append(export_packet(office, CYCLE, tmp_path / "out").path)
        office.close()
    yield mkk, packets
    mkk.close()


def _failing_calls(monkeypatch, failing: set[int]) -> list[int]:
    """insert_assessments fails at the given calls (1 is the first), after writing its rows."""
    real = payload_rows.insert_assessments
    calls: list[int] = []

    def fails_half_way(db, *args, **kwargs):
        calls.append(1)
        real(db, *args, **kwargs)
        if len(calls) in failing:
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(payload_rows, "insert_assessments", fails_half_way)
    return calls


def test_a_packet_failing_after_others_of_its_group_leaves_them_and_nothing_of_itself(
    three, tmp_path, monkeypatch
) -> None:
    mkk, packets = three
    schema = _schema(mkk)
    copy = sqlite3.connect(tmp_path / "alone.sqlite3")
    mkk.conn.backup(copy)  # MKK as it was, for importing the first and third packets alone
    copy.close()
    calls = _failing_calls(monkeypatch, {2})
    results = apply_import(mkk, packets)
    assert [r.status for r in results] == [Status.IMPORTED, Status.REJECTED, Status.IMPORTED]
    assert results[1].conflicts[-1].code == "write_failed"
    assert "disk I/O error" in results[1].conflicts[-1].message
    # The group was rolled back and its first packet written again before the third came.
    assert len(calls) == 4
    monkeypatch.undo()
    alone = Database.open(tmp_path / "alone.sqlite3")
    expected = apply_import(alone, [packets[0], packets[2]])
    assert [r.status for r in expected] == [Status.IMPORTED] * 2
    for result in (results[0], results[2]):
        assert office_records(mkk, result.office_code, CYCLE) == office_records(
            alone, result.office_code, CYCLE
        )
        assert result.counts == next(
            r.counts for r in expected if r.office_code == result.office_code
        )
    failed = results[1].office_code
    assert (
        mkk.query_value(
            "SELECT count(*) FROM staff s JOIN offices o ON o.id = s.office_id WHERE o.code = ?",
            (failed,),
        )
        == 0
    )
    assert (
        mkk.query_value("SELECT count(*) FROM packets_received WHERE office_code = ?", (failed,))
        == 0
    )
    assert _schema(mkk) == schema
    alone.close()


def test_a_group_that_cannot_be_written_again_is_lost_whole(three, monkeypatch) -> None:
    mkk, packets = three
    schema, before = _schema(mkk), dump(mkk)
    _failing_calls(monkeypatch, {2, 3})  # the second packet, then the first written again
    _all_lost(mkk, apply_import(mkk, packets[:2]), before, schema)
    monkeypatch.undo()
    assert [r.status for r in apply_import(mkk, packets)] == [Status.IMPORTED] * 3


def test_a_group_that_sqlite_rolls_back_imports_none_of_its_packets(world, monkeypatch) -> None:
    mkk, packets = world
    schema, before = _schema(mkk), dump(mkk)
    real = payload_rows.insert_assessments
    calls = []

    def rolled_back_on_the_second(db, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            # What SQLite may do on a full disk: roll back the whole transaction itself.
            db.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, *args, **kwargs)

    monkeypatch.setattr(payload_rows, "insert_assessments", rolled_back_on_the_second)
    results = apply_import(mkk, packets)
    _all_lost(mkk, results, before, schema)
    assert all(r.counts["staff"]["rejected"] == 25 for r in results)
    monkeypatch.undo()
    assert [r.status for r in apply_import(mkk, packets)] == [Status.IMPORTED] * 2


def test_a_failing_commit_imports_none_of_the_groups_packets(world, monkeypatch) -> None:
    mkk, packets = world
    schema, before = _schema(mkk), dump(mkk)
    break_commits(monkeypatch)
    _all_lost(mkk, apply_import(mkk, packets), before, schema)


def test_groups_are_committed_as_they_fill(world, monkeypatch) -> None:
    mkk, packets = world
    from hrdesk.packets import write_groups

    monkeypatch.setattr(write_groups, "GROUP_PACKETS", 1)
    commits = count_commits(monkeypatch)
    results = apply_import(mkk, packets)
    assert [r.status for r in results] == [Status.IMPORTED] * 2
    assert commits[:2] == [1, 1]
    assert not mkk.conn.in_transaction


def test_a_copy_is_not_unchanged_when_its_first_copys_group_is_lost(
    world, tmp_path, monkeypatch
) -> None:
    import shutil

    mkk, packets = world
    copy = tmp_path / "again" / "copy (1).hrpacket"
    copy.parent.mkdir()
    shutil.copy(packets[0], copy)
    break_commits(monkeypatch)
    first, second = apply_import(mkk, [packets[0], copy])
    assert first.status == Status.REJECTED and second.status == Status.REJECTED
    assert mkk.query_value("SELECT count(*) FROM packets_received") == 0


def test_a_group_failing_to_open_keeps_every_trigger(world, monkeypatch) -> None:
    from hrdesk.packets.import_store import PAYLOAD_TABLES
    from hrdesk.packets.write_groups import WriteGroups

    mkk, _packets = world

    def triggers() -> set[str]:
        return {
            r[0]
            for r in mkk.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
            )
        }

    class FailingThird:
        """The connection, but the third DROP TRIGGER fails (a full disk)."""

        def __init__(self, conn):
            self.conn, self.drops = conn, 0

        def execute(self, sql, *args):
            if sql.startswith("DROP TRIGGER"):
                self.drops += 1
                if self.drops == 3:
                    raise sqlite3.OperationalError("database or disk is full")
            return self.conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.conn, name)

    before = triggers()
    real = mkk.conn
    monkeypatch.setattr(mkk, "conn", FailingThird(real))
    with pytest.raises(Exception, match="full"):
        with WriteGroups(mkk, PAYLOAD_TABLES).packet():
            pass
    monkeypatch.setattr(mkk, "conn", real)
    assert triggers() == before
    assert not real.in_transaction

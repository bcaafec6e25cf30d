import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from helpers.fixtures import fill_register, make_office_database

from hrdesk import errors
from hrdesk.cli import main as cli_main
from hrdesk.store import backup
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.database import Database


def table_contents(path, skip=("audit",)):
    """Every row of every table, for a field-for-field comparison."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'staff_search_%' ORDER BY name")]  # the search index is derived
    result = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
              for t in tables if t not in skip and not t.startswith("sqlite_")}  # sqlite_stat1: statistics
    conn.close()
    return result


@pytest.fixture
def filled(tmp_path):
    db = make_office_database(tmp_path / "office.sqlite3")
    fill_register(db, 40, with_education=True, left=3)
    yield db
    db.close()


def test_backup_then_restore_gives_back_the_same_data_field_for_field(filled, tmp_path):
    made = backup.backup_now(filled, tmp_path / "usb" / "copy.sqlite3")
    assert made.people == 40 and made.size > 0
    restored = backup.restore(tmp_path / "new" / "b.sqlite3", made.path, keep_folder=tmp_path / "keep")
    assert restored.kept is None  # nothing was there to keep
    assert table_contents(restored.database_path) == table_contents(filled.path)
    with Database.open(restored.database_path) as db:
        assert db.integrity_check() == []
        last = AuditRepository(db).query(limit=1)[0]
        assert last.kind == AuditKind.RESTORE and last.new["from"] == str(made.path)
        # the trail from before the backup came along
        assert AuditRepository(db).count(table="staff") == 40


def test_restore_keeps_the_current_database_as_a_backup_first(filled, tmp_path):
    old = backup.backup_now(filled, tmp_path / "old.sqlite3")
    fill_register(filled, 5, seed=2)  # the work the restore will undo
    before = table_contents(filled.path)
    filled.close()
    restored = backup.restore(filled.path, old.path, keep_folder=tmp_path / "keep")
    assert restored.kept is not None and restored.kept.parent == tmp_path / "keep"
    assert table_contents(restored.kept) == before  # the undone work is still there
    assert backup.info(restored.kept).people == 45
    with Database.open(filled.path) as db:
        assert db.query_value("SELECT count(*) FROM staff") == 40
    listed = backup.list_backups(tmp_path / "keep")
    assert [b.kind for b in listed] == ["before-restore"]


def test_an_unsound_backup_is_refused_and_nothing_changes(filled, tmp_path):
    before = table_contents(filled.path)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    damaged = tmp_path / "damaged.sqlite3"
    backup.backup_now(filled, damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 * 3:4096 * 3 + 200] = b"\xff" * 200  # break a page in the middle
    damaged.write_bytes(bytes(data))
    filled.close()
    for bad in (garbage, foreign, damaged, tmp_path / "missing.sqlite3"):
        with pytest.raises((errors.NotHrdeskDatabase, errors.DatabaseDamaged)) as info:
            backup.restore(filled.path, bad, keep_folder=tmp_path / "keep")
        assert str(bad) in info.value.message
    assert table_contents(filled.path) == before
    assert not (tmp_path / "keep").exists()


def test_a_damaged_database_can_be_replaced_by_a_backup(filled, tmp_path):
    good = backup.backup_now(filled, tmp_path / "good.sqlite3")
    filled.close()
    filled.path.write_bytes(b"this is not a database any more" * 100)
    restored = backup.restore(filled.path, good.path, keep_folder=tmp_path / "keep")
    assert restored.kept is not None and restored.kept.read_bytes().startswith(b"this is not")
    with Database.open(filled.path) as db:
        assert db.query_value("SELECT count(*) FROM staff") == 40


def test_a_database_cannot_be_restored_from_itself(filled):
    filled.close()
    with pytest.raises(errors.InputFileError):
        backup.restore(filled.path, filled.path)


def test_a_backup_of_a_newer_program_is_refused(filled, tmp_path):
    made = backup.backup_now(filled, tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(made.path)
    conn.execute("PRAGMA user_version=999")
    conn.close()
    with pytest.raises(errors.DatabaseTooNew):
        backup.verify(made.path)


def test_backup_replaces_an_existing_file_only_with_a_verified_copy(filled, tmp_path, monkeypatch):
    target = tmp_path / "copy.sqlite3"
    backup.backup_now(filled, target)
    fill_register(filled, 2, seed=9)

    def broken(path):
        raise errors.DatabaseDamaged(path, "simulated")

    monkeypatch.setattr(backup, "verify", broken)
    with pytest.raises(errors.DatabaseDamaged):
        backup.backup_now(filled, target)
    assert backup.info(target).people == 40  # the earlier good copy is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")] == ["copy.sqlite3"]


def test_no_backup_inside_a_transaction(filled, tmp_path):
    with pytest.raises(RuntimeError), filled.transaction():
        backup.backup_now(filled, tmp_path / "x.sqlite3")


def test_list_shows_date_people_and_size_and_skips_other_files(filled, tmp_path):
    folder = tmp_path / "backups"
    first = backup.automatic(filled, folder, now=dt.datetime(2025, 3, 1, 9, 0))
    fill_register(filled, 2, seed=5)
    second = backup.automatic(filled, folder, now=dt.datetime(2025, 3, 2, 9, 0))
    (folder / "notes.sqlite3").write_text("not a database")
    listed = backup.list_backups(folder)
    assert [b.path for b in listed] == [second.path, first.path]
    assert [b.people for b in listed] == [42, 40]
    assert listed[0].created_at.replace(tzinfo=None) == dt.datetime(2025, 3, 2, 9, 0)
    assert all(b.size == b.path.stat().st_size and b.kind == "auto" for b in listed)
    assert not list(folder.glob("*-wal")) and not list(folder.glob("*-shm"))  # only read


def test_automatic_backup_is_made_at_most_once_a_day(filled, tmp_path):
    folder = tmp_path / "backups"
    morning = dt.datetime(2025, 3, 1, 9, 0)
    assert backup.automatic(filled, folder, now=morning) is not None
    assert backup.automatic(filled, folder, now=morning.replace(hour=17)) is None
    closing = backup.automatic(filled, folder, now=morning.replace(hour=18), even_if_today=True)
    assert closing is not None
    assert [b.path for b in backup.list_backups(folder)] == [closing.path]  # newest of the day kept
    assert backup.automatic(filled, folder, now=morning + dt.timedelta(days=1)) is not None


def test_rotation_keeps_seven_daily_and_four_weekly(filled, tmp_path):
    folder = tmp_path / "backups"
    start = dt.datetime(2025, 1, 1, 10, 0)
    for day in range(60):
        backup.automatic(filled, folder, now=start + dt.timedelta(days=day))
    kept = sorted(b.created_at.replace(tzinfo=None) for b in backup.list_backups(folder))
    last = start + dt.timedelta(days=59)
    daily = [last - dt.timedelta(days=d) for d in range(7)]
    assert kept[-7:] == sorted(daily)
    weekly = kept[:-7]
    assert len(weekly) == 4
    assert len({w.isocalendar()[:2] for w in weekly}) == 4
    assert all(w.weekday() == 6 or w == weekly[-1] for w in weekly)  # each the week's newest (Sunday)


def test_rotation_leaves_other_files_alone(filled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    manual = backup.backup_now(filled, folder / "for-the-usb-stick.sqlite3")
    start = dt.datetime(2025, 1, 1, 10, 0)
    for day in range(20):
        backup.automatic(filled, folder, now=start + dt.timedelta(days=day))
    assert manual.path.exists()


def test_keep_rule_counts_days_not_files():
    moments = [dt.datetime(2025, 5, 10, h) for h in (8, 12, 18)] + [dt.datetime(2025, 5, 9, 8)]
    assert backup.backups_to_keep(moments, daily=7, weekly=4) == {
        dt.datetime(2025, 5, 10, 18), dt.datetime(2025, 5, 9, 8)}


# --- disk full and read-only ----------------------------------------------------------------

_LIMITED = textwrap.dedent("""
    import resource, signal, sys
    from hrdesk.i18n import set_language
    from hrdesk import errors
    from hrdesk.store import backup
    from hrdesk.store.database import Database
    set_language("en")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails instead of killing us
    source = Database.open(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), int(sys.argv[4])))
    try:
        if sys.argv[1] == "backup":
            backup.backup_now(source, sys.argv[3])
        else:
            source.close()
            backup.restore(sys.argv[2], sys.argv[3], keep_folder=sys.argv[5])
    except errors.DiskFull as exc:
        print("DISKFULL", exc.message)
    """)


def _limited(*args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, "-c", _LIMITED, *map(str, args)], capture_output=True,
                         text=True, env=env, timeout=60)
    return out.stdout + out.stderr


def test_backup_to_a_full_disk_is_a_clear_message_and_the_old_backup_stays(filled, tmp_path):
    target = tmp_path / "usb" / "copy.sqlite3"
    backup.backup_now(filled, target)
    fill_register(filled, 300, seed=4)
    filled.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    limit = target.stat().st_size + 4096  # the new, bigger copy cannot fit
    output = _limited("backup", filled.path, target, limit)
    assert "DISKFULL" in output and "is full" in output and str(target) in output, output
    assert ".new" not in output and ".part" not in output, output  # the file the user chose
    assert backup.info(target).people == 40
    assert backup.verify(target) >= 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]


def test_restore_onto_a_full_disk_changes_nothing(filled, tmp_path):
    small = backup.backup_now(filled, tmp_path / "small.sqlite3")
    fill_register(filled, 300, seed=4)
    filled.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = table_contents(filled.path)
    filled.close()
    output = _limited("restore", filled.path, small.path, 8192, tmp_path / "keep")
    assert "DISKFULL" in output, output
    assert table_contents(filled.path) == before


def test_backup_to_a_place_that_cannot_be_written_is_a_clear_message(filled, tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    with pytest.raises(errors.DatabaseReadOnly) as info:
        backup.backup_now(filled, not_a_folder / "copy.sqlite3")
    assert "cannot be written" in info.value.message


def test_a_read_only_database_can_still_be_backed_up(filled, tmp_path):
    filled.conn.execute("PRAGMA query_only=ON")
    with pytest.raises(errors.DatabaseReadOnly):
        fill_register(filled, 1, seed=8)
    made = backup.backup_now(filled, tmp_path / "copy.sqlite3")
    assert made.people == 40


# --- command line ---------------------------------------------------------------------------


def test_cli_backup_and_restore(filled, tmp_path, capsys):
    filled.close()
    out = tmp_path / "a.bak"
    assert cli_main(["backup", "--db", str(filled.path), "--out", str(out)]) == 0
    assert "40" in capsys.readouterr().out
    target = tmp_path / "fresh" / "b.sqlite3"
    assert cli_main(["restore", "--db", str(target), "--from", str(out)]) == 0
    assert table_contents(target) == table_contents(filled.path)
    assert cli_main(["restore", "--db", str(target), "--from", str(out),
                     "--keep-folder", str(tmp_path / "keep")]) == 0
    assert "kept as" in capsys.readouterr().out
    assert cli_main(["backups", "--folder", str(tmp_path / "keep")]) == 0
    assert "40" in capsys.readouterr().out


def test_cli_restore_from_a_bad_file_says_so_and_changes_nothing(filled, tmp_path, capsys):
    filled.close()
    bad = tmp_path / "bad.bak"
    bad.write_text("hello")
    before = table_contents(filled.path)
    assert cli_main(["restore", "--db", str(filled.path), "--from", str(bad)]) == 1
    assert "is not an hrdesk database" in capsys.readouterr().err
    assert table_contents(filled.path) == before

import sqlite3

import pytest

from hrdesk import errors
from hrdesk.store import Database
from hrdesk.store.database import schema_version


def test_create_sets_schema_wal_and_foreign_keys(tmp_path):
    db = Database.create(tmp_path / "a.sqlite3")
    assert db.query_value("PRAGMA user_version") == schema_version()
    assert db.query_value("PRAGMA journal_mode") == "wal"
    assert db.query_value("PRAGMA foreign_keys") == 1
    db.close()


def test_missing_file_is_not_created_without_create(tmp_path):
    with pytest.raises(errors.NotHrdeskDatabase):
        Database.open(tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(errors.NotHrdeskDatabase) as info:
        Database.open(path)
    assert str(path) in info.value.message


def test_garbage_file_is_refused(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(errors.NotHrdeskDatabase):
        Database.open(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema_version() + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(errors.DatabaseTooNew):
        Database.open(path)


def test_transaction_rolls_back_everything(tmp_path):
    db = Database.create(tmp_path / "a.sqlite3")
    with pytest.raises(RuntimeError), db.transaction():
        db.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        with db.transaction():
            db.execute("INSERT INTO settings(key, value) VALUES ('b', '2')")
        raise RuntimeError
    assert db.query_value("SELECT count(*) FROM settings WHERE key IN ('a','b')") == 0


def test_inner_savepoint_rolls_back_alone(tmp_path):
    db = Database.create(tmp_path / "a.sqlite3")
    with db.transaction():
        db.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        with pytest.raises(RuntimeError), db.transaction():
            db.execute("INSERT INTO settings(key, value) VALUES ('b', '2')")
            raise RuntimeError
    keys = {r[0] for r in db.execute("SELECT key FROM settings WHERE key IN ('a','b')")}
    assert keys == {"a"}


def test_disk_full_is_a_clear_message_and_nothing_is_written(tmp_path):
    db = Database.create(tmp_path / "a.sqlite3")
    pages = db.query_value("PRAGMA page_count")
    db.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(errors.DiskFull), db.transaction():
        db.execute("INSERT INTO settings(key, value) VALUES ('big', ?)", ("x" * 1_000_000,))
    assert db.query_value("SELECT count(*) FROM settings WHERE key='big'") == 0


def test_read_only_database_is_a_clear_message(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database.create(path).close()
    db = Database.open(path)
    db.conn.execute("PRAGMA query_only=ON")
    with pytest.raises(errors.DatabaseReadOnly) as info:
        db.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
    assert "read-only" in info.value.message
    db.close()


def test_backup_is_a_whole_database(tmp_path):
    db = Database.create(tmp_path / "a.sqlite3")
    db.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
    target = db.backup_to(tmp_path / "b" / "copy.sqlite3")
    copy = Database.open(target)
    assert copy.query_value("SELECT value FROM settings WHERE key='a'") == "1"
    assert copy.integrity_check() == []

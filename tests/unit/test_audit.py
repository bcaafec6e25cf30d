import datetime as dt
import getpass
import sqlite3

import pytest
from helpers.fixtures import fill_register

from hrdesk import register
from hrdesk.domain.enums import EducationLevel, Sex
from hrdesk.domain.models import Education, StaffMember, TrainingRecord
from hrdesk.store import audit
from hrdesk.store.audit import AuditKind, AuditRepository
from hrdesk.store.settings import SettingsRepository


def person(**kw):
    base = dict(surname="Асанова", name="Айгүл", pin="11503198512345", sex=Sex.FEMALE,
                birth_date=dt.date(1985, 3, 15))
    base.update(kw)
    return StaffMember(**base)


def entries(db, **kw):
    return AuditRepository(db).query(newest_first=False, **kw)


def test_insert_update_delete_are_recorded_with_actor_and_changed_columns_only(office_database):
    db = office_database
    member = person()
    register.save_staff(db, member)
    member.phone = "0555 123 456"
    register.save_staff(db, member)
    record = TrainingRecord(course_title="Жергиликтүү бюджет", staff_id=member.id, hours=24)
    register.save_training(db, record)
    register.delete_training(db, record)

    staff = entries(db, person_id=member.id)
    assert [(e.table, e.kind) for e in staff] == [
        ("staff", AuditKind.INSERT), ("staff", AuditKind.UPDATE),
        ("training", AuditKind.INSERT), ("training", AuditKind.DELETE),
    ]
    inserted, updated = staff[0], staff[1]
    assert inserted.record_id == member.id and inserted.record_key == member.uid
    assert inserted.new["pin"] == "11503198512345" and not inserted.old
    assert "search" not in inserted.new and "sort_name" not in inserted.new
    assert updated.old == {"phone": ""} and updated.new == {"phone": "0555 123 456"}
    assert staff[3].old["course_title"] == "Жергиликтүү бюджет" and not staff[3].new
    assert {e.clerk for e in staff} == {"Осмонова Асел"}  # the own office's HR clerk
    assert {e.os_user for e in staff} == {getpass.getuser()}
    assert all(e.at.tzinfo is not None and abs(e.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
               for e in staff)


def test_a_change_of_derived_columns_alone_is_not_recorded(office_database):
    db = office_database
    member = person()
    register.save_staff(db, member)
    before = AuditRepository(db).count()
    db.execute("UPDATE staff SET search = 'x', sort_name = 'y', missing = '', updated_at = 'z'")
    assert AuditRepository(db).count() == before
    register.save_staff(db, member)  # saved unchanged: only updated_at moves
    assert AuditRepository(db).count() == before


def test_clerk_name_setting_wins_over_the_office_clerk(office_database):
    db = office_database
    SettingsRepository(db).set("clerk_name", "Жумабаева Мээрим")
    register.save_staff(db, person())
    assert entries(db, table="staff")[0].clerk == "Жумабаева Мээрим"


def test_operation_label_holds_for_the_block_and_the_outermost_wins(office_database):
    db = office_database
    with audit.operation(db, "staff_import"):
        with audit.operation(db, "edit"):
            fill_register(db, 3)
    register.save_staff(db, person())
    labels = [e.operation for e in entries(db, table="staff")]
    assert labels == ["staff_import"] * 3 + [""]
    assert db.audit_operation == ""


def test_a_rolled_back_change_leaves_no_trail(office_database):
    db = office_database
    before = AuditRepository(db).count()
    with pytest.raises(RuntimeError), db.transaction():
        fill_register(db, 5)
        raise RuntimeError("cancelled")
    assert AuditRepository(db).count() == before


def test_the_trail_cannot_be_changed(office_database):
    db = office_database
    register.save_staff(db, person())
    count = AuditRepository(db).count()
    for sql in ("UPDATE audit SET clerk = 'someone else'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="audit trail cannot be changed"):
            db.execute(sql)
    assert AuditRepository(db).count() == count
    assert {e.clerk for e in entries(db)} == {"Осмонова Асел"}


def test_filters_by_person_kind_date_and_pages(office_database):
    db = office_database
    ids = fill_register(db, 6)
    register.save_education(db, Education(level=EducationLevel.MASTER, staff_id=ids[0], graduation_year=2015))
    repo = AuditRepository(db)
    mine = repo.query(person_id=ids[0])
    assert {e.table for e in mine} == {"staff", "education"}
    assert all(e.staff_id == ids[0] for e in mine)
    assert repo.count(kind=AuditKind.INSERT, table="staff") == 6
    today = dt.datetime.now(dt.UTC).date()
    assert repo.count(since=today, until=today) == repo.count()
    assert repo.count(until=today - dt.timedelta(days=1)) == 0
    assert repo.count(since=today + dt.timedelta(days=1)) == 0
    first, second = repo.query(limit=2), repo.query(limit=2, offset=2)
    assert len(first) == len(second) == 2
    assert first[0].id > first[1].id > second[0].id  # newest first
    assert "pin" in mine[-1].changed_columns


def test_settings_changes_are_recorded_by_key(office_database):
    db = office_database
    SettingsRepository(db).set("training_gap_years", 4)
    last = AuditRepository(db).query(table="settings", limit=1)[0]
    assert last.record_id == "training_gap_years"
    assert last.kind == AuditKind.UPDATE and last.old == {"value": "3"} and last.new == {"value": "4"}


def test_later_migrations_install_triggers_for_their_tables(office_database):
    db = office_database
    member = person()
    register.save_staff(db, member)
    db.execute("CREATE TABLE sample_entries (id INTEGER PRIMARY KEY, uid TEXT, staff_id INTEGER, "
               "quarter INTEGER, updated_at TEXT)")
    audit.install_audit_triggers(db, "sample_entries", ("id", "uid"))
    db.execute("INSERT INTO sample_entries VALUES (1, 'u-1', ?, 2, 'now')", (member.id,))
    db.execute("UPDATE sample_entries SET quarter = 3, updated_at = 'later'")
    found = entries(db, table="sample_entries")
    assert [(e.kind, e.record_key, e.staff_id) for e in found] == [
        ("insert", "u-1", member.id), ("update", "u-1", member.id)]
    assert found[1].new == {"quarter": 3}
    assert "sample_entries" in audit.audited_tables(db)


def test_every_register_table_is_audited(office_database):
    assert {"staff", "education", "training", "settings", "offices", "units",
            "assessments", "requests", "ratings", "answers"} <= set(audit.audited_tables(office_database))


def test_restore_is_a_labelled_event(office_database):
    db = office_database
    with audit.operation(db, "restore"):
        audit.record_event(db, AuditKind.RESTORE, {"from": "x.sqlite3"})
    last = AuditRepository(db).query(limit=1)[0]
    assert (last.kind, last.operation, last.new) == (AuditKind.RESTORE, "restore", {"from": "x.sqlite3"})
    assert audit.kind_label(last.kind)

import datetime as dt

import pytest

from hrdesk import errors, register
from hrdesk.domain.enums import EducationLevel, OfficeType, Role, Sex, StaffStatus
from hrdesk.domain.models import Education, Feedback, Office, StaffMember, TrainingRecord
from hrdesk.store import Database
from hrdesk.store.staff import StaffQuery, StaffRepository


@pytest.fixture
def db(tmp_path):
    database = Database.create(tmp_path / "office.sqlite3")
    register.setup_office(database, Office(code="AO-1", type=OfficeType.AIYL_OKMOTU,
                                           name_ky="Ак-Жол айыл өкмөтү", name_ru="Ак-Жол",
                                           oblast="KG-C", district="Сокулук"))
    yield database
    database.close()


def aigul(**kw):
    base = dict(surname="Асанова", name="Айгуль", pin="11503198512345", sex=Sex.FEMALE,
                birth_date=dt.date(1985, 3, 15))
    base.update(kw)
    return StaffMember(**base)


def count(db):
    return db.query_value("SELECT count(*) FROM staff")


def test_setup_stores_role_office_and_units(db):
    assert register.role(db) == Role.OFFICE
    office = register.own_office(db)
    assert office.code == "AO-1" and office.district == "Сокулук"
    assert db.query_value("SELECT count(*) FROM units") == len(register.DEFAULT_UNITS_KY)


def test_setup_refuses_an_incomplete_office(tmp_path):
    database = Database.create(tmp_path / "x.sqlite3")
    with pytest.raises(errors.ValidationFailed) as info:
        register.setup_office(database, Office(code="", type=OfficeType.OTHER, name_ky="", name_ru="",
                                               oblast="KG-XX"))
    assert {p.field for p in info.value.problems} == {"code", "name_ky", "oblast"}
    assert register.role(database) is None


def test_mkk_role_is_stored(tmp_path):
    database = Database.create(tmp_path / "m.sqlite3")
    register.setup_mkk(database)
    assert register.role(database) == Role.MKK


def test_bad_pin_saves_nothing(db):
    with pytest.raises(errors.ValidationFailed):
        register.save_staff(db, aigul(pin="31503198512345"))
    assert count(db) == 0


def test_duplicate_pin_needs_confirmation(db):
    register.save_staff(db, aigul())
    with pytest.raises(errors.ValidationFailed) as info:
        register.save_staff(db, aigul(surname="Бекова"))
    assert info.value.problems[0].severity == "warning"
    assert count(db) == 1
    register.save_staff(db, aigul(surname="Бекова"), confirm_warnings=True)
    assert count(db) == 2


def test_mark_left_keeps_the_person(db):
    changes = register.save_staff(db, aigul(appointed_on=dt.date(2015, 1, 1)))
    (staff_id,) = changes.staff_ids
    register.mark_left(db, staff_id, dt.date(2024, 6, 30), "ордун которду")
    member = StaffRepository(db).get(staff_id)
    assert member.status == StaffStatus.LEFT and member.left_reason == "ордун которду"
    with pytest.raises(errors.ValidationFailed):
        register.mark_left(db, staff_id, dt.date(2010, 1, 1), "")


def test_education_clears_missing_marker(db):
    (staff_id,) = register.save_staff(db, aigul()).staff_ids
    repo = StaffRepository(db)
    assert "education" in repo.rows([staff_id])[staff_id].missing
    register.save_education(db, Education(level=EducationLevel.BACHELOR, graduation_year=2007,
                                          staff_id=staff_id))
    assert "education" not in repo.rows([staff_id])[staff_id].missing


def test_training_with_feedback_round_trip(db):
    (staff_id,) = register.save_staff(db, aigul()).staff_ids
    record = TrainingRecord(course_title="Мамлекеттик тилде иш кагаздарын жүргүзүү", hours=36,
                            start_date=dt.date(2023, 4, 3), end_date=dt.date(2023, 4, 7),
                            feedback=Feedback(relevance=5, trainer=4, overall=5), staff_id=staff_id)
    register.save_training(db, record)
    (back,) = StaffRepository(db).trainings(staff_id)
    assert back.feedback.trainer == 4 and back.hours == 36


def test_filter_and_sort_in_sql(db):
    for surname, pin in (("Өмүрбекова", "10101199012345"), ("Орозова", "10202199012345"),
                         ("Асанова", "10303199012345")):
        register.save_staff(db, aigul(surname=surname, pin=pin, birth_date=None))
    repo = StaffRepository(db)
    names = [repo.get(i).surname for i in repo.ids(StaffQuery())]
    assert names == ["Асанова", "Орозова", "Өмүрбекова"]
    assert [repo.get(i).surname for i in repo.ids(StaffQuery(text="ӨМҮР"))] == ["Өмүрбекова"]
    assert len(repo.ids(StaffQuery(text="1020219"))) == 1
    assert repo.ids(StaffQuery(text="100%")) == []

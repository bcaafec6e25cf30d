import datetime as dt

import pytest

from hrdesk.domain import rules
from hrdesk.domain.enums import PositionCategory, Sex, StaffStatus
from hrdesk.domain.models import Education, EducationLevel, Feedback, StaffMember, TrainingRecord

TODAY = dt.date(2026, 11, 29)


def person(**kw) -> StaffMember:
    base = dict(surname="Асанова", name="Айгуль", pin="11503198512345", sex=Sex.FEMALE,
                birth_date=dt.date(1985, 3, 15))
    base.update(kw)
    return StaffMember(**base)


def fields(problems):
    return [p.field for p in problems]


@pytest.mark.parametrize("pin", ["11503198512345", "20207197954321", "13112199011111"])
def test_good_pins(pin):
    assert rules.check_pin(pin, TODAY) == []


@pytest.mark.parametrize(
    "pin, fragment",
    [
        ("", "required"),
        ("1150319851234", "14 digits"),
        ("115031985123456", "14 digits"),
        ("1150319851234a", "digits only"),
        ("31503198512345", "first digit"),
        ("13102198512345", "real date"),  # 31.02
        ("10101203012345", "not plausible"),  # born 2030
        ("10101189912345", "not plausible"),  # born 1899
    ],
)
def test_bad_pins(pin, fragment):
    problems = rules.check_pin(pin, TODAY)
    assert problems and fragment in problems[0].message


def test_pin_parts():
    assert rules.pin_sex("21503198512345") == Sex.MALE
    assert rules.pin_birth_date("11503198512345") == dt.date(1985, 3, 15)
    assert rules.pin_birth_date("13102198512345") is None


@pytest.mark.parametrize("raw, expected", [(21503198512345.0, "21503198512345"),
                                           (21503198512345, "21503198512345"),
                                           (" 2150 3198 512345 ", "21503198512345"),
                                           ("21503198512345.0", "21503198512345"), (None, "")])
def test_normalize_pin(raw, expected):
    assert rules.normalize_pin(raw) == expected


def test_pin_must_agree_with_sex_and_birth_date():
    assert "pin" in fields(rules.check_staff(person(sex=Sex.MALE), TODAY))
    assert "pin" in fields(rules.check_staff(person(birth_date=dt.date(1985, 3, 16)), TODAY))
    assert rules.check_staff(person(), TODAY) == []


def test_future_dates_refused():
    problems = rules.check_staff(person(appointed_on=dt.date(2027, 1, 1)), TODAY)
    assert fields(problems) == ["appointed_on"]


def test_appointment_before_sixteen_refused():
    problems = rules.check_staff(person(appointed_on=dt.date(2001, 3, 14)), TODAY)
    assert fields(problems) == ["appointed_on"]
    assert rules.check_staff(person(appointed_on=dt.date(2001, 3, 15)), TODAY) == []


def test_appointment_before_service_start_refused():
    p = person(appointed_on=dt.date(2010, 1, 1), service_started_on=dt.date(2012, 1, 1))
    assert fields(rules.check_staff(p, TODAY)) == ["appointed_on"]


def test_left_needs_a_date():
    assert fields(rules.check_staff(person(status=StaffStatus.LEFT), TODAY)) == ["left_on"]


def test_duplicate_pin_is_a_warning():
    warning = rules.duplicate_pin_warning([person()])
    assert warning.severity == rules.Severity.WARNING and "Асанова" in warning.message
    assert rules.duplicate_pin_warning([]) is None


def test_years_and_months():
    assert rules.years_months_between(dt.date(2019, 2, 1), dt.date(2026, 11, 29)) == (7, 9)
    assert rules.years_months_between(dt.date(2026, 11, 30), dt.date(2026, 11, 29)) == (0, 0)
    assert rules.years_months_between(dt.date(2020, 1, 31), dt.date(2020, 2, 29)) == (0, 0)
    assert rules.years_months_between(dt.date(2020, 1, 31), dt.date(2020, 3, 1)) == (0, 1)


def test_tenure_stops_when_the_person_left():
    p = person(appointed_on=dt.date(2019, 2, 1), status=StaffStatus.LEFT, left_on=dt.date(2021, 2, 1))
    assert rules.tenure(p, TODAY) == (2, 0)
    assert rules.tenure(person(), TODAY) is None


def test_missing_fields():
    missing = rules.missing_fields(person(position_category=PositionCategory.ADMINISTRATIVE), 0)
    assert "position_group" in missing and "education" in missing and "sex" not in missing


def test_education_and_training_checks():
    edu = Education(level=EducationLevel.BACHELOR, graduation_year=1990)
    assert fields(rules.check_education(edu, dt.date(1985, 3, 15), TODAY)) == ["graduation_year"]
    rec = TrainingRecord(course_title="X", start_date=dt.date(2024, 5, 2), end_date=dt.date(2024, 5, 1),
                         hours=0, feedback=Feedback(relevance=6))
    assert fields(rules.check_training(rec, TODAY)) == ["end_date", "hours", "relevance"]


def test_kyrgyz_sort_order():
    from hrdesk.store.text import sort_key

    names = ["Өмүрбеков", "Орозов", "Пазылов", "Нурланов", "Ңаа", "Үсөнов", "Уметов", "Фаизов"]
    assert sorted(names, key=sort_key) == ["Нурланов", "Ңаа", "Орозов", "Өмүрбеков", "Пазылов",
                                           "Уметов", "Үсөнов", "Фаизов"]

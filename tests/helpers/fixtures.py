"""A fresh set-up office database per test, and a small register filler."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrdesk import register
from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    OfficeType,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
)
from hrdesk.domain.models import Education, Office, StaffMember
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

SURNAMES = (
    "Асанов",
    "Бекмуратов",
    "Жумабаев",
    "Токтогулов",
    "Осмонов",
    "Үсөнов",
    "Өмүрбеков",
    "Ниязов",
    "Ңазаров",
    "Абдыкадыров",
    "Кадыров",
    "Эшматов",
)
MALE_NAMES = ("Нурлан", "Азамат", "Бакыт", "Талант", "Үмөт", "Эрлан", "Чыңгыз")
FEMALE_NAMES = ("Айгүл", "Гүлнара", "Жазгүл", "Нуриза", "Мээрим", "Өмүркан", "Асел")
POSITIONS = ("Башкы адис", "Жетектөөчү адис", "Адис", "Бөлүм башчысы", "Айыл өкмөтүнүн башчысы")

TEST_OFFICE = Office(
    code="TEST-001",
    type=OfficeType.AIYL_OKMOTU,
    name_ky="Сынак айыл өкмөтү",
    name_ru="Тестовый айыл окмоту",
    oblast="KG-C",
    district="Аламүдүн",
    head_name="Асанов Нурлан",
    head_position="Айыл өкмөтүнүн башчысы",
    hr_clerk_name="Осмонова Асел",
)


def make_office_database(path: Path) -> Database:
    """A new database at `path`, set up for the test office with the default units."""
    database = Database.open(path, create=True)
    office = Office(**{k: v for k, v in vars(TEST_OFFICE).items() if k != "id"})
    register.setup_office(database, office)
    return database


@pytest.fixture
def office_database(tmp_path: Path) -> Iterator[Database]:
    database = make_office_database(tmp_path / "office.sqlite3")
    yield database
    database.close()


def make_mkk_database(path: Path) -> Database:
    """A new database at `path`, set up for MKK (its keys included)."""
    database = Database.open(path, create=True)
    register.setup_mkk(database)
    return database


@pytest.fixture
def mkk_database(tmp_path: Path) -> Iterator[Database]:
    database = make_mkk_database(tmp_path / "mkk.sqlite3")
    yield database
    database.close()


def make_pin(sex: Sex, birth: dt.date, serial: int) -> str:
    return f"{1 if sex == Sex.FEMALE else 2}{birth:%d%m%Y}{serial % 100000:05d}"


def make_member(
    rng: random.Random, serial: int, office_id: int, unit_ids: list[int]
) -> StaffMember:
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    birth = dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
    started = rules_safe_date(birth, rng, 20, 30)
    appointed = rules_safe_date(started, rng, 0, 10)
    complete = rng.random() < 0.8
    surname = rng.choice(SURNAMES)
    if sex == Sex.FEMALE:
        surname = surname + "а"
    return StaffMember(
        surname=surname,
        name=rng.choice(FEMALE_NAMES if sex == Sex.FEMALE else MALE_NAMES),
        patronymic=rng.choice(MALE_NAMES) + ("кызы" if sex == Sex.FEMALE else " уулу"),
        pin=make_pin(sex, birth, serial),
        sex=sex,
        birth_date=birth,
        unit_id=rng.choice(unit_ids) if unit_ids and complete else None,
        service_type=rng.choice((ServiceType.MUNICIPAL, ServiceType.STATE_CIVIL)),
        position_title=rng.choice(POSITIONS),
        position_category=PositionCategory.ADMINISTRATIVE if complete else None,
        position_group=rng.choice(list(PositionGroup)) if complete else None,
        appointed_on=appointed,
        service_started_on=started,
        status=StaffStatus.ACTIVE,
        office_id=office_id,
    )


def rules_safe_date(after: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    """A date `low`..`high` years after `after`, never in the future."""
    candidate = after + dt.timedelta(days=rng.randint(low * 365, high * 365))
    return min(candidate, dt.date.today() - dt.timedelta(days=1))


def fill_register(
    database: Database, count: int, seed: int = 1, left: int = 0, with_education: bool = False
) -> list[int]:
    """Add `count` valid people to the office of `database` (the last `left` of them have left).
    Nobody has education unless `with_education`: then about 80% get one and are complete.
    Returns their ids. One transaction."""
    rng = random.Random(seed)
    offices = OfficeRepository(database)
    office = offices.own()
    assert office is not None and office.id is not None, "the database is not set up"
    unit_ids = [u.id for u in offices.units(office.id) if u.id is not None]
    first = StaffRepository(database).count() + 1
    members = [make_member(rng, first + i, office.id, unit_ids) for i in range(count)]
    for member in members[count - left :] if left else []:
        member.status = StaffStatus.LEFT
        member.left_on = max(
            member.appointed_on or dt.date.min, dt.date.today() - dt.timedelta(days=30)
        )
        member.left_reason = "test"
    complete = [m for m in members if m.unit_id is not None] if with_education else []
    repo = StaffRepository(database)
    with database.transaction():
        repo.add_many(members, educations={id(m): 1 for m in complete})
        for m in complete:
            repo.save_education(
                Education(
                    level=EducationLevel.BACHELOR,
                    field=EducationField.ECONOMICS,
                    institution="Кыргыз улуттук университети",
                    graduation_year=m.birth_date.year + 22,
                    staff_id=m.id,
                )
            )
    return [m.id for m in members if m.id is not None]

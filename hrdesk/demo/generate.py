"""A demo office database: a set-up office with realistic staff, education and training.

Deterministic for a seed (random.Random(seed), no network); different seeds give different
offices. Every person passes rules.check_staff; about 5% lack some optional fields so the
register's "incomplete" marker has something to show.

Extension point: EXTRA_POPULATORS lists "module:function" names. After the register is
written, write_demo_database calls each function(database, rng, today) in the same
transaction, in order, with its own random.Random derived from the seed (so what an extra
draws never changes the register). The needs-assessment engineer adds the demo assessment
cycle there, e.g. "hrdesk.demo.assessment:populate".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hrdesk import register
from hrdesk.demo import data
from hrdesk.domain import rules
from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    LanguageLevel,
    OfficeType,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import (
    Education,
    Feedback,
    LanguageSkill,
    Office,
    StaffMember,
    TrainingRecord,
)
from hrdesk.domain.reference import class_ranks, oblasts
from hrdesk.i18n import ngettext
from hrdesk.paths import RESOURCES
from hrdesk.store import audit
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

EXTRA_POPULATORS: tuple[str, ...] = ("hrdesk.demo.assessments:populate",)

INCOMPLETE_SHARE = 0.05
LEFT_SHARE = 0.04
ON_LEAVE_SHARE = 0.03
BATCH = 2000
CITY_REGIONS = ("KG-GB", "KG-GO")


@dataclass
class _Person:
    member: StaffMember
    unit_index: int
    educations: list[Education] = field(default_factory=list)
    trainings: list[TrainingRecord] = field(default_factory=list)


@dataclass(frozen=True)
class _Course:
    code: str
    title: str
    hours: int
    provider: str
    format: TrainingFormat | None
    languages: tuple[Language, ...]


# --- the office -----------------------------------------------------------------------------


def _feminine(adjective: str) -> str:
    """'Сокулукский' -> 'Сокулукская' (Russian district adjectives agree with 'администрация')."""
    if adjective.endswith(("ий", "ый", "ой")):
        return adjective[:-2] + "ая"
    return adjective


def make_office(rng: random.Random) -> Office:
    # Rural offices only: the cities of republican significance have no aiyl okmotu.
    oblast = rng.choice([o for o in oblasts() if o.districts and o.code not in CITY_REGIONS])
    district = rng.choice(oblast.districts)
    if rng.random() < 0.65:
        village_ky, village_ru = rng.choice(data.VILLAGES)
        return Office(
            code=f"AO-{rng.randint(1000, 9999)}",
            type=OfficeType.AIYL_OKMOTU,
            name_ky=f"{village_ky} айыл өкмөтү",
            name_ru=f"Айыл окмоту {village_ru}",
            oblast=oblast.code,
            district=district.code,
            head_position=data.HEAD_POSITION[OfficeType.AIYL_OKMOTU],
            head_position_ru=data.HEAD_POSITION_RU[OfficeType.AIYL_OKMOTU],
        )
    return Office(
        code=f"RA-{rng.randint(100, 999)}",
        type=OfficeType.DISTRICT_ADMINISTRATION,
        name_ky=f"{district.ky} райондук мамлекеттик администрациясы",
        name_ru=f"{_feminine(district.ru)} районная государственная администрация",
        oblast=oblast.code,
        district=district.code,
        head_position=data.HEAD_POSITION[OfficeType.DISTRICT_ADMINISTRATION],
        head_position_ru=data.HEAD_POSITION_RU[OfficeType.DISTRICT_ADMINISTRATION],
    )


# --- the catalogue --------------------------------------------------------------------------


@cache
def _courses() -> tuple[_Course, ...]:
    """Courses of the built-in catalogue when it is there, else a plausible list."""
    try:
        catalogue = json.loads(
            (RESOURCES / "catalogue" / "default.json").read_text(encoding="utf-8")
        )
        found = []
        for c in catalogue["courses"]:
            title = c["title"]["ky"] if isinstance(c["title"], dict) else str(c["title"])
            languages = tuple(
                Language(x) for x in c.get("languages", ()) if x in Language._value2member_map_
            )
            fmt = c.get("format")
            found.append(
                _Course(
                    str(c["code"]),
                    title,
                    int(c.get("hours") or 36),
                    str(c.get("provider") or _provider_for(c["code"])),
                    TrainingFormat(fmt) if fmt in TrainingFormat._value2member_map_ else None,
                    languages or (Language.KYRGYZ, Language.RUSSIAN),
                )
            )
        if found:
            return tuple(found)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return tuple(
        _Course(code, title, hours, provider, None, (Language.KYRGYZ, Language.RUSSIAN))
        for code, title, hours, provider in data.FALLBACK_COURSES
    )


def _provider_for(code: object) -> str:
    """A stable provider for a catalogue course that names none."""
    return data.DEFAULT_PROVIDERS[sum(map(ord, str(code))) % len(data.DEFAULT_PROVIDERS)]


# --- people ---------------------------------------------------------------------------------


def _days(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day from start to end inclusive (start when end is earlier)."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, span)) if span > 0 else start


def _names(rng: random.Random, sex: Sex) -> tuple[str, str, str]:
    key = "female" if sex == Sex.FEMALE else "male"
    if rng.random() < data.RUSSIAN_SHARE:
        surnames, names, patronymics = data.RUSSIAN_PEOPLE[key]
        return rng.choice(surnames), rng.choice(names), rng.choice(patronymics)
    name = rng.choice(data.FEMALE_NAMES if sex == Sex.FEMALE else data.MALE_NAMES)
    father = rng.choice(data.FATHER_NAMES)
    if rng.random() < data.KYRGYZ_STYLE_SHARE:
        return f"{father} {'кызы' if sex == Sex.FEMALE else 'уулу'}", name, ""
    surname = rng.choice(data.SURNAMES)
    if sex == Sex.FEMALE:
        surname += "а"
    if rng.random() < 0.3:
        patronymic = f"{father} {'кызы' if sex == Sex.FEMALE else 'уулу'}"
    else:
        patronymic = father + ("овна" if sex == Sex.FEMALE else "ович")
    return surname, name, patronymic


def _pin(rng: random.Random, sex: Sex, born: dt.date, taken: set[str]) -> str:
    while True:
        pin = f"{'1' if sex == Sex.FEMALE else '2'}{born:%d%m%Y}{rng.randint(0, 99999):05d}"
        if pin not in taken:
            taken.add(pin)
            return pin


_RANK_SPAN = {  # group -> slice of the service's rank list (lowest first)
    ServiceType.STATE_CIVIL: {
        PositionGroup.HIGHEST: (7, 10),
        PositionGroup.MAIN: (4, 8),
        PositionGroup.SENIOR: (2, 6),
        PositionGroup.JUNIOR: (0, 3),
    },
    ServiceType.MUNICIPAL: {
        PositionGroup.HIGHEST: (3, 5),
        PositionGroup.MAIN: (2, 5),
        PositionGroup.SENIOR: (1, 3),
        PositionGroup.JUNIOR: (0, 2),
    },
}


def _class_rank(rng: random.Random, position: data.Position) -> str:
    spans = _RANK_SPAN.get(position.service_type)
    if not spans or position.group is None or rng.random() < 0.15:
        return ""
    ranks = class_ranks().get(position.service_type.value, ())
    low, high = spans[position.group]
    choices = ranks[low:high]
    return rng.choice(choices).code if choices else ""


def _languages(rng: random.Random, russian: bool) -> list[LanguageSkill]:
    if russian:
        return [
            LanguageSkill(Language.RUSSIAN, LanguageLevel.NATIVE),
            LanguageSkill(
                Language.KYRGYZ, rng.choice((LanguageLevel.INTERMEDIATE, LanguageLevel.BASIC))
            ),
        ]
    russian_level = rng.choices(
        (LanguageLevel.FLUENT, LanguageLevel.INTERMEDIATE, LanguageLevel.BASIC), (5, 4, 1)
    )[0]
    skills = [
        LanguageSkill(Language.KYRGYZ, LanguageLevel.NATIVE),
        LanguageSkill(Language.RUSSIAN, russian_level),
    ]
    if rng.random() < 0.15:
        skills.append(
            LanguageSkill(
                Language.ENGLISH, rng.choice((LanguageLevel.BASIC, LanguageLevel.INTERMEDIATE))
            )
        )
    return skills


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return ""
    prefix = rng.choice(("555", "550", "559", "700", "701", "707", "770", "772", "777", "999"))
    return f"+996 {prefix} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"


def _educations(
    rng: random.Random, position: data.Position, born: dt.date, today: dt.date
) -> list[Education]:
    support = position.service_type == ServiceType.SUPPORT
    if support:
        level = rng.choice((EducationLevel.GENERAL_SECONDARY, EducationLevel.SECONDARY_VOCATIONAL))
    else:
        levels, weights = zip(*data.EDUCATION_LEVELS, strict=True)
        level = rng.choices(levels, weights)[0]
    field_ = rng.choice(position.fields)
    first_level = EducationLevel.SPECIALIST if level == EducationLevel.CANDIDATE else level
    vocational = first_level in (
        EducationLevel.GENERAL_SECONDARY,
        EducationLevel.SECONDARY_VOCATIONAL,
    )
    year = born.year + (19 if vocational else 22) + rng.randint(0, 3)
    result = [_education(rng, first_level, field_, min(year, today.year))]
    if level == EducationLevel.MASTER and rng.random() < 0.7:
        result[0] = _education(rng, EducationLevel.BACHELOR, field_, min(year, today.year))
        result.append(_education(rng, EducationLevel.MASTER, field_, min(year + 2, today.year)))
    if not support and rng.random() < 0.2:
        result.append(
            _education(
                rng,
                EducationLevel.MASTER,
                EducationField.PUBLIC_ADMINISTRATION,
                min(year + rng.randint(3, 15), today.year),
                "КРПМБА",
            )
        )
    if level == EducationLevel.CANDIDATE:
        result.append(
            _education(
                rng, EducationLevel.CANDIDATE, field_, min(year + rng.randint(5, 15), today.year)
            )
        )
    return result[:3]


def _education(
    rng: random.Random,
    level: EducationLevel,
    field_: EducationField,
    year: int,
    institution: str = "",
) -> Education:
    return Education(
        level=level,
        field=field_,
        institution=institution or rng.choice(data.INSTITUTIONS[field_]),
        speciality=rng.choice(data.SPECIALITIES[field_]),
        graduation_year=year,
    )


_COMMENTS = (
    "",
    "",
    "",
    "Практикалык сабактар көбүрөөк болсо жакшы болмок.",
    "Материалдар мамлекеттик тилде болсо экен.",
    "Абдан пайдалуу курс болду.",
    "Курс өтө кыска болду.",
)


def _trainings(rng: random.Random, member: StaffMember, today: dt.date) -> list[TrainingRecord]:
    start_from = member.service_started_on or member.appointed_on
    if start_from is None:
        return []
    end_by = (member.left_on or today) - dt.timedelta(days=10)
    earliest = max(start_from, end_by - dt.timedelta(days=365 * 8))
    if end_by <= earliest:
        return []
    courses = _courses()
    result = []
    for course in rng.sample(
        courses, min(len(courses), rng.choices((0, 1, 2, 3, 4, 5), (20, 25, 25, 15, 10, 5))[0])
    ):
        start = _days(rng, earliest, end_by)
        end = min(start + dt.timedelta(days=max(1, course.hours // 8) - 1), end_by)
        end = max(end, start)
        feedback = Feedback()
        if rng.random() < 0.8:
            scores = (1, 2, 3, 4, 5)
            weights = (1, 2, 5, 8, 6)
            feedback = Feedback(
                *(rng.choices(scores, weights)[0] for _ in range(5)), comment=rng.choice(_COMMENTS)
            )
        result.append(
            TrainingRecord(
                course_title=course.title,
                course_code=course.code,
                provider=course.provider,
                start_date=start,
                end_date=end,
                hours=course.hours,
                format=course.format or rng.choice(list(TrainingFormat)),
                funding=rng.choices(list(Funding), (60, 20, 15, 5))[0],
                language=rng.choice(course.languages),
                certificate_no=f"{start.year}-{rng.randint(1000, 99999)}",
                feedback=feedback,
            )
        )
    return result


def _person(
    rng: random.Random, position: data.Position, today: dt.date, pins: set[str], head: bool = False
) -> _Person:
    """One person in the position; the head of the office is active and complete."""
    sex = Sex.FEMALE if rng.random() < 0.55 else Sex.MALE
    surname, name, patronymic = _names(rng, sex)
    age = rng.randint(23, 62)
    born = rules.add_years(today, -age) - dt.timedelta(days=rng.randint(0, 364))
    start_age = rng.randint(21, max(21, min(age - 1, 45)))
    service_start = min(
        rules.add_years(born, start_age) + dt.timedelta(days=rng.randint(0, 364)),
        today - dt.timedelta(days=60),
    )
    appointed = _days(rng, service_start, today - dt.timedelta(days=30))
    if rng.random() < 0.5:  # most people were appointed to their current post in recent years
        appointed = _days(
            rng,
            max(service_start, today - dt.timedelta(days=365 * 5)),
            today - dt.timedelta(days=30),
        )
    member = StaffMember(
        surname=surname,
        name=name,
        pin=_pin(rng, sex, born, pins),
        patronymic=patronymic,
        sex=sex,
        birth_date=born,
        phone=_phone(rng),
        service_type=position.service_type,
        position_title=position.title,
        position_category=position.category,
        position_group=position.group,
        class_rank=_class_rank(rng, position),
        appointed_on=appointed,
        service_started_on=service_start,
        languages=_languages(
            rng, surname in data.RUSSIAN_PEOPLE["female"][0] + data.RUSSIAN_PEOPLE["male"][0]
        ),
    )
    roll = 1.0 if head else rng.random()
    if roll < LEFT_SHARE:
        member.status = StaffStatus.LEFT
        member.left_on = _days(rng, appointed, today - dt.timedelta(days=1))
        member.left_reason = rng.choice(data.LEFT_REASONS)
    elif roll < LEFT_SHARE + ON_LEAVE_SHARE:
        member.status = StaffStatus.ON_LEAVE
    person = _Person(member, position.unit, _educations(rng, position, born, today))
    person.trainings = _trainings(rng, member, today)
    if not head and rng.random() < INCOMPLETE_SHARE:
        _make_incomplete(rng, person)
    return person


_DROPPABLE = (
    "patronymic",
    "birth_date",
    "unit",
    "service_type",
    "position_category",
    "appointed_on",
    "service_started_on",
    "education",
)


def _make_incomplete(rng: random.Random, person: _Person) -> None:
    m = person.member
    for what in rng.sample(_DROPPABLE, rng.randint(1, 3)):
        if what == "unit":
            person.unit_index = -1
        elif what == "education":
            person.educations = []
        elif what == "patronymic":
            m.patronymic = ""
        elif what == "position_category":
            m.position_category = None
            m.position_group = None
        else:
            setattr(m, what, None)


def _check(person: _Person, today: dt.date) -> None:
    """The generator must never write what the app itself would refuse."""
    m = person.member
    problems = rules.check_staff(m, today)
    for e in person.educations:
        problems += rules.check_education(e, m.birth_date or rules.pin_birth_date(m.pin), today)
    for t in person.trainings:
        problems += rules.check_training(t, today)
    if problems:
        raise AssertionError(f"demo person {m.full_name} breaks the rules: {problems}")


# --- writing --------------------------------------------------------------------------------


def _position_pool(office_type: OfficeType) -> tuple[list[data.Position], list[int]]:
    positions = list(data.POSITIONS[office_type][1:])
    return positions, [p.weight for p in positions]


def populate_register(database: Database, rng: random.Random, staff: int, today: dt.date) -> Office:
    """Set up a random office and write `staff` people into it. The caller holds the transaction."""
    office = make_office(rng)
    units = data.UNITS[office.type]
    register.setup_office(database, office, units)
    offices = OfficeRepository(database)
    unit_ids = [u.id for u in offices.units(office.id or 0)]
    repo = StaffRepository(database)
    pins: set[str] = set()
    positions, weights = _position_pool(office.type)
    head = data.POSITIONS[office.type][0]
    clerk_name = head_name = ""
    for start in range(0, staff, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, staff)):
            position = head if i == 0 else rng.choices(positions, weights)[0]
            person = _person(rng, position, today, pins, head=i == 0)
            if i == 0:
                head_name = person.member.full_name
            _check(person, today)
            m = person.member
            m.office_id = office.id
            m.unit_id = (
                unit_ids[person.unit_index] if 0 <= person.unit_index < len(unit_ids) else None
            )
            if not clerk_name and "Кадр" in m.position_title and m.status == StaffStatus.ACTIVE:
                clerk_name = m.full_name
            batch.append(person)
        repo.add_many([p.member for p in batch], {id(p.member): len(p.educations) for p in batch})
        educations, trainings = [], []
        for p in batch:
            for e in p.educations:
                e.staff_id = p.member.id
                educations.append(e)
            for t in p.trainings:
                t.staff_id = p.member.id
                trainings.append(t)
        repo.add_educations(educations)
        repo.add_trainings(trainings)
    office.head_name = head_name
    office.hr_clerk_name = clerk_name
    offices.save(office, own=True)
    return office


def populate_extras(database: Database, rng: random.Random, today: dt.date) -> None:
    """Call every EXTRA_POPULATORS function(database, rng, today), in order."""
    for dotted in EXTRA_POPULATORS:
        module_name, _sep, function_name = dotted.partition(":")
        function = getattr(importlib.import_module(module_name), function_name)
        function(database, rng, today)


def write_demo_database(
    path: str | os.PathLike[str], staff: int = 120, seed: int = 1, today: dt.date | None = None
) -> str:
    """Write a set-up demo office database to path (replacing the file atomically) and return
    a one-line summary in the language in force. today defaults to the real date."""
    path = Path(path)
    today = today or dt.date.today()
    staff = max(1, staff)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    _remove_with_sidecars(tmp)
    try:
        database = Database.open(tmp, create=True)
        try:
            # A temporary file, deleted on any failure: no need to wait for the disk.
            database.execute("PRAGMA synchronous=OFF")
            database.execute("PRAGMA cache_size=-65536")
            # A made-up office has no history worth a trail; its trail would outweigh its data.
            with database.transaction(), audit.suspended(database):
                # Switched-off triggers still cost as much per row as the insert itself.
                with audit.inserts_untracked(database, audit.audited_tables(database)):
                    office = populate_register(database, random.Random(seed), staff, today)
                    populate_extras(database, random.Random(f"extras-{seed}"), today)
            database.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to move
        finally:
            database.close()
        _remove_with_sidecars(path, keep_main=True)
        os.replace(tmp, path)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    return ngettext(
        "Demo database {path}: {office} ({code}), {count} person.",
        "Demo database {path}: {office} ({code}), {count} people.",
        staff,
    ).format(path=path, office=office.name_ky, code=office.code, count=staff)


def _remove_with_sidecars(path: Path, keep_main: bool = False) -> None:
    """Remove a database file's -wal and -shm (a stale WAL must never meet a new main file)."""
    names = [f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"]
    if not keep_main:
        names.append(path.name)
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (path.parent / name).unlink()

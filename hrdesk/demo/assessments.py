"""The demo's assessment cycle: next year's cycle, assessed this autumn, nearly finished.

About 85% of active staff assessed (a few still drafts), gaps that differ by competency the
way the 2018 survey found (state language and digital skills widest), answers, one to five
requests each, most endorsed and some declined with a reason. Hooked into
hrdesk.demo.generate through EXTRA_POPULATORS; deterministic for the rng it is given.
"""

from __future__ import annotations

import datetime as dt
import random

from hrdesk.domain.assessment import (
    ANSWERS,
    Assessment,
    AssessmentStatus,
    CourseRequest,
    Endorsement,
    Question,
    Season,
    is_complete,
)
from hrdesk.domain.catalogue import Course
from hrdesk.domain.enums import (
    Language,
    LanguageLevel,
    PositionGroup,
    StaffStatus,
    TrainingFormat,
)
from hrdesk.domain.models import StaffMember
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.offices import OfficeRepository
from hrdesk.store.staff import StaffRepository

ASSESSED_SHARE = 0.85
DRAFT_SHARE = 0.08
FREE_TEXT_SHARE = 0.08
ENDORSED_SHARE, DECLINED_SHARE = 0.78, 0.12
BATCH = 2000  # assessments written at once (AssessmentRepository.add_many)

# Competency -> (mean importance, mean performance) of a typical respondent.
PROFILE: dict[str, tuple[float, float]] = {
    "legal_framework": (4.6, 3.7),
    "strategic_planning": (3.8, 3.0),
    "leadership": (3.5, 3.2),
    "public_finance": (3.9, 2.9),
    "service_delivery": (4.3, 3.6),
    "digital_skills": (4.4, 2.6),
    "state_language": (4.5, 2.9),
    "ethics_anticorruption": (4.2, 3.9),
    "communication": (4.1, 3.5),
    "project_management": (3.4, 2.5),
    "local_economic_development": (3.7, 2.8),
    "gender_inclusion": (3.1, 3.0),
    "monitoring_evaluation": (3.5, 2.7),
    "personal_development": (3.8, 3.3),
}

FREE_TEXT_COURSES = (
    "Excel боюнча практикалык курс",
    "Англис тили (баштапкы деңгээл)",
    "Электрондук архив жүргүзүү",
    "Жер кадастры боюнча программалар",
    "Курс по 1С: Бухгалтерия для государственных учреждений",
)
DECLINE_REASONS = (
    "Курс кызматкердин кызмат ордуна туура келбейт.",
    "Бул курсту жакында өткөн.",
    "Быйылкы бюджетте каражат жетишсиз.",
    "Адегенде мамлекеттик тил курсун бүтүрүү керек.",
    "Курс не соответствует должностным обязанностям.",
)
OTHER_TEXTS = {
    Question.OBSTACLES_DUTIES: ("Компьютер жетишсиз", "Интернет начар"),
    Question.OBSTACLES_TRAINING: ("Окуу жайы алыс, жол кире кымбат", "Орун басар жок"),
    Question.GROWTH_NEEDS: ("Тажрыйба алмашуу сапарлары",),
}


def _rating(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _knows_kyrgyz(member: StaffMember) -> bool:
    return (
        any(
            s.language == Language.KYRGYZ
            and s.level in (LanguageLevel.NATIVE, LanguageLevel.FLUENT)
            for s in member.languages
        )
        or not member.languages
    )


def _ratings(
    rng: random.Random, member: StaffMember, codes: list[str], today: dt.date
) -> dict[str, tuple[int, int]]:
    leader = member.position_group in (PositionGroup.HIGHEST, PositionGroup.MAIN)
    older = member.birth_date is not None and today.year - member.birth_date.year >= 50
    self_view = rng.gauss(0, 0.4)  # some rate themselves high across the board
    result = {}
    for code in codes:
        importance, performance = PROFILE.get(code, (3.6, 3.1))
        if code == "leadership" and leader:
            importance += 0.9
        if code == "state_language" and not _knows_kyrgyz(member):
            performance -= 1.2
        if code == "digital_skills" and older:
            performance -= 0.6
        result[code] = (_rating(rng, importance), _rating(rng, performance + self_view))
    return result


def _choose(rng: random.Random, question: Question, weights: dict[str, float]) -> set[str]:
    codes = list(ANSWERS[question])
    chosen = set()
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        chosen.add(rng.choices(codes, [weights.get(c, 1.0) for c in codes])[0])
    return chosen


def _requests(
    rng: random.Random,
    member: StaffMember,
    ratings: dict[str, tuple[int, int]],
    courses: list[Course],
) -> list[CourseRequest]:
    def fits(course: Course) -> bool:
        return (not course.service_types or member.service_type in course.service_types) and (
            not course.groups
            or member.position_group is None
            or member.position_group in course.groups
        )

    def need(course: Course) -> float:
        gaps = [max(0, ratings[c][0] - ratings[c][1]) for c in course.competencies if c in ratings]
        fit = 1.0 if fits(course) else 0.15  # a few misfits show the eligibility warnings
        return (0.3 + (max(gaps) if gaps else 0)) * fit

    count = rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 15, 10))[0]
    pool = list(courses)
    needs = {id(c): need(c) for c in pool}  # once per person, not once per pick
    picked: list[CourseRequest] = []
    while len(picked) < count and pool:
        if rng.random() < FREE_TEXT_SHARE:
            picked.append(CourseRequest(len(picked) + 1, None, rng.choice(FREE_TEXT_COURSES)))
            continue
        course = rng.choices(pool, [needs[id(c)] for c in pool])[0]
        pool.remove(course)
        picked.append(CourseRequest(len(picked) + 1, course.code))
    return picked


def _endorse(rng: random.Random, request: CourseRequest, head: str, on: dt.date) -> None:
    roll = rng.random()
    if roll < ENDORSED_SHARE:
        request.endorsement = Endorsement.ENDORSED
    elif roll < ENDORSED_SHARE + DECLINED_SHARE:
        request.endorsement = Endorsement.DECLINED
        request.decline_reason = rng.choice(DECLINE_REASONS)
    else:
        return
    request.endorsed_by = head
    request.endorsed_at = f"{on.isoformat()}T10:00:00+00:00"


def populate(database: Database, rng: random.Random, today: dt.date) -> None:
    """Open the cycle for next year and fill it as an office would by late autumn."""
    from hrdesk import assessment as ops

    year = today.year + 1
    repo = AssessmentRepository(database)
    if repo.cycle(year) is None:
        ops.open_cycle(database, year, dt.date(today.year, 12, 31))
    catalogue = CatalogueRepository(database)
    codes = catalogue.competency_codes()
    courses = catalogue.courses()
    office = OfficeRepository(database).own()
    head = office.head_name if office else ""
    start = dt.date(today.year, 9, 15)
    if start >= today:
        start = today - dt.timedelta(days=60)
    span = max(0, (today - start).days)
    batch: list[Assessment] = []
    with database.transaction():
        for member in StaffRepository(database).all(office.id if office else None):
            if member.status != StaffStatus.ACTIVE or rng.random() >= ASSESSED_SHARE:
                continue
            ratings = _ratings(rng, member, codes, today)
            draft = rng.random() < DRAFT_SHARE
            rated = codes[: rng.randint(2, len(codes) - 2)] if draft else codes
            on = start + dt.timedelta(days=rng.randint(0, span))
            assessment = Assessment(
                cycle=year,
                staff_id=member.id or 0,
                assessed_on=on,
                preferred_format=rng.choices(list(TrainingFormat), (45, 25, 30))[0],
                preferred_language=Language.KYRGYZ
                if _knows_kyrgyz(member) and rng.random() < 0.75
                else Language.RUSSIAN,
                preferred_season=rng.choices(list(Season), (10, 30, 10, 35, 15))[0],
            )
            for code in rated:
                assessment.rate(code, *ratings[code])
            assessment.answers = {
                Question.OBSTACLES_DUTIES: _choose(
                    rng,
                    Question.OBSTACLES_DUTIES,
                    {
                        "lack_of_experience": 4,
                        "uneven_distribution": 3,
                        "outside_job_description": 3,
                        "duties_undefined": 2,
                        "interunit_communication": 2,
                        "other": 0.3,
                    },
                ),
                Question.OBSTACLES_TRAINING: _choose(
                    rng,
                    Question.OBSTACLES_TRAINING,
                    {
                        "working_hours": 5,
                        "course_length": 2,
                        "family": 2,
                        "no_management_support": 1.5,
                        "no_career_effect": 1,
                        "no_need": 0.5,
                        "hard_to_say": 1,
                        "other": 0.5,
                    },
                ),
                Question.GROWTH_NEEDS: _choose(
                    rng,
                    Question.GROWTH_NEEDS,
                    {
                        "courses": 6,
                        "work_experience": 4,
                        "management_support": 2,
                        "motivation": 2,
                        "basic_education": 1,
                        "personal_connections": 0.5,
                        "hard_to_say": 0.5,
                        "other": 0.3,
                    },
                ),
            }
            for question, chosen in assessment.answers.items():
                if "other" in chosen:
                    assessment.other_texts[question] = rng.choice(OTHER_TEXTS[question])
            assessment.requests = _requests(rng, member, ratings, courses)
            if not draft:
                endorsed_on = min(today, on + dt.timedelta(days=rng.randint(1, 14)))
                for request in assessment.requests:
                    _endorse(rng, request, head, endorsed_on)
            assessment.status = (
                AssessmentStatus.COMPLETE
                if is_complete(assessment, codes)
                else AssessmentStatus.DRAFT
            )
            batch.append(assessment)
            if len(batch) >= BATCH:
                repo.add_many(batch)
                batch = []
        repo.add_many(batch)

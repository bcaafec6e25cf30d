"""The training needs assessment of one person in one cycle (Hennessy-Hicks style).

For each competency the person rates importance for the job and current performance, 1–5; the
gap importance − performance, where positive, is the training need. Answer lists follow the
2018 national survey (GLOSSARY.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hrdesk.domain.enums import Language, TrainingFormat
from hrdesk.domain.rules import Problem
from hrdesk.i18n import N_, _

RATING_MIN, RATING_MAX = 1, 5
MAX_REQUESTS = 5


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class Endorsement(StrEnum):
    PENDING = "pending"
    ENDORSED = "endorsed"
    DECLINED = "declined"


class Season(StrEnum):
    WINTER = "winter"
    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    ANY = "any"


class Question(StrEnum):
    OBSTACLES_DUTIES = "obstacles_duties"
    OBSTACLES_TRAINING = "obstacles_training"
    GROWTH_NEEDS = "growth_needs"


# Answer code -> English label, per question, in the order of the survey. "other" takes text.
ANSWERS: dict[Question, dict[str, str]] = {
    Question.OBSTACLES_DUTIES: {
        "outside_job_description": N_("duties outside the job description"),
        "duties_undefined": N_("duties not clearly defined"),
        "lack_of_experience": N_("lack of experience"),
        "uneven_distribution": N_("uneven distribution of work in the unit"),
        "interunit_communication": N_("hard communication between units"),
        "other": N_("other"),
    },
    Question.OBSTACLES_TRAINING: {
        "working_hours": N_("courses held in working hours"),
        "course_length": N_("course length"),
        "no_career_effect": N_("no effect on career"),
        "family": N_("family circumstances"),
        "no_management_support": N_("no support from management"),
        "no_need": N_("no need"),
        "hard_to_say": N_("hard to say"),
        "other": N_("other"),
    },
    Question.GROWTH_NEEDS: {
        "courses": N_("advanced-training courses"),
        "work_experience": N_("work experience"),
        "basic_education": N_("basic education"),
        "management_support": N_("support of management"),
        "motivation": N_("own motivation"),
        "personal_connections": N_("personal connections"),
        "hard_to_say": N_("hard to say"),
        "other": N_("other"),
    },
}

QUESTION_TEXTS: dict[Question, str] = {
    Question.OBSTACLES_DUTIES: N_("What hinders performing your duties?"),
    Question.OBSTACLES_TRAINING: N_("What hinders taking training?"),
    Question.GROWTH_NEEDS: N_("What does professional growth need most?"),
}

_LABELS: dict[StrEnum, str] = {
    AssessmentStatus.DRAFT: N_("draft"),
    AssessmentStatus.COMPLETE: N_("complete"),
    Endorsement.PENDING: N_("pending"),
    Endorsement.ENDORSED: N_("endorsed"),
    Endorsement.DECLINED: N_("declined"),
    Season.WINTER: N_("winter"),
    Season.SPRING: N_("spring"),
    Season.SUMMER: N_("summer"),
    Season.AUTUMN: N_("autumn"),
    Season.ANY: N_("any season"),
}


def label(member: StrEnum) -> str:
    return _(_LABELS[member])


def answer_label(question: Question, code: str) -> str:
    return _(ANSWERS[question].get(code, code))


@dataclass
class Rating:
    competency_code: str
    importance: int | None = None
    performance: int | None = None

    @property
    def is_complete(self) -> bool:
        return self.importance is not None and self.performance is not None


@dataclass
class CourseRequest:
    """One requested course: from the catalogue (course_code) or free text."""

    priority: int
    course_code: str | None = None
    free_text: str = ""
    endorsement: Endorsement = Endorsement.PENDING
    decline_reason: str = ""
    endorsed_by: str = ""
    endorsed_at: str | None = None
    uid: str = ""
    id: int | None = None

    @property
    def is_free_text(self) -> bool:
        return self.course_code is None


@dataclass
class Assessment:
    cycle: int
    staff_id: int
    ratings: dict[str, Rating] = field(default_factory=dict)
    # Question -> chosen answer codes.
    answers: dict[Question, set[str]] = field(default_factory=dict)
    other_texts: dict[Question, str] = field(default_factory=dict)
    preferred_format: TrainingFormat | None = None
    preferred_language: Language | None = None
    preferred_season: Season | None = None
    requests: list[CourseRequest] = field(default_factory=list)
    assessed_on: dt.date | None = None
    status: AssessmentStatus = AssessmentStatus.DRAFT
    uid: str = ""
    id: int | None = None

    def rate(self, competency_code: str, importance: int | None, performance: int | None) -> None:
        self.ratings[competency_code] = Rating(competency_code, importance, performance)


def gap(importance: int, performance: int) -> int:
    """The training need on one competency: importance − performance where positive, else 0."""
    return max(0, importance - performance)


def is_complete(assessment: Assessment, competency_codes: list[str]) -> bool:
    """Complete when every competency in force has both ratings."""
    return all(
        code in assessment.ratings and assessment.ratings[code].is_complete
        for code in competency_codes
    )


def check_assessment(
    assessment: Assessment, competency_codes: list[str], course_codes: set[str]
) -> list[Problem]:
    """Errors that block saving; a half-done assessment is not an error (it stays a draft)."""
    problems: list[Problem] = []
    known = set(competency_codes)
    for code, rating in assessment.ratings.items():
        if code not in known:
            problems.append(
                Problem(
                    f"rating.{code}",
                    _("The competency {code} is not in the catalogue.").format(code=code),
                )
            )
        for name, value in (("importance", rating.importance), ("performance", rating.performance)):
            if value is not None and not RATING_MIN <= value <= RATING_MAX:
                problems.append(
                    Problem(
                        f"rating.{code}.{name}",
                        _("A rating must be from 1 to 5 ({competency}: {value}).").format(
                            competency=code, value=value
                        ),
                    )
                )
    for question, chosen in assessment.answers.items():
        for code in chosen:
            if code not in ANSWERS[question]:
                problems.append(
                    Problem(
                        f"answer.{question.value}",
                        _("{answer} is not an answer to the question {question}.").format(
                            answer=code, question=question.value
                        ),
                    )
                )
    if len(assessment.requests) > MAX_REQUESTS:
        problems.append(
            Problem(
                "requests",
                _("At most {count} courses can be requested; {given} were given.").format(
                    count=MAX_REQUESTS, given=len(assessment.requests)
                ),
            )
        )
    priorities = [r.priority for r in assessment.requests]
    if len(set(priorities)) != len(priorities) or any(
        not 1 <= p <= MAX_REQUESTS for p in priorities
    ):
        problems.append(
            Problem("requests", _("Each requested course needs its own priority from 1 to 5."))
        )
    seen_courses: set[str] = set()
    for request in assessment.requests:
        where = f"request.{request.priority}"
        if request.course_code is not None:
            if request.course_code not in course_codes:
                problems.append(
                    Problem(
                        where,
                        _("The course {code} is not in the catalogue.").format(
                            code=request.course_code
                        ),
                    )
                )
            if request.course_code in seen_courses:
                problems.append(
                    Problem(
                        where,
                        _("The course {code} is requested twice.").format(code=request.course_code),
                    )
                )
            seen_courses.add(request.course_code)
        elif not request.free_text.strip():
            problems.append(
                Problem(
                    where,
                    _("Request {priority}: pick a course or describe it in words.").format(
                        priority=request.priority
                    ),
                )
            )
    return problems

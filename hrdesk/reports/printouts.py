"""The plain data that the PDF builders print. Whoever prints fills these from the store.

Convention: text fields are display strings already in the language the document is printed
in (enum codes go through hrdesk.domain.enums.label(), course titles in the chosen language);
dates, numbers and durations stay values and are formatted by the builder through hrdesk.i18n,
so set the language (hrdesk.i18n.set_language) before filling and rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrdesk.domain.models import Feedback


@dataclass
class PlanLine:
    """One line of the annual training plan: one person, one course."""

    number: int
    full_name: str
    position: str
    group: str
    course: str
    hours: int | None
    format: str
    language: str
    quarter: str  # "I".."IV", or "" when not set
    funding: str
    person_key: str = ""  # PIN or uid; tells namesakes apart when people are counted


@dataclass
class PlanPrintout:
    office_name: str
    year: int
    head_position: str
    head_name: str
    hr_clerk_name: str
    approved: bool
    approved_on: dt.date | None
    lines: list[PlanLine] = field(default_factory=list)

    @property
    def people(self) -> int:
        return len({line.person_key or line.full_name for line in self.lines})

    @property
    def hours(self) -> int:
        return sum(line.hours or 0 for line in self.lines)


@dataclass
class CardEducation:
    level: str
    field: str = ""
    institution: str = ""
    speciality: str = ""
    graduation_year: int | None = None


@dataclass
class CardTraining:
    course: str
    provider: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    hours: int | None = None
    format: str = ""
    funding: str = ""
    language: str = ""
    certificate_no: str = ""
    feedback: Feedback | None = None


@dataclass
class CardPrintout:
    """A person's training card: profile, education, training history, this year's plan."""

    office_name: str
    year: int
    full_name: str
    pin: str
    sex: str = ""
    birth_date: dt.date | None = None
    unit: str = ""
    position: str = ""
    service_type: str = ""
    category: str = ""
    group: str = ""
    class_rank: str = ""
    status: str = ""
    languages: str = ""  # e.g. "Kyrgyz (native), Russian (fluent)"
    appointed_on: dt.date | None = None
    # (years, months), as hrdesk.domain.rules.tenure() and length_of_service() give them
    tenure: tuple[int, int] | None = None  # in the current position
    service_started_on: dt.date | None = None
    service_length: tuple[int, int] | None = None  # (years, months) of public service
    education: list[CardEducation] = field(default_factory=list)
    training: list[CardTraining] = field(default_factory=list)
    plan_lines: list[PlanLine] = field(default_factory=list)
    hr_clerk_name: str = ""
    printed_on: dt.date | None = None


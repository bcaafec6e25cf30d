"""Dataclasses of the register. Dates are datetime.date; ids are None until stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrdesk.domain.enums import (
    EducationField,
    EducationLevel,
    Funding,
    Language,
    LanguageLevel,
    OfficeType,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    StaffStatus,
    TrainingFormat,
)


@dataclass
class Office:
    code: str
    type: OfficeType
    name_ky: str
    name_ru: str
    oblast: str  # ISO 3166-2 code, e.g. "KG-C"
    district: str = ""  # district name in Kyrgyz, or "" for an oblast-level or city office
    parent_code: str = ""
    head_name: str = ""
    head_position: str = ""  # in Kyrgyz
    head_position_ru: str = ""
    hr_clerk_name: str = ""
    id: int | None = None

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" and self.name_ru else self.name_ky

    def head_position_in(self, language: str) -> str:
        """The head's position as a document in `language` prints it (Kyrgyz unless Russian
        is asked for and given)."""
        if language == "ru" and self.head_position_ru:
            return self.head_position_ru
        return self.head_position


@dataclass
class Unit:
    name: str
    position: int = 0
    id: int | None = None


@dataclass
class LanguageSkill:
    language: Language
    level: LanguageLevel


@dataclass
class StaffMember:
    surname: str
    name: str
    pin: str
    patronymic: str = ""
    sex: Sex | None = None
    birth_date: dt.date | None = None
    phone: str = ""
    unit_id: int | None = None
    service_type: ServiceType | None = None
    position_title: str = ""
    position_category: PositionCategory | None = None
    position_group: PositionGroup | None = None
    class_rank: str = ""
    appointed_on: dt.date | None = None
    service_started_on: dt.date | None = None
    languages: list[LanguageSkill] = field(default_factory=list)
    status: StaffStatus = StaffStatus.ACTIVE
    left_on: dt.date | None = None
    left_reason: str = ""
    uid: str = ""  # stable identifier across installations (packets)
    office_id: int | None = None
    id: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)


@dataclass
class Education:
    level: EducationLevel
    field: EducationField | None = None
    institution: str = ""
    speciality: str = ""
    graduation_year: int | None = None
    staff_id: int | None = None
    id: int | None = None


@dataclass
class Feedback:
    """The trainee's rating of a course, each 1–5, None when not given."""

    relevance: int | None = None
    trainer: int | None = None
    practice: int | None = None
    language_fit: int | None = None
    overall: int | None = None
    comment: str = ""

    def is_empty(self) -> bool:
        return all(
            v is None
            for v in (self.relevance, self.trainer, self.practice, self.language_fit, self.overall)
        ) and not self.comment


@dataclass
class TrainingRecord:
    course_title: str
    course_code: str = ""  # empty when the course is free text, not from the catalogue
    provider: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    hours: int | None = None
    format: TrainingFormat | None = None
    funding: Funding | None = None
    language: Language | None = None
    certificate_no: str = ""
    feedback: Feedback = field(default_factory=Feedback)
    staff_id: int | None = None
    id: int | None = None

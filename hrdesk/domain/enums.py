"""The closed lists of the domain. Values are stable English codes used in the database,
packets and JSON reports; labels are translated where they are shown, through label()."""

from __future__ import annotations

from enum import StrEnum

from hrdesk.i18n import N_, _


class Role(StrEnum):
    OFFICE = "office"
    MKK = "mkk"


class OfficeType(StrEnum):
    DISTRICT_ADMINISTRATION = "district_administration"
    AIYL_OKMOTU = "aiyl_okmotu"
    CITY_HALL = "city_hall"
    TERRITORIAL_SUBDIVISION = "territorial_subdivision"
    OTHER = "other"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class ServiceType(StrEnum):
    STATE_CIVIL = "state_civil"
    MUNICIPAL = "municipal"
    POLITICAL = "political"
    COUNCIL_DEPUTY = "council_deputy"
    RESERVE = "reserve"
    SUPPORT = "support"


class PositionCategory(StrEnum):
    POLITICAL = "political"
    SPECIAL = "special"
    ADMINISTRATIVE = "administrative"


class PositionGroup(StrEnum):
    HIGHEST = "highest"
    MAIN = "main"
    SENIOR = "senior"
    JUNIOR = "junior"


class StaffStatus(StrEnum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    LEFT = "left"


class EducationLevel(StrEnum):
    GENERAL_SECONDARY = "general_secondary"
    INITIAL_VOCATIONAL = "initial_vocational"
    SECONDARY_VOCATIONAL = "secondary_vocational"
    BACHELOR = "bachelor"
    SPECIALIST = "specialist"
    MASTER = "master"
    CANDIDATE = "candidate"
    DOCTOR = "doctor"
    PHD = "phd"


class EducationField(StrEnum):
    ECONOMICS = "economics"
    PEDAGOGY = "pedagogy"
    ENGINEERING = "engineering"
    AGRICULTURE = "agriculture"
    LAW = "law"
    PHILOLOGY = "philology"
    NATURAL_SCIENCES = "natural_sciences"
    HISTORY = "history"
    MEDICINE = "medicine"
    PUBLIC_ADMINISTRATION = "public_administration"
    OTHER = "other"


class TrainingFormat(StrEnum):
    IN_PERSON = "in_person"
    DISTANCE = "distance"
    BLENDED = "blended"


class Funding(StrEnum):
    STATE_ORDER = "state_order"
    DEPARTMENTAL = "departmental"
    DONOR = "donor"
    OWN = "own"


class Language(StrEnum):
    KYRGYZ = "ky"
    RUSSIAN = "ru"
    ENGLISH = "en"
    OTHER = "other"


class LanguageLevel(StrEnum):
    NATIVE = "native"
    FLUENT = "fluent"
    INTERMEDIATE = "intermediate"
    BASIC = "basic"


_LABELS: dict[StrEnum, str] = {
    Role.OFFICE: N_("Office (HR service)"),
    Role.MKK: N_("MKK (central body)"),
    OfficeType.DISTRICT_ADMINISTRATION: N_("District state administration"),
    OfficeType.AIYL_OKMOTU: N_("Aiyl okmotu"),
    OfficeType.CITY_HALL: N_("City hall"),
    OfficeType.TERRITORIAL_SUBDIVISION: N_("Territorial subdivision of a state body"),
    OfficeType.OTHER: N_("Other"),
    Sex.FEMALE: N_("female"),
    Sex.MALE: N_("male"),
    ServiceType.STATE_CIVIL: N_("State civil service"),
    ServiceType.MUNICIPAL: N_("Municipal service"),
    ServiceType.POLITICAL: N_("Political position"),
    ServiceType.COUNCIL_DEPUTY: N_("Local council deputy"),
    ServiceType.RESERVE: N_("National personnel reserve"),
    ServiceType.SUPPORT: N_("Support staff"),
    PositionCategory.POLITICAL: N_("political"),
    PositionCategory.SPECIAL: N_("special"),
    PositionCategory.ADMINISTRATIVE: N_("administrative"),
    PositionGroup.HIGHEST: N_("highest group"),
    PositionGroup.MAIN: N_("main group"),
    PositionGroup.SENIOR: N_("senior group"),
    PositionGroup.JUNIOR: N_("junior group"),
    StaffStatus.ACTIVE: N_("active"),
    StaffStatus.ON_LEAVE: N_("on leave"),
    StaffStatus.LEFT: N_("left"),
    EducationLevel.GENERAL_SECONDARY: N_("general secondary"),
    EducationLevel.INITIAL_VOCATIONAL: N_("initial vocational"),
    EducationLevel.SECONDARY_VOCATIONAL: N_("secondary vocational"),
    EducationLevel.BACHELOR: N_("higher: bachelor"),
    EducationLevel.SPECIALIST: N_("higher: specialist"),
    EducationLevel.MASTER: N_("higher: master"),
    EducationLevel.CANDIDATE: N_("candidate of sciences"),
    EducationLevel.DOCTOR: N_("doctor of sciences"),
    EducationLevel.PHD: N_("PhD"),
    EducationField.ECONOMICS: N_("economics"),
    EducationField.PEDAGOGY: N_("pedagogy"),
    EducationField.ENGINEERING: N_("engineering"),
    EducationField.AGRICULTURE: N_("agriculture"),
    EducationField.LAW: N_("law"),
    EducationField.PHILOLOGY: N_("philology"),
    EducationField.NATURAL_SCIENCES: N_("natural sciences"),
    EducationField.HISTORY: N_("history"),
    EducationField.MEDICINE: N_("medicine"),
    EducationField.PUBLIC_ADMINISTRATION: N_("public administration"),
    EducationField.OTHER: N_("other field"),
    TrainingFormat.IN_PERSON: N_("in person"),
    TrainingFormat.DISTANCE: N_("distance"),
    TrainingFormat.BLENDED: N_("blended"),
    Funding.STATE_ORDER: N_("state order"),
    Funding.DEPARTMENTAL: N_("departmental"),
    Funding.DONOR: N_("donor"),
    Funding.OWN: N_("own funds"),
    Language.KYRGYZ: N_("Kyrgyz"),
    Language.RUSSIAN: N_("Russian"),
    Language.ENGLISH: N_("English"),
    Language.OTHER: N_("other language"),
    LanguageLevel.NATIVE: N_("native"),
    LanguageLevel.FLUENT: N_("fluent"),
    LanguageLevel.INTERMEDIATE: N_("intermediate"),
    LanguageLevel.BASIC: N_("basic"),
}

# Education levels that count as vocational or higher (for "first vocational or higher education").
VOCATIONAL_OR_HIGHER = frozenset(
    {
        EducationLevel.INITIAL_VOCATIONAL,
        EducationLevel.SECONDARY_VOCATIONAL,
        EducationLevel.BACHELOR,
        EducationLevel.SPECIALIST,
        EducationLevel.MASTER,
        EducationLevel.CANDIDATE,
        EducationLevel.DOCTOR,
        EducationLevel.PHD,
    }
)


def label(member: StrEnum | None) -> str:
    """The member's name in the language in force."""
    if member is None:
        return ""
    return _(_LABELS[member])

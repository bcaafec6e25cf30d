"""The course catalogue and competency framework MKK publishes, and the reading of its file.

The file format is described in docs/catalogue-format.md and checked against
resources/schemas/catalogue.schema.json before anything else looks at it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk import errors
from hrdesk.domain.enums import (
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    TrainingFormat,
)
from hrdesk.i18n import _, current_language
from hrdesk.paths import RESOURCES

CATALOGUE_FORMAT = "hrdesk-catalogue"
BUILTIN_CATALOGUE = RESOURCES / "catalogue" / "default.json"
CATALOGUE_SCHEMA = RESOURCES / "schemas" / "catalogue.schema.json"


@dataclass(frozen=True)
class Texts:
    """One text in the three languages of the app."""

    ky: str
    ru: str = ""
    en: str = ""

    def get(self, language: str | None = None) -> str:
        language = language or current_language()
        value = getattr(self, language, "") if language in ("ky", "ru", "en") else ""
        return value or self.ky or self.ru or self.en

    @classmethod
    def from_json(cls, data: dict[str, str] | None) -> Texts:
        data = data or {}
        return cls(data.get("ky", ""), data.get("ru", ""), data.get("en", ""))

    def to_json(self) -> dict[str, str]:
        return {"ky": self.ky, "ru": self.ru, "en": self.en}


@dataclass(frozen=True)
class Competency:
    code: str
    title: Texts
    description: Texts = Texts("")
    position: int = 0


@dataclass(frozen=True)
class Course:
    code: str
    title: Texts
    hours: int
    format: TrainingFormat
    languages: tuple[Language, ...]
    repeat_years: int  # years before the same person may take it again; 0 = any time
    competencies: tuple[str, ...] = ()
    # Empty tuples mean "everyone".
    service_types: tuple[ServiceType, ...] = ()
    categories: tuple[PositionCategory, ...] = ()
    groups: tuple[PositionGroup, ...] = ()
    topic: str = ""
    provider: str = ""
    position: int = 0


@dataclass(frozen=True)
class CatalogueInfo:
    """What the catalogue says about itself: its version, cycle and the central body's name."""

    version: int
    cycle: int
    deadline: dt.date
    central_body: Texts
    format: str = CATALOGUE_FORMAT


@dataclass
class Catalogue:
    info: CatalogueInfo
    competencies: list[Competency]
    courses: list[Course]
    # The whole document as read, so fields added later (mkk_public_key) are kept.
    document: dict[str, Any] = field(default_factory=dict)

    def course(self, code: str) -> Course | None:
        return next((c for c in self.courses if c.code == code), None)


def _schema() -> dict[str, Any]:
    return json.loads(CATALOGUE_SCHEMA.read_text(encoding="utf-8"))


def _where(path: Any) -> str:
    """A JSON path like 'courses[3].hours' for messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "/"


def _schema_problem(error: Any, source: str) -> str:
    """A translated message for the first schema error (jsonschema's own text is English)."""
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return _("The catalogue file {file} is not valid: the field {where} is missing.").format(
            file=source, where=_where([*path, missing[0]] if missing else path)
        )
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        return _(
            "The catalogue file {file} is not valid: the field {where} is not part of the format."
        ).format(file=source, where=_where([*path, extra[0]] if extra else path))
    value = json.dumps(error.instance, ensure_ascii=False)
    if len(value) > 60:
        value = value[:57] + "..."
    return _(
        "The catalogue file {file} is not valid: the field {where} has a wrong value: {value}."
    ).format(file=source, where=_where(path), value=value)


def parse_catalogue(document: Any, source: str = "") -> Catalogue:
    """A Catalogue from a decoded JSON document; InputFileError naming the first problem."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    problems = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if problems:
        raise errors.InputFileError(_schema_problem(problems[0], source))
    try:
        deadline = dt.date.fromisoformat(document["deadline"])
    except ValueError:
        raise errors.InputFileError(
            _("The catalogue file {file} is not valid: the deadline {value} is not a date.").format(
                file=source, value=document["deadline"]
            )
        ) from None
    competencies = [
        Competency(
            code=c["code"],
            title=Texts.from_json(c["title"]),
            description=Texts.from_json(c.get("description")),
            position=i,
        )
        for i, c in enumerate(document["competencies"])
    ]
    known = {c.code for c in competencies}
    _refuse_duplicates([c.code for c in competencies], "competencies", source)
    courses = []
    for i, c in enumerate(document["courses"]):
        unknown = [code for code in c["competencies"] if code not in known]
        if unknown:
            raise errors.InputFileError(
                _(
                    "The catalogue file {file} is not valid: the course {course} develops "
                    "the competency {code}, which the catalogue does not define."
                ).format(file=source, course=c["code"], code=unknown[0])
            )
        courses.append(
            Course(
                code=c["code"],
                title=Texts.from_json(c["title"]),
                hours=c["hours"],
                format=TrainingFormat(c["format"]),
                languages=tuple(Language(x) for x in c["languages"]),
                repeat_years=c["repeat_years"],
                competencies=tuple(c["competencies"]),
                service_types=tuple(ServiceType(x) for x in c.get("service_types", [])),
                categories=tuple(PositionCategory(x) for x in c.get("categories", [])),
                groups=tuple(PositionGroup(x) for x in c.get("groups", [])),
                topic=c.get("topic", ""),
                provider=c.get("provider", ""),
                position=i,
            )
        )
    _refuse_duplicates([c.code for c in courses], "courses", source)
    info = CatalogueInfo(
        version=document["version"],
        cycle=document["cycle"],
        deadline=deadline,
        central_body=Texts.from_json(document["central_body"]),
        format=document["format"],
    )
    return Catalogue(info, competencies, courses, document)


def _refuse_duplicates(codes: list[str], where: str, source: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise errors.InputFileError(
                _(
                    "The catalogue file {file} is not valid: the code {code} appears twice in {where}."
                ).format(file=source, code=code, where=where)
            )
        seen.add(code)


def read_catalogue_file(path: str | Path) -> Catalogue:
    """Read and check a catalogue file; InputFileError when it cannot be read or is not valid."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise errors.InputFileError(
            _("The catalogue file {file} cannot be read: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
        ) from exc
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise errors.InputFileError(
            _("The catalogue file {file} is not UTF-8 text.").format(file=path)
        ) from None
    except json.JSONDecodeError as exc:
        # Not json's own reason: it is English ("Expecting value") in a Kyrgyz or Russian text.
        raise errors.InputFileError(
            _("The catalogue file {file} is not valid JSON: line {line}, column {column}.").format(
                file=path, line=exc.lineno, column=exc.colno
            )
        ) from None
    return parse_catalogue(document, str(path))


def builtin_catalogue() -> Catalogue:
    return read_catalogue_file(BUILTIN_CATALOGUE)

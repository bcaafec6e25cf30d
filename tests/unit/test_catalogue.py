"""The built-in catalogue, reading catalogue files and importing a newer one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.domain.catalogue import BUILTIN_CATALOGUE, builtin_catalogue, read_catalogue_file
from hrdesk.domain.enums import PositionCategory, PositionGroup, ServiceType
from hrdesk.store.catalogue import CatalogueRepository

REQUIRED_COMPETENCIES = {
    "legal_framework",
    "strategic_planning",
    "leadership",
    "public_finance",
    "service_delivery",
    "digital_skills",
    "state_language",
    "ethics_anticorruption",
    "communication",
    "project_management",
    "local_economic_development",
    "gender_inclusion",
    "monitoring_evaluation",
    "personal_development",
}


def _document() -> dict:
    return json.loads(BUILTIN_CATALOGUE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: object, name: str = "catalogue.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_builtin_catalogue_is_complete():
    catalogue = builtin_catalogue()
    assert catalogue.info.version == 1
    assert {c.code for c in catalogue.competencies} >= REQUIRED_COMPETENCIES
    assert len(catalogue.courses) >= 24
    covered = {code for course in catalogue.courses for code in course.competencies}
    assert covered >= REQUIRED_COMPETENCIES
    for course in catalogue.courses:
        assert course.title.ky and course.title.ru and course.title.en
        assert course.hours > 0 and course.languages
        assert set(course.service_types) <= set(ServiceType)
        assert set(course.categories) <= set(PositionCategory)
        assert set(course.groups) <= set(PositionGroup)
    assert "агенттик" in catalogue.info.central_body.ky


def test_new_database_has_builtin_catalogue(office_database):
    repo = CatalogueRepository(office_database)
    assert repo.info().version == 1
    assert len(repo.competencies()) == 14
    assert len(repo.courses()) == len(builtin_catalogue().courses)
    assert [c.code for c in repo.courses(text="БЮДЖЕТ")] == ["MKK-2026-10", "MKK-2026-11"]
    assert (
        repo.courses(text="mkk-2026-03")[0].title.en == "Official paperwork in the state language"
    )


def test_import_newer_catalogue_replaces_and_keeps_dropped_as_inactive(office_database, tmp_path):
    document = _document()
    document["version"] = 2
    document["note"] = "fields the app does not know are kept"
    dropped = document["courses"].pop()["code"]
    document["courses"][0]["hours"] = 48
    changes = ops.import_catalogue(office_database, _write(tmp_path, document))
    assert changes.catalogue
    repo = CatalogueRepository(office_database)
    assert repo.info().version == 2
    assert repo.course("MKK-2026-01").hours == 48
    assert dropped not in {c.code for c in repo.courses()}
    assert repo.course(dropped) is not None  # kept for history
    assert repo.document()["note"] == "fields the app does not know are kept"


@pytest.mark.parametrize("version", [1, 0])
def test_import_older_or_equal_version_is_refused(office_database, tmp_path, version):
    document = _document()
    document["version"] = max(version, 1)
    document["courses"][0]["hours"] = 99
    with pytest.raises(errors.ValidationFailed, match="version 1 is already in use"):
        ops.import_catalogue(office_database, _write(tmp_path, document))
    assert CatalogueRepository(office_database).course("MKK-2026-01").hours == 36


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["courses"][3].__setitem__("hours", "many"), r"courses\[3\]\.hours"),
        (lambda d: d.pop("deadline"), "deadline"),
        (lambda d: d["courses"][0].__setitem__("format", "webinar"), r"courses\[0\]\.format"),
        (lambda d: d["courses"][1]["competencies"].append("astrology"), "astrology"),
        (lambda d: d["courses"].append(dict(d["courses"][0])), "appears twice"),
        (lambda d: d.__setitem__("deadline", "2026-02-31"), "not a date"),
    ],
)
def test_bad_catalogue_is_refused_naming_the_problem(office_database, tmp_path, change, message):
    document = _document()
    document["version"] = 5
    change(document)
    with pytest.raises(errors.InputFileError, match=message):
        ops.import_catalogue(office_database, _write(tmp_path, document))
    assert CatalogueRepository(office_database).info().version == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("deadline"), "the field deadline is missing."),
        (lambda d: d["courses"][2].pop("hours"), "the field courses[2].hours is missing."),
        (
            lambda d: d["courses"][3].__setitem__("hours", "many"),
            'the field courses[3].hours has a wrong value: "many".',
        ),
        (
            lambda d: d["courses"][0].__setitem__("format", "webinar"),
            'the field courses[0].format has a wrong value: "webinar".',
        ),
    ],
)
def test_schema_problems_are_our_own_words_not_the_validators(
    office_database, tmp_path, change, expected
):
    # jsonschema words its messages in English only ("'hours' is a required property"); the
    # clerk gets a translatable sentence naming the field instead, and nothing changes.
    document = _document()
    document["version"] = 5
    change(document)
    path = _write(tmp_path, document)
    before = CatalogueRepository(office_database).document()
    with pytest.raises(errors.InputFileError) as caught:
        ops.import_catalogue(office_database, path)
    message = caught.value.message
    assert message.endswith(expected)
    assert str(path) in message
    assert "property" not in message and "is not of type" not in message
    assert CatalogueRepository(office_database).document() == before


def test_broken_json_and_missing_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "hrdesk-catalogue",', encoding="utf-8")
    with pytest.raises(errors.InputFileError, match="not valid JSON: line 1"):
        read_catalogue_file(path)
    with pytest.raises(errors.InputFileError, match="cannot be read"):
        read_catalogue_file(tmp_path / "missing.json")

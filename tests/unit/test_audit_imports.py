"""Imports are in the audit trail, labelled as what they were: the course catalogue import (its
tables have no row triggers, so it writes one entry naming the versions); a refused import
leaves no entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdesk import assessment as ops
from hrdesk import errors
from hrdesk.domain.catalogue import BUILTIN_CATALOGUE
from hrdesk.store.audit import AuditKind, AuditRepository


def _catalogue_file(tmp_path: Path, version: int, drop: int = 0) -> Path:
    document = json.loads(BUILTIN_CATALOGUE.read_text(encoding="utf-8"))
    document["version"] = version
    for _ in range(drop):
        document["courses"].pop()
    path = tmp_path / f"catalogue-{version}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_catalogue_import_is_one_labelled_entry_with_old_and_new_versions(
    office_database, tmp_path
):
    trail = AuditRepository(office_database)
    courses = office_database.query_value("SELECT count(*) FROM courses WHERE active = 1")
    ops.import_catalogue(office_database, _catalogue_file(tmp_path, 2, drop=2))

    [entry] = trail.query(table="catalogue")
    assert entry.operation == "catalogue_import"
    assert entry.kind == AuditKind.UPDATE
    assert entry.record_key == "2"
    assert entry.old["version"] == 1 and entry.new["version"] == 2
    assert entry.old["courses"] == courses and entry.new["courses"] == courses - 2
    assert set(entry.changed_columns) == {"version", "courses"}  # only what changed
    assert entry.clerk == "Осмонова Асел"  # the office's HR clerk
    assert entry.staff_id is None


def test_a_refused_catalogue_leaves_no_entry(office_database, tmp_path):
    trail = AuditRepository(office_database)
    before = trail.count()
    with pytest.raises(errors.ValidationFailed, match="already in use"):
        ops.import_catalogue(office_database, _catalogue_file(tmp_path, 1))
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(errors.InputFileError, match="broken.json"):
        ops.import_catalogue(office_database, broken)
    assert trail.count() == before
    assert trail.query(table="catalogue") == []

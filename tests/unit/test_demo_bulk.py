"""The demo fill sets the audit triggers aside for speed: they come back verbatim, and the trail
records what the user changes afterwards."""

from __future__ import annotations

import datetime as dt

from hrdesk import assessment as ops
from hrdesk.demo import generate
from hrdesk.domain.assessment import Endorsement
from hrdesk.store import Database
from hrdesk.store.assessments import AssessmentRepository
from hrdesk.store.audit import AuditRepository

TODAY = dt.date(2026, 11, 20)


def _triggers(database: Database) -> set[tuple[str, str]]:
    return set(database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def test_demo_keeps_every_trigger_and_the_trail_works_afterwards(tmp_path):
    fresh = Database.open(tmp_path / "fresh.sqlite3", create=True)
    expected = _triggers(fresh)
    fresh.close()
    assert any("hr_audit_enabled" in sql for _name, sql in expected)

    path = tmp_path / "demo.sqlite3"
    generate.write_demo_database(path, staff=30, seed=2, today=TODAY)
    with Database.open(path) as database:
        assert _triggers(database) == expected
        assert AuditRepository(database).count(table="assessments") == 0  # made-up data
        pending = AssessmentRepository(database).requests(
            TODAY.year + 1, endorsement=Endorsement.PENDING
        )
        request = pending[0].request
        ops.decline_request(database, request.uid, "Бюджет жок", "Башчы")
        assert AuditRepository(database).count(table="requests") == 1

"""The national cube picks the same first field and highest level as the office summary when
educations tie on the year, have none, or come in any order (the cube packs that order into
one integer key)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdesk.analysis.summary import office_summary
from hrdesk.demo.generate import write_demo_database
from hrdesk.mkk.national import national_report
from hrdesk.store.database import Database

TODAY = dt.date(2026, 11, 15)
CYCLE = TODAY.year + 1


def test_education_ties_agree_with_the_office_summary(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    write_demo_database(path, staff=40, seed=5, today=TODAY)
    with Database.open(path) as database:
        people = [r[0] for r in database.execute("SELECT id FROM staff ORDER BY id LIMIT 6")]
        rows = [
            # (level, field, year): same year, no year first, higher level later, PhD = candidate
            ("bachelor", "law", 2005), ("master", "economics", 2005),
            ("specialist", None, None), ("bachelor", "education", 2010),
            ("phd", "it", 2020), ("candidate", "law", 2020),
            ("general_secondary", None, 1990), ("secondary_vocational", "other", None),
        ]
        with database.transaction():
            database.execute(f"DELETE FROM education WHERE staff_id <= {people[-1]}")
            for i, staff_id in enumerate(people):
                for level, field, year in rows[i % 3 * 2 :] + rows[: i % 3 * 2]:
                    database.execute(
                        "INSERT INTO education(staff_id, level, field, graduation_year) "
                        "VALUES (?, ?, ?, ?)",
                        (staff_id, level, field, year),
                    )
        summary = office_summary(database, CYCLE, today=TODAY)
        national = national_report(database, CYCLE, today=TODAY)
    for key in ("by_education_field", "by_education_level"):
        assert national[key] == summary[key], key

"""Fewer indexes to keep up when MKK adds a country's packets.

- requests_assessment: the UNIQUE (assessment_id, priority) index answers every lookup by
  assessment already.
- ratings_competency: no query reads ratings by competency alone (the summaries join them by
  assessment), and competency codes never change nor go (the catalogue sets them inactive), so
  the foreign key from ratings never has to look ratings up by competency. Deleting a
  competency would now read all ratings.
- training_course, requests_course: no query looks records up by course (the summaries and the
  national figures group them after reading them by person or assessment), and no foreign key
  goes through them.
- the register's name and search indexes at MKK only: see hrdesk.store.role_indexes.
"""

from __future__ import annotations

import json

from hrdesk.store.role_indexes import fit_indexes


def migrate(database) -> None:
    database.conn.execute("DROP INDEX IF EXISTS requests_assessment")
    database.conn.execute("DROP INDEX IF EXISTS ratings_competency")
    database.conn.execute("DROP INDEX IF EXISTS training_course")
    database.conn.execute("DROP INDEX IF EXISTS requests_course")
    role = database.conn.execute("SELECT value FROM settings WHERE key = 'role'").fetchone()
    if role is not None:
        fit_indexes(database, json.loads(role[0]))

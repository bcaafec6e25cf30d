"""SIGKILL in the middle of a plan save, many times at random moments: the database must pass
the integrity check and hold the drafted plan wholly (the plan, every line, the drafting event
and their trail) or not at all. The figure goes to docs/reliability.md (HRDESK_KILLS=50)."""

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from helpers.fixtures import fill_register, make_office_database
from test_plan_ops import TODAY, YEAR, seed_cycle

from hrdesk.store.audit import AuditRepository
from hrdesk.store.database import Database

KILLS = int(os.environ.get("HRDESK_KILLS", "6"))
PEOPLE = 1_500
LINES = 2 * PEOPLE  # two endorsed requests each

# The draft of the year's plan as the plan page saves it. "writing" is printed when the save's
# transaction starts (the first write), so the kills can be aimed at the write itself.
_SAVE = textwrap.dedent("""
    import datetime as dt, sys
    sys.path.insert(0, sys.argv[2])
    from hrdesk.planning import ops
    from hrdesk.store.database import Database
    from hrdesk.store.plans import PlanRepository
    database = Database.open(sys.argv[1])
    save = PlanRepository.save
    def announced(self, plan):
        print("writing", flush=True)
        return save(self, plan)
    PlanRepository.save = announced
    print("ready", flush=True)
    ops.draft(database, int(sys.argv[3]), by="clerk", today=dt.date.fromisoformat(sys.argv[4]))
    print("done", flush=True)
    """)


def _start(path):
    tests_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.Popen(
        [sys.executable, "-c", _SAVE, str(path), tests_dir, str(YEAR), TODAY.isoformat()],
        stdout=subprocess.PIPE, env=env, text=True,
    )


def _state(path):
    """(plans, lines, drafting events, trail rows of the lines) after the kill."""
    with Database.open(path) as db:
        assert db.integrity_check() == []
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        plans = db.query_value("SELECT count(*) FROM plans")
        lines = db.query_value("SELECT count(*) FROM plan_entries")
        events = db.query_value("SELECT count(*) FROM plan_events")
        trail = AuditRepository(db).count(table="plan_entries")
    return plans, lines, events, trail


@pytest.mark.slow
def test_sigkill_during_a_plan_save_leaves_it_whole_or_absent(tmp_path):
    base = tmp_path / "base.sqlite3"
    db = make_office_database(base)
    seed_cycle(db, fill_register(db, PEOPLE, seed=5))
    db.close()
    absent, whole = (0, 0, 0, 0), (1, LINES, 1, LINES)

    # How long the save takes here, so the kills spread over all of it, commit included.
    timed = tmp_path / "timed.sqlite3"
    shutil.copy(base, timed)
    proc = _start(timed)
    assert proc.stdout.readline().strip() == "ready"
    assert proc.stdout.readline().strip() == "writing"
    started = time.monotonic()
    assert proc.stdout.readline().strip() == "done"
    duration = time.monotonic() - started
    proc.wait()
    assert _state(timed) == whole

    rng = random.Random(30)
    outcomes = {"absent": 0, "whole": 0}
    for kill in range(KILLS):
        work = tmp_path / f"kill{kill}.sqlite3"
        shutil.copy(base, work)
        proc = _start(work)
        assert proc.stdout.readline().strip() == "ready"
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0, duration * 1.5))  # some land after the commit
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(work)
        assert state in (absent, whole), f"kill {kill}: plans, lines, events, trail = {state}"
        outcomes["whole" if state == whole else "absent"] += 1
        for leftover in tmp_path.glob(f"kill{kill}.sqlite3*"):
            leftover.unlink()
    print(f"\nplan save: {duration:.2f} s; kills survived: {KILLS}/{KILLS} "
          f"(save absent {outcomes['absent']}, whole {outcomes['whole']})")

"""SIGKILL in the middle of a big import, many times at random moments: the database must pass
the integrity check and hold the import wholly or not at all. The figure goes to
docs/reliability.md (run with HRDESK_KILLS=50 for it)."""

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

from hrdesk.store.audit import AuditRepository
from hrdesk.store.database import Database

# 6 keep the default run short; the figure in docs/reliability.md comes from HRDESK_KILLS=50.
KILLS = int(os.environ.get("HRDESK_KILLS", "6"))
PEOPLE = 20_000
BASE = 50

# One transaction of 20,000 people, as the staff import writes it (audit triggers included).
_IMPORT = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[2])
    from helpers.fixtures import fill_register
    from hrdesk.store import audit
    from hrdesk.store.database import Database
    database = Database.open(sys.argv[1])
    print("ready", flush=True)
    with audit.operation(database, "staff_import"):
        fill_register(database, int(sys.argv[3]), seed=7)
    print("done", flush=True)
    """)


def _start(path):
    tests_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.Popen(
        [sys.executable, "-c", _IMPORT, str(path), tests_dir, str(PEOPLE)],
        stdout=subprocess.PIPE, env=env, text=True,
    )


def _state(path):
    with Database.open(path) as db:
        assert db.integrity_check() == []
        people = db.query_value("SELECT count(*) FROM staff")
        trail = AuditRepository(db).count(operation="staff_import")
    return people, trail


@pytest.mark.slow
def test_sigkill_during_a_big_import_leaves_it_whole_or_absent(tmp_path):
    base = tmp_path / "base.sqlite3"
    db = make_office_database(base)
    fill_register(db, BASE, seed=1)
    db.close()

    # How long the import takes here, so the kills spread over all of it, commit included.
    timed = tmp_path / "timed.sqlite3"
    shutil.copy(base, timed)
    proc = _start(timed)
    assert proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    assert proc.stdout.readline().strip() == "done"
    duration = time.monotonic() - started
    proc.wait()
    assert _state(timed) == (BASE + PEOPLE, PEOPLE)

    rng = random.Random(20)
    outcomes = {"absent": 0, "whole": 0}
    for kill in range(KILLS):
        work = tmp_path / f"kill{kill}.sqlite3"
        shutil.copy(base, work)
        proc = _start(work)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, duration * 1.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        people, trail = _state(work)
        assert (people, trail) in ((BASE, 0), (BASE + PEOPLE, PEOPLE)), f"kill {kill}: {people} people"
        outcomes["whole" if people > BASE else "absent"] += 1
        for leftover in tmp_path.glob(f"kill{kill}.sqlite3*"):
            leftover.unlink()
    print(f"\nkills survived: {KILLS}/{KILLS} (import absent {outcomes['absent']}, whole {outcomes['whole']})")

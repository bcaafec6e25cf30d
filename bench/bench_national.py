"""How long MKK's national report and a filter change take for the whole country.

Targets (issue 6): the national report for 40,000 people under 2 s (building the cube and
one report), a filter change under 300 ms. The people come from one demo register spread over
200 offices in every oblast, as if imported from their packets.

Run: /work/venv/bin/python bench/bench_national.py [STAFF] [DATABASE]
(a DATABASE path keeps the generated register between runs.)
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from hrdesk.demo.generate import write_demo_database
from hrdesk.domain.reference import oblasts
from hrdesk.mkk.national import NationalAnalysis, NationalFilter
from hrdesk.store.database import Database

REPORT_TARGET, FILTER_TARGET = 2.0, 0.3
OFFICES = 200
TODAY = dt.date(2026, 11, 15)


def _spread(path: Path) -> None:
    """Give the demo's people to OFFICES offices in every oblast and district."""
    rng = random.Random(7)
    places = [(o.code, d.code) for o in oblasts() for d in o.districts]
    with Database.open(path) as database, database.transaction():
        ids = []
        for i in range(OFFICES):
            oblast, district = rng.choice(places)
            kind = "aiyl_okmotu" if i % 4 else "district_administration"
            cur = database.execute(
                "INSERT INTO offices(code, type, name_ky, oblast, district, is_own) "
                "VALUES (?, ?, ?, ?, ?, 0)",
                (f"B-{i:03d}", kind, f"Office {i}", oblast, district),
            )
            ids.append(cur.lastrowid)
        staff = [r[0] for r in database.execute("SELECT id FROM staff")]
        database.conn.executemany(
            "UPDATE staff SET office_id = ? WHERE id = ?", [(rng.choice(ids), s) for s in staff]
        )


def main() -> int:
    staff = int(sys.argv[1]) if len(sys.argv) > 1 else 40000
    kept = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as folder:
        path = kept or Path(folder) / "national.sqlite3"
        if not path.exists():
            started = time.perf_counter()
            write_demo_database(path, staff=staff, seed=6, today=TODAY)
            _spread(path)
            print(
                f"register of {staff} people in {OFFICES} offices built in "
                f"{time.perf_counter() - started:.0f} s"
            )
        with Database.open(path) as database:
            cycle = TODAY.year + 1
            started, cpu = time.perf_counter(), time.process_time()
            analysis = NationalAnalysis(database, cycle, TODAY)
            built = time.perf_counter() - started
            started = time.perf_counter()
            report = analysis.report()
            first = time.perf_counter() - started
            cpu = time.process_time() - cpu
            choices = analysis.choices()
            filters = [
                NationalFilter(oblast=choices["oblast"][1]),
                NationalFilter(oblast=choices["oblast"][2], service_type="municipal"),
                NationalFilter(office_type="aiyl_okmotu", group="senior"),
                NationalFilter(district=choices["district"][3][1]),
                NationalFilter(),
            ]
            timings, cpus = [], []
            for f in filters:
                started, cpu_started = time.perf_counter(), time.process_time()
                analysis.report(f)
                timings.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu_started)
            analysis.close()
    total = built + first
    worst = max(timings)
    print(
        f"{report['staff_total']} people, {report['assessed']} assessed, "
        f"{len(report['offices'])} offices, {len(report['seats'])} seat rows"
    )
    print(
        f"national report: cube {built * 1000:.0f} ms + report {first * 1000:.0f} ms = "
        f"{total * 1000:.0f} ms (target < {REPORT_TARGET * 1000:.0f} ms) -> "
        f"{'OK' if total < REPORT_TARGET else 'TOO SLOW'} (CPU time {cpu * 1000:.0f} ms)"
    )
    print(
        f"filter change: best {min(timings) * 1000:.0f} ms, worst {worst * 1000:.0f} ms "
        f"(target < {FILTER_TARGET * 1000:.0f} ms) -> "
        f"{'OK' if worst < FILTER_TARGET else 'TOO SLOW'} (CPU time {max(cpus) * 1000:.0f} ms)"
    )
    print("Wall time counts; CPU time shows how much of it the machine's other work took.")
    return 0 if total < REPORT_TARGET and worst < FILTER_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

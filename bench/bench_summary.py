"""How long the needs-assessment summary of an office of 2,000+ assessed people takes.

Target (issue 3): under 0.5 s. Run: /work/venv/bin/python bench/bench_summary.py [STAFF]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from hrdesk.analysis.summary import office_summary
from hrdesk.demo.generate import write_demo_database
from hrdesk.register import own_office
from hrdesk.store.database import Database

TARGET_SECONDS = 0.5


def main() -> int:
    staff = int(sys.argv[1]) if len(sys.argv) > 1 else 2800
    today = dt.date(2026, 11, 15)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        write_demo_database(path, staff=staff, seed=42, today=today)
        built = time.perf_counter() - started
        with Database.open(path) as database:
            office_id = own_office(database).id
            cycle = today.year + 1
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                summary = office_summary(database, cycle, [office_id], today=today)
                timings.append(time.perf_counter() - started)
    best, worst = min(timings), max(timings)
    print(f"demo office of {staff} staff built in {built:.1f} s")
    print(
        f"summary: {summary['assessed']} assessed of {summary['staff_total']}, "
        f"{len(summary['competencies'])} competencies, {len(summary['course_demand'])} courses"
    )
    print(
        f"office_summary: best {best * 1000:.0f} ms, worst {worst * 1000:.0f} ms "
        f"(target < {TARGET_SECONDS * 1000:.0f} ms) -> {'OK' if worst < TARGET_SECONDS else 'TOO SLOW'}"
    )
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

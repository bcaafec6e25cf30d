"""Time from process start to the main window shown, hrdesk on a 10,000-person database next
to a bare PySide6 QMainWindow started the same way in the same run (goal: within 3x).

    python bench/bench_startup.py [--staff 10000] [--runs 5] [--db PATH]

Each start is a fresh child process. The parent takes the time before starting it; the child
prints a line once its window has been shown and its first events (paint) processed, then
quits. The median of the runs is printed for both, and the ratio. The children may write .pyc
files (as an installed program has them); the first, unmeasured start of each writes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demo_cache import demo_database  # bench/ is on the path when a bench runs

ROOT = Path(__file__).resolve().parent.parent
MARK = "WINDOW-SHOWN"

# Both children: a QApplication made first, a zero timer that fires once the event loop runs
# (after show()), processes the pending paint and reports.
_REPORT = f"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
def _shown():
    QApplication.processEvents()
    print("{MARK}", flush=True)
    QApplication.quit()
"""

BARE_CHILD = (
    _REPORT
    + """
import sys
from PySide6.QtWidgets import QMainWindow
app = QApplication([sys.argv[0]])
window = QMainWindow()
window.resize(1280, 760)
window.show()
QTimer.singleShot(0, _shown)
sys.exit(app.exec())
"""
)

HRDESK_CHILD = (
    _REPORT
    + """
import sys
app = QApplication([sys.argv[0]])
QTimer.singleShot(0, _shown)
import main
sys.exit(main.run(["--db", sys.argv[1], "--lang", "ky"]))
"""
)


def time_start(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = (time.perf_counter() - start) * 1000
            break
    else:
        raise SystemExit(f"the child exited with {proc.wait()} before showing its window")
    proc.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or demo_database(args.staff)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["HRDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="hrdesk-bench-")
    # An installed program starts from compiled .pyc files (pip writes them); with this set
    # every start would compile hrdesk's sources again (a few tenths of a second).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # One start of each first, so both read warm files from the disk cache.
    time_start(BARE_CHILD, env=env)
    time_start(HRDESK_CHILD, str(path), env=env)
    bare, hrdesk = [], []
    for _ in range(args.runs):
        bare.append(time_start(BARE_CHILD, env=env))
        hrdesk.append(time_start(HRDESK_CHILD, str(path), env=env))
    bare_ms, hrdesk_ms = statistics.median(bare), statistics.median(hrdesk)
    print(f"database: {path}")
    print(f"bare PySide6 window: median {bare_ms:.0f} ms over {args.runs} starts")
    print(f"hrdesk main window:  median {hrdesk_ms:.0f} ms over {args.runs} starts")
    print(f"ratio: {hrdesk_ms / bare_ms:.2f}x (goal within 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

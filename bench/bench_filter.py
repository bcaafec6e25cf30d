"""Median latency of the staff table's filter per keystroke over 50,000 people (goal < 30 ms).

    python bench/bench_filter.py [--staff 50000] [--db PATH]

Types a few search words one key at a time and times, for each keystroke, the id query alone
(StaffRepository.ids, what the goal is about) and the whole table update (StaffModel.set_text:
query, model reset and fetching the first screen of rows), then the main window's filter step
(the same plus the status bar), which is what the clerk waits for. The demo database is made
once and kept in the temp folder (about a minute for 50,000 people).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from demo_cache import demo_database  # bench/ is on the path when a bench runs

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HRDESK_DATA_DIR", tempfile.mkdtemp(prefix="hrdesk-bench-"))

# What a clerk types: a surname, a PIN, a position, a name with a Kyrgyz letter.
SEARCHES = ("абдыкадыров", "2120319", "башкы адис", "нурсултан", "гүлнара ж", "zzz")


def _main_window_keystrokes(app, database, path: Path) -> list[float]:
    """What the clerk waits for: the register window's whole filter step, key by key."""
    from ui.main_window import MainWindow
    from ui.messages import RecordingMessages
    from ui.session import open_session

    database.close()  # the window's session takes the database with its lock
    messages = RecordingMessages()
    session = open_session(path, messages, check=False)
    assert session is not None, messages.shown
    window = MainWindow(session, messages)
    window.resize(1280, 760)
    window.show()
    app.processEvents()
    elapsed: list[float] = []
    for word in SEARCHES:
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            window.search.setText(word[:end])
            window.apply_filter()  # what the typing pause's timer calls
            app.processEvents()
            elapsed.append((time.perf_counter() - start) * 1000)
        window.search.clear()
        window.apply_filter()
        app.processEvents()
    window.close()
    session.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or demo_database(args.staff)

    from PySide6.QtWidgets import QApplication, QTableView

    from hrdesk.i18n import set_language
    from hrdesk.store.database import Database
    from hrdesk.store.staff import StaffQuery, StaffRepository
    from ui.models.staff_model import StaffModel

    app = QApplication([])
    set_language("ky")
    database = Database.open(path)
    repository = StaffRepository(database)
    people = repository.count()
    model = StaffModel(database)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    app.processEvents()

    query_ms: list[float] = []
    update_ms: list[float] = []
    for word in SEARCHES:
        for end in range(1, len(word) + 1):
            text = word[:end]
            start = time.perf_counter()
            repository.ids(StaffQuery(text=text))
            query_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            model.set_text(text)
            app.processEvents()  # the view repaints its first screen of rows
            update_ms.append((time.perf_counter() - start) * 1000)
        model.set_text("")
        app.processEvents()

    view.close()
    window_ms = _main_window_keystrokes(app, database, path)

    print(f"people: {people}, keystrokes: {len(query_ms)}")
    print(
        f"filter query per keystroke: median {statistics.median(query_ms):.1f} ms, "
        f"max {max(query_ms):.1f} ms"
    )
    print(
        f"table update per keystroke (query + reset + repaint): median "
        f"{statistics.median(update_ms):.1f} ms, max {max(update_ms):.1f} ms"
    )
    print(
        f"main window per keystroke (filter, table, status bar, repaint): median "
        f"{statistics.median(window_ms):.1f} ms, max {max(window_ms):.1f} ms"
    )
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

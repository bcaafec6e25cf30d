"""Opening a database does not import sqlite-utils (a tenth of a second at start); it is there
on first use."""

from __future__ import annotations

import subprocess
import sys


def test_sqlite_utils_is_imported_on_first_use_only(tmp_path):
    from hrdesk.store.database import Database

    Database.create(tmp_path / "x.sqlite3").close()  # migrations may use it; a plain open not
    code = (
        "import sys\n"
        "from hrdesk.store.database import Database\n"
        f"database = Database.open({str(tmp_path / 'x.sqlite3')!r})\n"
        "assert 'sqlite_utils' not in sys.modules, 'imported at open'\n"
        "assert 'user_version' not in database.db.table_names()\n"
        "assert 'sqlite_utils' in sys.modules\n"
        "database.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

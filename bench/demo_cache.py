"""The demo databases the benches measure, made once and kept in the temp folder.

The file name carries a fingerprint of the schema (the migrations' source), so a database made
before a schema change (an index added, say) is not measured by mistake: a new one is made."""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def schema_fingerprint() -> str:
    digest = hashlib.sha1()
    for migration in sorted((ROOT / "hrdesk" / "store" / "migrations").glob("m*.py")):
        digest.update(migration.name.encode())
        digest.update(migration.read_bytes())
    return digest.hexdigest()[:10]


def demo_database(staff: int, seed: int = 1) -> Path:
    """A set-up demo office database with `staff` people (made the first time)."""
    name = f"hrdesk-bench-{staff}-{seed}-{schema_fingerprint()}.sqlite3"
    path = Path(tempfile.gettempdir()) / name
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        from hrdesk.demo.generate import write_demo_database

        print(f"making {path} ({staff} people)...", file=sys.stderr)
        write_demo_database(path, staff=staff, seed=seed)
    return path

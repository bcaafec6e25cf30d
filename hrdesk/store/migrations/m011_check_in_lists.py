"""CHECK constraints of the form `column IN ('a', 'b', 'c')` become `(column = 'a' OR ...)`.

SQLite checks an IN list of three or more constants through a temporary table that it builds
anew for every row it checks: about 2 µs per row and constraint, more than the rest of
inserting an answer or an assessment costs (a country's import at MKK spent over a second on
it). The chain of equalities means the same, NULL included (a NULL column passes both), and
costs a comparison each.

The tables' stored definitions are edited in place, the way SQLite documents for changes that
leave the stored rows as they are (PRAGMA writable_schema, then a new schema_version:
https://sqlite.org/lang_altertable.html#otheralter). No row is touched.
"""

from __future__ import annotations

import re
import sqlite3

# A bare column name that starts an expression (after "(", AND or OR: not "t.x", "a || x",
# "NOT IN" or "x COLLATE y IN") and a list of plain literals: quoted text without quotes or
# commas inside, or whole numbers. Anything else is left as it is.
_LITERAL = r"(?:'[^',]*'|-?\d+)"
IN_LIST = re.compile(
    r"(?:(?<=\()|(?<=\( )|(?<=AND )|(?<=OR ))(?!NOT\b)(\w+) IN "
    rf"\(\s*({_LITERAL}(?:\s*,\s*{_LITERAL})*)\s*\)",
    re.IGNORECASE,
)
SHORTEST_SLOW_LIST = 3  # SQLite codes lists of one or two as comparisons itself


def as_equalities(sql: str) -> str:
    def replace(match: re.Match[str]) -> str:
        column, items = match.group(1), [i.strip() for i in match.group(2).split(",")]
        if len(items) < SHORTEST_SLOW_LIST:
            return match.group(0)
        return "(" + " OR ".join(f"{column} = {item}" for item in items) + ")"

    return IN_LIST.sub(replace, sql)


def _parses(sql: str) -> bool:
    """The rewritten statement is one SQLite takes (checked on a scratch database)."""
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(sql)
    except sqlite3.Error:
        return False
    finally:
        scratch.close()
    return True


def migrate(database) -> None:
    conn = database.conn
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'"
    ).fetchall()
    # A statement that does not parse alone (a foreign key to another table parses: SQLite
    # checks those only when it uses them) stays as it was.
    changed = [
        (name, new) for name, sql in tables if (new := as_equalities(sql)) != sql and _parses(new)
    ]
    if not changed:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for name, sql in changed:
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, name)
            )
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    # This connection too uses the new definitions from now on (the others see the new
    # schema_version and read them again).
    conn.execute("PRAGMA writable_schema = RESET")

"""docs/cli.md lists every code the summary JSON can hold (the issue's contract with MKK's
tools): a new answer, band or enum member fails here until the page names it."""

from __future__ import annotations

import re

from hrdesk import assessment as ops
from hrdesk.analysis.summary import office_summary
from hrdesk.paths import PROJECT_ROOT

CLI_DOC = PROJECT_ROOT / "docs" / "cli.md"


def _documented_codes() -> dict[str, set[str]]:
    """The "Codes" table of docs/cli.md: key -> the codes in backticks on its row."""
    table: dict[str, set[str]] = {}
    for line in CLI_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] and not cells[0].startswith(("-", "key", "`")):
            table[cells[0]] = set(re.findall(r"`([^`]+)`", cells[1]))
    return table


def test_every_summary_code_is_listed_in_docs_cli(office_database):
    ops.open_cycle(office_database, 2027)
    summary = office_summary(office_database, 2027)
    documented = _documented_codes()
    count_keys = [key for key, value in summary.items() if isinstance(value, dict)]
    count_keys.remove("free_text_requests")  # a fixed object, spelt out in the JSON sketch
    assert count_keys, "the summary has no count lists"
    for key in count_keys:
        assert key in documented, f"docs/cli.md has no row for {key}"
        assert set(summary[key]) <= documented[key], (key, set(summary[key]) - documented[key])
    competencies = {c["code"] for c in summary["competencies"]}
    assert competencies <= documented["competencies[].code"]


def test_docs_cli_names_the_commands_of_issue_3():
    text = CLI_DOC.read_text(encoding="utf-8")
    assert "hrdesk catalogue import --db PATH FILE" in text
    assert "hrdesk report summary --db PATH --cycle YEAR --format json|xlsx" in text

"""Tables of requested courses with their eligibility findings: the head's endorsement list and
the office's eligibility list. Both are read through hrdesk.assessment.eligibility_findings, so
they say what the rules in the core say."""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from hrdesk import assessment as ops
from hrdesk.domain.assessment import Endorsement
from hrdesk.domain.assessment import label as assessment_label
from hrdesk.domain.catalogue import Course
from hrdesk.domain.eligibility import Finding, FindingSeverity
from hrdesk.i18n import N_, _
from hrdesk.store.assessments import AssessmentRepository, RequestRow
from hrdesk.store.catalogue import CatalogueRepository
from hrdesk.store.database import Database
from hrdesk.store.staff import StaffRepository
from ui.models.list_model import ListTableModel

_SEVERITY_ORDER = {
    FindingSeverity.BLOCK: 0,
    FindingSeverity.WARNING: 1,
    FindingSeverity.PRIORITY: 2,
}
REQUEST_UID_ROLE = Qt.ItemDataRole.UserRole + 1

_SEVERITY_WORDS = {
    FindingSeverity.PRIORITY: N_("Priority"),
    FindingSeverity.WARNING: N_("Warning"),
    FindingSeverity.BLOCK: N_("Cannot attend"),
}
_SEVERITY_COLOURS = {
    FindingSeverity.PRIORITY: "#1b6e2a",
    FindingSeverity.WARNING: "#9a5b00",
    FindingSeverity.BLOCK: "#b00020",
}


def findings_html(findings: list[Finding]) -> str:
    """The findings as short coloured lines, for a QLabel."""
    lines = []
    for f in findings:
        word = _(_SEVERITY_WORDS[f.severity])
        lines.append(
            f'<span style="color:{_SEVERITY_COLOURS[f.severity]}"><b>{html.escape(word)}:</b> '
            f"{html.escape(f.message)}</span>"
        )
    return "<br>".join(lines)


def severity_word(severity: FindingSeverity) -> str:
    return _(_SEVERITY_WORDS[severity])


def course_label(course_code: str | None, free_text: str, courses: dict[str, Course]) -> str:
    if course_code is None:
        return _("{text} (free text)").format(text=free_text)
    course = courses.get(course_code)
    return f"{course_code} — {course.title.get()}" if course else course_code


def findings_text(findings: list[Finding]) -> str:
    return "\n".join(f"{severity_word(f.severity)}: {f.message}" for f in findings)


# --- endorsement ------------------------------------------------------------------------------

PERSON, PRIORITY, COURSE, FINDINGS, DECISION, REASON = range(6)


@dataclass
class EndorsementLine:
    row: RequestRow
    person: str
    findings: list[Finding] = field(default_factory=list)


class EndorsementModel(ListTableModel):
    HEADERS = (
        N_("Person"),
        N_("Priority"),
        N_("Course"),
        N_("Eligibility"),
        N_("Decision"),
        N_("Reason for declining"),
    )
    NUMERIC = frozenset({PRIORITY})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.courses: dict[str, Course] = {}

    def load(
        self,
        database: Database,
        cycle: int | None,
        office_id: int | None,
        endorsement: Endorsement | None = None,
        today: dt.date | None = None,
    ) -> None:
        if cycle is None:
            self.set_rows([])
            return
        rows = AssessmentRepository(database).requests(
            cycle, office_id=office_id, endorsement=endorsement
        )
        self.courses = CatalogueRepository(database).course_map()
        staff = StaffRepository(database)
        names = {m.id: m.full_name for m in staff.all(office_id)}
        by_person: dict[int | None, list[Finding]] = defaultdict(list)
        by_request: dict[str, list[Finding]] = defaultdict(list)
        for finding in ops.eligibility_findings(database, cycle, office_id, today):
            if finding.request_uid:
                by_request[finding.request_uid].append(finding)
            else:
                by_person[finding.staff_id].append(finding)
        lines = []
        for row in rows:
            findings = by_person.get(row.staff_id, []) + by_request.get(row.request.uid, [])
            findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
            lines.append(EndorsementLine(row, names.get(row.staff_id, ""), findings))
        self.set_rows(lines)

    def request_uid(self, row: int) -> str | None:
        return self.rows[row].row.request.uid if 0 <= row < len(self.rows) else None

    def row_of(self, uid: str) -> int | None:
        return next((i for i, line in enumerate(self.rows) if line.row.request.uid == uid), None)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == REQUEST_UID_ROLE and index.isValid():
            return self.request_uid(index.row())
        return super().data(index, role)

    def text(self, line: EndorsementLine, column: int) -> str:
        request = line.row.request
        if column == PERSON:
            return line.person
        if column == PRIORITY:
            return str(request.priority)
        if column == COURSE:
            return course_label(request.course_code, request.free_text, self.courses)
        if column == FINDINGS:
            return findings_text(line.findings)
        if column == DECISION:
            return assessment_label(request.endorsement)
        if column == REASON:
            return request.decline_reason
        return ""


# --- eligibility list -------------------------------------------------------------------------

F_PERSON, F_SEVERITY, F_COURSE, F_FINDING = range(4)


@dataclass
class FindingLine:
    finding: Finding
    person: str
    course: str


class EligibilityModel(ListTableModel):
    HEADERS = (N_("Person"), N_("Kind"), N_("Course"), N_("Finding"))

    def load(
        self,
        database: Database,
        cycle: int | None,
        office_id: int | None,
        severity: FindingSeverity | None = None,
        today: dt.date | None = None,
    ) -> None:
        if cycle is None:
            self.set_rows([])
            return
        courses = CatalogueRepository(database).course_map()
        names = {m.id: m.full_name for m in StaffRepository(database).all(office_id)}
        requests = {
            r.request.uid: r.request
            for r in AssessmentRepository(database).requests(cycle, office_id=office_id)
        }
        lines = []
        for finding in ops.eligibility_findings(database, cycle, office_id, today):
            if severity is not None and finding.severity != severity:
                continue
            request = requests.get(finding.request_uid or "")
            course = ""
            if request is not None:
                course = course_label(request.course_code, request.free_text, courses)
            elif finding.course_code:
                course = course_label(finding.course_code, "", courses)
            lines.append(FindingLine(finding, names.get(finding.staff_id, ""), course))
        lines.sort(key=lambda x: (_SEVERITY_ORDER[x.finding.severity], x.person))
        self.set_rows(lines)

    def text(self, line: FindingLine, column: int) -> str:
        if column == F_PERSON:
            return line.person
        if column == F_SEVERITY:
            return severity_word(line.finding.severity)
        if column == F_COURSE:
            return line.course
        if column == F_FINDING:
            return line.finding.message
        return ""

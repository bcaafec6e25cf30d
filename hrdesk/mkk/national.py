"""The national picture of a cycle at MKK: the office summary's figures for the whole country
and per oblast, the seats the state order should buy, state-order training by year, provider
and course quality from trainees' feedback, and who has not been trained for N years.

The method is the office summary's (hrdesk.analysis.summary, docs/method.md): the same
population, bands, education rules and competency means, so one office's figures here equal
the summary that office printed. Speed comes from a cube: building a NationalAnalysis
aggregates every figure once per cell (office x service type x position group) in SQL; a report
for any filter (oblast, district, office type, service type, group) then only sums the cells
that match, which takes milliseconds for the whole country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from hrdesk.analysis.bands import AGE_BANDS, TENURE_BANDS, UNKNOWN
from hrdesk.analysis.summary import _LEVEL_ORDER, DIGITS, NONE, rank_competencies
from hrdesk.domain.assessment import ANSWERS, Question, Season
from hrdesk.domain.enums import (
    VOCATIONAL_OR_HIGHER,
    EducationField,
    EducationLevel,
    Language,
    PositionCategory,
    PositionGroup,
    ServiceType,
    Sex,
    TrainingFormat,
)
from hrdesk.domain.rules import add_years
from hrdesk.store.database import Database

NO_OBLAST = UNKNOWN
FEEDBACK = ("relevance", "trainer", "practice", "language_fit", "overall")

_PROFILE_CODES: dict[str, list[str]] = {
    "by_sex": [*(s.value for s in Sex), UNKNOWN],
    "by_age_band": list(AGE_BANDS),
    "by_tenure_band": list(TENURE_BANDS),
    "by_education_field": [*(f.value for f in EducationField), NONE, UNKNOWN],
    "by_education_level": [*(lv.value for lv in EducationLevel), NONE],
    "by_service_type": [*(t.value for t in ServiceType), UNKNOWN],
    "by_category": [*(c.value for c in PositionCategory), UNKNOWN],
    "by_group": [*(g.value for g in PositionGroup), NONE],
    "by_status": ["active", "on_leave"],
    "preferred_format": [*(f.value for f in TrainingFormat), UNKNOWN],
    "preferred_language": [*(x.value for x in Language), UNKNOWN],
    "preferred_season": [*(s.value for s in Season), UNKNOWN],
    "by_language": [x.value for x in Language],
    **{q.value: list(ANSWERS[q]) for q in Question},
}


@dataclass(frozen=True)
class NationalFilter:
    """Which offices and people a report covers; an empty value means all."""

    oblast: str = ""
    district: str = ""
    office_type: str = ""
    service_type: str = ""
    group: str = ""
    office: str = ""  # an office code: one office's figures, as it printed them

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


def _in(codes: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


def _not_trained_cutoff(today: dt.date, years: int) -> str:
    """The latest training day that still leaves a person untrained for `years` years: the
    eligibility rule's add_years(last, years) <= today, turned around for SQL."""
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    one = dt.timedelta(days=1)
    while add_years(cutoff, years) > today:
        cutoff -= one
    while add_years(cutoff + one, years) <= today:
        cutoff += one
    return cutoff.isoformat()


def _whole_years_sql(column: str, today: dt.date) -> str:
    """rules.years_months_between(column, today)[0] in SQL; NULL for no date or a later one."""
    day = f"'{today.isoformat()}'"
    return (
        f"(CASE WHEN {column} IS NULL OR {column} > {day} THEN NULL ELSE "
        f"(({today.year} - CAST(substr({column}, 1, 4) AS INTEGER)) * 12 "
        f"+ ({today.month} - CAST(substr({column}, 6, 2) AS INTEGER)) "
        f"- ({today.day} < CAST(substr({column}, 9, 2) AS INTEGER))) / 12 END)"
    )


SERVICE_CODES = (*(t.value for t in ServiceType), UNKNOWN)
GROUP_CODES = (*(g.value for g in PositionGroup), NONE)
CELLS_PER_OFFICE = len(SERVICE_CODES) * len(GROUP_CODES)


def _index_sql(column: str, codes: tuple[str, ...]) -> str:
    """The position of the column's value in codes; the last one (unknown, none) otherwise."""
    cases = " ".join(f"WHEN '{code}' THEN {i}" for i, code in enumerate(codes[:-1]))
    return f"(CASE {column} {cases} ELSE {len(codes) - 1} END)"


def _code_sql(index: str, codes: tuple[str, ...]) -> str:
    cases = " ".join(f"WHEN {i} THEN '{code}'" for i, code in enumerate(codes))
    return f"(CASE {index} {cases} END)"


def _age_band_sql(years: str) -> str:
    """bands.age_band in SQL, from whole years (NULL: unknown)."""
    return (
        f"(CASE WHEN {years} IS NULL THEN '{UNKNOWN}' WHEN {years} < 30 THEN '<30' "
        f"WHEN {years} >= 60 THEN '60+' "
        f"ELSE ({years} / 10 * 10) || '-' || ({years} / 10 * 10 + 9) END)"
    )


def _tenure_band_sql(years: str) -> str:
    """bands.tenure_band in SQL, from whole years (NULL: unknown)."""
    return (
        f"(CASE WHEN {years} IS NULL THEN '{UNKNOWN}' WHEN {years} < 1 THEN '<1' "
        f"WHEN {years} < 3 THEN '1-3' WHEN {years} < 5 THEN '3-5' WHEN {years} < 10 THEN '5-10' "
        "ELSE '10+' END)"
    )


class NationalAnalysis:
    """The cube of one cycle, built on construction on the database's connection (temporary
    tables, dropped by close()). Use one per connection and thread."""

    def __init__(
        self,
        database: Database,
        cycle: int,
        today: dt.date | None = None,
        gap_years: int | None = None,
    ) -> None:
        self.database = database
        self.cycle = cycle
        self.today = today or dt.date.today()
        if gap_years is None:
            from hrdesk.planning.inputs import training_gap_years

            gap_years = training_gap_years(database)
        self.gap_years = gap_years
        self._build()

    # --- the cube -----------------------------------------------------------------------------

    def _build(self) -> None:
        db = self.database
        self.close()
        vocational = _in(level.value for level in VOCATIONAL_OR_HIGHER)
        rank = (
            "CASE e.level "
            + " ".join(f"WHEN '{level}' THEN {order}" for level, order in _LEVEL_ORDER.items())
            + " END"
        )
        fields = _in(_PROFILE_CODES["by_education_field"])
        sexes = _in(s.value for s in Sex)
        categories = _in(c.value for c in PositionCategory)
        # Per person, each in a table of its own keyed by staff id (rowid lookups below): the
        # field of the first vocational-or-higher education, the highest level, the last course.
        db.execute("CREATE TEMP TABLE mkk_first_field (staff_id INTEGER PRIMARY KEY, field TEXT)")
        # One pass per person in education_staff's order, no sort: SQLite's MIN() takes the
        # bare columns from the row holding the minimum, and the key packs the sort order of
        # the office summary (graduation year, unknown last, then the order entered) into one
        # integer.
        entered = (
            "(((e.graduation_year IS NULL) << 50) | (COALESCE(e.graduation_year, 0) << 32) | e.id)"
        )
        db.execute(
            "INSERT INTO temp.mkk_first_field SELECT staff_id, field FROM ("
            f"  SELECT e.staff_id, COALESCE(e.field, 'unknown') AS field, MIN({entered}) "
            f"  FROM education e WHERE e.level IN {vocational} GROUP BY e.staff_id)"
        )
        db.execute("CREATE TEMP TABLE mkk_highest (staff_id INTEGER PRIMARY KEY, level TEXT)")
        db.execute(
            "INSERT INTO temp.mkk_highest SELECT staff_id, level FROM ("
            f"  SELECT e.staff_id, e.level, MIN(((15 - ({rank})) << 52) | {entered}) "
            f"  FROM education e WHERE ({rank}) IS NOT NULL GROUP BY e.staff_id)"
        )
        db.execute("CREATE TEMP TABLE mkk_trained (staff_id INTEGER PRIMARY KEY, last TEXT)")
        db.execute(
            "INSERT INTO temp.mkk_trained SELECT staff_id, MAX(COALESCE(end_date, start_date)) "
            "FROM training GROUP BY staff_id"
        )
        db.execute(
            "CREATE TEMP TABLE mkk_people (staff_id INTEGER PRIMARY KEY, cell_id INTEGER, "
            "office_id INTEGER, current INTEGER, status TEXT, assessment_id INTEGER, sex TEXT, "
            "age_years INTEGER, tenure_years INTEGER, field TEXT, level TEXT, category TEXT, "
            "last_trained TEXT, languages TEXT)"
        )
        db.execute(
            "INSERT INTO temp.mkk_people SELECT s.id, "
            f"s.office_id * {CELLS_PER_OFFICE} + {_index_sql('s.service_type', SERVICE_CODES)} "
            f"* {len(GROUP_CODES)} + {_index_sql('s.position_group', GROUP_CODES)}, s.office_id, "
            "s.status IN ('active', 'on_leave'), s.status, "
            # Only the population's assessments count (as in the office summary).
            "CASE WHEN s.status IN ('active', 'on_leave') THEN a.id END, "
            f"CASE WHEN s.sex IN {sexes} THEN s.sex ELSE '{UNKNOWN}' END, "
            f"{_whole_years_sql('s.birth_date', self.today)}, "
            f"{_whole_years_sql('s.appointed_on', self.today)}, "
            f"CASE WHEN COALESCE(ff.field, '{NONE}') IN {fields} THEN COALESCE(ff.field, '{NONE}') "
            f"ELSE '{UNKNOWN}' END, "
            f"COALESCE(h.level, '{NONE}'), "
            f"CASE WHEN s.position_category IN {categories} THEN s.position_category "
            f"ELSE '{UNKNOWN}' END, "
            "t.last, s.languages "
            "FROM staff s "
            "LEFT JOIN assessments a ON a.staff_id = s.id AND a.cycle = :cycle "
            "AND a.status = 'complete' "
            "LEFT JOIN temp.mkk_first_field ff ON ff.staff_id = s.id "
            "LEFT JOIN temp.mkk_highest h ON h.staff_id = s.id "
            "LEFT JOIN temp.mkk_trained t ON t.staff_id = s.id",
            {"cycle": self.cycle},
        )
        # The cells: office x service type x position group, numbered so that the number says
        # which (no lookup per person).
        db.execute(
            "CREATE TEMP TABLE mkk_cells (cell_id INTEGER PRIMARY KEY, office_id INTEGER, "
            "oblast TEXT, district TEXT, office_type TEXT, service TEXT, grp TEXT)"
        )
        service = f"c.cell_id / {len(GROUP_CODES)} % {len(SERVICE_CODES)}"
        db.execute(
            "INSERT INTO temp.mkk_cells SELECT c.cell_id, c.office_id, "
            "COALESCE(NULLIF(o.oblast, ''), ?), o.district, o.type, "
            f"{_code_sql(service, SERVICE_CODES)}, "
            f"{_code_sql(f'c.cell_id % {len(GROUP_CODES)}', GROUP_CODES)} "
            "FROM (SELECT DISTINCT cell_id, office_id FROM temp.mkk_people) c "
            "JOIN offices o ON o.id = c.office_id",
            (NO_OBLAST,),
        )
        # The population's complete assessments, looked up by rowid; the big tables (ratings,
        # answers, requests) are then read in their primary key's order, one seek per person.
        db.execute(
            "CREATE TEMP TABLE mkk_assessed (assessment_id INTEGER PRIMARY KEY, cell_id INTEGER, "
            "office_id INTEGER, preferred_format TEXT, preferred_language TEXT, "
            "preferred_season TEXT)"
        )
        db.execute(
            "INSERT INTO temp.mkk_assessed SELECT p.assessment_id, p.cell_id, p.office_id, "
            "a.preferred_format, a.preferred_language, a.preferred_season "
            "FROM temp.mkk_people p JOIN assessments a ON a.id = p.assessment_id "
            "ORDER BY p.assessment_id"
        )
        self._build_counts()
        self._build_totals()
        self._build_ratings()
        self._build_requests()
        self._build_training()

    def _build_counts(self) -> None:
        db = self.database
        db.execute("CREATE TEMP TABLE mkk_counts (cell_id INTEGER, dim TEXT, code TEXT, n INTEGER)")
        current = "FROM temp.mkk_people p WHERE p.current"
        insert = "INSERT INTO temp.mkk_counts "
        for dim, column in (
            ("by_sex", "p.sex"),
            ("by_age_band", _age_band_sql("p.age_years")),
            ("by_tenure_band", _tenure_band_sql("p.tenure_years")),
            ("by_education_field", "p.field"),
            ("by_education_level", "p.level"),
            ("by_category", "p.category"),
            ("by_status", "p.status"),
            ("staff_total", "''"),
            ("assessed", "CASE WHEN p.assessment_id IS NULL THEN 'no' ELSE '' END"),
        ):
            db.execute(
                f"{insert} SELECT p.cell_id, '{dim}', {column}, COUNT(*) {current} "
                f"GROUP BY p.cell_id, {column}"
            )
        cutoff = _not_trained_cutoff(self.today, self.gap_years)
        db.execute(
            f"{insert} SELECT p.cell_id, 'not_trained', CASE WHEN p.last_trained IS NULL "
            f"THEN 'never' ELSE 'lapsed' END, COUNT(*) {current} "
            "AND (p.last_trained IS NULL OR p.last_trained <= ?) GROUP BY 1, 3",
            (cutoff,),
        )
        # Languages are JSON as json.dumps writes it; a compact spelling is matched too. The
        # text is matched once per cell and distinct list (a handful), not once per person.
        knows = ", ".join(
            f'TOTAL(n * (p.languages LIKE \'%"language": "{x}"%\' '
            f'OR p.languages LIKE \'%"language":"{x}"%\')) AS {x}'
            for x in _PROFILE_CODES["by_language"]
        )
        db.execute(
            "CREATE TEMP TABLE mkk_languages AS SELECT p.cell_id, "
            f"{knows} FROM (SELECT p.cell_id, p.languages, COUNT(*) AS n {current} "
            "GROUP BY 1, 2) p GROUP BY 1"
        )
        for language in _PROFILE_CODES["by_language"]:
            db.execute(
                f"{insert} SELECT cell_id, 'by_language', '{language}', "
                f"CAST({language} AS INTEGER) FROM temp.mkk_languages WHERE {language} > 0"
            )
        db.execute("DROP TABLE temp.mkk_languages")
        for column in ("preferred_format", "preferred_language", "preferred_season"):
            db.execute(
                f"{insert} SELECT cell_id, '{column}', COALESCE({column}, '{UNKNOWN}'), "
                "COUNT(*) FROM temp.mkk_assessed GROUP BY 1, 3"
            )
        db.execute(
            f"{insert} SELECT p.cell_id, x.question, x.answer, COUNT(*) FROM temp.mkk_assessed p "
            "CROSS JOIN answers x ON x.assessment_id = p.assessment_id GROUP BY 1, 2, 3"
        )

    def _build_totals(self) -> None:
        self.database.execute(
            "CREATE TEMP TABLE mkk_cell_totals (cell_id INTEGER PRIMARY KEY, staff INTEGER, "
            "assessed INTEGER, not_trained INTEGER)"
        )
        self.database.execute(
            "INSERT INTO temp.mkk_cell_totals SELECT cell_id, "
            "TOTAL(CASE WHEN dim = 'staff_total' THEN n END), "
            "TOTAL(CASE WHEN dim = 'assessed' AND code = '' THEN n END), "
            "TOTAL(CASE WHEN dim = 'not_trained' THEN n END) FROM temp.mkk_counts "
            "WHERE dim IN ('staff_total', 'assessed', 'not_trained') GROUP BY cell_id"
        )

    def _build_ratings(self) -> None:
        self.database.execute(
            "CREATE TEMP TABLE mkk_ratings AS SELECT p.cell_id, r.competency_code AS code, "
            "COUNT(r.importance) AS ni, TOTAL(r.importance) AS si, "
            "COUNT(r.performance) AS np, TOTAL(r.performance) AS sp, "
            "COUNT(r.importance - r.performance) AS nd, "
            "TOTAL(MAX(r.importance - r.performance, 0)) AS sgap, "
            "TOTAL(r.importance - r.performance) AS sdiff "
            "FROM temp.mkk_assessed p CROSS JOIN ratings r ON r.assessment_id = p.assessment_id "
            "GROUP BY p.cell_id, r.competency_code"
        )

    def _build_requests(self) -> None:
        db = self.database
        db.execute(
            "CREATE TEMP TABLE mkk_request_rows AS SELECT p.cell_id, "
            f"p.cell_id / {CELLS_PER_OFFICE} AS office_id, r.is_free_text, "
            "COALESCE(r.course_code, '') AS course_code, r.endorsement, "
            f"COALESCE(p.preferred_language, '{UNKNOWN}') AS language, "
            "p.preferred_format AS preferred_format, COUNT(*) AS n "
            "FROM temp.mkk_assessed p CROSS JOIN requests r ON r.assessment_id = p.assessment_id "
            "GROUP BY 1, 3, 4, 5, 6, 7"
        )
        db.execute(
            "CREATE TEMP TABLE mkk_requests AS SELECT cell_id, is_free_text, course_code, "
            "SUM(n) AS requested, SUM(n * (endorsement = 'endorsed')) AS endorsed, "
            "SUM(n * (endorsement = 'declined')) AS declined "
            "FROM temp.mkk_request_rows GROUP BY 1, 2, 3"
        )
        # Seats: an office's approved plan for the cycle's year replaces its endorsed requests
        # (the plan is what the office decided); only state-order lines ask the state to pay.
        db.execute(
            "CREATE TEMP TABLE mkk_seats AS "
            "SELECT r.cell_id, r.course_code, r.language, "
            f"COALESCE(r.preferred_format, c.format, '{UNKNOWN}') AS format, "
            "SUM(r.n) AS seats, TOTAL(r.n * COALESCE(c.hours, 0)) AS hours, 'requests' AS source "
            "FROM temp.mkk_request_rows r LEFT JOIN courses c ON c.code = r.course_code "
            "WHERE r.is_free_text = 0 AND r.endorsement = 'endorsed' AND r.office_id NOT IN ("
            "  SELECT office_id FROM plans WHERE year = :cycle AND status = 'approved') "
            "GROUP BY 1, 2, 3, 4 "
            "UNION ALL "
            "SELECT p.cell_id, e.course_code, "
            f"COALESCE(e.language, '{UNKNOWN}'), COALESCE(e.format, c.format, '{UNKNOWN}'), "
            "COUNT(*), TOTAL(CASE WHEN e.hours > 0 THEN e.hours ELSE COALESCE(c.hours, 0) END), "
            "'plans' FROM plan_entries e JOIN plans pl ON pl.id = e.plan_id "
            "JOIN temp.mkk_people p ON p.staff_id = e.staff_id "
            "LEFT JOIN courses c ON c.code = e.course_code "
            "WHERE pl.year = :cycle AND pl.status = 'approved' AND p.current "
            "AND e.funding = 'state_order' AND e.status <> 'cancelled' AND e.course_code <> '' "
            "GROUP BY 1, 2, 3, 4",
            {"cycle": self.cycle},
        )

    def _build_training(self) -> None:
        db = self.database
        # Everyone's history counts here, those who have left included: it is what was bought.
        db.execute(
            "CREATE TEMP TABLE mkk_training AS SELECT p.cell_id, "
            "CAST(substr(COALESCE(t.start_date, t.end_date), 1, 4) AS INTEGER) AS year, "
            "COUNT(*) AS n FROM training t JOIN temp.mkk_people p ON p.staff_id = t.staff_id "
            "WHERE t.funding = 'state_order' AND COALESCE(t.start_date, t.end_date) IS NOT NULL "
            "GROUP BY 1, 2"
        )
        sums = ", ".join(f"COUNT(t.fb_{f}) AS n_{f}, TOTAL(t.fb_{f}) AS s_{f}" for f in FEEDBACK)
        db.execute(
            f"CREATE TEMP TABLE mkk_quality AS SELECT p.cell_id, t.provider, t.course_code, "
            f"COUNT(*) AS trainings, {sums} "
            "FROM training t JOIN temp.mkk_people p ON p.staff_id = t.staff_id "
            "GROUP BY 1, 2, 3"
        )

    def close(self) -> None:
        for table in (
            "mkk_cells",
            "mkk_people",
            "mkk_first_field",
            "mkk_highest",
            "mkk_trained",
            "mkk_assessed",
            "mkk_request_rows",
            "mkk_counts",
            "mkk_cell_totals",
            "mkk_languages",
            "mkk_ratings",
            "mkk_requests",
            "mkk_seats",
            "mkk_training",
            "mkk_quality",
            "mkk_selected",
        ):
            self.database.execute(f"DROP TABLE IF EXISTS temp.{table}")

    # --- choices for filters ------------------------------------------------------------------

    def choices(self) -> dict[str, list[Any]]:
        """The values present in the data, for the filter lists."""
        db = self.database
        return {
            "oblast": [
                r[0] for r in db.execute("SELECT DISTINCT oblast FROM temp.mkk_cells ORDER BY 1")
            ],
            "district": [
                tuple(r)
                for r in db.execute(
                    "SELECT DISTINCT oblast, district FROM temp.mkk_cells WHERE district <> '' "
                    "ORDER BY 1, 2"
                )
            ],
            "office_type": [
                r[0]
                for r in db.execute("SELECT DISTINCT office_type FROM temp.mkk_cells ORDER BY 1")
            ],
            "service_type": [
                r[0] for r in db.execute("SELECT DISTINCT service FROM temp.mkk_cells ORDER BY 1")
            ],
            "group": [
                r[0] for r in db.execute("SELECT DISTINCT grp FROM temp.mkk_cells ORDER BY 1")
            ],
        }

    # --- a report -----------------------------------------------------------------------------

    def _select(self, filters: NationalFilter) -> None:
        db = self.database
        db.execute("DROP TABLE IF EXISTS temp.mkk_selected")
        conditions, params = ["1"], []
        for column, value in (
            ("oblast", filters.oblast),
            ("district", filters.district),
            ("office_type", filters.office_type),
            ("service", filters.service_type),
            ("grp", filters.group),
            ("office_id", self._office_id(filters.office) if filters.office else ""),
        ):
            if value:
                conditions.append(f"{column} = ?")
                params.append(value)
        db.execute(
            "CREATE TEMP TABLE mkk_selected (cell_id INTEGER PRIMARY KEY, office_id INTEGER, "
            "oblast TEXT, service TEXT)"
        )
        db.execute(
            "INSERT INTO temp.mkk_selected SELECT cell_id, office_id, oblast, service "
            f"FROM temp.mkk_cells WHERE {' AND '.join(conditions)}",
            tuple(params),
        )

    def _office_id(self, code: str) -> int:
        found = self.database.query_value("SELECT id FROM offices WHERE code = ?", (code,))
        return int(found) if found is not None else -1

    def report(
        self, filters: NationalFilter | None = None, *, by_oblast: bool = True
    ) -> dict[str, Any]:
        """The national (or filtered) figures as a JSON-ready dict (docs/cli-mkk.md)."""
        filters = filters or NationalFilter()
        self._select(filters)
        db = self.database
        groups: dict[str, dict[str, Any]] = {}

        def group(oblast: str) -> dict[str, Any]:
            if oblast not in groups:
                groups[oblast] = _empty_group()
            return groups[oblast]

        join = "JOIN temp.mkk_selected s ON s.cell_id = t.cell_id"
        for oblast, dim, code, n in db.execute(
            f"SELECT s.oblast, t.dim, t.code, SUM(t.n) FROM temp.mkk_counts t {join} "
            "GROUP BY 1, 2, 3"
        ):
            counts = group(oblast)["counts"].setdefault(dim, {})
            counts[code] = counts.get(code, 0) + n
        for oblast, service, n in db.execute(
            "SELECT s.oblast, s.service, SUM(t.n) FROM temp.mkk_counts t "
            f"{join} WHERE t.dim = 'staff_total' GROUP BY 1, 2"
        ):
            counts = group(oblast)["counts"].setdefault("by_service_type", {})
            counts[service] = counts.get(service, 0) + n
        for oblast, grp, n in db.execute(
            "SELECT s.oblast, c.grp, SUM(t.n) FROM temp.mkk_counts t "
            f"{join} JOIN temp.mkk_cells c ON c.cell_id = t.cell_id "
            "WHERE t.dim = 'staff_total' GROUP BY 1, 2"
        ):
            counts = group(oblast)["counts"].setdefault("by_group", {})
            counts[grp] = counts.get(grp, 0) + n
        for row in db.execute(
            "SELECT s.oblast, t.code, SUM(ni), SUM(si), SUM(np), SUM(sp), SUM(nd), SUM(sgap), "
            f"SUM(sdiff) FROM temp.mkk_ratings t {join} GROUP BY 1, 2"
        ):
            group(row[0])["ratings"][row[1]] = list(row[2:])
        for oblast, free, code, requested, endorsed, declined in db.execute(
            "SELECT s.oblast, t.is_free_text, t.course_code, SUM(requested), SUM(endorsed), "
            f"SUM(declined) FROM temp.mkk_requests t {join} GROUP BY 1, 2, 3"
        ):
            target = group(oblast)
            if free:
                target["free_text"] = [requested, endorsed, declined]
            else:
                target["requests"][code] = [requested, endorsed, declined]

        national = _empty_group()
        for item in groups.values():
            _add_group(national, item)
        titles = self._titles()
        result = self._summary_of(national, titles)
        result["filters"] = filters.as_dict()
        result["training_gap_years"] = self.gap_years
        result["offices"] = self._offices()
        result["seats"] = self._seats()
        result["training_by_year"] = self._training_by_year()
        result["provider_quality"] = self._quality("provider")
        result["course_quality"] = self._quality("course")
        if by_oblast:
            result["by_oblast"] = {
                oblast: self._summary_of(item, titles) for oblast, item in sorted(groups.items())
            }
        return result

    def _titles(self) -> dict[str, Any]:
        db = self.database
        return {
            "competencies": {
                r[0]: (r[1:4], r[4])
                for r in db.execute(
                    "SELECT code, title_ky, title_ru, title_en, active FROM competencies"
                )
            },
            "courses": {
                r[0]: r[1:4]
                for r in db.execute("SELECT code, title_ky, title_ru, title_en FROM courses")
            },
        }

    def _summary_of(self, item: dict[str, Any], titles: dict[str, Any]) -> dict[str, Any]:
        counts = item["counts"]
        summary: dict[str, Any] = {
            "cycle": self.cycle,
            "staff_total": sum(counts.get("staff_total", {}).values()),
            "assessed": counts.get("assessed", {}).get("", 0),
            "competencies": _competencies(item["ratings"], titles["competencies"]),
            "course_demand": _course_demand(item["requests"], titles["courses"]),
            "free_text_requests": dict(
                zip(("requested", "endorsed", "declined"), item["free_text"], strict=True)
            ),
        }
        for key in (q.value for q in Question):
            summary[key] = _with_zeros(key, counts.get(key, {}))
        for key in ("preferred_format", "preferred_language", "preferred_season"):
            summary[key] = _with_zeros(key, counts.get(key, {}))
        for key in (
            "by_sex",
            "by_age_band",
            "by_tenure_band",
            "by_education_field",
            "by_education_level",
            "by_service_type",
            "by_category",
            "by_group",
            "by_status",
        ):
            summary[key] = _with_zeros(key, counts.get(key, {}))
        summary["by_language"] = _with_zeros("by_language", counts.get("by_language", {}))
        not_trained = counts.get("not_trained", {})
        summary["not_trained"] = {
            "years": self.gap_years,
            "people": not_trained.get("never", 0) + not_trained.get("lapsed", 0),
            "never_trained": not_trained.get("never", 0),
        }
        return summary

    def _offices(self) -> list[dict[str, Any]]:
        requests = {
            r[0]: r[1:]
            for r in self.database.execute(
                "SELECT s.office_id, SUM(t.requested), SUM(t.endorsed) FROM temp.mkk_requests t "
                "JOIN temp.mkk_selected s ON s.cell_id = t.cell_id GROUP BY 1"
            )
        }
        rows = self.database.execute(
            "SELECT o.id, o.code, o.name_ky, o.name_ru, o.type, o.oblast, o.district, "
            "CAST(TOTAL(t.staff) AS INTEGER), CAST(TOTAL(t.assessed) AS INTEGER), "
            "CAST(TOTAL(t.not_trained) AS INTEGER) "
            "FROM temp.mkk_selected s JOIN offices o ON o.id = s.office_id "
            "LEFT JOIN temp.mkk_cell_totals t ON t.cell_id = s.cell_id "
            "GROUP BY o.id ORDER BY o.oblast, o.district, o.code"
        ).fetchall()
        offices = []
        for office_id, code, ky, ru, type_, oblast, district, staff, assessed, untrained in rows:
            requested, endorsed = requests.get(office_id, (0, 0))
            offices.append(
                {
                    "code": code,
                    "name_ky": ky,
                    "name_ru": ru,
                    "type": type_,
                    "oblast": oblast,
                    "district": district,
                    "staff_total": staff,
                    "assessed": assessed,
                    "requested": requested or 0,
                    "endorsed": endorsed or 0,
                    "not_trained": untrained,
                }
            )
        return offices

    def _seats(self) -> list[dict[str, Any]]:
        rows = self.database.execute(
            "SELECT t.course_code, s.oblast, t.language, t.format, SUM(t.seats), SUM(t.hours), "
            "SUM(CASE WHEN t.source = 'plans' THEN t.seats ELSE 0 END) "
            "FROM temp.mkk_seats t JOIN temp.mkk_selected s ON s.cell_id = t.cell_id "
            "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )
        return [
            {
                "course_code": code,
                "oblast": oblast,
                "language": language,
                "format": format_,
                "seats": seats,
                "hours": int(hours),
                "from_plans": planned,
            }
            for code, oblast, language, format_, seats, hours, planned in rows
        ]

    def _training_by_year(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for service, year, n in self.database.execute(
            "SELECT s.service, t.year, SUM(t.n) FROM temp.mkk_training t "
            "JOIN temp.mkk_selected s ON s.cell_id = t.cell_id GROUP BY 1, 2 ORDER BY 1, 2"
        ):
            result.setdefault(service, {})[str(year)] = n
        return result

    def _quality(self, by: str) -> list[dict[str, Any]]:
        """Mean feedback (1-5) per provider or per course, with the answers behind each."""
        key = "t.provider" if by == "provider" else "t.course_code"
        group = "t.provider" if by == "provider" else "t.course_code"
        sums = ", ".join(f"SUM(t.n_{f}), SUM(t.s_{f})" for f in FEEDBACK)
        where = "" if by == "provider" else "WHERE t.course_code <> '' "
        rows = self.database.execute(
            f"SELECT {key}, SUM(t.trainings), {sums} FROM temp.mkk_quality t "
            f"JOIN temp.mkk_selected s ON s.cell_id = t.cell_id {where}GROUP BY {group}"
        ).fetchall()
        items = []
        width = 1
        titles = self._titles()["courses"] if by == "course" else {}
        for row in rows:
            item: dict[str, Any] = (
                {"provider": row[0]}
                if by == "provider"
                else {"course_code": row[0], "title": _texts(titles.get(row[0], (None,) * 3))}
            )
            item["trainings"] = row[width]
            values = row[width + 1 :]
            for i, name in enumerate(FEEDBACK):
                n, total = values[2 * i], values[2 * i + 1]
                item[name] = round(total / n, DIGITS) if n else None
                item[f"{name}_answers"] = n
            if item["overall_answers"] or by == "course":
                items.append(item)
        items.sort(
            key=lambda x: (
                -(x["overall_answers"] or 0),
                str(x.get("provider") or x.get("course_code")),
            )
        )
        return items


def _empty_group() -> dict[str, Any]:
    return {"counts": {}, "ratings": {}, "requests": {}, "free_text": [0, 0, 0]}


def _add_group(into: dict[str, Any], item: dict[str, Any]) -> None:
    for dim, codes in item["counts"].items():
        target = into["counts"].setdefault(dim, {})
        for code, n in codes.items():
            target[code] = target.get(code, 0) + n
    for table in ("ratings", "requests"):
        for code, values in item[table].items():
            old = into[table].get(code)
            into[table][code] = (
                values if old is None else [a + b for a, b in zip(old, values, strict=True)]
            )
    into["free_text"] = [a + b for a, b in zip(into["free_text"], item["free_text"], strict=True)]


def _with_zeros(key: str, counts: dict[str, int]) -> dict[str, int]:
    result = dict.fromkeys(_PROFILE_CODES[key], 0)
    for code, n in counts.items():
        result[code] = result.get(code, 0) + n
    return result


def _texts(row: Iterable[str | None]) -> dict[str, str]:
    ky, ru, en = row
    return {"ky": ky or "", "ru": ru or "", "en": en or ""}


def _competencies(
    ratings: dict[str, list[float]], titles: dict[str, tuple[tuple, int]]
) -> list[dict[str, Any]]:
    """The office summary's competency table from summed ratings (the same means and ranks)."""
    items = []
    for code, (names, active) in titles.items():
        ni, si, _np, sp, nd, sgap, sdiff = ratings.get(code, [0, 0, 0, 0, 0, 0, 0])
        if not active and not ni:
            continue
        mean_i = si / ni if ni else None
        mean_p = sp / _np if _np else None
        mean_gap = sgap / nd if nd else None
        mean_diff = sdiff / nd if nd else None
        mwds = mean_diff * mean_i if ni and mean_diff is not None and mean_i is not None else None
        items.append(
            {
                "code": code,
                "title": _texts(names),
                "respondents": ni,
                "mean_importance": mean_i,
                "mean_performance": mean_p,
                "mean_gap": mean_gap,
                "weighted_discrepancy": mwds,
            }
        )
    return rank_competencies(items)  # the office summary's ranking, so the two agree


def _course_demand(
    requests: dict[str, list[int]], titles: dict[str, tuple]
) -> list[dict[str, Any]]:
    items = [
        {
            "course_code": code,
            "title": _texts(titles.get(code, (None, None, None))),
            "requested": requested,
            "endorsed": endorsed,
            "declined": declined,
        }
        for code, (requested, endorsed, declined) in requests.items()
    ]
    items.sort(key=lambda x: (-x["requested"], x["course_code"]))
    return items


def national_report(
    database: Database,
    cycle: int,
    filters: NationalFilter | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Build the cube, report once, drop the cube."""
    analysis = NationalAnalysis(database, cycle, today)
    try:
        return analysis.report(filters)
    finally:
        analysis.close()

"""A 1,000-line training plan through render_plan_pdf, next to a bare reportlab Table of the same
data (SimpleDocTemplate, same font, plain strings, header repeated) in the same run.

    /work/venv/bin/python bench/bench_plan_pdf.py [LINES] [ROUNDS]

Prints both timings (best of ROUNDS) and the ratio; the goal is a ratio within 2x.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from hrdesk.i18n import set_language
from hrdesk.reports import pdf_base
from hrdesk.reports.plan_pdf import COLUMN_WIDTHS_MM, plan_header, plan_rows, render_plan_pdf
from hrdesk.reports.printouts import PlanLine, PlanPrintout

SURNAMES = ["Асанова", "Токтогулов", "Үсөнбаева", "Жээнбеков", "Өмүралиев", "Сатылганова",
            "Нурмаматов", "Абдыкадырова", "Кеңешбеков", "Мамытов"]
NAMES = ["Гүлнара", "Бакыт", "Айнура", "Нурлан", "Чолпон", "Өмүрбек", "Жылдыз", "Мирлан"]
PATRONYMICS = ["Асановна", "Токтосунович", "Үсөновна", "Жолдошбекович", "Өмүровна"]
POSITIONS = ["Айыл өкмөтүнүн башчысы", "Жооптуу катчы", "Башкы адис",
             "Финансы-экономикалык бөлүмдүн башчысы", "Социалдык маселелер боюнча улук адис"]
GROUPS = ["башкы топ", "улук топ", "кенже топ", "жогорку топ"]
COURSES = ["Мамлекеттик тилде иш кагаздарын жүргүзүү",
           "Санариптик көндүмдөр жана электрондук башкаруу",
           "Этика жана коррупцияга каршы аракеттенүү",
           "Жергиликтүү бюджет: түзүү, аткаруу жана отчеттуулук",
           "Лидерлик жана команданы башкаруу"]


def make_plan(n: int, seed: int = 7) -> PlanPrintout:
    r = random.Random(seed)
    lines = [
        PlanLine(i + 1, f"{r.choice(SURNAMES)} {r.choice(NAMES)} {r.choice(PATRONYMICS)}",
                 r.choice(POSITIONS), r.choice(GROUPS), r.choice(COURSES),
                 r.choice([8, 16, 24, 36, 72]), r.choice(["күндүзгү", "дистанттык", "аралаш"]),
                 r.choice(["кыргызча", "орусча"]), r.choice(["I", "II", "III", "IV"]),
                 r.choice(["мамлекеттик заказ", "ведомстволук", "донор"]),
                 person_key=str(r.randint(0, n // 2)))
        for i in range(n)
    ]
    return PlanPrintout("Ноокен районунун Массы айыл өкмөтү", 2026, "Айыл өкмөтүнүн башчысы",
                        "Ү. Т. Өмүралиев", "Ң. Б. Кеңешбекова", False, None, lines)


def bare_table(printout: PlanPrintout, path: Path) -> None:
    pdf_base.register_fonts()
    data = [plan_header(), *plan_rows(printout.lines)]
    table = Table(data, colWidths=[w * mm for w in COLUMN_WIDTHS_MM], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), pdf_base.FONT_CONDENSED, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, pdf_base.GRID_GREY),
    ]))
    doc = SimpleDocTemplate(str(path), pagesize=pdf_base.LANDSCAPE,
                            initialFontName=pdf_base.FONT_CONDENSED)
    doc.build([table])


def best_of(rounds: int, work) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> None:
    lines = int(argv[0]) if argv else 1000
    rounds = int(argv[1]) if len(argv) > 1 else 3
    set_language("ky")
    printout = make_plan(lines)
    with tempfile.TemporaryDirectory() as folder:
        ours_path = Path(folder) / "plan.pdf"
        bare_path = Path(folder) / "bare.pdf"
        pages: list[int] = []
        ours = best_of(rounds, lambda: pages.append(render_plan_pdf(printout, ours_path)))
        bare = best_of(rounds, lambda: bare_table(printout, bare_path))
        print(f"plan lines:              {lines}")
        print(f"render_plan_pdf:         {ours:.3f} s  ({pages[-1]} pages, "
              f"{ours_path.stat().st_size / 1024:.0f} KiB)")
        print(f"bare reportlab Table:    {bare:.3f} s  ({bare_path.stat().st_size / 1024:.0f} KiB)")
        print(f"ratio (ours / bare):     {ours / bare:.2f}x  (goal: within 2x)")


if __name__ == "__main__":
    main(sys.argv[1:])

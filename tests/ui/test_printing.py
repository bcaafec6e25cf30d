"""PDFs made in a worker (progress, Cancel), in a chosen language; print preview and printing
of the pages rendered by pypdfium2."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time

import pytest
from helpers.fixtures import fill_register
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from test_plan_page import YEAR, seed_requests

from hrdesk import i18n
from hrdesk.planning import ops
from hrdesk.reports import pdf_base
from hrdesk.reports.plan_pdf import plan_story
from hrdesk.reports.printouts import PlanLine, PlanPrintout
from ui import documents, printing
from ui.dialogs.document_dialog import DocumentDialog

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def drafted(office_database):
    ids = fill_register(office_database, 4, seed=5)
    seed_requests(office_database, ids)
    ops.draft(office_database, YEAR)
    return office_database


def big_plan(lines: int = 1000) -> documents.PdfDocument:
    """A synthetic 1,000-line plan (the size the issue asks to stay responsive for)."""
    printout = PlanPrintout(
        "Сынак айыл өкмөтү", YEAR, "Айыл өкмөтүнүн башчысы", "Асанов Нурлан", "Осмонова Асел",
        False, None,
        [PlanLine(n, f"Үсөнова Айгүл {n}", "Башкы адис", "улук топ",
                  "Мамлекеттик тилде иш кагаздарын жүргүзүү", 36, "күндүзгү", "кыргызча", "II",
                  "мамлекеттик заказ") for n in range(1, lines + 1)])
    pdf_base.register_fonts()
    width = pdf_base.LANDSCAPE[0] - pdf_base.MARGIN_LEFT - pdf_base.MARGIN_RIGHT
    return documents.PdfDocument(plan_story(printout, width), pdf_base.LANDSCAPE, "big", "big",
                                 "big.pdf", lines)


@needs_poppler
def test_save_pdf_runs_in_the_worker_in_the_chosen_language(qtbot, drafted, messages, tmp_path):
    threads = []

    def prepare(language):
        document = documents.plan_document(drafted, YEAR, language)
        write = document.write

        def recording_write(path, progress=None, cancel=None):
            threads.append(threading.current_thread())
            return write(path, progress, cancel)

        document.write = recording_write
        return document

    dialog = DocumentDialog(prepare, "Print the training plan", messages)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ky"))
    path = tmp_path / "plan.pdf"
    with qtbot.waitSignal(dialog.runner.finished, timeout=20000):
        assert dialog.save_pdf(path)
    assert threads and threads[0] is not threading.main_thread()
    text = pdf_text(path)
    assert "Сынак айыл өкмөтү" in text  # the Kyrgyz office name in the title
    assert i18n.current_language() == "en"  # the UI kept its language
    assert dialog.saved_path == path and dialog.open_button.isEnabled()
    assert str(path) in dialog.status.text()


def test_cancel_leaves_no_file(qtbot, messages, tmp_path):
    dialog = DocumentDialog(lambda _lang: big_plan(), "Print the training plan", messages)
    qtbot.addWidget(dialog)
    path = tmp_path / "big.pdf"
    with qtbot.waitSignal(dialog.runner.cancelled, timeout=20000):
        dialog.save_pdf(path)
        dialog.runner.cancel()
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file either
    assert "Nothing was saved" in dialog.status.text()
    assert dialog.save_button.isEnabled()


def test_a_thousand_line_plan_does_not_freeze_the_window(qtbot, messages, tmp_path):
    dialog = DocumentDialog(lambda _lang: big_plan(), "Print the training plan", messages)
    qtbot.addWidget(dialog)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    progress = []
    dialog.runner._runner.progressed.connect(lambda done, total: progress.append((done, total)))
    started = time.perf_counter()
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000):
        dialog.save_pdf(tmp_path / "big.pdf")
    elapsed = time.perf_counter() - started
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert elapsed > 0.3 and len(ticks) > 5
    assert max(gaps) < 0.5, f"the event loop stalled for {max(gaps):.2f} s"
    assert progress and progress[-1] == (1000, 1000)
    assert dialog.pages_written > 20


def test_a_refused_document_shows_the_message_and_starts_nothing(qtbot, office_database,
                                                                messages, tmp_path):
    dialog = DocumentDialog(lambda lang: documents.plan_document(office_database, YEAR, lang),
                            "Print the training plan", messages)
    qtbot.addWidget(dialog)
    assert not dialog.save_pdf(tmp_path / "none.pdf")
    assert messages.shown[-1][0] == "error" and "no training plan for 2027" in messages.shown[-1][1]
    assert not dialog.runner.is_running() and not (tmp_path / "none.pdf").exists()


@pytest.fixture
def plan_pdf(drafted, tmp_path):
    path = tmp_path / "plan.pdf"
    pages = documents.plan_document(drafted, YEAR, "ru").write(path)
    assert pages >= 1
    return path


def test_preview_paints_every_page_of_the_pdf(qtbot, plan_pdf):
    dialog = printing.preview_pdf(plan_pdf)
    qtbot.addWidget(dialog)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printing.render_dpi(printer)))
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    with printing.PdfPages(plan_pdf) as pages:
        assert widget.pageCount() == len(pages)
        assert pages.is_landscape()
    assert painted == [printing.PREVIEW_DPI]
    dialog.close()


def test_printing_paints_the_pages_at_printer_resolution_and_can_be_cancelled(plan_pdf, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with printing.PdfPages(plan_pdf) as pages:
        printing.prepare_printer(printer, pages)
        count = len(pages)
        assert printing.render_dpi(printer) == printing.MAX_PRINT_DPI
        assert printing.paint_pdf(pages, printer) == count
    assert out.stat().st_size > 10000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert f"Pages:          {count}" in info.replace("Pages:           ", "Pages:          ")

    other = QPrinter(QPrinter.PrinterMode.HighResolution)
    other.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    other.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    job = printing.print_job(plan_pdf, other)
    with pytest.raises(printing.PrintCancelled):
        job(lambda done, total: None, lambda: True)


def test_page_renders_as_a_grey_image_at_the_asked_resolution(plan_pdf):
    with printing.PdfPages(plan_pdf) as pages:
        image = pages.render(0, 72)
        width, height = pages.size_points(0)
    assert abs(image.width() - width) <= 1 and abs(image.height() - height) <= 1
    assert image.isGrayscale()


@needs_poppler
def test_card_and_summary_documents_in_russian(drafted, tmp_path):
    from hrdesk.store.staff import StaffRepository

    member = StaffRepository(drafted).all()[0]
    card = tmp_path / "card.pdf"
    documents.card_document(drafted, member.id, "ru").write(card)
    assert member.full_name in pdf_text(card)
    summary = tmp_path / "summary.pdf"
    assert documents.summary_document(drafted, YEAR, "ru").write(summary) >= 1
    assert "Тестовый айыл окмоту" in pdf_text(summary)
    with pytest.raises(Exception, match="2031"):
        documents.summary_document(drafted, 2031, "ru")


def test_main_window_prints_the_card_of_the_selected_person(qtbot, tmp_path, messages,
                                                            monkeypatch):
    from helpers.fixtures import make_office_database

    from ui.dialogs.document_dialog import DocumentDialog
    from ui.main_window import MainWindow
    from ui.session import open_session

    database = make_office_database(tmp_path / "office.sqlite3")
    fill_register(database, 3, seed=2)
    database.close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(DocumentDialog, "exec", lambda self: shown.append(self) or 0)
    assert not window.print_card_action.isEnabled()  # nobody selected
    window.table.selectRow(0)
    assert window.print_card_action.isEnabled()
    assert window.print_card_action in window.table.actions()  # the table's context menu
    window.print_card_action.trigger()
    assert len(shown) == 1
    assert shown[0].prepare("ky").file_name.endswith(".pdf")
    window.print_plan_action.trigger()  # shows the plan page, whose dialog opens
    assert len(shown) == 2 and window.pages.currentWidget().__class__.__name__ == "PlanPage"
    window.close()
    session.close()

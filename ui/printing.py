"""Print preview and printing of a PDF that hrdesk made, and opening it in the system's viewer.

The PDF is the document: its pages are rendered by pypdfium2 and painted on the printer, so
what prints is exactly what was saved (QtPdf is in the large Addons wheel, which is not
shipped). Pages are rendered one at a time at the printer's resolution, capped, in shades of
grey: hrdesk's documents are black and white by design (tables, grey charts), and grey pages
are a third of the size, so a 50-page plan prints and previews without gigabytes of bitmaps.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from hrdesk.i18n import _

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# Above this a printed page gains nothing visible and costs memory (A4 at 300 dpi: 25 MB).
MAX_PRINT_DPI = 300
# The preview keeps every page in memory: render those at a screen-like resolution.
PREVIEW_DPI = 150
POINTS_PER_INCH = 72.0


class PdfPages:
    """A PDF file opened for rendering. Use in the GUI thread only (pdfium is not thread-safe)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import pypdfium2

        self.path = Path(path)
        self._document = pypdfium2.PdfDocument(str(self.path))

    def __len__(self) -> int:
        return len(self._document)

    def close(self) -> None:
        self._document.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def size_points(self, index: int) -> tuple[float, float]:
        width, height = self._document[index].get_size()
        return float(width), float(height)

    def is_landscape(self) -> bool:
        if not len(self):
            return False
        width, height = self.size_points(0)
        return width > height

    def render(self, index: int, dpi: float) -> QImage:
        """Page `index` (0-based) as a grey image at `dpi`."""
        page = self._document[index]
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_Grayscale8)
        # The QImage only borrows pdfium's buffer: copy before the bitmap goes.
        return image.copy()


class PrintCancelled(Exception):
    """The user cancelled printing; the printer was told to drop the job."""


def _is_preview(printer: QPrinter) -> bool:
    # QPrintPreviewWidget paints through a picture-recording engine; a real printer or a PDF
    # file prints through its own.
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def render_dpi(printer: QPrinter) -> float:
    """The resolution to render pages at for `printer`."""
    if _is_preview(printer):
        return PREVIEW_DPI
    return float(min(max(printer.resolution(), 72), MAX_PRINT_DPI))


def prepare_printer(printer: QPrinter, pages: PdfPages) -> None:
    """A4 in the PDF's orientation; the PDF carries its own margins."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if pages.is_landscape()
        else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)


def _page_range(printer: QPrinter, count: int) -> range:
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(count)
    return range(max(first, 1) - 1, min(last, count))


def paint_pdf(pages: PdfPages, printer: QPrinter, progress: ProgressCallback | None = None,
              cancel: CancelCheck | None = None) -> int:
    """Paint the PDF's pages (the printer's page range, else all) on `printer`; returns how
    many were painted.

    Qt allows painting on a QPrinter outside the GUI thread, so a long print can run in a
    worker (ui.workers) with progress(done, total); cancel() returning True aborts the job."""
    dpi = render_dpi(printer)
    wanted = _page_range(printer, len(pages))
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("the printer %s could not be started", printer.printerName())
        return 0
    painted = 0
    try:
        for index in wanted:
            if cancel is not None and cancel():
                printer.abort()
                raise PrintCancelled()
            if painted:
                printer.newPage()
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)  # full page: origin 0, 0
            target = QRectF(0, 0, paper.width(), paper.height())
            image = pages.render(index, dpi)
            width_pt, height_pt = pages.size_points(index)
            # Fit the page into the paper, keeping its proportions.
            scale = min(target.width() / width_pt, target.height() / height_pt)
            w, h = width_pt * scale, height_pt * scale
            rect = QRectF(0, 0, w, h)
            rect.moveCenter(target.center())
            painter.drawImage(rect, image)
            painted += 1
            if progress is not None:
                progress(painted, len(wanted))
    finally:
        painter.end()
    return painted


def preview_pdf(path: str | os.PathLike[str], parent: QWidget | None = None,
                printer: QPrinter | None = None) -> QPrintPreviewDialog:
    """The print preview of the PDF at `path`, ready to exec() (or show() in tests)."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    pages = PdfPages(path)
    prepare_printer(printer, pages)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_("Print preview: {file}").format(file=Path(path).name))
    dialog.paintRequested.connect(lambda p: paint_pdf(pages, p))
    dialog.finished.connect(lambda _result: pages.close())
    dialog.resize(1000, 760)
    # The dialog does not own the printer: keep it (and the pages) alive as long as the dialog.
    dialog._printer, dialog._pages = printer, pages  # type: ignore[attr-defined]
    return dialog


def choose_printer(path: str | os.PathLike[str], parent: QWidget | None = None) -> QPrinter | None:
    """Ask for the printer, copies and pages to print the PDF at `path` on; None when the
    user cancelled. Then paint with print_job()."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    with PdfPages(path) as pages:
        prepare_printer(printer, pages)
        count = len(pages)
    printer.setDocName(Path(path).stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setMinMax(1, max(count, 1))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_job(path: str | os.PathLike[str], printer: QPrinter):
    """A job for ui.workers.JobRunner that prints the PDF at `path` on `printer`."""

    def job(progress: ProgressCallback, cancel: CancelCheck) -> int:
        with PdfPages(path) as pages:
            return paint_pdf(pages, printer, progress, cancel)

    return job


def open_in_viewer(path: str | os.PathLike[str]) -> bool:
    """Open the file with the system's viewer; False when the system has none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))

"""What every printed document shares: the embedded fonts, A4 page templates with page numbers
"N / M", the approval block, titles, tables whose header repeats on every page, signature lines,
and a build that reports progress, can be cancelled and never leaves half a file behind.

Only the DejaVu fonts shipped in resources/fonts are used, embedded as subsets, so the Kyrgyz
letters (ң, ө, ү) print and can be searched on a machine without system fonts.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak

from hrdesk.errors import InputFileError
from hrdesk.i18n import _, format_date
from hrdesk.paths import FONTS

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_CONDENSED = "DejaVuSansCondensed"
FONT_CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_CONDENSED: "DejaVuSansCondensed.ttf",
    FONT_CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}

PORTRAIT = A4
LANDSCAPE = landscape(A4)

# Margins for filing: the wide left margin leaves room for the binder holes.
MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 12 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 16 * mm

GRID_GREY = colors.Color(0.35, 0.35, 0.35)
HEADER_GREY = colors.Color(0.85, 0.85, 0.85)
ZEBRA_GREY = colors.Color(0.95, 0.95, 0.95)
TEXT_GREY = colors.Color(0.3, 0.3, 0.3)
LIGHT_RULE = colors.Color(0.8, 0.8, 0.8)

CELL_PADDING = 2.5  # points, left and right of each table cell

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled the document; no file was written."""


class PdfNotWritten(InputFileError):
    """The file cannot be written (the command line's exit code 2, like any unwritable file)."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(
            _("The PDF {path} could not be written ({detail}). Nothing was saved; choose "
              "another folder or file name, or close the file if another program has it open.")
            .format(path=path, detail=detail)
        )


# --- fonts and styles ---------------------------------------------------------------------


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once; later calls do nothing)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / filename)))
    # <b> inside a Paragraph picks the bold face of the same family.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)
    pdfmetrics.registerFontFamily(FONT_CONDENSED, normal=FONT_CONDENSED,
                                  bold=FONT_CONDENSED_BOLD, italic=FONT_CONDENSED,
                                  boldItalic=FONT_CONDENSED_BOLD)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of all documents, by name."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=12.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=8, leading=10, textColor=TEXT_GREY),
        "title": ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=13, leading=16.5,
                                alignment=TA_CENTER, spaceBefore=4, spaceAfter=8),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=10.5, leading=13,
                                   alignment=TA_CENTER, spaceAfter=8),
        "heading": ParagraphStyle("heading", body, fontName=FONT_BOLD, fontSize=11, leading=14,
                                  spaceBefore=8, spaceAfter=4),
        "approval": ParagraphStyle("approval", body, fontSize=10.5, leading=13.5),
        "approval_word": ParagraphStyle("approval_word", body, fontName=FONT_BOLD,
                                        fontSize=11.5, leading=15, spaceAfter=2),
        "cell": ParagraphStyle("cell", fontName=FONT_CONDENSED, fontSize=8.5, leading=10.2),
        "cell_right": ParagraphStyle("cell_right", fontName=FONT_CONDENSED, fontSize=8.5,
                                     leading=10.2, alignment=TA_RIGHT),
        "cell_center": ParagraphStyle("cell_center", fontName=FONT_CONDENSED, fontSize=8.5,
                                      leading=10.2, alignment=TA_CENTER),
        "header_cell": ParagraphStyle("header_cell", fontName=FONT_CONDENSED_BOLD, fontSize=8.5,
                                      leading=10.2, alignment=TA_CENTER),
        "label": ParagraphStyle("label", body, fontSize=9.5, leading=12, textColor=TEXT_GREY,
                                alignment=TA_LEFT),
    }


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (markup characters are escaped)."""
    return Paragraph(escape(text), styles()[style])


# --- building blocks ------------------------------------------------------------------------


def blank_date_line() -> str:
    # TRANSLATORS: the blank date line of an approval block, filled in by hand;
    # ky "«___» ____________ 20__-ж.", ru "«___» ____________ 20__ г."
    return _("«___» ____________ 20__")


def approval_block(head_position: str, head_name: str, approved_on: dt.date | None,
                   width: float = 92 * mm) -> Table:
    """The block top right of a document the head approves: Approved / position / signature
    line and name / date line / place of the stamp."""
    st = styles()
    date_text = format_date(approved_on, "long") if approved_on else blank_date_line()
    rows = [
        # TRANSLATORS: the word that heads the approval block; ky "Бекитемин", ru "Утверждаю"
        [Paragraph(escape(_("Approved")), st["approval_word"])],
        [Paragraph(escape(head_position), st["approval"])] if head_position else None,
        [Paragraph(escape("____________ " + head_name), st["approval"])],
        [Paragraph(escape(date_text), st["approval"])],
        # TRANSLATORS: place for the stamp (locus sigilli); ky "М.О.", ru "М.П."
        [Paragraph(escape(_("L.S.")), st["approval"])],
    ]
    table = Table([r for r in rows if r is not None], colWidths=[width], hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 2), (0, 2), 8),  # room to sign above the line
    ]))
    return table


def title_block(title: str, subtitle: str = "") -> list[Flowable]:
    flowables: list[Flowable] = [paragraph(title, "title")]
    if subtitle:
        flowables.append(paragraph(subtitle, "subtitle"))
    return flowables


def fitting_cell(text: str, width: float, style: str = "cell",
                 _widths: dict[tuple[str, str], float] | None = None) -> str | Paragraph:
    """The text wrapped to the column at word boundaries.

    A plain (possibly multi-line) string when every word fits the column, else a Paragraph
    in a smaller font (so that "мамлекеттик" is not broken in the middle). Plain strings
    wrapped here are several times cheaper for reportlab to lay out and draw than Paragraphs,
    which keeps a 1,000-line plan near the speed of a bare table.
    """
    st = styles()[style]
    room = width - 2 * CELL_PADDING - 0.5
    if "\n" not in text and _string_width(text, st, _widths) <= room:
        return text
    longest = max((_string_width(word, st, _widths) for word in text.split()), default=0.0)
    if longest <= room:
        return "\n".join(simpleSplit(text, st.fontName, st.fontSize, room))
    return Paragraph(escape(text).replace("\n", "<br/>"), _shrunk(st, room / longest))


def _shrunk(style: ParagraphStyle, factor: float) -> ParagraphStyle:
    size = max(6.5, style.fontSize * factor)
    return ParagraphStyle(f"{style.name}_{size:.2f}", style, fontSize=size, leading=size * 1.2)


def _string_width(text: str, style: ParagraphStyle,
                  memo: dict[tuple[str, str], float] | None) -> float:
    if memo is None:
        return pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    key = (text, style.name)
    width = memo.get(key)
    if width is None:
        width = memo[key] = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    return width


def header_cell(text: str, width: float) -> Paragraph:
    """A column heading; its font shrinks (down to 6.5 pt) rather than break a long word
    such as "Финансирование" in the middle."""
    base = styles()["header_cell"]
    room = width - 2 * CELL_PADDING - 0.5
    longest = max((pdfmetrics.stringWidth(w, base.fontName, base.fontSize)
                   for w in text.split()), default=0.0)
    if longest <= room:
        return Paragraph(escape(text), base)
    return Paragraph(escape(text), _shrunk(base, room / longest))


class ProgressTable(LongTable):
    """A table whose drawn parts count towards the document's progress (see build_pdf)."""


def data_table(header: Sequence[str], rows: Sequence[Sequence[str]], col_widths: Sequence[float],
               *, right: Sequence[int] = (), center: Sequence[int] = (),
               zebra: bool = True) -> ProgressTable:
    """A table with a bold header row repeated on every page and a light grid.

    Cells are plain text; long text wraps inside its column. Column indexes in `right` are
    right-aligned (numbers), those in `center` centred.
    """
    style_of = {i: "cell_right" for i in right} | {i: "cell_center" for i in center}
    header_row = [header_cell(h, col_widths[i]) for i, h in enumerate(header)]
    data: list[list[Any]] = [header_row]
    widths: dict[tuple[str, str], float] = {}  # group, format, quarter... repeat a lot
    for row in rows:
        data.append([fitting_cell(text, col_widths[i], style_of.get(i, "cell"), widths)
                     for i, text in enumerate(row)])
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_CONDENSED, 8.5, 10.2),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_GREY),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in right:
        commands.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    for i in center:
        commands.append(("ALIGN", (i, 1), (i, -1), "CENTER"))
    if zebra and rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_GREY]))
    table = ProgressTable(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


class TableWithClosing(Flowable):
    """A data table and the block that closes the document (totals, signature lines), laid
    out so that the block never stands alone on a page: when a page break is needed, at least
    `keep_rows` of the table's last rows go over with it. A page of signatures with no line of
    the document on it could be stapled to any other paper. `lead` (a heading) stays with the
    table's first rows."""

    def __init__(self, table: ProgressTable, closing: Sequence[Flowable],
                 keep_rows: int = 2, lead: Sequence[Flowable] = ()) -> None:
        super().__init__()
        self.table = table
        self.closing = list(closing)
        self.keep_rows = keep_rows
        self.lead = list(lead)
        self._closing_heights: dict[float, float] = {}  # by width; the block does not change

    @staticmethod
    def _height(flowables: Sequence[Flowable], width: float, height: float) -> float:
        return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in flowables)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, _height = self.table.wrap(availWidth, availHeight)
        return width, 0xFFFFFF  # always split (as KeepTogether does): split() lays it out

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        room = availHeight - self._height(self.lead, availWidth, availHeight)
        _width, table_height = self.table.wrap(availWidth, availHeight)
        closing_height = self._closing_height(availWidth, availHeight)
        if table_height + closing_height <= room:
            return [*self.lead, self.table, *self.closing]
        heights = list(self.table._rowHeights)
        header = self.table.repeatRows
        used, fitting = sum(heights[:header]), 0  # data rows that fit here under the header
        for row_height in heights[header:]:
            if used + row_height > room:
                break
            used += row_height
            fitting += 1
        cut = min(fitting, len(heights) - header - self.keep_rows)
        if cut <= 0:
            frame = getattr(self, "_frame", None)
            if frame is not None and getattr(frame, "_atTop", False):
                # Not even the last rows and the block fit on a page: let them split.
                return [*self.lead, self.table, *self.closing]
            return []  # all of it goes to the next page
        parts = self.table.split(availWidth, sum(heights[:header + cut]) + 0.01)
        if len(parts) != 2:
            return [*self.lead, self.table, *self.closing]
        rest = TableWithClosing(parts[1], self.closing, self.keep_rows)
        rest._closing_heights = self._closing_heights
        # The rest starts a new page: saying so spares laying it out on this one in vain.
        return [*self.lead, parts[0], FrameBreak(), rest]

    def _closing_height(self, width: float, height: float) -> float:
        if width not in self._closing_heights:
            self._closing_heights[width] = self._height(self.closing, width, height)
        return self._closing_heights[width]


def key_value_table(pairs: Sequence[tuple[str, str]], widths: tuple[float, float]) -> Table:
    """Label / value lines of a profile, labels in grey."""
    st = styles()
    data = [[Paragraph(escape(k), st["label"]), Paragraph(escape(v), st["body"])]
            for k, v in pairs]
    table = Table(data, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT_RULE),
    ]))
    return table


def signature_block(signers: Sequence[tuple[str, str]], width: float) -> Table:
    """Signature lines at the end of a document: role, a line to sign on, the name."""
    st = styles()
    data = [[Paragraph(escape(role), st["body"]), "", Paragraph(escape(name), st["body"])]
            for role, name in signers]
    role_w = min(110 * mm, width * 0.45)
    line_w = 45 * mm
    table = Table(data, colWidths=[role_w, line_w, width - role_w - line_w - 5 * mm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        # Every table names its font: reportlab's default would pull in base-14 Helvetica.
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("LEFTPADDING", (2, 0), (2, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 14),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


# --- page numbers and the build -------------------------------------------------------------


def fitted_text(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut at a word and ended with "…" when it is wider than `width`."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    words = text.split()
    while words and pdfmetrics.stringWidth(" ".join(words) + " …", font, size) > width:
        words.pop()
    return " ".join(words) + " …" if words else "…"


def _numbered_canvas_class(footer: str) -> type[rl_canvas.Canvas]:
    """A canvas that holds every page until the end, so each can print "N / M" (two passes)."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(TEXT_GREY)
            y = MARGIN_BOTTOM - 9 * mm
            number = f"{self._pageNumber} / {total}"
            if footer:
                room = (width - MARGIN_LEFT - MARGIN_RIGHT - 6 * mm
                        - pdfmetrics.stringWidth(number, FONT, 8))
                self.drawString(MARGIN_LEFT, y, fitted_text(footer, FONT, 8, room))
            self.drawRightString(width - MARGIN_RIGHT, y, number)
            self.restoreState()

    return NumberedCanvas


class _Document(BaseDocTemplate):
    def __init__(self, filename: str, pagesize: tuple[float, float], progress_total: int,
                 progress: ProgressCallback | None, cancel: CancelCheck | None,
                 **kwargs: Any) -> None:
        super().__init__(filename, pagesize=pagesize, leftMargin=MARGIN_LEFT,
                         rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, initialFontName=FONT, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.progress_total = progress_total
        self.progress_done = 0
        self.progress = progress
        self.cancel = cancel

    def handle_pageBegin(self) -> None:  # noqa: N802 (reportlab's name)
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, ProgressTable):
            self.progress_done += max(0, len(flowable._cellvalues) - flowable.repeatRows)
            if self.progress is not None:
                self.progress(min(self.progress_done, self.progress_total), self.progress_total)
        if self.cancel is not None and self.cancel():
            raise Cancelled()


def build_pdf(path: str | os.PathLike[str], story: list[Flowable], *,
              pagesize: tuple[float, float] = PORTRAIT, title: str = "", footer: str = "",
              progress_total: int = 0, progress: ProgressCallback | None = None,
              cancel: CancelCheck | None = None) -> int:
    """Write the story to `path` as a PDF and return its number of pages.

    `progress(done, total)` is called as the rows of ProgressTables are laid out (`total` is
    `progress_total`); `cancel()` is polled on every page and raises Cancelled when it returns
    True. The file appears only when it is complete: a temporary file in the same folder is
    renamed over `path` at the end, and removed on any failure.
    """
    register_fonts()
    target = Path(path)
    if cancel is not None and cancel():
        raise Cancelled()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise PdfNotWritten(target, exc.strerror or str(exc)) from exc
    try:
        doc = _Document(tmp_name, pagesize, progress_total, progress, cancel, title=title,
                        author="hrdesk", creator="hrdesk")
        canvas_class = _numbered_canvas_class(footer)
        doc.build(story, canvasmaker=canvas_class)
        pages = doc.page
        if progress is not None:
            progress(progress_total, progress_total)
        os.chmod(tmp_name, _FILE_MODE)  # mkstemp makes it owner-only; a saved PDF is not
        os.replace(tmp_name, target)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise PdfNotWritten(target, exc.strerror or str(exc)) from exc
    except BaseException:
        _remove_quietly(tmp_name)
        raise
    return pages


@dataclass
class PdfDocument:
    """A document ready to be written: the story made in the print language (that is where
    everything is translated), and what build_pdf needs besides. `file_name` suggests a name
    for the file (without folder). The build consumes the story: write it once."""

    story: list[Flowable]
    pagesize: tuple[float, float]
    title: str
    footer: str
    file_name: str = ""
    progress_total: int = 0

    def write(self, path: str | os.PathLike[str], progress: ProgressCallback | None = None,
              cancel: CancelCheck | None = None) -> int:
        """Write the PDF (whole or not at all) and return its number of pages. Translates
        nothing but its own error messages, so it may run in a worker thread."""
        return build_pdf(path, self.story, pagesize=self.pagesize, title=self.title,
                         footer=self.footer, progress_total=self.progress_total,
                         progress=progress, cancel=cancel)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import (before any worker thread): os.umask can only be read by setting it.
_FILE_MODE = 0o666 & ~_umask()


def _remove_quietly(name: str) -> None:
    try:
        os.remove(name)
    except OSError:
        pass

"""Lay a :class:`~dossier.core.reports.model.Report` out into PDF pages with Qt.

The report becomes a QTextDocument built block by block (:mod:`.builder`), paginated to
the page body with headings kept with what follows them and table rows whole
(:mod:`.pagination`). Each page is then painted into a QPdfWriter with its rules and its
footer (name, date of birth, date printed, "page N of M": :mod:`.footer`), which is known
only once the layout is done. A report's appendix follows it in the same file, each from a
new page, the page numbers running on; a report longer than its ``max_pages`` is replaced
by the first of its shorter versions that fits. Large print can be asked for at render
time, for any report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from ..core.atomic_write import write_beside
from ..core.i18n import is_right_to_left, language_scope
from ..core.reports.model import BulletList, Footer, Paragraph, Report
from .builder import RULE, Builder, page_rules, paint_rules
from .footer import footer_baseline, footer_font, paint_footer, paint_piece
from .page_geometry import (
    DPI,
    FAMILY,
    MARGIN_MM,
    MM,
    PAPERS,
    Paper,
    Sizes,
    body_rect,
    orientation,
    page_pixels,
    page_size,
)
from .pagination import paginate

_app: QGuiApplication | None = None


def ensure_app() -> None:
    """Qt's text layout and PDF writer need a QGuiApplication; make one if there is none."""
    global _app
    if QGuiApplication.instance() is None:
        # A QApplication (a QGuiApplication too), so the window or pytest-qt can use it later.
        from PySide6.QtWidgets import QApplication

        _app = QApplication([])


def report_direction(report: Report) -> Qt.LayoutDirection:
    """The direction every block, table cell and the footer of ``report`` is laid out in:
    its language's (a Hebrew report right to left), whatever the script of the text in it
    (a person's own words keep their own direction inside, isolated)."""
    if is_right_to_left(report.language):
        return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight


def page_layout(paper: str, landscape: bool) -> QPageLayout:
    return QPageLayout(page_size(paper), orientation(landscape), QMarginsF(0, 0, 0, 0))


def new_writer(
    device: QIODevice, paper: str, title: str = "", *, landscape: bool = False
) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setPageLayout(page_layout(paper, landscape))
    writer.setCreator("Second Opinion Dossier")
    if title:
        writer.setTitle(title)
    return writer


def large(report: Report) -> Report:
    """``report`` in large print, with its appendix and shorter versions."""
    return replace(
        report,
        large_print=True,
        appendix=tuple(large(r) for r in report.appendix),
        shorter=tuple(large(r) for r in report.shorter),
    )


def build_document(
    report: Report, width: float, height: float, device: QPdfWriter
) -> QTextDocument:
    """``report`` laid out on pages of ``width`` × ``height`` device pixels."""
    ensure_app()
    sizes = Sizes.of(report.large_print)
    direction = report_direction(report)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont(FAMILY)
    font.setPointSizeF(sizes.body)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(direction)
    doc.setDefaultTextOption(option)
    doc.setUndoRedoEnabled(False)
    doc.setPageSize(QSizeF(width, height))  # before the text: laid out once, paged
    b = Builder(doc, sizes, width, direction)
    # One edit block: otherwise Qt lays the document out again after every insertion
    # (20 ms each in a long table).
    b.cursor.beginEditBlock()
    if report.title:
        b.heading(report.title, 1)
    if report.subtitle:
        b.text(report.subtitle, sizes.body + 1, bottom=sizes.body * 0.8)
    for section in report.sections:
        if section.heading:
            b.heading(section.heading, 2)
        for index, item in enumerate(section.blocks):
            b.add(item)
            following = section.blocks[index + 1 : index + 2]
            if isinstance(item, Paragraph) and following and isinstance(following[0], BulletList):
                # a line that introduces a list ("…: the opinions propose different
                # treatments.") is never left alone at the foot of a page
                b.keep_with_next(b.cursor.block().blockNumber(), sizes.body * 3.5)
    _drop_trailing_empty_blocks(doc)
    b.cursor.endEditBlock()
    paginate(doc, b.keep, height)
    return doc


def _drop_trailing_empty_blocks(doc: QTextDocument) -> None:
    """Take away the empty blocks a list leaves at the end of the document: one of them
    alone can spill onto a page of its own, a blank last page."""
    root = doc.rootFrame()
    while doc.blockCount() > 1:
        last = doc.lastBlock()
        before = last.previous()
        if last.text() or not before.isValid() or last.blockFormat().hasProperty(RULE):
            return  # text, or an answer line: an empty block that is drawn
        if QTextCursor(before).currentFrame() != root:  # after a table: Qt needs it
            return
        count = doc.blockCount()
        QTextCursor(last).deletePreviousChar()
        if doc.blockCount() == count:  # Qt would not join them: leave it
            return


FooterPainter = Callable[[QPainter, int, int], None]


def paint_document(
    doc: QTextDocument, writer: QPdfWriter, paper: str, footer: Footer | None,
    *, first_page: bool = True, landscape: bool = False, large: bool = False,
) -> int:  # fmt: skip
    """Paint ``doc`` page by page into ``writer`` (a new page first unless ``first_page``)."""
    painter = QPainter(writer)
    try:
        return paint_pages(painter, writer, doc, paper, footer, first_page=first_page,
                           landscape=landscape, large=large)  # fmt: skip
    finally:
        painter.end()


def paint_pages(
    painter: QPainter, writer: QPdfWriter, doc: QTextDocument, paper: str,
    footer: Footer | None, *, first_page: bool = True, landscape: bool = False,
    large: bool = False, numbers: tuple[int, int] | None = None,
) -> int:  # fmt: skip
    """Paint ``doc`` with ``painter`` (open on ``writer``); its pages are numbered from
    ``numbers[0] + 1`` of ``numbers[1]`` (default: of its own)."""
    rect = body_rect(paper, landscape=landscape, large=large)
    pages = doc.pageCount()
    before, total = numbers if numbers is not None else (0, pages)
    direction = doc.defaultTextOption().textDirection()
    rules = page_rules(doc, rect.height())
    for index in range(pages):
        if index or not first_page:
            writer.newPage()
        painter.save()
        painter.translate(rect.left(), rect.top() - index * rect.height())
        # A line laid out at the very top of the next page starts exactly where this page
        # ends; Qt would draw it here too, clipped out of sight but still in the PDF's text
        # (found twice by search and copy). One device pixel less keeps it off this page.
        page = QRectF(0, index * rect.height(), rect.width(), rect.height() - 1)
        doc.drawContents(painter, page)
        painter.restore()
        painter.save()
        painter.translate(rect.left(), rect.top())
        paint_rules(painter, rules.get(index, []))
        painter.restore()
        if footer is not None:
            paint_footer(painter, footer, paper, before + index + 1, total,
                         landscape=landscape, large=large, direction=direction)  # fmt: skip
    return pages


@dataclass(frozen=True)
class _Laid:
    report: Report
    doc: QTextDocument

    @property
    def pages(self) -> int:
        return self.doc.pageCount()


def _lay_out(report: Report, paper: str, writer: QPdfWriter) -> _Laid:
    rect = body_rect(paper, landscape=report.landscape, large=report.large_print)
    return _Laid(report, build_document(report, rect.width(), rect.height(), writer))


def _fitting(report: Report, paper: str, writer: QPdfWriter) -> _Laid:
    """``report`` laid out, or, when it needs more than its ``max_pages``, the fullest of
    its shorter versions that fits (else the last). The versions tell less and less, so
    the one is found by halving: a few layouts instead of one for each version."""
    laid = _lay_out(report, paper, writer)
    # Large print sets the type half as large again: the same report takes up to twice the
    # pages, rather than saying half as much (unless it says otherwise).
    most = report.max_pages
    if report.large_print:
        most = report.max_pages_large or 2 * report.max_pages
    if most <= 0 or laid.pages <= most or not report.shorter:
        return laid
    versions = report.shorter
    done: dict[int, _Laid] = {}
    low, high, best = 0, len(versions) - 1, None
    while low <= high:
        middle = (low + high) // 2
        done[middle] = _lay_out(versions[middle], paper, writer)
        if done[middle].pages <= most:
            best, high = middle, middle - 1
        else:
            low = middle + 1
    last = len(versions) - 1
    if best is None:
        return done.get(last) or _lay_out(versions[last], paper, writer)
    return done[best]


def _with_appendix(report: Report, paper: str, writer: QPdfWriter) -> list[_Laid]:
    """``report`` (or the shorter version that fits) and its appendix, each laid out; a
    shorter version without an appendix of its own takes the report's."""
    laid = _fitting(report, paper, writer)
    out = [laid]
    for extra in laid.report.appendix or report.appendix:
        out.extend(_with_appendix(extra, paper, writer))
    return out


def render_report(
    report: Report, paper: str = "a4", *, with_footer: bool = True, large_print: bool = False,
    language: str | None = None,
) -> tuple[bytes, int]:  # fmt: skip
    """The report (in large print if ``large_print``) and its appendix as PDF bytes, and
    the number of pages in all. The footer is written in ``language`` (default: the
    language the report was made in, :attr:`Report.language`)."""
    with language_scope(language or report.language):
        return _render(report, paper, with_footer=with_footer, large_print=large_print)


def _render(
    report: Report, paper: str, *, with_footer: bool, large_print: bool
) -> tuple[bytes, int]:
    ensure_app()
    if large_print and not report.large_print:
        report = large(report)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, paper, report.title or report.kind, landscape=report.landscape)
    parts = _with_appendix(report, paper, writer)
    total = sum(part.pages for part in parts)
    before = 0
    painter = QPainter(writer)
    try:
        for index, part in enumerate(parts):
            landscape = part.report.landscape
            if index:
                writer.setPageLayout(page_layout(paper, landscape))  # for its next page
            footer = part.report.footer if with_footer else None
            before += paint_pages(painter, writer, part.doc, paper, footer,
                                  first_page=index == 0, landscape=landscape,
                                  large=part.report.large_print, numbers=(before, total))  # fmt: skip
    finally:
        painter.end()
    del writer
    buffer.close()
    return bytes(data.data()), total


def write_report(
    report: Report, out: Path, paper: str = "a4", *, large_print: bool = False,
    language: str | None = None,
) -> int:  # fmt: skip
    """Write the report to ``out`` as PDF (its footer in ``language``, default the
    report's); the number of pages."""
    data, pages = render_report(report, paper, large_print=large_print, language=language)
    write_beside(out, data, mode=0o644)  # whole or not at all, and never through a link
    return pages


__all__ = [
    "DPI",
    "MARGIN_MM",
    "MM",
    "PAPERS",
    "FooterPainter",
    "Paper",
    "body_rect",
    "build_document",
    "ensure_app",
    "footer_baseline",
    "footer_font",
    "large",
    "new_writer",
    "page_pixels",
    "paint_document",
    "paint_footer",
    "paint_pages",
    "paint_piece",
    "render_report",
    "report_direction",
    "write_report",
]

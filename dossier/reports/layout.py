"""Lay a :class:`~dossier.core.reports.model.Report` out into PDF pages with Qt.

The report becomes a QTextDocument built block by block (no HTML), paginated to the page
body. Headings (and questions) are kept with what follows them: after layout, one that
would end a page is moved to the next page and the document is laid out again. Each page
is then painted into a QPdfWriter with its footer (name, date of birth, date printed,
"page N of M"), which is known only once the layout is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextOption,
    QTextTableFormat,
)

from ..core.atomic_write import write_beside
from ..core.reports.model import (
    Block,
    BulletList,
    Footer,
    KeyValues,
    Paragraph,
    Question,
    Report,
    Rich,
    SignatureLine,
    Table,
    TableCell,
)

Paper = Literal["a4", "letter"]
PAPERS: dict[str, QPageSize.PageSizeId] = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
}
DPI = 300
FAMILY = "DejaVu Sans"
MARGIN_MM = (18.0, 16.0, 18.0, 20.0)  # left, top, right, bottom (the footer lives below)
FOOTER_FROM_BOTTOM_MM = 9.0
MM = DPI / 25.4
_app: QGuiApplication | None = None


def ensure_app() -> None:
    """Qt's text layout and PDF writer need a QGuiApplication; make one if there is none."""
    global _app
    if QGuiApplication.instance() is None:
        # A QApplication (a QGuiApplication too), so the window or pytest-qt can use it later.
        from PySide6.QtWidgets import QApplication

        _app = QApplication([])


@dataclass(frozen=True)
class Sizes:
    body: float  # points
    small: float
    h1: float
    h2: float
    answer_gap_mm: float

    @classmethod
    def of(cls, large: bool) -> Sizes:
        if large:
            return cls(15.0, 12.5, 22.0, 17.0, 12.0)
        return cls(10.0, 8.5, 16.0, 12.0, 8.5)


def orientation(landscape: bool) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def page_size(paper: str) -> QPageSize:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}")
    return QPageSize(PAPERS[paper])


def new_writer(
    device: QIODevice, paper: str, title: str = "", *, landscape: bool = False
) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(page_size(paper), orientation(landscape), QMarginsF(0, 0, 0, 0))
    )
    writer.setCreator("Second Opinion Dossier")
    if title:
        writer.setTitle(title)
    return writer


def page_pixels(paper: str, *, landscape: bool = False) -> QSizeF:
    size = page_size(paper).sizePoints()
    width, height = size.width() * DPI / 72, size.height() * DPI / 72
    return QSizeF(height, width) if landscape else QSizeF(width, height)


def body_rect(paper: str, *, landscape: bool = False) -> QRectF:
    page = page_pixels(paper, landscape=landscape)
    left, top, right, bottom = (m * MM for m in MARGIN_MM)
    return QRectF(left, top, page.width() - left - right, page.height() - top - bottom)


class _Builder:
    """Fills a QTextDocument from report blocks, remembering what must stay with its next."""

    def __init__(self, doc: QTextDocument, sizes: Sizes) -> None:
        self.doc = doc
        self.sizes = sizes
        self.cursor = QTextCursor(doc)
        self.keep: list[tuple[int, float]] = []  # (block number, room needed after it, px)
        self.first = True

    def px(self, points: float) -> float:
        """Lengths inside the document are CSS pixels (1/96 inch): the layout scales them
        to the paint device itself."""
        return points * 96 / 72

    def device(self, points: float) -> float:
        """Laid-out positions are in device pixels."""
        return points * DPI / 72

    def char(self, size: float, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies([FAMILY])
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        return fmt

    def block(self, *, top: float = 0.0, bottom: float = 0.0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.px(top))
        fmt.setBottomMargin(self.px(bottom))
        fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    def new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char)

    def text(self, text: str, size: float, *, bold: bool = False, italic: bool = False,
             top: float = 0.0, bottom: float = 0.0) -> int:  # fmt: skip
        char = self.char(size, bold=bold, italic=italic)
        self.new_block(self.block(top=top, bottom=bottom), char)
        self.cursor.insertText(text, char)
        return self.cursor.block().blockNumber()

    def keep_with_next(self, block_number: int, room_points: float) -> None:
        self.keep.append((block_number, self.device(room_points)))

    def heading(self, text: str, level: int) -> None:
        size = self.sizes.h1 if level == 1 else self.sizes.h2
        number = self.text(text, size, bold=True, top=size * (0.2 if level == 1 else 0.9),
                           bottom=size * 0.35)  # fmt: skip
        self.keep_with_next(number, self.sizes.body * 4.5)

    def add(self, item: Block) -> None:
        s = self.sizes
        if isinstance(item, Paragraph):
            if item.style == "lead":
                self.text(item.text, s.body + 1, bold=True, bottom=s.body * 0.5)
            elif item.style == "small":
                self.text(item.text, s.small, bottom=s.body * 0.5)
            else:
                self.text(item.text, s.body, bottom=s.body * 0.6)
        elif isinstance(item, KeyValues):
            self.table(None, [[k, v] for k, v in item.items], (26, 74), border=False)
        elif isinstance(item, Table):
            self.table(list(item.headers), [list(r) for r in item.rows], item.widths, border=True)
        elif isinstance(item, BulletList):
            self.bullets(item)
        elif isinstance(item, Question):
            self.question(item)
        elif isinstance(item, SignatureLine):
            self.signature(item)

    def bullets(self, item: BulletList) -> None:
        self.text("", 2)  # a block to hang the list from
        fmt = QTextListFormat()
        fmt.setStyle(
            QTextListFormat.Style.ListDecimal if item.numbered else QTextListFormat.Style.ListDisc
        )
        fmt.setIndent(1)
        char = self.char(self.sizes.body)
        for index, text in enumerate(item.items):
            if index:
                self.cursor.insertBlock()  # keeps the block format, and so the list
                self.cursor.setBlockCharFormat(char)
            else:
                self.cursor.setBlockFormat(self.block(bottom=self.sizes.body * 0.25))
                self.cursor.setBlockCharFormat(char)
                self.cursor.createList(fmt)
            self.cursor.insertText(text, char)
        self.text("", 2)  # leave the list

    def question(self, item: Question) -> None:
        s = self.sizes
        label = f"{item.number}.  {item.text}" if item.number is not None else item.text
        number = self.text(label, s.body, bold=True, top=s.body * 0.8)
        room = item.answer_lines * s.answer_gap_mm * 72 / 25.4
        if item.note:
            self.text(item.note, s.small, italic=True)
        self.keep_with_next(number, room + (s.small * 1.5 if item.note else 0))
        for _ in range(item.answer_lines):
            self.rule(s.answer_gap_mm, 100)

    def rule(self, gap_mm: float, percent: float) -> None:
        fmt = self.block()
        fmt.setTopMargin(gap_mm * 96 / 25.4 - self.px(3))
        fmt.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
            QTextLength(QTextLength.Type.PercentageLength, percent),
        )
        self.new_block(fmt, self.char(3))

    def signature(self, item: SignatureLine) -> None:
        self.rule(22, 45)
        self.text(item.label, self.sizes.body)
        fmt = self.cursor.blockFormat()  # under the line, whatever the script of the name
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.cursor.setBlockFormat(fmt)

    def rich(self, cursor: QTextCursor, value: Rich) -> None:
        """Spans in one cell: bold and underlined words, small italic lines (sources)."""
        for span in value.spans:
            size = self.sizes.small if span.small else self.sizes.body
            fmt = self.char(size, bold=span.bold, italic=span.italic)
            fmt.setFontUnderline(span.underline)
            for index, part in enumerate(span.text.split("\n")):
                if index:
                    block = self.block(top=self.sizes.small * 0.3)
                    cursor.insertBlock(block, fmt)
                if part:
                    cursor.insertText(part, fmt)

    def table(self, headers: list[str] | None, rows: list[list[TableCell]],
              widths: tuple[int, ...], *, border: bool) -> None:  # fmt: skip
        if not rows and not headers:
            return
        columns = len(headers) if headers else len(rows[0])
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        weights = widths or (1,) * columns
        total = sum(weights)
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in weights]
        )
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.px(3 if border else 1.5))
        fmt.setBorderCollapse(True)
        fmt.setBorder(self.px(0.5) if border else 0)
        fmt.setBorderStyle(
            QTextFrameFormat.BorderStyle.BorderStyle_Solid
            if border
            else QTextFrameFormat.BorderStyle.BorderStyle_None
        )
        fmt.setBorderBrush(Qt.GlobalColor.black)
        fmt.setTopMargin(self.px(2))
        fmt.setBottomMargin(self.px(self.sizes.body * 0.7))
        if headers:
            fmt.setHeaderRowCount(1)
        all_rows: list[list[TableCell]] = ([list[TableCell](headers)] if headers else []) + rows
        self.text("", 1)  # tables are inserted after a block
        table = self.cursor.insertTable(len(all_rows), columns, fmt)
        size = self.sizes.body
        for r, row in enumerate(all_rows):
            header = headers is not None and r == 0
            for c in range(columns):
                cell_cursor = table.cellAt(r, c).firstCursorPosition()
                bold = header or (not border and c == 0)
                cell_cursor.setBlockFormat(self.block())
                value = row[c] if c < len(row) else ""
                if isinstance(value, Rich):
                    self.rich(cell_cursor, value)
                    continue
                cell_cursor.insertText(value, self.char(
                    size - (1 if not border and c == 0 else 0), bold=bold))  # fmt: skip
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def build_document(
    report: Report, width: float, height: float, device: QPdfWriter
) -> QTextDocument:
    ensure_app()
    sizes = Sizes.of(report.large_print)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont(FAMILY)
    font.setPointSizeF(sizes.body)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setPageSize(QSizeF(width, height))
    b = _Builder(doc, sizes)
    b.cursor.beginEditBlock()  # laid out once at the end, not after every table cell
    if report.title:
        b.heading(report.title, 1)
    if report.subtitle:
        b.text(report.subtitle, sizes.body + 1, bottom=sizes.body * 0.8)
    for section in report.sections:
        if section.heading:
            b.heading(section.heading, 2)
        for item in section.blocks:
            b.add(item)
    b.cursor.endEditBlock()
    _keep_together(doc, b.keep, height)
    return doc


def _keep_together(doc: QTextDocument, keep: list[tuple[int, float]], height: float) -> None:
    """Move each heading or question that would end a page to the next page."""
    layout = doc.documentLayout()
    for _ in range(20):  # each pass moves at least one block; layout changes after it
        moved = False
        doc.pageCount()  # force layout
        for number, room in keep:
            block = doc.findBlockByNumber(number)
            rect = layout.blockBoundingRect(block)
            page_end = (int(rect.top() // height) + 1) * height
            if rect.top() % height < 1:  # already at the top of a page
                continue
            if page_end - rect.bottom() < room:
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
                moved = True
                break
        if not moved:
            return


FooterPainter = Callable[[QPainter, int, int], None]


def footer_font() -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(8)
    return font


def footer_baseline(paper: str, *, landscape: bool = False) -> float:
    return page_pixels(paper, landscape=landscape).height() - FOOTER_FROM_BOTTOM_MM * MM


def paint_footer(
    painter: QPainter, footer: Footer, paper: str, n: int, m: int, *, with_label: bool = True,
    landscape: bool = False,
) -> None:  # fmt: skip
    """The footer of page ``n`` of ``m``; without its label, room is left for the longest one."""
    page = page_pixels(paper, landscape=landscape)
    left, _, right, _ = (x * MM for x in MARGIN_MM)
    width = page.width() - left - right
    font = footer_font()
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    baseline = footer_baseline(paper, landscape=landscape)
    line_y = baseline - metrics.ascent() - 1.6 * MM
    painter.setPen(QPen(Qt.GlobalColor.black, 0.5 * DPI / 72))
    painter.drawLine(int(left), int(line_y), int(left + width), int(line_y))
    label = footer.page(n, m) if with_label else footer.page(m, m)
    label_width = metrics.horizontalAdvance(label)
    text = metrics.elidedText(
        footer.line, Qt.TextElideMode.ElideRight, width - label_width - 6 * MM
    )
    top = baseline - metrics.ascent()
    option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # a Hebrew name stays in its place
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    painter.drawText(
        QRectF(left, top, width - label_width - 4 * MM, metrics.height()), text, option
    )
    if with_label:
        painter.drawText(
            QRectF(left + width - label_width - 1, top, label_width + 2, metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute),
            label,
        )


def paint_piece(painter: QPainter, paper: str, text: str) -> float:
    """``text`` in the footer's type on the footer's baseline from x = 0; its advance (points)."""
    font = footer_font()
    painter.setFont(font)
    painter.setPen(QPen(Qt.GlobalColor.black))
    metrics = QFontMetricsF(font, painter.device())
    painter.drawText(QPointF(0, footer_baseline(paper)), text)
    return metrics.horizontalAdvance(text) * 72 / DPI


def paint_document(
    doc: QTextDocument, writer: QPdfWriter, paper: str, footer: Footer | None,
    *, first_page: bool = True, landscape: bool = False,
) -> int:  # fmt: skip
    """Paint ``doc`` page by page into ``writer`` (a new page first unless ``first_page``)."""
    rect = body_rect(paper, landscape=landscape)
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index or not first_page:
                writer.newPage()
            painter.save()
            painter.translate(rect.left(), rect.top() - index * rect.height())
            doc.drawContents(painter, QRectF(0, index * rect.height(), rect.width(), rect.height()))
            painter.restore()
            if footer is not None:
                paint_footer(painter, footer, paper, index + 1, pages, landscape=landscape)
    finally:
        painter.end()
    return pages


def render_report(
    report: Report, paper: str = "a4", *, with_footer: bool = True
) -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    landscape = report.landscape
    writer = new_writer(buffer, paper, report.title or report.kind, landscape=landscape)
    rect = body_rect(paper, landscape=landscape)
    doc = build_document(report, rect.width(), rect.height(), writer)
    footer = report.footer if with_footer else None
    pages = paint_document(doc, writer, paper, footer, landscape=landscape)
    del writer
    buffer.close()
    return bytes(data.data()), pages


def write_report(report: Report, out: Path, paper: str = "a4") -> int:
    """Write the report to ``out`` as PDF; the number of pages."""
    data, pages = render_report(report, paper)
    write_beside(out, data, mode=0o644)  # whole or not at all, and never through a link
    return pages

"""Report blocks into a QTextDocument (no HTML), in the report's direction.

Every block and table cell is laid out in one direction (:attr:`Builder.direction`), not the
direction of its first letter: a paragraph or a doctor's name that starts with a Hebrew word
stays left-to-right in an English report. In a right-to-left report every text is read right
to left, whatever letter it starts with: its Latin runs (a name, a code, an e-mail address, a
stage such as "T1c N0 M0") are isolated one by one (:func:`~dossier.core.bidi.right_to_left`)
so each stays whole and in its place, and a table's first column is at the right. Rules
(answer and signature lines) are empty blocks marked with :data:`RULE`; :func:`paint_rules`
draws them as solid black lines, the same on every page.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)

from ..core.bidi import right_to_left, right_to_left_marks
from ..core.reports.model import (
    BOLD_MAX,
    Block,
    BulletList,
    KeyValues,
    Paragraph,
    Question,
    Rich,
    SignatureLine,
    Table,
    TableCell,
    cell_text,
)
from .page_geometry import DPI, FAMILY, RULE_POINTS, Sizes

# A block drawn as a rule: its value is the rule's length, a fraction of the body's width.
RULE = int(QTextFormat.Property.UserProperty) + 1
LONGEST_WORD = 20  # characters: longer ones are not words a column is widened for
# A table's first data row (after its header): the pagination keeps rows whole.
TABLE_ROWS_FROM = int(QTextFormat.Property.UserProperty) + 2


def css_px(points: float) -> float:
    """Lengths inside the document are CSS pixels (1/96 inch): the layout scales them to
    the paint device itself."""
    return points * 96 / 72


def device_px(points: float) -> float:
    """Laid-out positions are in device pixels."""
    return points * DPI / 72


class Builder:
    """Fills a QTextDocument from report blocks, remembering what must stay with its next."""

    def __init__(self, doc: QTextDocument, sizes: Sizes, width: float,
                 direction: Qt.LayoutDirection) -> None:  # fmt: skip
        self.doc = doc
        self.sizes = sizes
        self.width = width  # of the body, device pixels
        self.direction = direction
        self.cursor = QTextCursor(doc)
        self.keep: list[tuple[int, float]] = []  # (block number, room needed after it, px)
        self.first = True
        self.rtl = direction == Qt.LayoutDirection.RightToLeft

    def own(self, text: str) -> str:
        """``text`` as set in a block: in a right-to-left report read right to left, its
        Latin runs isolated so they stay whole (:func:`~dossier.core.bidi.right_to_left`)."""
        return right_to_left(text) if self.rtl else text

    def column(self, c: int, columns: int) -> int:
        """Where the ``c``-th column of a table is: a right-to-left report's tables run
        from the right (Qt lays every table out from the left)."""
        return columns - 1 - c if self.rtl else c

    def char(self, size: float, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies([FAMILY])
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        return fmt

    def block(self, *, top: float = 0.0, bottom: float = 0.0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(css_px(top))
        fmt.setBottomMargin(css_px(bottom))
        fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setLayoutDirection(self.direction)
        return fmt

    def new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char)

    def text(self, text: str, size: float, *, bold: bool = False, italic: bool = False,
             top: float = 0.0, bottom: float = 0.0, prefix: str = "") -> int:  # fmt: skip
        """A block of ``text`` after ``prefix`` (a question's number, set as it is)."""
        char = self.char(size, bold=bold, italic=italic)
        self.new_block(self.block(top=top, bottom=bottom), char)
        self.cursor.insertText(prefix + self.own(text), char)
        return self.cursor.block().blockNumber()

    def keep_with_next(self, block_number: int, room_points: float) -> None:
        self.keep.append((block_number, device_px(room_points)))

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
            self.cursor.insertText(self.own(text), char)
        self.text("", 2)  # leave the list

    def question(self, item: Question) -> None:
        s = self.sizes
        # The number first, in the page's direction: at the right of a Hebrew question.
        prefix = f"{item.number}.  " if item.number is not None else ""
        bold = len(item.text) <= BOLD_MAX  # a long question in ordinary weight
        number = self.text(item.text, s.body, bold=bold, top=s.body * 0.8, prefix=prefix)
        room = item.answer_lines * s.answer_gap_mm * 72 / 25.4
        if item.note:
            self.text(item.note, s.small, italic=True)
        self.keep_with_next(number, room + (s.small * 1.5 if item.note else 0))
        for _ in range(item.answer_lines):
            self.rule(s.answer_gap_mm, 1.0)

    def rule(self, gap_mm: float, length: float) -> None:
        """An empty block ``gap_mm`` high; :func:`paint_rules` draws the line at its foot."""
        fmt = self.block()
        fmt.setTopMargin(gap_mm * 96 / 25.4 - css_px(3))
        fmt.setProperty(RULE, length)
        self.new_block(fmt, self.char(3))

    def signature(self, item: SignatureLine) -> None:
        if not self.first:  # the closing ("Yours faithfully,") stays with the signature
            self.keep_with_next(self.cursor.block().blockNumber(),
                                22 * 72 / 25.4 + self.sizes.body * 2.5)  # fmt: skip
        self.rule(22, 0.45)
        self.text(item.label, self.sizes.body)  # under the line, in the report's direction

    def rich(self, cursor: QTextCursor, value: Rich) -> None:
        """Spans in one cell: bold and underlined words, small italic lines (sources). In a
        right-to-left report each line of the cell is read right to left, its Latin runs
        isolated across the spans (an English sentence's marked words stay in order)."""
        lines: list[list[tuple[str, QTextCharFormat]]] = [[]]
        for span in value.spans:
            size = self.sizes.small if span.small else self.sizes.body
            fmt = self.char(size, bold=span.bold, italic=span.italic)
            fmt.setFontUnderline(span.underline)
            for index, part in enumerate(span.text.split("\n")):
                if index:
                    lines.append([])
                lines[-1].append((part, fmt))
        for index, line in enumerate(lines):
            if index:
                fmt = line[0][1] if line else self.char(self.sizes.body)
                cursor.insertBlock(self.block(top=self.sizes.small * 0.3), fmt)
            self.marked_line(cursor, line)

    def marked_line(self, cursor: QTextCursor, pieces: list[tuple[str, QTextCharFormat]]) -> None:
        """Insert ``pieces`` (text, format) as one line, with the isolates of a
        right-to-left report put in where the whole line's text needs them."""
        text = "".join(part for part, _ in pieces)
        marks = right_to_left_marks(text) if self.rtl else []
        fmt = pieces[-1][1] if pieces else self.char(self.sizes.body)
        at = 0
        for part, fmt in pieces:
            done = 0
            while marks and marks[0][0] < at + len(part):
                position, control = marks.pop(0)
                if position - at > done:
                    cursor.insertText(part[done : position - at], fmt)
                cursor.insertText(control, fmt)
                done = position - at
            if done < len(part):
                cursor.insertText(part[done:], fmt)
            at += len(part)
        for _, control in marks:  # at the line's end
            cursor.insertText(control, fmt)

    def column_widths(self, rows: list[list[TableCell]], weights: tuple[int, ...],
                      padding: float) -> list[float]:  # fmt: skip
        """Percentages of the table's width. A column too narrow for the longest word in
        it ("Pages", "Diagnosis", "confirmed" in large print) is widened, taken from the
        widest column that can spare it. Longer words (a code, a web address) may still be
        broken, and no column takes more than a quarter of the table for a word."""
        total = sum(weights)
        shares = [w / total for w in weights]
        font = QFont(FAMILY)
        font.setPointSizeF(self.sizes.body)
        font.setBold(True)  # headers and labels are bold: room for the widest
        device = self.doc.documentLayout().paintDevice()
        metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
        extra = 2 * padding + device_px(2)
        needs = []
        for c in range(len(shares)):
            words = {w for row in rows if c < len(row) for w in cell_text(row[c]).split()}
            longest = max(
                (metrics.horizontalAdvance(w) for w in words if len(w) <= LONGEST_WORD),
                default=0.0,
            )
            needs.append(min((longest + extra) / self.width, 1 / 4))
        for c, need in enumerate(needs):
            lack = need - shares[c]
            others = [i for i in range(len(shares)) if i != c]
            while lack > 1e-6 and others:
                spare = max(others, key=lambda i: shares[i] - max(needs[i], shares[i] / 2))
                give = min(lack, shares[spare] - max(needs[spare], shares[spare] / 2))
                if give <= 0:
                    break
                shares[spare] -= give
                shares[c] += give
                lack -= give
        return [100 * s for s in shares]

    def table(self, headers: list[str] | None, rows: list[list[TableCell]],
              widths: tuple[int, ...], *, border: bool) -> None:  # fmt: skip
        if not rows and not headers:
            return
        columns = len(headers) if headers else len(rows[0])
        padding = 3 if border else 1.5
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        all_rows: list[list[TableCell]] = ([list[TableCell](headers)] if headers else []) + rows
        shares = self.column_widths(all_rows, widths or (1,) * columns, device_px(padding))
        shares = [shares[self.column(c, columns)] for c in range(columns)]  # as laid out
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, share) for share in shares]
        )
        fmt.setCellSpacing(0)
        fmt.setCellPadding(css_px(padding))
        fmt.setBorderCollapse(True)
        fmt.setBorder(css_px(0.5) if border else 0)
        fmt.setBorderStyle(
            QTextFrameFormat.BorderStyle.BorderStyle_Solid
            if border
            else QTextFrameFormat.BorderStyle.BorderStyle_None
        )
        fmt.setBorderBrush(Qt.GlobalColor.black)
        fmt.setTopMargin(css_px(2))
        fmt.setBottomMargin(css_px(self.sizes.body * 0.7))
        if headers:
            fmt.setHeaderRowCount(1)
        fmt.setLayoutDirection(self.direction)
        fmt.setProperty(TABLE_ROWS_FROM, 1 if headers else 0)
        self.text("", 1)  # tables are inserted after a block
        table = self.cursor.insertTable(len(all_rows), columns, fmt)
        size = self.sizes.body
        for r, row in enumerate(all_rows):
            header = headers is not None and r == 0
            for c in range(columns):
                cell_cursor = table.cellAt(r, self.column(c, columns)).firstCursorPosition()
                bold = header or (not border and c == 0)
                cell_cursor.setBlockFormat(self.block())
                value = row[c] if c < len(row) else ""
                if isinstance(value, Rich):
                    self.rich(cell_cursor, value)
                    continue
                cell_cursor.insertText(self.own(value), self.char(
                    size - (1 if not border and c == 0 else 0), bold=bold))  # fmt: skip
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def page_rules(doc: QTextDocument, height: float) -> dict[int, list[tuple[float, float, float]]]:
    """The rules of ``doc``, whose pages are ``height`` high, by page (0-based): each as
    (x from, x to, y on its page). Found in one walk of the document, not one per page (a
    300-page text file has some 30,000 blocks)."""
    layout = doc.documentLayout()
    width = doc.pageSize().width()
    rtl = doc.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    rules: dict[int, list[tuple[float, float, float]]] = {}
    block = doc.begin()
    while block.isValid():
        length = block.blockFormat().property(RULE)
        if length is not None:
            y = layout.blockBoundingRect(block).bottom()  # a rule's block has no bottom margin
            page = int((y - 1) // height)
            x0, x1 = (width * (1 - float(length)), width) if rtl else (0, width * float(length))
            rules.setdefault(page, []).append((x0, x1, y - page * height))
        block = block.next()
    return rules


def paint_rules(painter: QPainter, rules: list[tuple[float, float, float]]) -> None:
    """Draw ``rules`` (one page's, from :func:`page_rules`) as solid black lines;
    ``painter`` is placed at the top left of the page's body."""
    if not rules:
        return
    pen = QPen(Qt.GlobalColor.black, device_px(RULE_POINTS))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.save()
    painter.setPen(pen)
    for x0, x1, y in rules:
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))
    painter.restore()


__all__ = ["RULE", "TABLE_ROWS_FROM", "Builder", "css_px", "device_px", "page_rules", "paint_rules"]

"""Page breaks a reader can trust: headings with what follows them, table rows whole.

Qt lays a document out page by page but splits a table row across a page boundary line by
line ("ER/PR positive, HER2" / "negative") and leaves a heading alone at a page's foot.
After layout, the first such place is mended and the document laid out again, until none
is left:

- a heading (or question) without room for what follows it starts the next page;
- a table row that crosses a page boundary starts the next page: the table is split there,
  its rest a new table on the next page beginning with a copy of the header row (Qt
  repeats the header itself only where it splits a table). When it is the table's first
  row, the whole table moves (with its heading). A row taller than a whole page is left to continue on the
  next page: that cannot be helped, and nothing of it is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFrame,
    QTextTable,
)

from .builder import TABLE_ROWS_FROM

MAX_PASSES = 2000  # each pass mends one place; a document has far fewer
LINE_SEPARATOR = "\u2028"  # a new line within a paragraph


@dataclass(frozen=True)
class _Row:
    table: QTextTable
    row: int
    top: float  # of its text, device pixels from the document's top
    bottom: float


def _page(y: float, height: float) -> int:
    return int(y // height)


def _rows(table: QTextTable, doc: QTextDocument) -> list[_Row]:
    layout = doc.documentLayout()
    out = []
    for r in range(table.rows()):
        top, bottom = float("inf"), float("-inf")
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            first = layout.blockBoundingRect(cell.firstCursorPosition().block())
            last = layout.blockBoundingRect(cell.lastCursorPosition().block())
            top, bottom = min(top, first.top()), max(bottom, last.bottom())
        out.append(_Row(table, r, top, bottom))
    return out


def _tables(doc: QTextDocument) -> list[QTextTable]:
    frames: list[QTextFrame] = doc.rootFrame().childFrames()
    return [f for f in frames if isinstance(f, QTextTable)]


@contextmanager
def editing(doc: QTextDocument) -> Iterator[None]:
    """Edit ``doc`` without Qt laying it out again after each change, then lay it out
    once (a paged document is laid out whole after every insertion)."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    try:
        yield
    finally:
        cursor.endEditBlock()


def _break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = block.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def split_table(table: QTextTable, row: int, header_rows: int) -> None:
    """Move the rows of ``table`` from ``row`` on into a new table on the next page, which
    starts with a copy of the header rows."""
    columns = table.columns()

    def content(r: int, c: int) -> tuple[QTextDocumentFragment, QTextBlockFormat]:
        cell = table.cellAt(r, c)
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selection(), cell.firstCursorPosition().blockFormat()

    moved = [
        [content(r, c) for c in range(columns)]
        for r in [*range(header_rows), *range(row, table.rows())]
    ]
    cursor = table.lastCursorPosition()
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)  # the block after the table
    fmt = table.format()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    rest = cursor.insertTable(len(moved), columns, fmt)
    for r, cells in enumerate(moved):
        for c, (fragment, block_format) in enumerate(cells):
            cell_cursor = rest.cellAt(r, c).firstCursorPosition()
            cell_cursor.setBlockFormat(block_format)
            cell_cursor.insertFragment(fragment)
    table.removeRows(row, table.rows() - row)


def _at_page_top(y: float, height: float) -> bool:
    return y % height < 1


class _Paginator:
    def __init__(self, doc: QTextDocument, keep: list[tuple[int, float]], height: float) -> None:
        self.doc = doc
        # Cursors, not block numbers: they follow their block when a table is split.
        self.keep = [(QTextCursor(doc.findBlockByNumber(n)), room) for n, room in keep]
        self.height = height
        # Places mended once already that came back unchanged (a row a little shorter than
        # a page, a heading that moved and still lacks room): mending them again would
        # change nothing, over and over (a longer language found these).
        self.tried: set[tuple[int, ...]] = set()
        self.stuck: set[tuple[int, ...]] = set()

    def first_heading(self) -> tuple[float, QTextBlock] | None:
        """The first heading or question without room after it: (its top, its block)."""
        layout = self.doc.documentLayout()
        for cursor, room in self.keep:
            rect = layout.blockBoundingRect(cursor.block())
            if _at_page_top(rect.top(), self.height) or self._key(cursor.block()) in self.stuck:
                continue
            page_end = (_page(rect.top(), self.height) + 1) * self.height
            if page_end - rect.bottom() < room:
                return rect.top(), cursor.block()
        return None

    def first_split_row(self) -> _Row | None:
        for table in _tables(self.doc):
            rows = _rows(table, self.doc)
            start = int(table.format().property(TABLE_ROWS_FROM) or 0)
            header = rows[start - 1].bottom - rows[0].top if start else 0.0
            for row in rows[start:]:
                if _page(row.top, self.height) == _page(row.bottom - 1, self.height):
                    continue
                if row.bottom - row.top > self.height - header - self.height * 0.05:
                    continue  # taller than a page: it continues on the next, nothing is cut
                if self._key(row) in self.stuck:
                    continue
                return row
        return None

    def mend_row(self, row: _Row) -> None:
        table = row.table
        start = int(table.format().property(TABLE_ROWS_FROM) or 0)
        if row.row == start:
            self.move_table(table)
        else:
            split_table(table, row.row, start)

    def move_table(self, table: QTextTable) -> None:
        """Start ``table`` on a new page, with the heading it follows."""
        block = table.firstCursorPosition().block().previous()
        kept = {cursor.block().blockNumber() for cursor, _ in self.keep}
        while block.isValid() and not block.text() and block.blockNumber() not in kept:
            block = block.previous()
        if block.isValid() and block.blockNumber() in kept:
            _break_before(block)
            return
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)

    def run(self) -> None:
        for _ in range(MAX_PASSES):
            self.doc.pageCount()  # lays the document out
            heading = self.first_heading()
            row = self.first_split_row()
            if heading is None and row is None:
                return
            mend_heading = row is None or (heading is not None and heading[0] <= row.top)
            key = self._key(heading[1] if mend_heading and heading is not None else row)
            if key in self.tried:
                self.stuck.add(key)
                continue
            self.tried.add(key)
            with editing(self.doc):
                if mend_heading:
                    assert heading is not None
                    _break_before(heading[1])
                else:
                    assert row is not None
                    self.mend_row(row)

    @staticmethod
    def _key(place: QTextBlock | _Row | None) -> tuple[int, ...]:
        """Where a heading or a row is, to know it again (its text and its position)."""
        if isinstance(place, _Row):
            return (place.table.firstPosition(), place.row, place.table.rows())
        assert place is not None
        return (place.position(), hash(place.text()))


def _spanning_paragraph(doc: QTextDocument, height: float) -> tuple[QTextBlock, int] | None:
    """The first paragraph (not in a list or table) that runs from one page onto the next,
    and the position of its first line on the later page."""
    layout = doc.documentLayout()
    root = doc.rootFrame()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        lines = block.layout()
        if (
            block.textList() is None
            and lines.lineCount() > 1
            and _page(rect.top(), height) != _page(rect.bottom() - 1, height)
            and QTextCursor(block).currentFrame() == root
        ):
            # A line moved to the next page starts at its very top, give or take rounding.
            first = _page(rect.top() + lines.lineAt(0).y() + 1, height)
            for i in range(1, lines.lineCount()):
                line = lines.lineAt(i)
                if _page(rect.top() + line.y() + 1, height) != first:
                    return block, block.position() + line.textStart()
        block = block.next()
    return None


def split_spanning_paragraphs(doc: QTextDocument, height: float) -> None:
    """Make each paragraph that runs onto the next page two blocks, split where the page
    breaks it. Qt draws a block on each page it touches and, of a block that began on an
    earlier page, also draws the line just above the page (clipped out of sight, but its
    words are in the PDF's text twice: found twice by search, read twice aloud). The lines
    stay where they were: the split is made where Qt had already broken the line."""
    for _ in range(MAX_PASSES):
        doc.pageCount()  # lays the document out
        found = _spanning_paragraph(doc, height)
        if found is None:
            return
        block, position = found
        before = block.blockFormat()
        after = QTextBlockFormat(before)
        after.setTopMargin(0)
        after.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
        before.setBottomMargin(0)
        with editing(doc):
            cursor = QTextCursor(block)
            cursor.setBlockFormat(before)
            cursor.setPosition(position)
            if position > block.position() and doc.characterAt(position - 1) == LINE_SEPARATOR:
                # The page breaks at a new line within the paragraph (an address block, a
                # letter's list): the block break takes its place. Kept, it would end the
                # first block with an empty line, which moves to the next page and is split
                # off again, and again, each time a page.
                cursor.deletePreviousChar()
            cursor.insertBlock(after, cursor.charFormat())


def paginate(doc: QTextDocument, keep: list[tuple[int, float]], height: float) -> None:
    """Mend ``doc``'s page breaks (pages ``height`` device pixels high): each block of
    ``keep`` (block number, room needed after it) with its next, table rows whole, and no
    paragraph spanning two pages as one block."""
    _Paginator(doc, keep, height).run()
    _no_repeated_headers(doc, height)
    split_spanning_paragraphs(doc, height)


def _no_repeated_headers(doc: QTextDocument, height: float) -> None:
    """Qt repeats a table's header rows on the next page whenever the table's frame reaches
    it, even when only the space below its last row does: the header is then drawn over
    whatever follows. Such a table needs no repeat: its rows all end on the earlier page."""
    layout = doc.documentLayout()
    spilling = []
    for table in _tables(doc):
        if not table.format().headerRowCount():
            continue
        frame = layout.frameBoundingRect(table)
        if _page(frame.top(), height) == _page(frame.bottom() - 1, height):
            continue  # on one page
        rows = _rows(table, doc)
        if rows and _page(rows[-1].bottom - 1, height) < _page(frame.bottom() - 1, height):
            spilling.append(table)
    if not spilling:  # an edit, even an empty one, would lay the document out again
        return
    with editing(doc):
        for table in spilling:
            fmt = table.format()
            fmt.setHeaderRowCount(0)
            table.setFormat(fmt)

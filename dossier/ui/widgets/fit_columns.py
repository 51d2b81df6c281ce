"""Columns of a list that fit its width: each as wide as its text when there is room,
the widest ones narrowed (their text elided, whole in the tooltip) when there is not, and
the last ones set aside while even their headings do not fit, so a list never needs
scrolling sideways to read its last column."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

__all__ = ["ColumnFitter", "fitted", "heading_width", "shared_limit"]

MOST_EMS = 28  # no column wider than this when it has the room
LEAST_EMS = 6  # nor narrower than this when it has to give way
MIN_SHOWN = 2  # columns kept however narrow the list


def heading_width(header: QHeaderView, column: int) -> int:
    """How wide ``column`` must be for its heading to show whole (with the sort mark)."""
    hint = header.sectionSizeHint(column)
    text = header.model().headerData(column, Qt.Orientation.Horizontal)
    if not isinstance(text, str):
        return hint
    style = header.style()
    needed = header.fontMetrics().horizontalAdvance(text) + 2 * style.pixelMetric(
        QStyle.PixelMetric.PM_HeaderMargin, None, header
    )
    if header.isSortIndicatorShown():
        needed += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return max(hint, needed)


def shared_limit(natural: list[int], available: int, least: int) -> int | None:
    """The widest any column may be so that all fit in ``available`` (columns narrower
    than it keep their width; none goes under ``least``); None when all fit as they are."""
    if sum(natural) <= available:
        return None
    ordered = sorted(natural)
    narrower = 0
    for index, width in enumerate(ordered):
        wider = len(ordered) - index  # columns from here on share what is left
        limit = (available - narrower) // wider
        if limit <= width:
            return max(least, limit)
        narrower += width
    return max(least, ordered[-1])


class ColumnFitter(QObject):
    """Keeps the columns of ``table`` fitted to its width as rows and width change."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # The stretched last column never goes under the default size: keep that small.
        header.setDefaultSectionSize(LEAST_EMS * table.fontMetrics().horizontalAdvance("m"))
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        model.rowsInserted.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        self._width = -1
        self._dropped: list[int] = []  # columns set aside for want of room

    def stretch(self, column: int) -> None:
        """``column`` (a title, say) takes the room left over instead of the last column."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return False

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        for column in self._dropped:  # room may have come back: try them all again
            table.setColumnHidden(column, False)
        self._dropped = []
        columns = [c for c in range(header.count()) if not table.isColumnHidden(c)]
        if not columns:
            return
        em = table.fontMetrics().horizontalAdvance("m")
        natural, headings = [], []
        for column in columns:
            heading = heading_width(header, column)
            wanted = max(table.sizeHintForColumn(column), heading)
            natural.append(min(wanted, MOST_EMS * em))
            headings.append(min(heading, natural[-1]))
        self._width = table.viewport().width()
        # Too narrow for every heading with a little room under it (large text, a narrow
        # window): the last columns step aside (the form beside the list shows all of a
        # record), rather than every column being cut to a few letters.
        least = LEAST_EMS * em
        while len(columns) > MIN_SHOWN and sum(max(h, least) for h in headings) > self._width:
            dropped = columns.pop()
            natural.pop()
            headings.pop()
            table.setColumnHidden(dropped, True)
            self._dropped.append(dropped)
        widths = fitted(natural, headings, self._width, em)
        if table.model().rowCount() == 0 and sum(headings) <= self._width:
            # Nothing listed yet: even columns, not a sliver beside one half the width.
            even = self._width // len(columns)
            spread = [max(even, heading) for heading in headings]
            widths = spread if sum(spread) <= self._width else widths
        for column, width in zip(columns, widths, strict=True):
            header.resizeSection(column, width)  # the last then stretches


def fitted(natural: list[int], headings: list[int], available: int, em: int) -> list[int]:
    """The columns' widths: ``natural`` when all fit, else the widest narrowed to a shared
    limit, but none narrower than its heading (a cell's text is elided, whole in its
    tooltip; a heading is not). When even the headings do not fit side by side, they are
    cut too: a list that scrolls sideways is worse."""
    if sum(headings) > available:
        headings = [0] * len(headings)
    widths = list(natural)
    pinned: set[int] = set()
    while True:
        free = [i for i in range(len(widths)) if i not in pinned]
        room = available - sum(widths[i] for i in pinned)
        limit = shared_limit([natural[i] for i in free], room, LEAST_EMS * em)
        for i in free:
            widths[i] = natural[i] if limit is None else min(natural[i], limit)
        under = [i for i in free if widths[i] < headings[i]]
        if not under:
            if sum(widths) > available and any(headings):  # the others' least is too much
                return fitted(natural, [0] * len(natural), available, em)
            return widths
        for i in under:
            widths[i] = headings[i]
            pinned.add(i)

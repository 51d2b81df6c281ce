"""Columns of a list that fit its width: each as wide as its text when there is room,
the widest ones narrowed (their text elided, whole in the tooltip) when there is not, so
a list never needs scrolling sideways to read its last column."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

__all__ = ["ColumnFitter", "fitted", "shared_limit"]

MOST_EMS = 28  # no column wider than this when it has the room
LEAST_EMS = 6  # nor narrower than this when it has to give way


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return False

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        columns = [c for c in range(header.count()) if not table.isColumnHidden(c)]
        if not columns:
            return
        em = table.fontMetrics().horizontalAdvance("m")
        natural, headings = [], []
        for column in columns:
            heading = header.sectionSizeHint(column)
            wanted = max(table.sizeHintForColumn(column), heading)
            natural.append(min(wanted, MOST_EMS * em))
            headings.append(min(heading, natural[-1]))
        self._width = table.viewport().width()
        for column, width in zip(columns, fitted(natural, headings, self._width, em), strict=True):
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

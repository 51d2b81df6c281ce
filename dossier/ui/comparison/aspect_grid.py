"""The comparison's grid: the opinions' names as fixed column heads, and below them, in a
scrolling area, the summary and one band of rows per aspect (:class:`.AspectRow`)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core import comparison as cmp
from ...core.i18n import tr
from .aspect_row import VERDICT_WIDTH, AspectRow, cell_min_width, wrapped
from .cells import column_html

if TYPE_CHECKING:
    from .actions import ComparisonActions


class AspectGrid(QObject):
    """``head`` (the column heads) and ``scroller`` (summary and aspects), placed by the view.

    The grid is built again only when the opinions compared change; otherwise each
    refresh writes the new words into the widgets already there.
    """

    def __init__(
        self, summary_box: QWidget, actions: ComparisonActions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = actions
        self.rows: dict[str, AspectRow] = {}
        self._shape: tuple[Any, ...] | None = None
        self.head = QWidget()
        self.head.setObjectName("comparisonHead")
        self.head_grid = QGridLayout(self.head)
        self.body = QWidget()
        self.body.setObjectName("comparisonBody")
        self.rows_host = QWidget()
        self.rows_host.setObjectName("comparisonRows")
        self.grid = QGridLayout(self.rows_host)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(9, 6, 9, 9)
        body.setSpacing(10)
        body.addWidget(summary_box)
        body.addWidget(self.rows_host, 1)
        for grid in (self.head_grid, self.grid):
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(0)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("comparisonScroll")
        self.scroller.setAccessibleName(tr("The aspects, opinion beside opinion"))
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setWidget(self.body)
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        self.head_grid.setContentsMargins(9, 0, 9 + bar, 0)
        self.grid.setContentsMargins(0, 0, 0, 0)

    def set_visible(self, visible: bool) -> None:
        self.head.setVisible(visible)
        self.scroller.setVisible(visible)

    def show_table(self, table: cmp.ComparisonTable) -> None:
        """Show ``table``: its column heads and every aspect's row."""
        shape = (table.comparison_id, tuple(c.opinion_id for c in table.columns))
        if shape != self._shape:
            self._build(table)
            self._shape = shape
        for n, column in enumerate(table.columns):
            head = self.head_grid.itemAtPosition(0, n)
            if head is not None and isinstance(head.widget(), QLabel):
                label = head.widget()
                assert isinstance(label, QLabel)
                label.setText(column_html(column))
        for row in table.rows:
            self.rows[row.aspect].update(table, row)

    def _build(self, table: cmp.ComparisonTable) -> None:
        for grid in (self.head_grid, self.grid):
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        n = len(table.columns)
        for column in range(n + 1):
            stretch = 1 if column < n else 0
            self.head_grid.setColumnStretch(column, stretch)
            self.grid.setColumnStretch(column, stretch)
            self.head_grid.setColumnMinimumWidth(column, cell_min_width(n) if column < n else 0)
            self.grid.setColumnMinimumWidth(column, cell_min_width(n) if column < n else 0)
        for column in range(n, 6):
            self.head_grid.setColumnStretch(column + 1, 0)
            self.grid.setColumnStretch(column + 1, 0)
        for column in range(n):
            head = wrapped(name=f"columnHead_{column}", rich=True)
            head.setContentsMargins(8, 4, 8, 6)
            head.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            head.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.head_grid.addWidget(head, 0, column)
            head.show()
        verdict_head = wrapped("<b>" + escape(tr("Your verdict and note")) + "</b>", rich=True)
        verdict_head.setFixedWidth(VERDICT_WIDTH)
        verdict_head.setContentsMargins(8, 4, 4, 6)
        verdict_head.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.head_grid.addWidget(verdict_head, 0, n)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        self.head_grid.addWidget(line, 1, 0, 1, n + 1)
        verdict_head.show()
        line.show()
        self.rows = {}
        for index, row in enumerate(table.rows):
            widgets = AspectRow(self.controller, row.aspect, n)
            self.rows[row.aspect] = widgets
            top = index * 2
            self.grid.addWidget(widgets.heading, top, 0, 1, n + 1)
            for column, cell in enumerate(widgets.cells):
                self.grid.addWidget(cell, top + 1, column, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(widgets.panel, top + 1, n, Qt.AlignmentFlag.AlignTop)
            for widget in widgets.widgets():
                widget.show()  # now, not when the layout gets to it
        self.grid.setRowStretch(len(table.rows) * 2, 1)

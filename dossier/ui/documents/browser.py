"""The Documents page's browser: the documents as thumbnails or as a list (one selection
shared by both), or, when there is nothing to show, a line saying why and what to do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..widgets.fit_columns import heading_width
from .document_model import DocumentModel
from .grid_delegate import GridDelegate
from .heading import heading

# What the list's columns are sized for at first (the title takes the rest).
_COLUMN_SAMPLES = (
    "",
    "00 Sept 0000",
    "Discharge summary",
    "Dr. Helena Martínez",
    "Breast cancer: mastect",
    "key result, x",
    "To bring",
    "Ukrainian",
)


class DocumentBrowser(QStackedWidget):
    """The grid of thumbnails, the list, or the empty view: one at a time."""

    def __init__(self, model: DocumentModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentBrowser")
        self.model = model
        self.mode = "grid"  # or "list"
        self.grid = self._make_grid()
        self.table = self._make_table()
        self._beside_reader = False
        self.table.viewport().installEventFilter(self)
        self.selection = self.grid.selectionModel()

        self.empty_title = heading("", 1.2)
        self.empty_title.setObjectName("documentsEmptyTitle")
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_button = QPushButton()
        self.empty_button.setObjectName("emptyAction")
        self.empty = QWidget()
        box = QVBoxLayout(self.empty)
        box.setContentsMargins(24, 24, 24, 24)
        box.addStretch(1)
        box.addWidget(self.empty_title)
        box.addWidget(self.empty_text)
        box.addSpacing(8)
        box.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)

        self.addWidget(self.grid)
        self.addWidget(self.table)
        self.addWidget(self.empty)

    def _make_grid(self) -> QListView:
        grid = QListView()
        grid.setObjectName("documentGrid")
        grid.setAccessibleName(tr("Documents as thumbnails"))
        grid.setViewMode(QListView.ViewMode.IconMode)
        grid.setResizeMode(QListView.ResizeMode.Adjust)
        grid.setMovement(QListView.Movement.Static)
        grid.setWrapping(True)
        grid.setUniformItemSizes(True)
        grid.setLayoutMode(QListView.LayoutMode.Batched)
        grid.setBatchSize(200)
        grid.setSpacing(2)
        grid.setMouseTracking(True)
        grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setItemDelegate(GridDelegate(grid))
        grid.setModel(self.model)
        grid.verticalScrollBar().setSingleStep(24)
        return grid

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("documentList")
        table.setAccessibleName(tr("Documents as a list"))
        table.setModel(self.model)
        table.setSelectionModel(self.grid.selectionModel())
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the rest
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        metrics = table.fontMetrics()
        for column, sample in enumerate(_COLUMN_SAMPLES):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        return table

    def set_beside_reader(self, beside: bool) -> None:
        """Beside an open document the list shows titles, and dates while there is room
        for both; closing the document brings the other columns back."""
        self._beside_reader = beside
        self.table.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if beside
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The columns that fit beside a title at least about twenty letters wide; the
        last ones step aside first (the details of the open document show them all)."""
        metrics = self.table.fontMetrics()
        room = self.table.viewport().width() - 20 * metrics.horizontalAdvance("m")
        if self._beside_reader:
            date_width = metrics.horizontalAdvance(_COLUMN_SAMPLES[1]) + 24
            self.table.setColumnHidden(1, room < date_width // 2)
            for column in range(2, self.model.columnCount()):
                self.table.setColumnHidden(column, True)
            return
        used = 0
        header = self.table.horizontalHeader()
        for column in range(1, self.model.columnCount()):
            sample = _COLUMN_SAMPLES[column] if column < len(_COLUMN_SAMPLES) else "x" * 12
            width = max(  # a heading longer in another language than the sample
                metrics.horizontalAdvance(sample) + 24,
                heading_width(header, column),
            )
            header.resizeSection(column, width)
            used += width
            self.table.setColumnHidden(column, column > 1 and used > room)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def active_view(self) -> QAbstractItemView:
        return self.table if self.mode == "list" else self.grid

    def scroll_to_current(self) -> None:
        """Bring the chosen document into sight, if one is chosen."""
        index = self.selection.currentIndex()
        if index.isValid():
            self.active_view().scrollTo(index)

    def one_column_width(self) -> int:
        """How wide the browser is with one column of thumbnails."""
        option = QStyleOptionViewItem()
        self.grid.initViewItemOption(option)
        tile = self.grid.itemDelegate().sizeHint(option, self.model.index(0, 0))
        scroll = self.grid.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return tile.width() + 2 * self.grid.spacing() + scroll + 2 * self.grid.frameWidth() + 6

    def show_view(self, can_import: bool) -> None:
        """The grid or list; or, with nothing shown, why: no documents yet (and, if
        ``can_import``, the button to add some) or filters that hide them all."""
        if self.model.rowCount() != 0:
            self.setCurrentWidget(self.active_view())
            return
        if self.model.total() == 0:
            self.empty_title.setText(tr("No documents yet"))
            self.empty_text.setText(
                tr(
                    "Add letters, results, reports and photos of your papers: drag the "
                    "files onto this window, or choose them."
                )
            )
            self.empty_button.setText(tr("Import files…"))
            self.empty_button.setEnabled(can_import)
        else:
            self.empty_title.setText(tr("No documents match these filters"))
            self.empty_text.setText(tr("Change the filters above, or show everything."))
            self.empty_button.setText(tr("Show all documents"))
            self.empty_button.setEnabled(True)
        self.setCurrentWidget(self.empty)

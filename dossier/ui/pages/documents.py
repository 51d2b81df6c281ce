"""Documents: every file of the dossier as thumbnails or a list, a viewer, and the details.

Import by button (or by dropping files on the window, see the main window): the
import runs on its own thread and reports each file in the import dialog. Picking a
document shows it in the viewer, with its details beside it to edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.importer.pipeline import ImportResult
from ...core.records import Change
from ...core.vault_read import StoredFileRefused, stored_state
from .. import tasks
from ..documents.document_form import DocumentForm
from ..documents.document_model import DocumentFilter, DocumentModel
from ..documents.external import file_name, open_with_system, save_copy, stored, temporary_copy
from ..documents.filter_bar import FilterBar
from ..documents.grid_delegate import GridDelegate
from ..documents.import_dialog import ImportDialog
from ..documents.import_worker import start_import
from ..documents.thumbnails import ThumbnailProvider, kind_word
from ..documents.viewer import DocumentViewer
from ..formatting import date_text
from ..read_only_notice import show_refusal
from ..session import Session
from ..settings import settings
from ..tasks import Task

FILE_TYPES = "*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG *.tif *.tiff *.TIF *.TIFF *.txt"
SHOW_DIALOG_AFTER_MS = 800  # a quick import that goes well needs no window at all
RELOAD_DURING_IMPORT_MS = 1000


def _heading(text: str, scale: float) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


class DocumentsPage(QWidget):
    imports_finished = Signal(object)  # list[ImportResult] of everything just imported
    document_shown = Signal(int)  # the id of the document now in the viewer

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbnails = ThumbnailProvider(session.dossier.vault, self)
        # Loaded when the page is first shown, so a large dossier opens as fast as a small one.
        self.model = DocumentModel(session, self.thumbnails, self, load=False)
        self.job: Task | None = None  # the import running now
        self._pending: list[Path] = []
        self._results: list[ImportResult] = []
        self._current_id: int | None = None
        self._want_page: int | None = None
        self.dialog: ImportDialog | None = None

        self._build_header()
        self._build_browser()
        self._build_details()
        self.viewer = DocumentViewer(session.dossier.vault)
        self.viewer.setObjectName("documentViewer")
        self.viewer.open_externally.connect(self.open_externally)
        self.viewer.loaded.connect(self._update_file_buttons)

        self.detail_splitter = QSplitter()
        self.detail_splitter.setObjectName("documentsDetailSplitter")
        self.detail_splitter.addWidget(self.viewer)
        self.detail_splitter.addWidget(self.details_scroll)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        self.detail_splitter.setCollapsible(0, False)
        self.detail_splitter.setCollapsible(1, False)
        self.doc_title = _heading("", 1.25)
        self.doc_title.setObjectName("documentTitle")
        self.doc_title.setWordWrap(True)
        self.doc_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeDocument")
        self.close_button.setToolTip(self.tr("Close this document and see all documents (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close this document"))
        self.close_button.clicked.connect(self.close_document)
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.doc_title, 1)
        title_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.reader = QWidget()
        self.reader.setObjectName("documentReader")
        reader = QVBoxLayout(self.reader)
        reader.setContentsMargins(4, 0, 0, 0)
        reader.addLayout(title_row)
        reader.addWidget(self.detail_splitter, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("documentsSplitter")
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.detail_splitter.setSizes([500, 330])
        self.reader.hide()
        self._reverting = False
        # Escape closes the document from the list and from the pages, not while typing.
        for widget in (self.viewer.pdf.view, self.viewer.image.view, self.viewer.text):
            widget.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(self.header)
        layout.addWidget(self.filters)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DURING_IMPORT_MS)
        self._reload_timer.timeout.connect(self.model.reload)
        self._dialog_timer = QTimer(self)
        self._dialog_timer.setSingleShot(True)
        self._dialog_timer.setInterval(SHOW_DIALOG_AFTER_MS)
        self.dialog_delay = self._dialog_timer  # tests lengthen it
        self._dialog_timer.timeout.connect(self._show_dialog_if_running)

        # While a document is open: one column of thumbnails, or a list wide enough for titles.
        self._browser_width = {"grid": self._one_column_width(), "list": 320}
        self.splitter.splitterMoved.connect(lambda *_: self._remember_browser_width())
        self.model.modelReset.connect(self._after_reset)
        self.model.removing.connect(self._before_row_removed)
        self.model.rowsRemoved.connect(self._after_rows_removed)
        session.changed.connect(self._after_change)
        self.filters.changed.connect(self._on_filter)
        self._refresh_choices()
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        view = settings().value("documents/view")
        self.set_view_mode("list" if view == "list" else "grid", remember=False)
        self._show(None)
        self._update_counts()

    # Building ----------------------------------------------------------------------
    def _build_header(self) -> None:
        title = _heading(self.tr("Documents"), 1.5)
        title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("documentCount")
        self.grid_button = QToolButton()
        self.grid_button.setText(self.tr("Thumbnails"))
        self.grid_button.setObjectName("gridView")
        self.grid_button.setAccessibleName(self.tr("Show documents as thumbnails"))
        self.list_button = QToolButton()
        self.list_button.setText(self.tr("List"))
        self.list_button.setObjectName("listView")
        self.list_button.setAccessibleName(self.tr("Show documents as a list"))
        self.view_group = QButtonGroup(self)
        for button in (self.grid_button, self.list_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
        self.grid_button.clicked.connect(lambda: self.set_view_mode("grid"))
        self.list_button.clicked.connect(lambda: self.set_view_mode("list"))
        self.import_button = QPushButton(self.tr("Import files…"))
        self.import_button.setObjectName("importFiles")
        self.import_button.setToolTip(
            self.tr("Add PDF files, photos, scans or text files. You can also drag them here.")
        )
        self.import_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton(self.tr("Import folder…"))
        self.import_folder_button.setObjectName("importFolder")
        self.import_folder_button.setToolTip(self.tr("Add every document in a folder"))
        self.import_folder_button.clicked.connect(self.choose_folder)
        if self.session.dossier.read_only is not None:  # as Dossier → Import files…
            for off in (self.import_button, self.import_folder_button):
                off.setEnabled(False)
                off.setToolTip(
                    self.tr(
                        "This dossier is open for reading only: the notice at the top says why."
                    )
                )

        self.header = QHBoxLayout()
        self.header.addWidget(title)
        self.header.addSpacing(8)
        self.header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        self.header.addStretch(1)
        self.header.addWidget(self.grid_button)
        self.header.addWidget(self.list_button)
        self.header.addSpacing(16)
        self.header.addWidget(self.import_button)
        self.header.addWidget(self.import_folder_button)

        self.filters = FilterBar()
        self.filters.setObjectName("documentFilters")

        self.notice = QLabel()
        self.notice.setObjectName("documentsNotice")
        self.notice.setWordWrap(True)
        self.show_progress_button = QPushButton()
        self.show_progress_button.setObjectName("showImportProgress")
        self.show_progress_button.clicked.connect(self._show_dialog)
        self.show_progress_button.hide()
        self.notice_bar = QWidget()
        bar = QHBoxLayout(self.notice_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.show_progress_button)
        self.notice_bar.hide()

    def _build_browser(self) -> None:
        self.grid = QListView()
        self.grid.setObjectName("documentGrid")
        self.grid.setAccessibleName(self.tr("Documents as thumbnails"))
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWrapping(True)
        self.grid.setUniformItemSizes(True)
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(200)
        self.grid.setSpacing(2)
        self.grid.setMouseTracking(True)
        self.grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setItemDelegate(GridDelegate(self.grid))
        self.grid.setModel(self.model)
        self.grid.verticalScrollBar().setSingleStep(24)

        self.table = QTableView()
        self.table.setObjectName("documentList")
        self.table.setAccessibleName(self.tr("Documents as a list"))
        self.table.setModel(self.model)
        self.table.setSelectionModel(self.grid.selectionModel())
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the rest
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(
            (
                "",
                "00 Sept 0000",
                "Discharge summary",
                "Dr. Helena Martínez",
                "Breast cancer: mastect",
                "key result, x",
                "To bring",
            )
        ):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.selection = self.grid.selectionModel()
        self.selection.currentRowChanged.connect(self._on_current)

        self.empty_title = _heading("", 1.2)
        self.empty_title.setObjectName("documentsEmptyTitle")
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_button = QPushButton()
        self.empty_button.setObjectName("emptyAction")
        self.empty_button.clicked.connect(self._empty_action)
        empty = QWidget()
        box = QVBoxLayout(empty)
        box.setContentsMargins(24, 24, 24, 24)
        box.addStretch(1)
        box.addWidget(self.empty_title)
        box.addWidget(self.empty_text)
        box.addSpacing(8)
        box.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.empty = empty

        self.browser = QStackedWidget()
        self.browser.setObjectName("documentBrowser")
        self.browser.addWidget(self.grid)
        self.browser.addWidget(self.table)
        self.browser.addWidget(self.empty)
        for view in (self.grid, self.table):
            view.installEventFilter(self)

    def _build_details(self) -> None:
        self.bring = QCheckBox(self.tr("Bring to the next consultation"))
        self.bring.setObjectName("bringToggle")
        self.bring.setToolTip(
            self.tr("Saved at once. Documents to bring are listed on the Overview page.")
        )
        font = QFont(self.bring.font())
        font.setBold(True)
        self.bring.setFont(font)
        self.bring.clicked.connect(self._on_bring)
        self.open_button = QPushButton(self.tr("Open in my usual viewer"))
        self.open_button.setObjectName("openExternally")
        self.open_button.clicked.connect(self.open_externally)
        self.save_copy_button = QPushButton(self.tr("Save a copy…"))
        self.save_copy_button.setObjectName("saveCopy")
        self.save_copy_button.clicked.connect(self.save_a_copy)
        self.trash_button = QPushButton(self.tr("Move to trash"))
        self.trash_button.setObjectName("moveToTrash")
        self.trash_button.clicked.connect(self.move_to_trash)
        self.form = DocumentForm(self.session)
        self.form.setObjectName("documentForm")
        self.form.heading.hide()  # the title is shown above the viewer
        form_layout = self.form.layout()
        if form_layout is not None:
            form_layout.setContentsMargins(0, 0, 0, 0)
        self.file_info = QLabel()
        self.file_info.setObjectName("fileInfo")
        self.file_info.setWordWrap(True)
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_info.setStyleSheet("color: palette(placeholder-text);")

        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.open_button)
        actions.addWidget(self.save_copy_button)
        actions.addStretch(1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        trash_row = QHBoxLayout()
        trash_row.setContentsMargins(0, 0, 0, 0)
        trash_row.addWidget(self.file_info, 1)
        trash_row.addWidget(self.trash_button, 0, Qt.AlignmentFlag.AlignTop)

        self.details = QWidget()
        self.details.setObjectName("documentDetails")
        column = QVBoxLayout(self.details)
        column.setContentsMargins(10, 4, 10, 10)
        column.addWidget(self.bring)
        column.addLayout(actions)
        column.addWidget(line)
        column.addWidget(self.form)
        column.addLayout(trash_row)
        column.addStretch(1)
        self.details_scroll = QScrollArea()
        self.details_scroll.setObjectName("documentDetailsScroll")
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setWidget(self.details)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setMinimumWidth(280)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete in the grid or list moves to the trash; Escape there or in the viewer closes."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched in (self.grid, self.table) and event.matches(
                QKeySequence.StandardKey.Delete
            ):
                self.move_to_trash()
                return True
            if event.key() == Qt.Key.Key_Escape and self._current_id is not None:
                self.close_document()
                return True
        return super().eventFilter(watched, event)

    # Views -------------------------------------------------------------------------
    def set_view_mode(self, mode: str, *, remember: bool = True) -> None:
        """ "grid" (thumbnails) or "list"."""
        self._view_mode = "list" if mode == "list" else "grid"
        self.grid_button.setChecked(self._view_mode == "grid")
        self.list_button.setChecked(self._view_mode == "list")
        if remember:
            settings().setValue("documents/view", self._view_mode)
        self._update_browser()
        current = self.selection.currentIndex()
        if current.isValid():
            self.active_view().scrollTo(current)

    def _one_column_width(self) -> int:
        option = QStyleOptionViewItem()
        self.grid.initViewItemOption(option)
        tile = self.grid.itemDelegate().sizeHint(option, self.model.index(0, 0))
        scroll = self.grid.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return tile.width() + 2 * self.grid.spacing() + scroll + 2 * self.grid.frameWidth() + 6

    def view_mode(self) -> str:
        return self._view_mode

    def active_view(self) -> QAbstractItemView:
        return self.table if self._view_mode == "list" else self.grid

    def _update_browser(self) -> None:
        if self.model.rowCount() == 0:
            if self.model.total() == 0:
                self.empty_title.setText(self.tr("No documents yet"))
                self.empty_text.setText(
                    self.tr(
                        "Add letters, results, reports and photos of your papers: drag the "
                        "files onto this window, or choose them."
                    )
                )
                self.empty_button.setText(self.tr("Import files…"))
                self.empty_button.setEnabled(self.session.dossier.read_only is None)
            else:
                self.empty_title.setText(self.tr("No documents match these filters"))
                self.empty_text.setText(self.tr("Change the filters above, or show everything."))
                self.empty_button.setText(self.tr("Show all documents"))
                self.empty_button.setEnabled(True)
            self.browser.setCurrentWidget(self.empty)
        else:
            self.browser.setCurrentWidget(self.active_view())

    def _empty_action(self) -> None:
        if self.model.total() == 0:
            self.choose_files()
        else:
            self.filters.clear()

    def _update_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            text = self.tr("%1 in this dossier").replace("%1", str(total))
        else:
            text = self.tr("showing %1 of %2").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text)
        self._update_browser()

    def _on_filter(self, value: DocumentFilter) -> None:
        self.model.set_filter(value)

    def _refresh_choices(self) -> None:
        cases = records.list_records(self.session.dossier, "case")
        self.filters.set_choices(cases, self.model.all_tags())

    # Selection ---------------------------------------------------------------------
    def current_record(self) -> dict[str, Any] | None:
        """The document open in the viewer (it may be hidden from the list by a filter)."""
        return self.model.find(self._current_id) if self._current_id is not None else None

    def current_document_id(self) -> int | None:
        return self._current_id

    def showEvent(self, event: QShowEvent) -> None:
        self.model.ensure_loaded()
        super().showEvent(event)

    def select_document(self, document_id: int) -> bool:
        """Select (and show) a document; clears the filters if they hide it."""
        self.model.ensure_loaded()
        row = self.model.row_of(document_id)
        if row is None and self.model.known(document_id):
            self.filters.clear()
            row = self.model.row_of(document_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.active_view().scrollTo(index)
        return True

    def open_document(self, document_id: int, page: int | None = None) -> None:
        """Show a document in the viewer, at ``page`` (from 1) of a PDF if given."""
        if document_id == self._current_id and self.current_record() is not None:
            if page is not None:
                self.viewer.go_to_page(page)
            return
        self._want_page = page
        if not self.select_document(document_id):
            self._want_page = None
            self.show_notice(
                self.tr("This document is no longer in the dossier. It may be in the trash.")
            )

    def show_document(self, document_id: int) -> None:
        """The same as :meth:`open_document` without a page (used by the Cases page)."""
        self.open_document(document_id)

    def close_document(self) -> None:
        """Back to all documents (unsaved details are saved first)."""
        if self._current_id is None or not self._leave_current():
            return
        self._reverting = True
        self.selection.clear()
        self.selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self._reverting = False
        self._show(None)
        self.active_view().setFocus()

    def _leave_current(self) -> bool:
        """Save what was typed in the details before another document is shown."""
        if self._current_id is None or not self.form.is_dirty():
            return True
        if self.form.save() is not None:
            return True
        self.show_notice(
            self.tr("Please correct the details of this document first; they are not saved yet.")
        )
        return False

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        record = self.model.record(current.row()) if current.isValid() else None
        page, self._want_page = self._want_page, None
        if record is not None and record["id"] == self._current_id:
            self._refresh_details(record)
            if page is not None:
                self.viewer.go_to_page(page)
            return
        if not self._leave_current():
            self._reverting = True  # stay on the document whose details need correcting
            self.selection.setCurrentIndex(
                previous,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._reverting = False
            return
        if record is None:
            return  # the selection went away (a filter, a reload): keep showing the document
        self._show(record, page)

    def _show(self, record: dict[str, Any] | None, page: int | None = None) -> None:
        self._current_id = record["id"] if record is not None else None
        was_open = self.reader.isVisible()
        self.reader.setVisible(record is not None)
        if record is not None and not was_open:
            total = max(600, sum(self.splitter.sizes()))
            browser = min(self._browser_width.get(self._view_mode, 300), total // 2)
            self.splitter.setSizes([browser, total - browser])
            QTimer.singleShot(0, self._scroll_to_current)
        if record is None:
            self.viewer.show_document(None)
            self.form.set_record(None)
            self.bring.setChecked(False)
            self.file_info.clear()
            self.doc_title.clear()
            return
        self.viewer.show_document(record, page)
        self.form.set_record(record)
        self._refresh_details(record)
        self.document_shown.emit(record["id"])

    def _scroll_to_current(self) -> None:
        index = self.selection.currentIndex()
        if index.isValid():
            self.active_view().scrollTo(index)

    def _remember_browser_width(self) -> None:
        if self.reader.isVisible():
            self._browser_width[self._view_mode] = self.splitter.sizes()[0]

    def _refresh_details(self, record: dict[str, Any]) -> None:
        self.bring.setChecked(bool(record.get("bring")))
        if not self.form.is_dirty():
            self.form.set_record(record)
        self.doc_title.setText(record.get("title") or "")
        self.file_info.setText(self._file_info(record))

    def _file_info(self, record: dict[str, Any]) -> str:
        parts = [kind_word(record.get("media_type"))]
        pages = record.get("page_count")
        if record.get("media_type") == "application/pdf" and pages:
            parts.append(self.tr("pages: %1").replace("%1", str(pages)))
        if record.get("size"):
            parts.append(QLocale().formattedDataSize(int(record["size"])))
        if record.get("encrypted"):
            parts.append(self.tr("protected with a password"))
        lines = [" · ".join(parts)]
        if record.get("original_name"):
            lines.append(self.tr("Original file: %1").replace("%1", record["original_name"]))
        if record.get("created_at"):
            lines.append(self.tr("Added on %1").replace("%1", date_text(record["created_at"])))
        return "\n".join(lines)

    def _before_row_removed(self, row: int) -> None:
        current = self.selection.currentIndex()
        if current.isValid() and current.row() == row:
            self._reverting = True  # do not jump to the neighbour that takes its place

    def _after_rows_removed(self) -> None:
        if self._reverting:
            self.selection.clear()
            self.selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            self._reverting = False
            if self._current_id is not None and not self.model.known(self._current_id):
                self._show(None)  # gone to the trash; a filter only hides it from the list
        self._update_counts()

    def _after_reset(self) -> None:
        self._update_counts()
        self._refresh_choices()
        if self._current_id is None:
            return
        row = self.model.row_of(self._current_id)
        if row is None:
            if not self.model.known(self._current_id):  # gone from the dossier
                self._show(None)
            return  # hidden by a filter: stays open
        index = self.model.index(row, 0)
        self.selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _after_change(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if "case" in touched or "document" in touched:
            self._refresh_choices()
        if change.entity != "document":
            record = self.current_record()
            if "case" in touched and record is not None and not self.form.is_dirty():
                self.form.set_record(record)
            return
        if change.action in ("created", "restored") and change.after is not None:
            self.select_document(change.id)
        elif change.id == self._current_id:
            if change.after is None or change.after.get("deleted_at"):
                self._reverting = True
                self.selection.clear()
                self.selection.setCurrentIndex(
                    QModelIndex(), QItemSelectionModel.SelectionFlag.Clear
                )
                self._reverting = False
                self._show(None)
            else:
                self.viewer.record = dict(change.after)
                self._refresh_details(change.after)
        self._update_counts()

    # Editing -----------------------------------------------------------------------
    def _on_bring(self, checked: bool) -> None:
        record = self.current_record()
        if record is None:
            return
        document_id = record["id"]

        def refused(error: DossierError) -> None:
            self.bring.setChecked(not checked)
            self.show_notice(error.message)

        self.session.apply(
            lambda d: records.update(d, "document", document_id, {"bring": checked}), refused
        )

    def move_to_trash(self) -> None:
        record = self.current_record()
        if record is None:
            return
        document_id, title = record["id"], record.get("title") or ""
        deleted = self.session.apply(
            lambda d: records.delete(d, "document", document_id),
            lambda error: self.show_notice(error.message),
        )
        if deleted is None:
            return
        self.show_notice(
            self.tr("“%1” was moved to the trash. To take it back, use Undo (Ctrl+Z).").replace(
                "%1", title
            )
        )

    # Files -------------------------------------------------------------------------
    def _update_file_buttons(self) -> None:
        """A file the viewer does not show (missing, replaced by a link, damaged) is not
        offered to another program or as a copy either: the viewer says why."""
        usable = self.viewer.refused is None
        for button in (self.open_button, self.save_copy_button):
            button.setEnabled(usable)
            button.setToolTip(
                "" if usable else self.tr("The file cannot be used: the viewer says why.")
            )

    def _file_usable(self, record: dict[str, Any]) -> bool:
        """True when the document's file can be handed out; else a notice says why."""
        try:
            sha, size = stored(record)
            refused = stored_state(self.session.dossier.vault, sha, size)
        except StoredFileRefused as exc:
            refused = exc
        if refused is None:
            return True
        if refused.problem == "missing":
            self.show_notice(self.tr("This document's file is missing from the dossier folder."))
        elif refused.problem == "replaced":
            self.show_notice(
                self.tr(
                    "This document's file in the dossier folder has been replaced by a link "
                    "(or by something that is not an ordinary file), so it is not handed out. "
                    "Check the dossier to see what to do."
                )
            )
        else:
            self.show_notice(self.tr("This document's file is damaged: it is not what was stored."))
        return False

    def open_externally(self) -> None:
        """Open a checked copy of the current document in the program the system uses for its
        type (never the vault file itself, and nothing that is not what was stored)."""
        record = self.current_record()
        if record is None or not self._file_usable(record):
            return
        vault = self.session.dossier.vault
        self._copy(lambda _task: temporary_copy(vault, record), self._opened_copy)

    def _opened_copy(self, path: Path) -> None:
        if not open_with_system(path):
            self.show_notice(
                self.tr("No program was found to open this file. Use “Save a copy…” instead.")
            )

    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the document"), str(suggested)
        )
        return Path(chosen) if chosen else None

    def save_a_copy(self) -> None:
        record = self.current_record()
        if record is None or not self._file_usable(record):
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        target = self.ask_save_path(Path(folder) / file_name(record))
        if target is None:
            return
        vault = self.session.dossier.vault
        self._copy(lambda _task: save_copy(vault, record, target), self._saved_copy)

    def _copy(self, work: Callable[[Task], Path], done: Callable[[Path], None]) -> None:
        """Copy the document's file off the UI thread (a large file takes a moment)."""
        tasks.start(work, done=done, failed=self._copy_failed, owner=self, name="copy")

    def _saved_copy(self, path: Path) -> None:
        self.show_notice(self.tr("A copy was saved as %1").replace("%1", str(path)))

    def _copy_failed(self, error: BaseException) -> None:
        if isinstance(error, StoredFileRefused):
            self.show_notice(self.tr("No copy was made. %1").replace("%1", error.message))
            return
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.show_notice(self.tr("The copy could not be made (%1).").replace("%1", reason))

    def show_notice(self, text: str, *, button: str = "") -> None:
        """A calm line under the filters; ``button`` names the button that opens the import list."""
        self.notice.setText(text)
        self.show_progress_button.setText(button)
        self.show_progress_button.setVisible(bool(button))
        self.notice_bar.setVisible(bool(text))

    # Import ------------------------------------------------------------------------
    def ask_files(self) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose the files to add"),
            str(Path.home()),
            self.tr("Documents (%1);;All files (*)").replace("%1", FILE_TYPES),
        )
        return [Path(n) for n in names]

    def ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder to add"), str(Path.home())
        )
        return Path(folder) if folder else None

    def choose_files(self) -> None:
        if not self._refused():
            self.import_files(self.ask_files())

    def choose_folder(self) -> None:
        folder = None if self._refused() else self.ask_folder()
        if folder is not None:
            self.import_files([folder])

    def _refused(self) -> bool:
        """On a dossier open for reading only, say why (before any file is chosen)."""
        read_only = self.session.dossier.read_only
        if read_only is not None:
            show_refusal(self, read_only.refusal, read_only)
        return read_only is not None

    def import_files(self, paths: Sequence[Path]) -> None:
        """Add files (and the files in folders) to the dossier, off the UI thread."""
        paths = [Path(p) for p in paths]
        if not paths or self._refused():
            return
        if self.job is not None:  # one import at a time: these follow the current one
            self._pending.extend(paths)
            self._show_dialog()
            return
        self._results = []
        self._start(paths, keep_results=False)

    def importing(self) -> bool:
        return self.job is not None

    def _start(self, paths: list[Path], *, keep_results: bool) -> None:
        dialog = self._ensure_dialog()
        job = start_import(
            self.session.dossier.path,
            paths,
            step=self._on_import_step,
            done=self._on_import_done,
            failed=self._on_import_failed,
            owner=self,
        )
        dialog.follow(job, keep_results=keep_results)
        self.job = job
        self.show_notice(self.tr("Adding files to the dossier…"), button=self.tr("Show progress"))
        if dialog.isVisible():
            dialog.raise_()
        else:
            self._dialog_timer.start()

    def _ensure_dialog(self) -> ImportDialog:
        if self.dialog is None:
            self.dialog = ImportDialog(self)
            self.dialog.show_document.connect(self.open_document)
        return self.dialog

    def _show_dialog_if_running(self) -> None:
        if self.job is not None:
            self._show_dialog()

    def _show_dialog(self) -> None:
        dialog = self._ensure_dialog()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _on_import_step(self, done: int, total: int, result: ImportResult | None) -> None:
        self._ensure_dialog().show_step(done, total, result)
        if result is None:  # the files are counted: the dialog says how many
            return
        self.show_notice(
            self.tr("Adding files to the dossier: %1 of %2")
            .replace("%1", str(done))
            .replace("%2", str(total)),
            button=self.tr("Show progress"),
        )
        if result.status == "imported" and not self._reload_timer.isActive():
            self._reload_timer.start()

    def _on_import_failed(self, message: str, results: list[ImportResult]) -> None:
        self._ensure_dialog().show_failure(message)
        self._on_import_done(results)

    def _on_import_done(self, results: list[ImportResult]) -> None:
        self._ensure_dialog().show_end(results)
        self.job = None
        self._results.extend(results)
        self._reload_timer.stop()
        if self._pending:
            paths, self._pending = self._pending, []
            self._start(paths, keep_results=True)
            return
        self._dialog_timer.stop()
        self.session.notify_reloaded()
        self._refresh_choices()
        added = [r for r in self._results if r.status == "imported"]
        troubled = any(r.status != "imported" for r in self._results)
        dialog = self._ensure_dialog()
        if troubled or dialog.failure:
            self._show_dialog()
        self.show_notice(
            self.tr("Finished adding files. %1").replace("%1", dialog.status.text())
            if self._results
            else dialog.heading.text(),
            button=self.tr("Show the list") if troubled or dialog.failure else "",
        )
        if added and self._current_id is None and added[0].document_id is not None:
            self.select_document(added[0].document_id)
        results_now, self._results = self._results, []
        self.imports_finished.emit(results_now)

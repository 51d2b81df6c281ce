"""Documents: every file of the dossier as thumbnails or a list, a viewer, and the details.

Import by button (or by dropping files on the window, see the main window): the
import runs on its own thread and reports each file in the import dialog. Picking a
document shows it in the viewer, with its details beside it to edit.

The page puts together its parts (:mod:`dossier.ui.documents`): the header, the filters,
the notice bar, the browser (thumbnails or list) and the reader (viewer and details), with
the imports and the open document's actions. What follows here is which document is open,
and how the page follows changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core import records
from ...core.i18n import tr
from ...core.importer.pipeline import ImportResult
from ...core.records import Change
from ..documents.browser import DocumentBrowser
from ..documents.document_actions import DocumentActions
from ..documents.document_model import DocumentModel
from ..documents.filter_bar import FilterBar
from ..documents.imports import DocumentImports
from ..documents.list_menu import DocumentMenu
from ..documents.notice_bar import NoticeBar
from ..documents.page_header import DocumentsHeader
from ..documents.page_splitter import BrowserAndReader
from ..documents.reader import DocumentReader
from ..documents.rename import RenameDialog, start_rename
from ..documents.thumbnails import ThumbnailProvider
from ..session import Session
from ..settings import settings

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class DocumentsPage(QWidget):
    imports_finished = Signal(object)  # list[ImportResult] of everything just imported
    document_shown = Signal(int)  # the id of the document now in the viewer

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbnails = ThumbnailProvider(session.dossier.vault, self)
        # Loaded when the page is first shown, so a large dossier opens as fast as a small one.
        self.model = DocumentModel(session, self.thumbnails, self, load=False)
        self._current_id: int | None = None
        self._want_page: int | None = None
        self._reverting = False

        self.header = DocumentsHeader(session.dossier.read_only is not None)
        self.filters = FilterBar()
        self.filters.setObjectName("documentFilters")
        self.notice_bar = NoticeBar()
        self.browser = DocumentBrowser(self.model)
        self.reader = DocumentReader(session)
        self.imports = DocumentImports(session, self, self.model, self.notice_bar)
        self.document_actions = DocumentActions(
            session, self, self.current_record, self.reader.details, self.notice_bar
        )
        self.grid, self.table = self.browser.grid, self.browser.table
        self.selection = self.browser.selection
        self.viewer, self.form = self.reader.viewer, self.reader.details.form
        self.rename_dialog: RenameDialog | None = None
        actions = self.document_actions
        self.document_menu = DocumentMenu(
            (self.grid, self.table),
            choose=self._choose_for_menu,
            rename=self.rename_current,
            open_externally=actions.open_externally,
            save_copy=actions.save_a_copy,
            move_to_trash=actions.move_to_trash,
            writable=lambda: session.dossier.read_only is None,
            parent=self,
        )

        self.splitter = BrowserAndReader(self.browser, self.reader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.filters)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.splitter, 1)

        # Delete in the grid or list moves to the trash; Escape there or in the viewer closes.
        for widget in (self.grid, self.table, self.viewer.pdf.view, self.viewer.image.view):
            widget.installEventFilter(self)
        self.viewer.text.installEventFilter(self)
        self.header.view_chosen.connect(self.set_view_mode)
        self.header.import_button.clicked.connect(self.imports.choose_files)
        self.header.import_folder_button.clicked.connect(self.imports.choose_folder)
        self.browser.empty_button.clicked.connect(self._empty_action)
        self.selection.currentRowChanged.connect(self._on_current)
        self.reader.close_button.clicked.connect(self.close_document)
        self.viewer.open_externally.connect(self.document_actions.open_externally)
        self.imports.show_document.connect(self.open_document)
        self.imports.finished.connect(self._after_import)
        self.model.modelReset.connect(self._after_reset)
        self.model.removing.connect(self._before_row_removed)
        self.model.rowsRemoved.connect(self._after_rows_removed)
        self.model.rowsInserted.connect(self._update_counts)
        session.changed.connect(self._after_change)
        self.filters.changed.connect(self.model.set_filter)
        self._refresh_choices()
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        view = settings().value("documents/view")
        self.set_view_mode("list" if view == "list" else "grid", remember=False)
        self._show(None)
        self._update_counts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the grid or list, Delete moves to the trash, F2 renames, the menu key shows the
        document's menu; Escape there or in the viewer closes."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched in (self.grid, self.table) and event.matches(
                QKeySequence.StandardKey.Delete
            ):
                self.document_actions.move_to_trash()
                return True
            if watched in (self.grid, self.table) and event.key() == Qt.Key.Key_F2:
                self.rename_current()
                return True
            if watched in (self.grid, self.table) and event.key() == Qt.Key.Key_Menu:
                self.document_menu.show_for_current(self.browser.active_view())
                return True
            if event.key() == Qt.Key.Key_Escape and self._current_id is not None:
                self.close_document()
                return True
        return super().eventFilter(watched, event)

    # Views -------------------------------------------------------------------------
    def set_view_mode(self, mode: str, *, remember: bool = True) -> None:
        """ "grid" (thumbnails) or "list"."""
        self.browser.mode = "list" if mode == "list" else "grid"
        self.header.show_mode(self.browser.mode)
        if remember:
            settings().setValue("documents/view", self.browser.mode)
        self.browser.show_view(can_import=self.session.dossier.read_only is None)
        self.browser.scroll_to_current()

    def view_mode(self) -> str:
        return self.browser.mode

    def _empty_action(self) -> None:
        if self.model.total() == 0:
            self.imports.choose_files()
        else:
            self.filters.clear()

    def _update_counts(self) -> None:
        self.header.show_count(self.model.rowCount(), self.model.total())
        self.browser.show_view(can_import=self.session.dossier.read_only is None)

    def _refresh_choices(self) -> None:
        cases = records.list_records(self.session.dossier, "case")
        self.filters.set_choices(cases, self.model.all_tags())

    # Import ------------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> None:
        """Add files (and the files in folders) to the dossier, off the UI thread."""
        self.imports.import_files(paths)

    def _after_import(self, results: list[ImportResult]) -> None:
        self._refresh_choices()
        added = [r for r in results if r.status == "imported"]
        if added and self._current_id is None and added[0].document_id is not None:
            self.select_document(added[0].document_id)
        self.imports_finished.emit(results)

    # Renaming ----------------------------------------------------------------------
    def rename_current(self) -> None:
        """Ask for a new title for the open document (F2, or Rename… in its menu)."""
        record = self.current_record() if self._leave_current() else None  # saved first
        if record is not None:
            self.rename_dialog = start_rename(
                self.session, record, self, self.notice_bar.show_notice, self._renamed
            )

    def _renamed(self) -> None:
        self.rename_dialog = None
        self.browser.scroll_to_current()
        self.window().activateWindow()  # back to the list, keys and all
        self.browser.active_view().setFocus()

    def _choose_for_menu(self, index: QModelIndex) -> bool:
        """Open the document at ``index`` (for its menu); False when it could not be (the
        open one's details need correcting first)."""
        record = self.model.record(index.row())
        if record["id"] != self._current_id:
            self.selection.setCurrentIndex(self.model.index(index.row(), 0), _SELECT)
        return bool(self._current_id == record["id"])

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
        self.selection.setCurrentIndex(index, _SELECT)
        self.browser.active_view().scrollTo(index)
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
            self.notice_bar.show_notice(
                tr("This document is no longer in the dossier. It may be in the trash.")
            )

    def show_document(self, document_id: int) -> None:
        """The same as :meth:`open_document` without a page (used by the Cases page)."""
        self.open_document(document_id)

    def close_document(self) -> None:
        """Back to all documents (unsaved details are saved first)."""
        if self._current_id is None or not self._leave_current():
            return
        self._clear_selection()
        self._show(None)
        self.browser.active_view().setFocus()

    def _clear_selection(self) -> None:
        """No row chosen, and the document shown stays until the caller says otherwise."""
        self._reverting = True
        self.selection.clear()
        self.selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        self._reverting = False

    def _leave_current(self) -> bool:
        """Save what was typed in the details before another document is shown."""
        if self._current_id is None or not self.form.is_dirty():
            return True
        if self.form.save() is not None:
            return True
        self.notice_bar.show_notice(
            tr("Please correct the details of this document first; they are not saved yet.")
        )
        return False

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        record = self.model.record(current.row()) if current.isValid() else None
        page, self._want_page = self._want_page, None
        if record is not None and record["id"] == self._current_id:
            self.reader.refresh(record)
            if page is not None:
                self.viewer.go_to_page(page)
            return
        if not self._leave_current():
            self._reverting = True  # stay on the document whose details need correcting
            self.selection.setCurrentIndex(previous, _SELECT)
            self._reverting = False
            return
        if record is None:
            return  # the selection went away (a filter, a reload): keep showing the document
        self._show(record, page)

    def _show(self, record: dict[str, Any] | None, page: int | None = None) -> None:
        self._current_id = record["id"] if record is not None else None
        if self.splitter.show_reader(record is not None):
            QTimer.singleShot(0, self.browser.scroll_to_current)
        if record is None:
            self.reader.clear()
            return
        self.reader.show_record(record, page)
        self.document_shown.emit(record["id"])

    # Following the model and the dossier ------------------------------------------
    def _before_row_removed(self, row: int) -> None:
        current = self.selection.currentIndex()
        if current.isValid() and current.row() == row:
            self._reverting = True  # do not jump to the neighbour that takes its place

    def _after_rows_removed(self) -> None:
        if self._reverting:
            self._clear_selection()
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
        self.selection.setCurrentIndex(self.model.index(row, 0), _SELECT)

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
                self._clear_selection()
                self._show(None)
            else:
                self.viewer.record = dict(change.after)
                self.reader.refresh(change.after)
        self._update_counts()

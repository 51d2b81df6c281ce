"""A PDF on screen (QtPdf): pages, zoom, and find in the document with next and previous."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import is_right_to_left, tr
from ...reports.memory_files import MemoryFile
from ..widgets.flow_layout import FlowLayout

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0


def tool_button(text: str, tip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setObjectName(name)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(False)
    return button


class PdfPane(QWidget):
    """Shows one PDF at a time. Page numbers in this API count from 1, as people do."""

    page_changed = Signal(int)
    find_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(tr("Document pages"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._on_page)
        self._find_index = -1
        self._wanted_result = 0  # waiting for the first result of a new search
        self._held: MemoryFile | None = None  # the PDF shown, when it is in memory only

        # Right to left, "previous" sits on the right and points there (as Qt mirrors its own).
        back, on = ("›", "‹") if is_right_to_left() else ("‹", "›")
        self.previous_button = tool_button(back, tr("Previous page"), "previousPage")
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = tool_button(on, tr("Next page"), "nextPage")
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pageNumber")
        self.page_box.setAccessibleName(tr("Page number"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(self.go_to_page)
        self.page_count = QLabel()
        page_label = QLabel(tr("Page"))
        page_label.setBuddy(self.page_box)

        self.zoom_out_button = tool_button("−", tr("Zoom out"), "zoomOut")
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = tool_button("+", tr("Zoom in"), "zoomIn")
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.fit_width_button = tool_button(
            tr("Fit width"), tr("Fit the page to the width"), "fitWidth"
        )
        self.fit_width_button.clicked.connect(
            lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitToWidth)
        )
        self.fit_page_button = tool_button(tr("Whole page"), tr("Show the whole page"), "fitPage")
        self.fit_page_button.clicked.connect(
            lambda: self.set_zoom_mode(QPdfView.ZoomMode.FitInView)
        )

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findInDocument")
        self.find_edit.setPlaceholderText(tr("Find in this document"))
        self.find_edit.setAccessibleName(tr("Find in this document"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self._on_find_return)
        self.find_edit.textChanged.connect(self.find_text)
        self.find_previous_button = tool_button("▲", tr("Previous match"), "findPrevious")
        self.find_previous_button.clicked.connect(self.find_previous)
        self.find_next_button = tool_button("▼", tr("Next match"), "findNext")
        self.find_next_button.clicked.connect(self.find_next)
        self.find_status = QLabel()
        self.find_status.setObjectName("findStatus")
        self.search.countChanged.connect(self._on_results)

        turning = QWidget()  # kept on one line: ‹ Page [2] of 5 ›
        pages = QHBoxLayout(turning)
        pages.setContentsMargins(0, 0, 0, 0)
        pages.addWidget(self.previous_button)
        pages.addWidget(page_label)
        pages.addWidget(self.page_box)
        pages.addWidget(self.page_count)
        pages.addWidget(self.next_button)
        controls = FlowLayout()  # the zoom goes to a next line when the pane is narrow
        controls.addWidget(turning)
        controls.addWidget(self.zoom_out_button)
        controls.addWidget(self.zoom_in_button)
        controls.addWidget(self.fit_width_button)
        controls.addWidget(self.fit_page_button)
        finding = QHBoxLayout()
        finding.setContentsMargins(0, 0, 0, 0)
        finding.addWidget(self.find_edit, 1)
        finding.addWidget(self.find_previous_button)
        finding.addWidget(self.find_next_button)
        finding.addWidget(self.find_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(controls)
        layout.addLayout(finding)
        layout.addWidget(self.view, 1)
        self._update_controls()

    # Loading ---------------------------------------------------------------------
    def load(self, path: Path | str, *, held: MemoryFile | None = None) -> QPdfDocument.Error:
        """Open ``path``; QtPdf reads pages lazily, so this is quick even for long files.
        ``held``: the file in memory that ``path`` names, kept while it is shown and let
        go when another is opened or the document closed."""
        self.find_edit.blockSignals(True)
        self.find_edit.clear()
        self.find_edit.blockSignals(False)
        self.search.setSearchString("")
        self._find_index = -1
        error = self.document.load(str(path))  # the document shown before is closed
        self._hold(held)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()
        if error == QPdfDocument.Error.None_:
            self.go_to_page(1)
        return error

    def close_document(self) -> None:
        self.search.setSearchString("")
        self.document.close()
        self._hold(None)
        self._update_controls()

    def _hold(self, held: MemoryFile | None) -> None:
        """Keep ``held`` (the file in memory now open), letting go of the one before: the
        document that read it is closed."""
        before, self._held = self._held, held
        if before is not None and before is not held:
            before.release()

    # Pages -----------------------------------------------------------------------
    def page_total(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.navigator.currentPage()) + 1

    def go_to_page(self, page: int) -> None:
        total = self.page_total()
        if total == 0:
            return
        page = max(1, min(total, page))
        self.navigator.jump(page - 1, QPointF(), self.navigator.currentZoom())
        self._update_controls()

    def _on_page(self, _index: int) -> None:
        self._update_controls()
        self.page_changed.emit(self.current_page())

    # Zoom ------------------------------------------------------------------------
    def effective_zoom(self) -> float:
        """The zoom factor as shown, also when the page is fitted to the window."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_total() == 0:
            return float(self.view.zoomFactor())
        size = self.document.pagePointSize(max(0, self.current_page() - 1))
        dpi = self.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        room_w = self.view.viewport().width() - margins.left() - margins.right()
        room_h = self.view.viewport().height() - margins.top() - margins.bottom()
        if size.width() <= 0 or size.height() <= 0:
            return 1.0
        fit_w = room_w / (size.width() * dpi)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return max(ZOOM_MIN, fit_w)
        return max(ZOOM_MIN, min(fit_w, room_h / (size.height() * dpi)))

    def zoom_by(self, factor: float) -> None:
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, self.effective_zoom() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)
        self._update_controls()

    def set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self._update_controls()

    # Find ------------------------------------------------------------------------
    def find_text(self, text: str) -> None:
        """Look for ``text`` in every page; the first match is shown as soon as it is found."""
        self._find_index = -1
        self._wanted_result = 0
        self.search.setSearchString(text.strip())
        self._on_results()

    def result_count(self) -> int:
        return int(self.search.count()) if self.search.searchString() else 0

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _on_find_return(self) -> None:
        self._step(1)

    def _step(self, direction: int) -> None:
        count = self.result_count()
        if count == 0:
            return
        self._wanted_result = -1
        self.show_result((self._find_index + direction) % count)

    def show_result(self, index: int) -> None:
        link = self.search.resultAtIndex(index)
        self._find_index = index
        self.view.setCurrentSearchResultIndex(index)
        location = QPointF(max(0.0, link.location().x() - 40), max(0.0, link.location().y() - 60))
        self.navigator.jump(link.page(), location, self.navigator.currentZoom())
        self._update_find_status()
        self.find_changed.emit()

    def current_result(self) -> int:
        """Which match is shown, from 1; 0 when none."""
        return self._find_index + 1

    def _on_results(self) -> None:
        if self._wanted_result == 0 and self.result_count() > 0:
            self._wanted_result = -1
            self.show_result(0)
            return
        self._update_find_status()
        self.find_changed.emit()

    def _update_find_status(self) -> None:
        text = self.search.searchString()
        count = self.result_count()
        if not text:
            self.find_status.setText("")
        elif count == 0:
            self.find_status.setText(tr("Not found"))
        else:
            self.find_status.setText(
                # Translators: which of the places found is shown: "2 of 5".
                tr("{number} of {count}", number=max(1, self._find_index + 1), count=count)
            )
        self.find_previous_button.setEnabled(count > 1)
        self.find_next_button.setEnabled(count > 1)

    def _update_controls(self) -> None:
        total = self.page_total()
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if total else 0, max(total, 0))
        self.page_box.setValue(self.current_page() if total else 0)
        self.page_box.blockSignals(False)
        self.page_count.setText(  # Translators: after the page number box: "[ 3 ] of 12".
            tr("of {count}", count=total)
        )
        self.previous_button.setEnabled(total > 0 and self.current_page() > 1)
        self.next_button.setEnabled(total > 0 and self.current_page() < total)
        self._update_find_status()

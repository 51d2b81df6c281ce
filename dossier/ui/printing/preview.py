"""The print preview: the rendered PDF in a QPdfView, with Save as PDF (then a bar saying
where it went, to open it or its folder) and Print."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.atomic_write import write_beside
from ...core.i18n import tr
from ...reports.memory_files import MemoryFile
from ..widgets.saved_file_bar import SavedFileBar
from .runner import remove_folder

MAX_PRINT_DPI = 300  # pages are rasterised at the printer's resolution, up to this
ZOOM_STEP = 1.25


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of ``document`` on ``printer``; the number of pages printed.

    Each page is rendered at the printer's resolution (at most ``MAX_PRINT_DPI``) and drawn
    on the whole sheet, centred and scaled to fit: the PDF already carries its margins.
    Works with a PDF-format printer, so it can be tested without a printer or a dialog.
    """
    pages = document.pageCount()
    if pages <= 0:
        return 0
    printer.setFullPage(True)
    first = document.pagePointSize(0)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
            QPageLayout.Orientation.Portrait
            if first.height() >= first.width()
            else QPageLayout.Orientation.Landscape,
            printer.pageLayout().margins(),
        )
    )
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for index in range(pages):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            scale = min(sheet.width() / size.width(), sheet.height() / size.height())
            w, h = size.width() * scale, size.height() * scale
            target = QRectF(
                QPointF(
                    sheet.left() + (sheet.width() - w) / 2, sheet.top() + (sheet.height() - h) / 2
                ),
                QRectF(0, 0, w, h).size(),
            )
            painter.drawImage(target, image)
    finally:
        painter.end()
    return pages


def safe_file_name(text: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', " ", text).strip(" .")
    return (name or "report")[:120] + ".pdf"


class PreviewWindow(QMainWindow):
    """Shows the PDF at ``path`` (owned: its folder is removed when the window closes), or
    the PDF made in memory (a protected dossier's: shown from memory, written only where
    the person saves it)."""

    def __init__(
        self,
        path: Path | bytes,
        title: str,
        *,
        paper: str = "a4",
        file_name: str = "",
        owns_folder: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf: bytes | None = path if isinstance(path, bytes) else None
        self.path: Path | None = None if isinstance(path, bytes) else Path(path)
        self._held = MemoryFile(path, suffix=".pdf") if isinstance(path, bytes) else None
        self.paper = paper
        self.file_name = file_name or safe_file_name(title)
        self._owns_folder = owns_folder and self.path is not None
        self.setWindowTitle(tr("Preview: {title}", title=title))

        self.document = QPdfDocument(self)
        self.document.load(self._held.name if self._held is not None else str(self.path))
        self.view = QPdfView()
        self.view.setObjectName("previewView")
        self.view.setAccessibleName(tr("Pages of the report"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)  # a whole sheet, as on paper
        self.view.setPageSpacing(16)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)

        self.page_label = QLabel()
        self.page_label.setObjectName("previewPages")
        self.page_label.setAccessibleName(tr("Page count"))
        self.zoom_out_button = self._button("zoomOut", tr("Zoom out"), self.zoom_out)
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = self._button("zoomIn", tr("Zoom in"), self.zoom_in)
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.fit_width_button = self._button("fitWidth", tr("Fit width"), self.fit_width)
        self.whole_page_button = self._button("wholePage", tr("Whole page"), self.whole_page)
        self.save_button = self._button("savePdf", tr("Save as PDF…"), self.save_as)
        self.print_button = self._button("print", tr("Print…"), self.print_dialog)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.close_button = self._button("closePreview", tr("Close"), self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.page_label)
        bar.addSpacing(12)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.whole_page_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(button)
        self.print_button.setDefault(True)
        self.saved_bar = SavedFileBar()  # where a saved copy went, with Open, Show in folder
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.saved_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.resize(1000, 800)
        self._update_page_label()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # Pages and zoom ----------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def _update_page_label(self, *_args: object) -> None:
        pages = self.page_count()
        current = self.view.pageNavigator().currentPage() + 1 if pages else 0
        if pages == 1:
            self.page_label.setText(tr("1 page"))
        else:
            self.page_label.setText(tr("Page {current} of {pages}", current=current, pages=pages))

    def _zoom_by(self, factor: float) -> None:
        zoom = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, zoom * factor)))

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def whole_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # Save and print ------------------------------------------------------------------
    def save_to(self, target: Path) -> Path:
        """Copy the rendered PDF to ``target`` (``.pdf`` added when missing)."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        data = self.pdf if self.pdf is not None else self.path.read_bytes() if self.path else b""
        return write_beside(target, data, mode=0o644)  # never through a link

    def save_as(self) -> Path | None:
        """Ask where, save there, and say where it went (with Open and Show in folder)."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Save as PDF"),
            str(Path.home() / self.file_name),
            tr("PDF files (*.pdf)"),
        )
        if not name:
            return None
        try:
            saved = self.save_to(Path(name))
        except OSError as exc:
            QMessageBox.warning(
                self,
                tr("Save as PDF"),
                tr(
                    "The PDF could not be saved to {path}: {reason}",
                    path=name,
                    reason=exc.strerror or str(exc),
                ),
            )
            return None
        self.saved_bar.show_saved(saved)
        return saved

    def new_printer(self) -> QPrinter:
        from ...reports.layout import PAPERS

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(PAPERS.get(self.paper, QPageSize.PageSizeId.A4)))
        printer.setDocName(self.file_name.removesuffix(".pdf"))
        return printer

    def print_to(self, printer: QPrinter) -> int:
        return print_pdf(self.document, printer)

    def print_dialog(self) -> None:
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Print"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except OSError as exc:
            QMessageBox.warning(
                self,
                tr("Print"),
                tr("Printing did not work: {reason}", reason=str(exc)),
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.document.close()
        if self._held is not None:
            self._held.release()  # the document that read it is closed
        if self._owns_folder and self.path is not None:
            remove_folder(self.path.parent)
        super().closeEvent(event)

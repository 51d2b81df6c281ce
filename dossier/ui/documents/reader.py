"""The open document: its title with a Close button, the viewer, and its details beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...core.i18n import tr
from ..session import Session
from .details_panel import DocumentDetails
from .heading import heading
from .viewer import DocumentViewer


class DocumentReader(QWidget):
    """The document shown: title, viewer and details; hidden while none is open."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentReader")
        self.details = DocumentDetails(session)
        self.viewer = DocumentViewer(session.dossier.vault)
        self.viewer.setObjectName("documentViewer")
        self.viewer.loaded.connect(
            lambda: self.details.set_file_usable(self.viewer.refused is None)
        )

        self.detail_splitter = QSplitter()
        self.detail_splitter.setObjectName("documentsDetailSplitter")
        self.detail_splitter.addWidget(self.viewer)
        self.detail_splitter.addWidget(self.details)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        self.detail_splitter.setCollapsible(0, False)
        self.detail_splitter.setCollapsible(1, False)
        self.doc_title = heading("", 1.25)
        self.doc_title.setObjectName("documentTitle")
        self.doc_title.setWordWrap(True)
        self.doc_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setObjectName("closeDocument")
        self.close_button.setToolTip(tr("Close this document and see all documents (Esc)"))
        self.close_button.setAccessibleName(tr("Close this document"))
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.doc_title, 1)
        title_row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        # How the text of the page on screen came to be, when it was recognised on a scan.
        self.reading_note = QLabel()
        self.reading_note.setObjectName("pageReadingNote")
        self.reading_note.setWordWrap(True)
        self.reading_note.setStyleSheet("color: palette(placeholder-text);")
        self.reading_note.hide()
        self.viewer.pdf.page_changed.connect(self._show_reading_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.reading_note)
        layout.addWidget(self.detail_splitter, 1)
        self.detail_splitter.setSizes([500, 330])

    def show_record(self, record: dict[str, Any], page: int | None = None) -> None:
        """Show another document, at ``page`` (from 1) of a PDF if given."""
        self.viewer.show_document(record, page)
        self.details.form.set_record(record)
        self.refresh(record)

    def refresh(self, record: dict[str, Any]) -> None:
        """The same document, changed: what was typed and not saved yet stays."""
        self.details.show_record(record)
        self.doc_title.setText(record.get("title") or "")
        self._show_reading_note(self.viewer.current_page())

    def _show_reading_note(self, page: int | None) -> None:
        note = self.details.page_text.page_note(page)
        self.reading_note.setText(note)
        self.reading_note.setVisible(bool(note))

    def clear(self) -> None:
        self.viewer.show_document(None)
        self.details.clear()
        self._show_reading_note(None)
        self.doc_title.clear()

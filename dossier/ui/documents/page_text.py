"""A document's recognised text in its details: how it was read, and the person's hand on
it: correct the text of the page on screen, or read the document again in other languages.
The page on screen says the same above the viewer (:meth:`PageText.page_note`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.ocr.summary import PageReading, document_note, document_readings, page_note
from .reading_languages import LanguageChecks

if TYPE_CHECKING:
    from ..session import Session


class PageText(QWidget):
    """The details' part about recognised text; hidden for a document read from its file."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageText")
        self.session = session
        self.document_id: int | None = None
        self.page = 1
        self.readings: dict[int, PageReading] = {}
        self.note = QLabel()
        self.note.setObjectName("recognisedTextNote")
        self.note.setWordWrap(True)
        self.correct_button = QPushButton(tr("Correct this page's text…"))
        self.correct_button.setObjectName("correctPageText")
        self.correct_button.setToolTip(
            tr("Type what the page says where it was read wrongly; it is kept as you write it.")
        )
        self.again_button = QPushButton(tr("Read the text again…"))
        self.again_button.setObjectName("readTextAgain")
        self.again_button.setToolTip(
            tr("Read this document's pages again, in the languages you choose.")
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addLayout(buttons)
        self.correct_button.clicked.connect(self.correct)
        self.again_button.clicked.connect(self.read_again)
        self.hide()

    def show_document(self, record: dict[str, Any] | None) -> None:
        self.document_id = int(record["id"]) if record else None
        self.refresh()

    def refresh(self) -> None:
        if self.document_id is None:
            self.readings = {}
        else:
            self.readings = document_readings(self.session.dossier, self.document_id)
        self.note.setText(document_note(self.readings))
        writable = self.session.dossier.read_only is None
        self.correct_button.setEnabled(writable)
        self.again_button.setEnabled(writable)
        self.setVisible(bool(self.readings))

    def page_note(self, page: int | None) -> str:
        """What to say above the viewer about ``page`` (from 1; None: a single page)."""
        self.page = page or 1
        return page_note(self.readings.get(self.page))

    def correct(self) -> None:
        if self.document_id is None:
            return
        dialog = CorrectTextDialog(self.session, self.document_id, self.page, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.notify_reloaded()

    def read_again(self) -> None:
        if self.document_id is None:
            return
        from ...core.ocr.queue import queue_again
        from ...core.ocr.settings import document_languages

        record = self.session.dossier.db.execute(
            "SELECT language FROM document WHERE id = ?", [self.document_id]
        ).fetchone()
        chosen = document_languages(self.session.dossier, record[0] if record else None)
        dialog = ReadAgainDialog(chosen, self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            queue_again(
                self.session.dossier,
                document_id=self.document_id,
                languages=dialog.checks.chosen(),
                redo=True,
            )
        except DossierError as exc:
            QMessageBox.warning(self, tr("Read the text again"), exc.message)
            return
        self.session.notify_reloaded()  # the reading starts; the details say it waits


class CorrectTextDialog(QDialog):
    """The text of one page, to correct by hand; kept as typed, never read over again."""

    def __init__(self, session: Session, document_id: int, page: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("correctTextDialog")
        self.session, self.document_id, self.page = session, document_id, page
        self.setWindowTitle(tr("Correct the text of page {page}", page=page))
        row = session.dossier.db.execute(
            "SELECT text FROM document_page WHERE document_id = ? AND page = ?",
            [document_id, page],
        ).fetchone()
        intro = QLabel(
            tr(
                "Change what was read wrongly, such as a name or a number. Your text is "
                "what search finds, and reading the page again never replaces it."
            )
        )
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit(str(row[0]) if row else "")
        self.editor.setObjectName("pageTextEditor")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.editor, 1)
        column.addWidget(buttons)
        self.resize(640, 520)

    def accept(self) -> None:
        from ...core.ocr.queue import correct_page

        try:
            correct_page(
                self.session.dossier, self.document_id, self.page, self.editor.toPlainText()
            )
        except DossierError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        super().accept()


class ReadAgainDialog(QDialog):
    """Which languages to read a document's pages in again."""

    def __init__(self, chosen: tuple[str, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("readAgainDialog")
        self.setWindowTitle(tr("Read the text again"))
        self.setMinimumWidth(440)  # its explanation in a few lines, not a narrow column
        intro = QLabel(
            tr(
                "The pages are read again in the languages ticked here. Text you corrected "
                "by hand is kept."
            )
        )
        intro.setWordWrap(True)
        self.checks = LanguageChecks(chosen)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Read again"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.checks.changed.connect(
            lambda: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(self.checks.chosen())
            )
        )
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.checks)
        column.addWidget(buttons)


__all__ = ["CorrectTextDialog", "PageText", "ReadAgainDialog"]

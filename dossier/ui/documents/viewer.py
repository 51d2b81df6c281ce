"""The viewer beside the document list: a PDF, a picture or a text, or a calm message.

PDFs open with QtPdf (it reads pages lazily, so opening is quick); pictures and
texts are read on a worker thread, so a large photo never freezes the window.
Every file is read through the vault's checked reader (:mod:`dossier.core.vault_read`):
a PDF from the descriptor of a regular file of the vault of the recorded size (never
through a link), a picture or a text read whole and compared with its SHA-256 too. A
file that is missing, replaced by a link (or a pipe, a folder…) or damaged gets a calm
message instead.

Nothing of a document is written anywhere to show it. A picture is decoded from memory
(:mod:`dossier.reports.memory_files`). In a dossier protected with a passphrase the PDF
is read whole, checked and decrypted on a worker thread, and QtPdf reads it from memory
too, for as long as it is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QImage, QImageReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ...core.importer import sniff
from ...core.vault import Vault
from ...core.vault_read import StoredFileRefused, open_stored, read_stored, stored_chunks
from ...reports.memory_files import MemoryFile, memory_file
from .. import tasks
from ..tasks import Task
from .image_view import ImagePane
from .pdf_view import PdfPane


def descriptor_path(fd: int) -> Path | None:
    """A name that opens the very file ``fd`` is open on (``/proc/self/fd/N`` on Linux,
    ``/dev/fd/N`` on a Mac), so a reader that takes only a name (QtPdf, which must not be
    given a device made in Python: see :mod:`dossier.reports.memory_files`) reads the
    checked file even if its name in the vault were changed meanwhile. None where there is
    no such name (Windows): the name in the vault, just checked, is used."""
    for candidate in (Path(f"/proc/self/fd/{fd}"), Path(f"/dev/fd/{fd}")):
        if os.path.exists(candidate):
            return candidate
    return None


T = TypeVar("T")
MAX_PICTURE_SIDE = 8192  # bigger pictures are shown scaled down to this
MAX_TEXT_BYTES = 8 * 1024 * 1024


def read_picture(vault: Vault, sha256: str, size: int) -> QImage:
    """Decode a stored picture upright (EXIF orientation), scaled down if it is huge. It is
    read whole and checked (SHA-256 compared, decrypted in a protected dossier), and Qt's
    reader on this worker thread reads it from memory by a name of its own: never from a
    device made in Python (see :mod:`dossier.reports.memory_files`), never from a copy."""
    with memory_file(read_stored(vault, sha256, size)) as name:
        return _decoded(name)


def read_pdf(vault: Vault, sha256: str, size: int) -> MemoryFile:
    """A stored PDF read whole, checked and decrypted (a protected dossier's), held in
    memory for QtPdf; the caller releases it once the document is closed."""
    return MemoryFile(stored_chunks(vault, sha256, size), size=size, suffix=".pdf")


def _decoded(name: str) -> QImage:
    reader = QImageReader(name)
    try:
        reader.setAutoTransform(True)
        pixels = reader.size()
        if pixels.isValid() and max(pixels.width(), pixels.height()) > MAX_PICTURE_SIDE:
            reader.setScaledSize(
                pixels.scaled(
                    QSize(MAX_PICTURE_SIDE, MAX_PICTURE_SIDE), Qt.AspectRatioMode.KeepAspectRatio
                )
            )
        image = reader.read()
        if image.isNull():
            raise ValueError(reader.errorString())
        return image
    finally:
        reader.setDevice(None)  # type: ignore[arg-type]  # its file closed before its memory goes


def read_text(vault: Vault, sha256: str, size: int) -> str:
    """A stored text: whole and checked when it is shown whole, else its beginning (of a
    regular file of the vault, of the recorded size)."""
    if size <= MAX_TEXT_BYTES:
        data = read_stored(vault, sha256, size)
    else:
        with open_stored(vault, sha256, size) as handle:
            data = handle.read(MAX_TEXT_BYTES)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


class DocumentViewer(QWidget):
    """``show_document(record, page)`` shows a document record from the core."""

    open_externally = Signal()  # "Open in my usual viewer" on a message
    loaded = Signal()  # the document (or its message) is on screen

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.record: dict[str, Any] | None = None
        self.mode = "empty"  # empty, pdf, image, text, message
        self.refused: str | None = None  # the file's problem when it is not shown (missing…)
        self._generation = 0

        self.pdf = PdfPane()
        self.image = ImagePane()
        self.text = QPlainTextEdit()
        self.text.setObjectName("textView")
        self.text.setAccessibleName(tr("Document text"))
        self.text.setReadOnly(True)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(font)

        self.message_title = QLabel()
        self.message_title.setObjectName("viewerMessageTitle")
        self.message_title.setWordWrap(True)
        self.message_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = QFont(self.message_title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.message_title.setFont(title_font)
        self.message_text = QLabel()
        self.message_text.setObjectName("viewerMessage")
        self.message_text.setWordWrap(True)
        self.message_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_button = QPushButton(tr("Open in my usual viewer"))
        self.message_button.setObjectName("viewerOpenExternally")
        self.message_button.clicked.connect(self.open_externally.emit)
        message = QWidget()
        box = QVBoxLayout(message)
        box.setContentsMargins(32, 32, 32, 32)
        box.addStretch(1)
        box.addWidget(self.message_title)
        box.addWidget(self.message_text)
        box.addSpacing(12)
        box.addWidget(self.message_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.message_page = message

        self.stack = QStackedWidget()
        for widget in (message, self.pdf, self.image, self.text):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_document(None)

    # Showing -----------------------------------------------------------------------
    def show_document(self, record: Mapping[str, Any] | None, page: int | None = None) -> None:
        self._generation += 1
        self.record = dict(record) if record is not None else None
        self.refused = None
        if record is None:
            self._release()
            self._message(
                tr("Choose a document"),
                tr("Click a document on the left to read it here."),
            )
            return
        sha, size = record.get("sha256"), record.get("size")
        try:
            if not isinstance(sha, str) or not isinstance(size, int):
                raise StoredFileRefused("missing")
            handle = open_stored(self.vault, sha, size)  # quick: no byte is read here
        except StoredFileRefused as exc:
            self._release()
            self._refused(exc)
            return
        media_type = record.get("media_type") or ""
        if media_type == sniff.PDF:
            encrypted = bool(record.get("encrypted"))
            if self.vault.cipher is not None and not encrypted:
                handle.close()  # a protected dossier's: read whole and decrypted in memory
                self._show_pdf_in_memory(sha, size, page)
                return
            self._show_pdf(handle, sha, encrypted, page)
            return
        handle.close()  # the worker opens it again, and reads it whole
        if media_type.startswith("image/"):
            self._show_picture(sha, size)
        elif media_type.startswith("text/"):
            self._show_text(sha, size)
        else:
            self._release()
            self._message(
                tr("This file cannot be shown here"),
                tr("You can open it in the program you usually use for it."),
                button=True,
            )

    def current_page(self) -> int | None:
        return self.pdf.current_page() if self.mode == "pdf" else None

    def go_to_page(self, page: int) -> None:
        if self.mode == "pdf":
            self.pdf.go_to_page(page)

    def _show_pdf(self, handle: BinaryIO, sha: str, encrypted: bool, page: int | None) -> None:
        self.image.set_image(None)
        self.text.clear()
        if encrypted:
            handle.close()
            self.pdf.close_document()
            self._locked()
            return
        with handle:  # QtPdf opens the checked file itself, by its descriptor where it can
            error = self.pdf.load(descriptor_path(handle.fileno()) or self.vault.path_for(sha))
        self._opened_pdf(error, page)

    def _show_pdf_in_memory(self, sha: str, size: int, page: int | None) -> None:
        """A protected dossier's PDF: read whole, checked and decrypted on a worker thread,
        then shown from memory (nothing of it is written anywhere)."""
        self.image.set_image(None)
        self.text.clear()
        self.pdf.close_document()
        self.stack.setCurrentWidget(self.pdf)  # empty until it is read
        generation = self._generation

        def done(held: MemoryFile) -> None:
            if generation != self._generation:
                held.release()  # another document was chosen meanwhile
                return
            self._opened_pdf(self.pdf.load(held.name, held=held), page)

        vault = self.vault
        self._load(lambda _task: read_pdf(vault, sha, size), done, generation)

    def _opened_pdf(self, error: QPdfDocument.Error, page: int | None) -> None:
        if error == QPdfDocument.Error.IncorrectPassword:
            self._locked()
            return
        if error != QPdfDocument.Error.None_:
            self._message(
                tr("This PDF cannot be shown here"),
                tr("It may open in the program you usually use for PDF files."),
                button=True,
            )
            return
        self.mode = "pdf"
        self.stack.setCurrentWidget(self.pdf)
        if page is not None:
            self.pdf.go_to_page(page)
        self.loaded.emit()

    def _locked(self) -> None:
        self._message(
            tr("This PDF is protected with a password"),
            tr(
                "It is safely kept in your dossier, but it cannot be shown here. "
                "Open it in your usual PDF viewer and type its password there."
            ),
            button=True,
        )

    def _show_picture(self, sha: str, size: int) -> None:
        self.pdf.close_document()
        self.text.clear()
        self.image.set_image(None)
        self.mode = "image"
        self.stack.setCurrentWidget(self.image)
        generation = self._generation

        def done(image: QImage) -> None:
            if generation == self._generation:
                self.image.set_image(image)
                self.loaded.emit()

        vault = self.vault
        self._load(lambda _task: read_picture(vault, sha, size), done, generation)

    def _show_text(self, sha: str, size: int) -> None:
        self.pdf.close_document()
        self.image.set_image(None)
        self.text.clear()
        self.mode = "text"
        self.stack.setCurrentWidget(self.text)
        generation = self._generation

        def done(text: str) -> None:
            if generation == self._generation:
                self.text.setPlainText(text)
                self.loaded.emit()

        vault = self.vault
        self._load(lambda _task: read_text(vault, sha, size), done, generation)

    def _load(self, read: Callable[[Task], T], done: Callable[[T], None], generation: int) -> None:
        """Read the file off the UI thread (one at a time); ``done`` with what was read."""
        tasks.start(
            read,
            done=done,
            failed=self._failed(generation),
            owner=self,
            name="viewer",
            lane=tasks.VIEWER,
        )

    def _failed(self, generation: int) -> Any:
        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            if isinstance(error, StoredFileRefused):
                self._release()
                self._refused(error)
            else:
                self._message(
                    tr("This file cannot be shown here"),
                    tr("You can open it in the program you usually use for it."),
                    button=True,
                )

        return failed

    def _refused(self, refused: StoredFileRefused) -> None:
        """The message for a file that is missing, replaced by a link, or damaged."""
        self.refused = refused.problem
        if refused.problem == "missing":
            self._message(
                tr("The file is missing"),
                tr(
                    "This document's file is not in the dossier folder. If you still have "
                    "the original file, add it again (Import files…): it goes back in its "
                    "place. Otherwise, a backup made before it went missing may still hold it."
                ),
            )
        elif refused.problem == "replaced":
            self._message(
                tr("This file is not shown"),
                tr(
                    "This document's file in the dossier folder has been replaced by a link, "
                    "or by something that is not an ordinary file. The program never opens "
                    "links. Check the dossier (Dossier → Check the dossier…) to see what to do."
                ),
            )
        else:
            self._message(
                tr("The file is damaged"),
                tr(
                    "This document's file is no longer what was stored. If you still have "
                    "the original file, add it again (Import files…): it takes the damaged "
                    "one's place. Otherwise, a backup made before the damage may still hold it."
                ),
            )

    def _release(self) -> None:
        self.pdf.close_document()
        self.image.set_image(None)
        self.text.clear()

    def _message(self, title: str, text: str, *, button: bool = False) -> None:
        self.mode = "message" if self.record is not None else "empty"
        self.message_title.setText(title)
        self.message_text.setText(text)
        self.message_button.setVisible(button)
        self.stack.setCurrentWidget(self.message_page)
        self.loaded.emit()

"""Pictures and text files made into pages for the packet (:mod:`.packet_pdf`).

Each picture (every frame of a TIFF) gets a page of its own, fitted and turned upright; a
wide picture is turned a quarter, top to the left, when that prints it larger, as wide
PDF pages are (:func:`dossier.core.pdfpages.turns_to_fit`). A text file is laid out in a
fixed-width type like a report. The image libraries' own complaints about a damaged
picture are kept off the terminal (:mod:`.quiet_stderr`): the stand-in page says it.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QFont, QImage, QImageReader, QPainter, QTransform

from ..core.i18n import ntr, tr
from ..core.importer import sniff
from ..core.locale_format import number
from ..core.pdfpages import EDGE_PT, turns_to_fit
from ..core.reports import packet_plan as plan_module
from ..core.reports.model import Footer, Report
from .layout import body_rect, build_document, new_writer, page_pixels, paint_document
from .memory_files import MemoryFile
from .quiet_stderr import quiet_stderr

IMAGE_DPI = 200  # images are scaled down to this resolution on the page
MAX_TEXT_CHARS = 1_000_000  # of a text file: about 250 pages
LONG_LINE = 200  # longer lines of a text file are broken before Qt lays them out


class Unusable(Exception):
    """A document the packet cannot include: ``reason`` for its stand-in page, ``problem``
    for the contents page (:func:`dossier.core.reports.packet_plan.short_reason`)."""

    def __init__(self, reason: str, problem: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.problem = problem


def image_pages(content: bytes, media: str) -> bytes:
    """Each image (every frame of a TIFF) on its own page, fitted, turned upright.

    A picture larger than Qt will decode (256 MB) gets the stand-in page at once.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, "a4")
    painter = QPainter(writer)
    # Qt reads the checked bytes from memory, by a name of their own: in the window this
    # runs on a worker thread, where a device made in Python must not be read (each read
    # would wait for Python's lock while holding Qt's), and nothing of a document is ever
    # written to a temporary file (a protected dossier's is decrypted in memory only).
    held = MemoryFile(content)
    reader = QImageReader(held.name, _QT_FORMATS[media])  # no guessing among decoders
    reader.setAutoTransform(True)
    page = page_pixels("a4")
    room = QRectF(EDGE_PT * 300 / 72, EDGE_PT * 300 / 72, page.width() - 2 * EDGE_PT * 300 / 72,
                  page.height() - 2 * EDGE_PT * 300 / 72)  # fmt: skip
    count = 0
    try:
        with quiet_stderr():
            while True:
                size, limit = reader.size(), QImageReader.allocationLimit() << 20  # 0: none
                if limit and size.width() * size.height() * 4 > limit:
                    raise Unusable(
                        tr("Its picture is too large to print; it is in the dossier."), "unsafe"
                    )
                image = reader.read()
                if image.isNull():
                    break
                if count:
                    writer.newPage()
                count += 1
                _draw_fitted(painter, image, room)
                if not reader.jumpToNextImage():
                    break
    finally:
        painter.end()
        reader.setDevice(None)  # type: ignore[arg-type]  # its file closed before its memory goes
        del reader
        held.release()
    del writer
    buffer.close()
    if count == 0:
        raise Unusable(plan_module.reason_damaged(), "damaged")
    return bytes(data.data())


_QT_FORMATS = {sniff.JPEG: b"jpeg", sniff.PNG: b"png", sniff.TIFF: b"tiff"}


def _draw_fitted(painter: QPainter, image: QImage, room: QRectF) -> None:
    """``image`` as large as fits in ``room``, centred; a wide one turned a quarter (top to
    the left) when it is larger so, at most :data:`IMAGE_DPI` dots an inch."""
    turn = turns_to_fit(image.width(), image.height(), room.width(), room.height(), cap=False)
    iw, ih = (image.height(), image.width()) if turn else (image.width(), image.height())
    scale = min(room.width() / iw, room.height() / ih)
    w, h = iw * scale, ih * scale
    most = room.width() * IMAGE_DPI / 300, room.height() * IMAGE_DPI / 300
    if iw > most[0] or ih > most[1]:
        fit = (int(most[1]), int(most[0])) if turn else (int(most[0]), int(most[1]))
        image = image.scaled(*fit, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    if turn:
        image = image.transformed(QTransform().rotate(-90))  # counter-clockwise
    target = QRectF(
        room.left() + (room.width() - w) / 2, room.top() + (room.height() - h) / 2, w, h
    )
    painter.drawImage(target, image)


def printable_text(text: str) -> str:
    """A text file as it is printed: at most :data:`MAX_TEXT_CHARS` (with a word saying the
    rest is not printed), and very long lines broken first, because laying out a line of a
    megabyte takes Qt minutes (a file of short lines takes about a second a megabyte)."""
    rest = len(text) - MAX_TEXT_CHARS
    if rest > 0:
        text = (
            text[:MAX_TEXT_CHARS]
            + "\n\n"
            + ntr(
                "[The rest of this file, {count} more character, is in the dossier but not "
                "printed here.]",
                "[The rest of this file, {count} more characters, is in the dossier but not "
                "printed here.]",
                rest,
                count=number(rest),
            )
        )
    lines = text.split("\n")
    if all(len(line) <= LONG_LINE for line in lines):
        return text
    return "\n".join(
        "\n".join(textwrap.wrap(line, LONG_LINE // 2, drop_whitespace=False)) or line
        if len(line) > LONG_LINE
        else line
        for line in lines
    )


def text_pages(text: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, "a4")
    rect = body_rect("a4")
    empty = Report(kind="text", title="", footer=Footer("", "", "", ""))
    doc = build_document(empty, rect.width(), rect.height(), writer)
    font = QFont("DejaVu Sans Mono")
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setPlainText(text)
    paint_document(doc, writer, "a4", None)
    del writer
    buffer.close()
    return bytes(data.data())

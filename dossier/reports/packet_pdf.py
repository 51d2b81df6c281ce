"""The consultation packet as one PDF: brief, question sheet and the documents to bring.

Every part becomes pages of the chosen paper size. A document page is wrapped, untouched,
as a form XObject and scaled to fit above the footer band (its content stream is copied,
never parsed, so large documents stay fast); images are placed on their own pages and text
files are laid out like a report. A file that is missing, damaged or protected by a
password is replaced by a page saying so. Stored files are read only through the vault's
checked reader: a file replaced by a link (or a pipe, a folder, other content) gets the
page saying so, and nothing of what it points to reaches the packet. A PDF is judged as
its import judged it (:func:`dossier.core.importer.pdf_judge.judge_pdf`), which copies its
pages (with :func:`dossier.core.pdfpages.fit_page`) as it judges them. Finally a footer
(name, date of birth, date printed, "page N of M") drawn by Qt for every page is stamped
on each page, and each part gets a bookmark.
"""

from __future__ import annotations

import io
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject, RectangleObject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

from ..core.atomic_write import AtomicWriter
from ..core.i18n import tr
from ..core.importer import sniff
from ..core.importer.pdf_judge import judge_pdf
from ..core.pdfpages import (
    EDGE_PT,
    PageTooLarge,
    content_stream,
    fit_page,
    form_xobject,
    quiet_pypdf,
)
from ..core.reports import packet_plan as plan_module
from ..core.reports.dates import DateFormatter, long_date
from ..core.reports.model import Footer, Report
from ..core.reports.packet_plan import DocumentPart, PacketPlan, ReportPart
from ..core.vault_read import StoredFileRefused, read_stored
from .layout import (
    DPI,
    MARGIN_MM,
    MM,
    body_rect,
    build_document,
    ensure_app,
    new_writer,
    page_pixels,
    paint_document,
    paint_footer,
    paint_piece,
    render_report,
)

IMAGE_DPI = 200  # images are scaled down to this resolution on the page
MAX_TEXT_CHARS = 1_000_000  # of a text file: about 250 pages
LONG_LINE = 200  # longer lines of a text file are broken before Qt lays them out


@dataclass
class PacketResult:
    pages: int
    bookmarks: list[tuple[str, int]] = field(default_factory=list)  # (title, first page, 0-based)
    not_included: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)


class _Unusable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def render_packet(
    plan: PacketPlan, out: Path, paper: str = "a4", *, dates: DateFormatter = long_date
) -> PacketResult:
    """Write the packet described by ``plan`` to ``out``."""
    ensure_app()
    size = page_pixels(paper)
    paper_w, paper_h = size.width() * 72 / 300, size.height() * 72 / 300
    writer = PdfWriter()
    result = PacketResult(0)
    large = any(isinstance(p, ReportPart) and p.report.large_print for p in plan.parts)
    for part in plan.parts:
        first = len(writer.pages)
        if isinstance(part, ReportPart):
            _add_report(writer, part.report, paper, large)
        else:
            try:
                with quiet_pypdf():
                    reader = _open_source(part, writer, (paper_w, paper_h))
                    for page in reader.pages if reader is not None else ():
                        fit_page(writer, page, paper_w, paper_h)
            except Exception as exc:  # a hostile file gets the stand-in page, like a damaged one
                reason = plan_module.reason_damaged()
                if isinstance(exc, _Unusable | PageTooLarge):
                    reason = str(exc)
                _drop_pages_from(writer, first)
                result.not_included.append((part.bookmark, reason))
                _add_report(
                    writer,
                    plan_module.not_included(part.document, reason, plan.footer, dates),
                    paper,
                    large,
                )
        result.bookmarks.append((part.bookmark, first))
    total = len(writer.pages)
    _stamp_footers(writer, plan.footer, paper, total, large=large)
    for title, first_page in result.bookmarks:
        writer.add_outline_item(title=title, page_number=first_page)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata(
        {
            "/Title": plan.parts[0].bookmark if plan.parts else "",
            "/Creator": "Second Opinion Dossier",
        }
    )
    with AtomicWriter(out.parent, out.name, mode=0o644) as file:  # never through a link
        writer.write(file.stream)
        file.commit()
    result.pages = total
    return result


def _drop_pages_from(writer: PdfWriter, first: int) -> None:
    while len(writer.pages) > first:
        writer.remove_page(len(writer.pages) - 1)


def _add_report(writer: PdfWriter, report: Report, paper: str, large: bool = False) -> None:
    data, _ = render_report(report, paper, with_footer=False, large_print=large)
    writer.append(PdfReader(io.BytesIO(data)))


def _open_source(
    part: DocumentPart, writer: PdfWriter, paper: tuple[float, float]
) -> PdfReader | None:
    """The document as a PDF reader (images and text made into pages first); a PDF is
    judged as its import judged it, its pages copied into ``writer`` as they are (None).

    Its file is read once, whole and checked (a regular file of the vault, never a link, of
    the recorded size and SHA-256); everything after works on those bytes, so what is
    printed is what was stored and nothing else.
    """
    try:
        data = read_stored(part.vault, part.sha256, part.size)
    except StoredFileRefused as exc:
        raise _Unusable(_REASONS[exc.problem]()) from None
    media = sniff.sniff(data[: sniff.HEAD_SIZE]) or part.media_type
    if media in (sniff.JPEG, sniff.PNG, sniff.TIFF):
        return PdfReader(io.BytesIO(_image_pages(data, media)))
    if media == sniff.TEXT:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        return PdfReader(io.BytesIO(_text_pages(_printable_text(text))))
    if media != sniff.PDF:
        raise _Unusable(plan_module.reason_unsupported())
    try:  # the import's judgement: what it took, the packet copies (pdf_judge)
        judged = judge_pdf(data, copy_into=writer, paper=paper)
    except OSError:
        raise _Unusable(plan_module.reason_damaged()) from None
    if judged.refused is not None:
        raise _Unusable(judged.refused)
    if judged.protected:  # it needs a password to open, whatever its cipher
        raise _Unusable(plan_module.reason_password())
    return None


_REASONS = {
    "missing": plan_module.reason_missing,
    "replaced": plan_module.reason_replaced,
    "damaged": plan_module.reason_damaged,
}


def _stamp_footers(
    writer: PdfWriter, footer: Footer, paper: str, total: int, *, large: bool = False
) -> None:
    """Put the footer on every page without drawing it once per page.

    Qt draws, once each, the unchanging part (rule, name, date of birth, date printed) and
    every piece of the "page N of M" label (its words and the ten digits); each becomes a
    form XObject, and a page's footer is a few lines of content placing those forms.
    """
    literal, pieces = _label_pieces(footer.page_label)
    texts = ["", *dict.fromkeys([*literal, *"0123456789"])]  # "" stands for the static part
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    qt_writer = new_writer(buffer, paper)
    painter = QPainter(qt_writer)
    widths: dict[str, float] = {}
    try:
        for index, text in enumerate(texts):
            if index:
                qt_writer.newPage()
                widths[text] = paint_piece(painter, paper, text, large=large)
            else:
                paint_footer(painter, footer, paper, total, total, with_label=False, large=large)
    finally:
        painter.end()
    del qt_writer
    buffer.close()
    layer = PdfReader(io.BytesIO(bytes(data.data())))
    names = {text: NameObject(f"/Ft{i}") for i, text in enumerate(texts)}
    forms = {
        text: form_xobject(writer, page, RectangleObject(page.mediabox))
        for text, page in zip(texts, layer.pages, strict=True)
    }
    size = page_pixels(paper)
    right = (size.width() - MARGIN_MM[2] * MM) * 72 / DPI
    for number, page in enumerate(writer.pages, start=1):
        label = [piece.format(n=number, m=total) for piece in pieces]
        glyphs = [
            p
            for piece in label
            for p in ([piece] if piece in widths and not piece.isdigit() else list(piece))
        ]
        x = right - sum(widths.get(g, 0.0) for g in glyphs)
        ops = [f"q {names['']} Do Q"]
        for glyph in glyphs:
            if glyph in names:
                ops.append(f"q 1 0 0 1 {x:.2f} 0 cm {names[glyph]} Do Q")
            x += widths.get(glyph, 0.0)
        res = page.get("/Resources")
        res = res.get_object() if res is not None else DictionaryObject()
        xobjects = res.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
        for text, name in names.items():
            xobjects[name] = forms[text]
        res[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = res
        # The page's own drawing in q/Q, so its graphics state cannot leak into the footer.
        drawing = page.get_contents()
        own = drawing.get_data() if drawing is not None else b""
        stamp = "\n".join(ops).encode()
        page.replace_contents(
            content_stream(writer, b"q\n" + own + b"\nQ\n" + stamp).flate_encode()
        )


def _label_pieces(template: str) -> tuple[list[str], list[str]]:
    """("page {n} of {m}") -> literal pieces ["page ", " of "] and the template in pieces."""
    pieces = [p for p in re.split(r"(\{[nm]\})", template) if p]
    return [p for p in pieces if p not in ("{n}", "{m}")], pieces


def _image_pages(content: bytes, media: str) -> bytes:
    """Each image (every frame of a TIFF) on its own page, fitted, turned upright.

    A picture larger than Qt will decode (256 MB) gets the stand-in page at once.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, "a4")
    painter = QPainter(writer)
    # Qt reads the checked bytes from a private temporary file, by name: in the window this
    # runs on a worker thread, where a device made in Python must not be read (each read
    # would wait for Python's lock while holding Qt's).
    private = tempfile.TemporaryDirectory(prefix="dossier-packet-")
    picture = Path(private.name, "picture")
    picture.write_bytes(content)
    reader = QImageReader(str(picture), _QT_FORMATS[media])  # no guessing among decoders
    reader.setAutoTransform(True)
    page = page_pixels("a4")
    room = QRectF(EDGE_PT * 300 / 72, EDGE_PT * 300 / 72, page.width() - 2 * EDGE_PT * 300 / 72,
                  page.height() - 2 * EDGE_PT * 300 / 72)  # fmt: skip
    count = 0
    try:
        while True:
            size, limit = reader.size(), QImageReader.allocationLimit() << 20  # 0: none
            if limit and size.width() * size.height() * 4 > limit:
                raise _Unusable(tr("Its picture is too large to print; it is in the dossier."))
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
        del reader
        private.cleanup()
    del writer
    buffer.close()
    if count == 0:
        raise _Unusable(plan_module.reason_damaged())
    return bytes(data.data())


_QT_FORMATS = {sniff.JPEG: b"jpeg", sniff.PNG: b"png", sniff.TIFF: b"tiff"}


def _draw_fitted(painter: QPainter, image: QImage, room: QRectF) -> None:
    scale = min(room.width() / image.width(), room.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    most = room.width() * IMAGE_DPI / 300, room.height() * IMAGE_DPI / 300
    if image.width() > most[0] or image.height() > most[1]:
        image = image.scaled(int(most[0]), int(most[1]), Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    target = QRectF(
        room.left() + (room.width() - w) / 2, room.top() + (room.height() - h) / 2, w, h
    )
    painter.drawImage(target, image)


def _printable_text(text: str) -> str:
    """A text file as it is printed: at most :data:`MAX_TEXT_CHARS` (with a word saying the
    rest is not printed), and very long lines broken first, because laying out a line of a
    megabyte takes Qt minutes (a file of short lines takes about a second a megabyte)."""
    rest = len(text) - MAX_TEXT_CHARS
    if rest > 0:
        text = (
            text[:MAX_TEXT_CHARS]
            + "\n\n"
            + tr(
                "[The rest of this file, {count} more characters, is in the dossier but not "
                "printed here.]",
                count=f"{rest:,}",
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


def _text_pages(text: str) -> bytes:
    from PySide6.QtGui import QFont

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


__all__ = ["MM", "NumberObject", "PacketResult", "render_packet"]

"""The consultation packet as one PDF: brief, question sheet and the documents to bring.

Every part becomes pages of the chosen paper size. A document page is wrapped, untouched,
as a form XObject and scaled to fit above the footer band (its content stream is copied,
never parsed, so large documents stay fast); images are placed on their own pages and text
files are laid out like a report. A file that is missing, damaged or protected by a
password is replaced by a page saying so. Landscape pages and pictures are turned a
quarter to fill portrait paper. A contents page follows the brief (unless the plan says
none: a letter with its enclosure): every part with the page it starts on, what could
not be included and why, and what is sent separately. Stored files are read only through the vault's
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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, RectangleObject
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPainter

from ..core.atomic_write import AtomicWriter
from ..core.bidi import starts_right_to_left
from ..core.i18n import is_right_to_left, language_scope
from ..core.importer import sniff
from ..core.importer.pdf_judge import judge_pdf
from ..core.pdfpages import (
    PageTooLarge,
    SharedResources,
    content_stream,
    content_streams,
    fit_page,
    form_xobject,
    quiet_pypdf,
)
from ..core.reports import packet_plan as plan_module
from ..core.reports.common import one_line
from ..core.reports.dates import DateFormatter, long_date
from ..core.reports.model import Footer, Report
from ..core.reports.packet_contents import ContentsEntry, contents_title, packet_contents
from ..core.reports.packet_plan import (
    DocumentPart,
    PacketPart,
    PacketPlan,
    ReportPart,
    as_printed,
)
from ..core.vault_read import StoredFileRefused, read_stored
from .layout import (
    DPI,
    MARGIN_MM,
    MM,
    ensure_app,
    new_writer,
    page_pixels,
    paint_footer,
    paint_piece,
    render_report,
)
from .packet_sources import Unusable, image_pages, printable_text, text_pages

CONTENTS_ROWS = 30  # about as many contents lines fit on a page (half in large print)
IN_MEMORY = 64 << 20  # bytes of documents up to which a packet is made in memory (see _write)


@dataclass
class PacketResult:
    pages: int
    bookmarks: list[tuple[str, int]] = field(default_factory=list)  # (title, first page, 0-based)
    not_included: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)


@dataclass(frozen=True)
class _Placed:
    """A part as laid out: its first page (0-based, before the contents page is put in),
    its number of pages, and why it is not included ("" when it is)."""

    part: PacketPart
    first: int
    pages: int
    problem: str = ""


def render_packet(
    plan: PacketPlan, out: Path, paper: str = "a4", *, dates: DateFormatter = long_date,
    language: str | None = None,
) -> PacketResult:  # fmt: skip
    """Write the packet described by ``plan`` to ``out``: its contents page, the pages
    standing in for documents and the footer in ``language`` (default: the language the
    plan was made in), right to left for a right-to-left language."""
    with language_scope(language or plan.language):
        return _render_packet(plan, out, paper, dates)


def render_packet_bytes(
    plan: PacketPlan, paper: str = "a4", *, dates: DateFormatter = long_date,
    language: str | None = None,
) -> tuple[bytes, PacketResult]:  # fmt: skip
    """The packet as :func:`render_packet` writes it, made in memory only (a protected
    dossier's: nothing of it is written anywhere until the person saves it)."""
    out = io.BytesIO()
    with language_scope(language or plan.language):
        result = _render_packet(plan, out, paper, dates)
    return out.getvalue(), result


def _render_packet(
    plan: PacketPlan, out: Path | io.BytesIO, paper: str, dates: DateFormatter
) -> PacketResult:
    ensure_app()
    size = page_pixels(paper)
    paper_w, paper_h = size.width() * 72 / 300, size.height() * 72 / 300
    writer = PdfWriter()
    result = PacketResult(0)
    placed: list[_Placed] = []
    at = 0  # where the contents page goes: after the first report and its appendix
    for index, part in enumerate(plan.parts):
        first = len(writer.pages)
        problem = ""
        appendix: tuple[Report, ...] = ()
        if isinstance(part, ReportPart):
            printed = as_printed(part.report, large_print=plan.large_print)
            appendix = printed.appendix  # each its own part, with its own bookmark
            _add_report(writer, _without_appendix(printed), paper)
        else:
            try:
                with quiet_pypdf():
                    reader = _open_source(part, writer, (paper_w, paper_h))
                    shared = SharedResources()
                    for page in reader.pages if reader is not None else ():
                        fit_page(writer, page, paper_w, paper_h, shared=shared)
            except Exception as exc:  # a hostile file gets the stand-in page, like a damaged one
                reason, problem = plan_module.reason_damaged(), "damaged"
                if isinstance(exc, Unusable):
                    reason, problem = exc.reason, exc.problem
                elif isinstance(exc, PageTooLarge):
                    reason, problem = str(exc), "unsafe"
                _drop_pages_from(writer, first)
                result.not_included.append((part.bookmark, reason))
                stand_in = plan_module.not_included(
                    part.document, reason, plan.footer, dates, large_print=plan.large_print
                )
                _add_report(writer, stand_in, paper)
        placed.append(_Placed(part, first, len(writer.pages) - first, problem))
        for extra in appendix:
            start = len(writer.pages)
            _add_report(writer, extra, paper)
            placed.append(_Placed(ReportPart(extra.title, extra), start, len(writer.pages) - start))
        if index == 0 and isinstance(part, ReportPart):
            at = len(writer.pages)
    added = 0
    if plan.contents:
        contents = _contents_pages(plan, placed, at, paper, dates)
        for offset, page in enumerate(contents.pages):
            writer.insert_page(page, at + offset)
        added = len(contents.pages)
    for item in placed:
        result.bookmarks.append(
            (item.part.bookmark, item.first + (added if item.first >= at else 0))
        )
    if plan.contents:
        before = sum(1 for item in placed if item.first < at)  # the brief and its appendix
        result.bookmarks.insert(before, (contents_title(), at))
    total = len(writer.pages)
    _stamp_footers(writer, plan.footer, paper, total, large=plan.large_print,
                   rtl=is_right_to_left())  # fmt: skip
    for title, first_page in result.bookmarks:
        writer.add_outline_item(title=title, page_number=first_page)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata(
        {
            "/Title": plan.parts[0].bookmark if plan.parts else "",
            "/Creator": "Second Opinion Dossier",
        }
    )
    _write(writer, out, sum(p.size for p in plan.parts if isinstance(p, DocumentPart)))
    result.pages = total
    return result


def _write(writer: PdfWriter, out: Path | io.BytesIO, documents: int) -> None:
    """Write the packet to ``out`` (a file, never through a link, or memory). pypdf writes
    it in many small pieces, each quicker into memory than through a file's buffer: a
    packet of documents up to :data:`IN_MEMORY` bytes is made in memory and then written
    at once."""
    if isinstance(out, io.BytesIO):
        writer.write(out)
        return
    with AtomicWriter(out.parent, out.name, mode=0o644) as file:
        if documents <= IN_MEMORY:
            data = io.BytesIO()
            writer.write(data)
            file.stream.write(data.getbuffer())
        else:  # not held twice in memory
            writer.write(file.stream)
        file.commit()


def _contents_pages(
    plan: PacketPlan, placed: list[_Placed], at: int, paper: str, dates: DateFormatter
) -> PdfReader:
    """The contents page(s), to be put at page ``at``; their page numbers count them in.

    Laid out for a guessed number of its own pages, and again for the number it took when
    that differs (a long list may take two pages, and so move every part on by one)."""
    laid_out = sum(item.pages for item in placed)
    rows = CONTENTS_ROWS // (2 if plan.large_print else 1)
    own = 1 + (len(placed) + len(plan.items) + len(plan.imaging)) // rows
    for _ in range(4):
        entries = [
            ContentsEntry(
                item.part.bookmark
                if isinstance(item.part, ReportPart)
                else one_line(item.part.document.get("title")) or item.part.bookmark,
                item.first + 1 + (own if item.first >= at else 0),
                item.pages,
                None if isinstance(item.part, ReportPart) else item.part.document,
                plan_module.short_reason(item.problem) if item.problem else "",
            )
            for item in placed
        ]
        report = packet_contents(
            entries,
            plan.items,
            plan.footer,
            total_pages=laid_out + own,
            dates=dates,
            large_print=plan.large_print,
            translations=plan.translations,
            untranslated=plan.untranslated,
            imaging=plan.imaging,
        )
        data, pages = render_report(report, paper, with_footer=False)
        if pages == own:
            break
        own = pages
    return PdfReader(io.BytesIO(data))


def _without_appendix(report: Report) -> Report:
    """``report`` alone (the packet prints its appendix as a part of its own)."""
    return replace(
        report, appendix=(), shorter=tuple(replace(s, appendix=()) for s in report.shorter)
    )


def _drop_pages_from(writer: PdfWriter, first: int) -> None:
    while len(writer.pages) > first:
        writer.remove_page(len(writer.pages) - 1)


def _add_report(writer: PdfWriter, report: Report, paper: str) -> None:
    data, _ = render_report(report, paper, with_footer=False)
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
        raise Unusable(_REASONS[exc.problem](), exc.problem) from None
    media = sniff.sniff(data[: sniff.HEAD_SIZE]) or part.media_type
    if media in (sniff.JPEG, sniff.PNG, sniff.TIFF):
        return PdfReader(io.BytesIO(image_pages(data, media)))
    if media == sniff.TEXT:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        return PdfReader(io.BytesIO(text_pages(printable_text(text))))
    if media != sniff.PDF:
        raise Unusable(plan_module.reason_unsupported(), "unsupported")
    try:  # the import's judgement: what it took, the packet copies (pdf_judge)
        judged = judge_pdf(data, copy_into=writer, paper=paper)
    except OSError:
        raise Unusable(plan_module.reason_damaged(), "damaged") from None
    if judged.refused is not None:
        raise Unusable(judged.refused, "unsafe")
    if judged.protected:  # it needs a password to open, whatever its cipher
        raise Unusable(plan_module.reason_password(), "password")
    return None


_REASONS = {
    "missing": plan_module.reason_missing,
    "replaced": plan_module.reason_replaced,
    "damaged": plan_module.reason_damaged,
}


def _stamp_footers(
    writer: PdfWriter, footer: Footer, paper: str, total: int, *, large: bool = False,
    rtl: bool = False,
) -> None:  # fmt: skip
    """Put the footer on every page without drawing it once per page.

    Qt draws, once each, the unchanging part (rule, name, date of birth, date printed) and
    every piece of the "page N of M" label (its words and the ten digits); each becomes a
    form XObject, and a page's footer is a few lines of content placing those forms. On a
    right-to-left page the label is at the left margin, its pieces from right to left (the
    digits of a number still left to right).
    """
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    # The label's words in their own order: right to left when it is written in a
    # right-to-left script (an untranslated English label stays "page 3 of 9").
    backwards = rtl and starts_right_to_left(footer.page_label)
    pieces_direction = Qt.LayoutDirection.RightToLeft if backwards else (
        Qt.LayoutDirection.LeftToRight)  # fmt: skip
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
                widths[text] = paint_piece(painter, paper, text, large=large,
                                           direction=pieces_direction)  # fmt: skip
            else:
                paint_footer(painter, footer, paper, total, total, with_label=False, large=large,
                             direction=direction)  # fmt: skip
    finally:
        painter.end()
    del qt_writer
    buffer.close()
    layer = PdfReader(io.BytesIO(bytes(data.data())))
    prefix = _free_prefix(writer)
    names = {text: NameObject(f"{prefix}{i}") for i, text in enumerate(texts)}
    forms = {
        text: form_xobject(writer, page, RectangleObject(page.mediabox))
        for text, page in zip(texts, layer.pages, strict=True)
    }
    size = page_pixels(paper)
    right = (size.width() - MARGIN_MM[2] * MM) * 72 / DPI
    left = MARGIN_MM[0] * MM * 72 / DPI
    for number, page in enumerate(writer.pages, start=1):
        label = [piece.format(n=number, m=total) for piece in pieces]
        if backwards:
            label.reverse()  # the pieces as they are seen, from the left
        glyphs = [
            p
            for piece in label
            for p in ([piece] if piece in widths and not piece.isdigit() else list(piece))
        ]
        x = left if rtl else right - sum(widths.get(g, 0.0) for g in glyphs)
        ops = [f"q {names['']} Do Q"]
        for glyph in glyphs:
            if glyph in names:
                ops.append(f"q 1 0 0 1 {x:.2f} 0 cm {names[glyph]} Do Q")
            x += widths.get(glyph, 0.0)
        # A resources dictionary of the page's own (a shared or inherited one is copied,
        # never changed), with the footer's forms added to its forms.
        res = DictionaryObject(_resources(page))
        xobjects = res.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object() if xobjects is not None else {})
        shown = {"", *(g for g in glyphs if g in names)}  # only the pieces it shows
        xobjects.update({names[text]: forms[text] for text in shown})
        res[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = res
        streams = content_streams(page)
        own = b"\n".join(stream.get_data() for stream in streams)
        drawing = _isolated(own) + "\n".join(ops).encode()
        if len(streams) == 1 and isinstance(streams[0], DecodedStreamObject):
            # A page of fit_page's: its few hundred bytes (which gain little from flate)
            # take the footer too, in the same stream.
            streams[0].set_data(drawing)
        else:
            page.replace_contents(content_stream(writer, drawing).flate_encode())


def _isolated(own: bytes) -> bytes:
    """A page's own drawing, fenced so nothing it leaves behind reaches the footer drawn
    after it: its graphics state (colour, matrix, clip, text state) in ``q``/``Q``; ``n``
    before the ``Q`` ends a path or clip left open (``W`` with no ``n``: poppler keeps it
    pending past ``Q`` and applies it to the next thing drawn); the text state reset."""
    return b"q\n" + own + b"\nn Q\n0 Tr 0 Tc 0 Tw 100 Tz 0 Ts 0 TL\n"


def _resources(page: PageObject) -> DictionaryObject:
    """The page's resources, its own or inherited from the page tree."""
    node: Any = page
    while node is not None:
        res = node.get("/Resources")
        if res is not None:
            return cast(DictionaryObject, res.get_object())
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return DictionaryObject()


def _free_prefix(writer: PdfWriter) -> str:
    """A name for the footer's forms that no page of the packet already uses."""
    taken: set[str] = set()
    for page in writer.pages:
        xobjects = _resources(page).get("/XObject")
        if xobjects is not None:
            taken.update(str(name) for name in xobjects.get_object())
    prefix, n = "/Df", 0  # short: written on every page
    while any(name.startswith(f"{prefix}{n}_") for name in taken):
        n += 1
    return f"{prefix}{n}_"


def _label_pieces(template: str) -> tuple[list[str], list[str]]:
    """("page {n} of {m}") -> literal pieces ["page ", " of "] and the template in pieces."""
    pieces = [p for p in re.split(r"(\{[nm]\})", template) if p]
    return [p for p in pieces if p not in ("{n}", "{m}")], pieces


__all__ = ["MM", "PacketResult", "render_packet"]

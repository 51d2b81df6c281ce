"""A stored PDF's pages copied onto the packet's paper, with pypdf (no Qt).

Each page is wrapped, untouched, as a form XObject and scaled to fit above the footer band
(its content stream is copied, never parsed, so large documents stay fast). The packet
(:mod:`dossier.reports.packet_pdf`) copies pages with :func:`fit_page`, and the import's
judgement (:mod:`dossier.core.importer.pdf_judge`) makes the same copy of every page into a
scratch writer: a file is then either refused when it is added, or printed.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

from .i18n import tr

FOOTER_BAND_PT = 20 * 72 / 25.4  # document pages are fitted above this band
EDGE_PT = 6 * 72 / 25.4
MAX_PAGE_CONTENT = 64 << 20  # bytes of drawing instructions one page may inflate to


class PageTooLarge(Exception):
    """A page whose drawing instructions would inflate past :data:`MAX_PAGE_CONTENT`."""

    def __init__(self) -> None:
        super().__init__(
            tr(
                "The PDF cannot be read safely: one of its pages would grow to more than "
                "64 MB of drawing when unpacked."
            )
        )


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """No pypdf log lines ("Circular xref chain detected…") on the terminal and no warnings
    while a stored file is read: what was wrong with it is said in plain words instead."""
    logger = logging.getLogger("pypdf")
    with _QUIET_LOCK:
        level = logger.level
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _QUIET_LOCK:
            logger.setLevel(level)


_QUIET_LOCK = threading.Lock()


def content_streams(page: Any) -> list[Any]:
    contents = page.get("/Contents")
    if contents is None:
        return []
    obj = contents.get_object()
    items = list(obj) if isinstance(obj, ArrayObject) else [obj]
    return [item.get_object() for item in items]


class SharedResources:
    """The resources dictionaries of one document's pages copied so far: a page whose
    dictionary is the same as one of them (entry for entry, the same fonts and pictures)
    shares that copy, written once. Many documents give every page an identical
    dictionary of its own."""

    KEEP = 4  # the last few different ones: a document's pages alternate between a few

    def __init__(self) -> None:
        self._copies: list[tuple[Any, Any]] = []  # (a page's dictionary, its copy)

    def copy(self, writer: PdfWriter, value: Any) -> Any:
        """``value`` (a page's /Resources, maybe a reference) copied into ``writer``."""
        source = value.get_object()
        for seen, copy in self._copies:
            if _same(seen, source):
                return copy
        copy = _cloned(writer, value)
        self._copies = [(source, copy), *self._copies[: self.KEEP - 1]]
        return copy


def _same(a: Any, b: Any, depth: int = 4) -> bool:
    """Whether two objects of one document are the same, entry for entry: objects of their
    own by reference (never read); names, strings and numbers by type and value."""
    if type(a) is not type(b) or depth < 0:
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(
            _same(value, dict.__getitem__(b, key), depth - 1) for key, value in dict.items(a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y, depth - 1) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def fit_page(
    writer: PdfWriter,
    source: Any,
    paper_w: float,
    paper_h: float,
    *,
    shared: SharedResources | None = None,
) -> None:
    """Add ``source`` as a page of the paper size, its content scaled to fit above the footer.

    The new page is blank but for one form XObject holding the source page's drawing
    (:func:`form_xobject`), placed with the matrix that turns it upright (``/Rotate``),
    scales it down to the room above the footer band and centres it there. A landscape
    page on portrait paper is turned a quarter (its top to the left edge, as printers do)
    when that prints it larger, so it fills the paper instead of a third of it; the footer,
    stamped on the paper later, stays upright. The page's links, page boxes and rotation
    are left behind: what is printed is what was shown.

    With ``shared`` (one for each document), pages whose resources are the same share one
    copy of them (:class:`SharedResources`).

    After the drawing, ``n`` ends any path it left open: a clip started with ``W`` and
    never ended (``re W BT … ET Q``, as in some generated PDFs) is still pending in poppler
    after its ``Q`` and would otherwise clip the next thing drawn, the footer, to nothing.
    """
    box = RectangleObject(source.cropbox)
    w, h = float(box.width), float(box.height)
    rotate = int(source.get("/Rotate", 0) or 0) % 360
    shown_w, shown_h = (h, w) if rotate in (90, 270) else (w, h)
    room_w, room_h = paper_w - 2 * EDGE_PT, paper_h - FOOTER_BAND_PT - EDGE_PT
    scale = _scale(shown_w, shown_h, room_w, room_h)
    place: _Matrix = (1, 0, 0, 1, -float(box.left), -float(box.bottom))
    turn = {90: (0, -1, 1, 0, 0, w), 180: (-1, 0, 0, -1, w, h), 270: (0, 1, -1, 0, h, 0)}
    if rotate in turn:  # upright, as a viewer shows it
        place = _then(place, turn[rotate])
    if turns_to_fit(shown_w, shown_h, room_w, room_h):  # a quarter turn, top to the left
        place = _then(place, (0, 1, -1, 0, shown_h, 0))
        shown_w, shown_h = shown_h, shown_w
        scale = _scale(shown_w, shown_h, room_w, room_h)
    left = (paper_w - shown_w * scale) / 2
    bottom = FOOTER_BAND_PT + (room_h - shown_h * scale) / 2
    place = _then(place, (scale, 0, 0, scale, left, bottom))
    page = writer.add_blank_page(paper_w, paper_h)
    form = form_xobject(writer, source, box, shared)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Doc"): form})}
    )
    cm = " ".join(f"{v:.5f}" for v in place)
    page.replace_contents(content_stream(writer, f"q {cm} cm /Doc Do n Q\n".encode()))


_Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in a "cm"


def _then(first: _Matrix, then: _Matrix) -> _Matrix:
    """The matrix that does ``first``, then ``then`` (their product, PDF's row vectors)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = then
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def turns_to_fit(
    width: float, height: float, room_w: float, room_h: float, *, cap: bool = True
) -> bool:
    """Whether a page or picture of ``width`` x ``height``, shown upright, prints clearly
    larger turned a quarter: a wide one on tall paper. With ``cap`` it is never enlarged
    (a page), so one that fits either way stays as it is."""
    if width <= height or room_w >= room_h:
        return False
    turned = _scale(height, width, room_w, room_h, cap=cap)
    return turned > _scale(width, height, room_w, room_h, cap=cap) * 1.1


def _scale(width: float, height: float, room_w: float, room_h: float, *, cap: bool = True) -> float:
    scale = min(room_w / max(width, 1), room_h / max(height, 1))
    return min(scale, 1.0) if cap else scale


def form_xobject(
    writer: PdfWriter, page: Any, box: RectangleObject, shared: SharedResources | None = None
) -> IndirectObject:
    """The drawing of ``page`` (of ``writer`` or of a reader) as a form XObject in ``writer``,
    with the page's resources (by reference when they are an object of their own, or the
    copy ``shared`` already holds of the same) and ``box`` as its bounding box (it clips to it).

    A page drawn by one content stream keeps it as it is, still compressed, never parsed: a
    large document is copied quickly. Several streams are decoded and joined into one, at
    most :data:`MAX_PAGE_CONTENT` bytes (:class:`PageTooLarge` past that).
    """
    streams = content_streams(page)
    if len(streams) == 1 and getattr(streams[0], "indirect_reference", None) is not None:
        # A copy of its own: another page may share the stream with other resources.
        form = streams[0].clone(writer, force_duplicate=True)
        for key in [k for k in form if k not in ("/Filter", "/DecodeParms")]:
            del form[key]
    else:
        form = _registered(writer, content_stream(writer, _joined(streams)))
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in box])
    resources = page.get("/Resources")
    if resources is None:
        form[NameObject("/Resources")] = DictionaryObject()
    elif shared is not None:
        form[NameObject("/Resources")] = shared.copy(writer, resources)
    else:
        form[NameObject("/Resources")] = _cloned(writer, resources)
    if "/Group" in page:
        form[NameObject("/Group")] = _cloned(writer, page["/Group"])
    reference: IndirectObject | None = form.indirect_reference
    assert reference is not None  # cloned into the writer, or put there
    return reference


def _cloned(writer: PdfWriter, value: Any) -> Any:
    """``value`` (a page's resources or group) copied into ``writer``: by reference when it
    is an object of its own there (written once, shared by the pages that share it), else
    as it is (a copy of an object written inline would also be written, unused, on its own).
    """
    copy = value.get_object().clone(writer)
    reference = getattr(copy, "indirect_reference", None)
    return reference if reference is not None and reference.pdf is writer else copy


def content_stream(writer: PdfWriter, data: bytes) -> ContentStream:
    """A new content stream of ``data`` (not yet in ``writer``: a page's replace_contents
    puts it there)."""
    stream = ContentStream(None, writer)
    stream.set_data(data)
    return stream


def _registered(writer: PdfWriter, stream: ContentStream) -> ContentStream:
    """``stream`` made an object of ``writer``, through a scratch page's public
    ``replace_contents`` (pypdf has no public call that only adds an object)."""
    writer.add_blank_page(1, 1).replace_contents(stream)
    writer.remove_page(len(writer.pages) - 1, clean=True)
    return stream


def _joined(streams: list[Any]) -> bytes:
    """A page's content streams decoded and joined; a page whose drawing inflates past
    :data:`MAX_PAGE_CONTENT` (pypdf stops each stream at 75 MB, not their sum) is refused."""
    parts, total = [], 0
    for stream in streams:
        data = stream.get_data()
        total += len(data)
        if total > MAX_PAGE_CONTENT:
            raise PageTooLarge
        parts.append(data)
    return b"\n".join(parts)

"""A stored PDF's pages copied onto the packet's paper, with pypdf (no Qt).

Each page is wrapped, untouched, as a form XObject and scaled to fit above the footer band
(its content stream is copied, never parsed, so large documents stay fast). The packet
(:mod:`dossier.reports.packet`) copies pages with :func:`fit_page`, and the import's
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
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    StreamObject,
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


def _compose(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """The affine map "first a, then b" (PDF matrices [a b c d e f])."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        b0 * a0 + b2 * a1,
        b1 * a0 + b3 * a1,
        b0 * a2 + b2 * a3,
        b1 * a2 + b3 * a3,
        b0 * a4 + b2 * a5 + b4,
        b1 * a4 + b3 * a5 + b5,
    )


def fit_page(writer: PdfWriter, source: Any, paper_w: float, paper_h: float) -> None:
    """Add ``source`` as a page of the paper size, its content scaled to fit above the footer."""
    page = writer.add_page(source)
    box = RectangleObject(page.cropbox)
    x0, y0 = float(box.left), float(box.bottom)
    w, h = float(box.width), float(box.height)
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    matrix: tuple[float, ...] = (1, 0, 0, 1, -x0, -y0)
    shown_w, shown_h = (h, w) if rotate in (90, 270) else (w, h)
    turn = {
        0: (1, 0, 0, 1, 0, 0),
        90: (0, -1, 1, 0, 0, w),
        180: (-1, 0, 0, -1, w, h),
        270: (0, 1, -1, 0, h, 0),
    }.get(rotate, (1, 0, 0, 1, 0, 0))
    matrix = _compose(matrix, turn)
    room_w, room_h = paper_w - 2 * EDGE_PT, paper_h - FOOTER_BAND_PT - EDGE_PT
    scale = min(room_w / max(shown_w, 1), room_h / max(shown_h, 1), 1.0)
    tx = (paper_w - shown_w * scale) / 2
    ty = FOOTER_BAND_PT + (room_h - shown_h * scale) / 2
    matrix = _compose(matrix, (scale, 0, 0, scale, tx, ty))
    form = _form_from_page(writer, page, box)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Doc"): form})}
    )
    cm = " ".join(f"{v:.5f}" for v in matrix)
    _set_contents(writer, page, f"q {cm} cm /Doc Do Q\n".encode())
    page.mediabox = RectangleObject((0, 0, paper_w, paper_h))
    for key in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox", "/Rotate", "/Annots", "/Group"):
        if key in page:
            del page[key]


def _form_from_page(writer: PdfWriter, page: Any, box: RectangleObject) -> IndirectObject:
    streams = content_streams(page)
    form: StreamObject
    if len(streams) == 1 and not isinstance(streams[0], DecodedStreamObject):
        form = StreamObject.initialize_from_dictionary(
            {k: v for k, v in streams[0].items() if k in ("/Filter", "/DecodeParms")}
            | {"__streamdata__": streams[0]._data}
        )
    else:
        form = DecodedStreamObject()
        form.set_data(_joined(streams))
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in box])
    resources = page.get("/Resources")
    form[NameObject("/Resources")] = resources if resources is not None else DictionaryObject()
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"]
    return writer._add_object(form)


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


def _set_contents(writer: PdfWriter, page: Any, data: bytes) -> None:
    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream)

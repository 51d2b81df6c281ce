"""A small, dependency-free writer of real text PDFs.

Used to make the demo dossier's documents (lab results, letters, imaging reports) and the
files of the tests.  The output is a plain PDF 1.4 file:

* the built-in Type 1 fonts Helvetica, Helvetica-Bold and Courier, with ``WinAnsiEncoding``,
  so accented Latin text ("Müller, Zoë, café") survives; a character that cp1252 cannot
  encode, and a control character, is written as "?";
* blocks are laid out top-down with word wrapping measured with the Helvetica advance widths
  (Adobe's AFM metrics), and flow onto new pages by themselves;
* content streams are Flate-compressed (or not, with ``compress=False``);
* an Info dictionary with Title, Author, Producer and CreationDate;
* a correct cross-reference table, so that pypdf reads the file with ``strict=True`` and pdfium
  extracts the same text.

Example::

    write_pdf(path, [
        Block("Full blood count", "title"),
        Block("Test\\tResult\\tReference", "rowhead"),
        Block("Haemoglobin\\t13.1 g/dL\\t12.0–16.0", "row"),
        Block("Comment: no abnormality detected."),
    ], title="Full blood count", author="Dr Zoë Müller")
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final, Literal, get_args

from .safe_files import write_beside

__all__ = [
    "A4",
    "LETTER",
    "STYLES",
    "Block",
    "Style",
    "assemble_pdf",
    "encode_text",
    "pagebreak",
    "pdf_bytes",
    "pdf_date",
    "pdf_text_string",
    "render_pdf",
    "stream_object",
    "text_width",
    "write_pdf",
]

Style = Literal["title", "heading", "body", "small", "mono", "row", "rowhead", "pagebreak"]
"""How a block is set.

``title``, ``heading``, ``body`` and ``small`` are wrapped paragraphs; ``mono`` is Courier with
spaces kept and lines broken at the column; ``row`` and ``rowhead`` (bold, ruled below) split the
text at tabs into equal columns; ``pagebreak`` starts a new page (its text is ignored).
"""

STYLES: Final[tuple[Style, ...]] = get_args(Style)

A4: Final[tuple[float, float]] = (595.28, 841.89)
LETTER: Final[tuple[float, float]] = (612.0, 792.0)
DEFAULT_MARGIN: Final[float] = 56.0
PRODUCER: Final[str] = "Second Opinion Dossier pdfwrite"

# Advance widths (1/1000 em) of the cp1252 characters 0x20..0xFF, from Adobe's AFM files of the
# standard 14 fonts; the five codes that cp1252 leaves undefined carry the bullet's width.
_HELVETICA: Final[tuple[int, ...]] = (
    # 0x20..0x2f
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    # 0x30..0x3f
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    # 0x40..0x4f
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    # 0x50..0x5f
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    # 0x60..0x6f
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    # 0x70..0x7f
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
    # 0x80..0x8f
    556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
    # 0x90..0x9f
    350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,
    # 0xa0..0xaf
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    # 0xb0..0xbf
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    # 0xc0..0xcf
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    # 0xd0..0xdf
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    # 0xe0..0xef
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    # 0xf0..0xff
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
)  # fmt: skip

_HELVETICA_BOLD: Final[tuple[int, ...]] = (
    # 0x20..0x2f
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    # 0x30..0x3f
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    # 0x40..0x4f
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    # 0x50..0x5f
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    # 0x60..0x6f
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    # 0x70..0x7f
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
    # 0x80..0x8f
    556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
    # 0x90..0x9f
    350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,
    # 0xa0..0xaf
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    # 0xb0..0xbf
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    # 0xc0..0xcf
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    # 0xd0..0xdf
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    # 0xe0..0xef
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    # 0xf0..0xff
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Font:
    resource: str  # name in the page's /Font resources
    base: str  # standard 14 font name
    widths: tuple[int, ...]  # 256 advance widths, indexed by byte

    def width(self, data: bytes, size: float) -> float:
        widths = self.widths
        return sum(widths[b] for b in data) * size / 1000.0


def _table(widths_32_255: tuple[int, ...]) -> tuple[int, ...]:
    assert len(widths_32_255) == 224
    return (278,) * 32 + widths_32_255


_REGULAR: Final = _Font("F1", "Helvetica", _table(_HELVETICA))
_BOLD: Final = _Font("F2", "Helvetica-Bold", _table(_HELVETICA_BOLD))
_MONO: Final = _Font("F3", "Courier", (600,) * 256)
_FONTS: Final[tuple[_Font, ...]] = (_REGULAR, _BOLD, _MONO)


@dataclass(frozen=True, slots=True)
class _Spec:
    font: _Font
    size: float
    leading: float
    before: float  # space above the block (dropped at the top of a page)
    after: float  # space below the block
    rule: bool = False  # a thin line under the block


_SPECS: Final[dict[str, _Spec]] = {
    "title": _Spec(_BOLD, 18.0, 22.0, 0.0, 12.0, rule=True),
    "heading": _Spec(_BOLD, 13.0, 16.0, 8.0, 4.0),
    "body": _Spec(_REGULAR, 10.5, 14.0, 0.0, 6.0),
    "small": _Spec(_REGULAR, 8.0, 10.0, 0.0, 4.0),
    "mono": _Spec(_MONO, 9.0, 11.0, 0.0, 6.0),
    "row": _Spec(_REGULAR, 10.0, 13.0, 0.0, 2.0),
    "rowhead": _Spec(_BOLD, 10.0, 13.0, 6.0, 4.0, rule=True),
}

_COLUMN_GAP: Final[float] = 12.0
_EPSILON: Final[float] = 1e-6


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, table row or page break of a document."""

    text: str = ""
    style: Style = "body"

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown block style {self.style!r}; expected one of {STYLES}")


def pagebreak() -> Block:
    """A block that starts a new page."""
    return Block("", "pagebreak")


# --- text -------------------------------------------------------------------------------------

# Control bytes have no glyph: show them as "?" like the characters that cp1252 lacks.
_CONTROLS: Final[bytes] = bytes(range(32)) + b"\x7f"
_SANITISE: Final[bytes] = bytes.maketrans(_CONTROLS, b"?" * len(_CONTROLS))
_SPACES: Final = re.compile(r"[ \t\x0b\x0c]+")


def encode_text(text: str) -> bytes:
    """``text`` in WinAnsiEncoding (cp1252), with "?" for what cannot be shown."""
    return text.encode("cp1252", errors="replace").translate(_SANITISE)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` set in Helvetica (or Helvetica-Bold) at ``size`` points."""
    return (_BOLD if bold else _REGULAR).width(encode_text(text), size)


def _hard_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _split_long(word: bytes, font: _Font, size: float, max_width: float) -> list[bytes]:
    """Cut a word wider than a line into pieces that fit (at least one character each)."""
    pieces: list[bytes] = []
    start = 0
    width = 0.0
    for i, b in enumerate(word):
        w = font.widths[b] * size / 1000.0
        if i > start and width + w > max_width + _EPSILON:
            pieces.append(word[start:i])
            start, width = i, 0.0
        width += w
    pieces.append(word[start:])
    return pieces


def _wrap(text: str, font: _Font, size: float, max_width: float) -> list[bytes]:
    """Greedy word wrap; every hard line gives at least one (maybe empty) line."""
    space = font.width(b" ", size)
    lines: list[bytes] = []
    for hard in _hard_lines(text):
        current = b""
        current_width = 0.0
        for word in (encode_text(w) for w in _SPACES.split(hard) if w):
            width = font.width(word, size)
            if current and current_width + space + width <= max_width + _EPSILON:
                current += b" " + word
                current_width += space + width
                continue
            if current:
                lines.append(current)
            if width <= max_width + _EPSILON:
                current, current_width = word, width
                continue
            *full, current = _split_long(word, font, size, max_width)
            lines.extend(full)
            current_width = font.width(current, size)
        lines.append(current)
    return lines


def _wrap_mono(text: str, size: float, max_width: float) -> list[bytes]:
    """Courier lines, spaces kept, broken at the last column that fits."""
    columns = max(1, int((max_width + _EPSILON) / (0.6 * size)))
    lines: list[bytes] = []
    for hard in _hard_lines(text):
        data = encode_text(hard.expandtabs(4)).rstrip(b" ")
        lines.extend(data[i : i + columns] for i in range(0, len(data), columns))
        if not data:
            lines.append(b"")
    return lines


def _literal(data: bytes) -> bytes:
    """A PDF literal string; everything outside printable ASCII as an octal escape."""
    out = bytearray(b"(")
    for b in data:
        if b in b"()\\":
            out += b"\\" + bytes((b,))
        elif 32 <= b < 127:
            out.append(b)
        else:
            out += b"\\%03o" % b
    out += b")"
    return bytes(out)


def _num(value: float) -> bytes:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return b"0" if text in ("", "-0") else text.encode("ascii")


def pdf_text_string(text: str) -> bytes:
    """A PDF text string: a literal for plain ASCII, else UTF-16BE with its byte order mark."""
    if all(32 <= ord(c) < 127 for c in text):
        return _literal(text.encode("ascii"))
    return b"<feff" + text.encode("utf-16-be", errors="replace").hex().encode("ascii") + b">"


def pdf_date(moment: datetime) -> str:
    """``moment`` as a PDF date, ``D:YYYYMMDDHHmmSS`` with ``Z`` or ``+HH'mm'`` if aware."""
    text = (
        f"D:{moment.year:04d}{moment.month:02d}{moment.day:02d}"
        f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"
    )
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return text + "Z"
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{text}{sign}{hours:02d}'{minutes:02d}'"


# --- layout -----------------------------------------------------------------------------------


@dataclass
class _Layout:
    width: float
    height: float
    margin: float
    pages: list[list[bytes]] = field(default_factory=list)
    y: float = 0.0
    fresh: bool = True  # nothing placed on the current page yet

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def usable(self) -> float:
        return self.height - 2 * self.margin

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.height - self.margin
        self.fresh = True

    def space(self, amount: float) -> None:
        if not self.fresh:
            self.y -= amount

    def fits(self, height: float) -> bool:
        return self.y - height >= self.margin - _EPSILON

    def make_room(self, height: float) -> None:
        """Start a new page unless ``height`` fits here (or the page is still empty)."""
        if not self.fresh and not self.fits(height):
            self.new_page()

    def line(self, cells: Sequence[tuple[float, bytes]], spec: _Spec) -> None:
        """Place one line: text pieces at x positions, baseline one ascent below ``y``."""
        self.make_room(spec.leading)
        baseline = self.y - spec.size * 0.8
        ops = self.pages[-1]
        for x, data in cells:
            if data:
                ops.append(
                    b"BT /%s %s Tf %s %s Td %s Tj ET\n"
                    % (
                        spec.font.resource.encode("ascii"),
                        _num(spec.size),
                        _num(x),
                        _num(baseline),
                        _literal(data),
                    )
                )
        self.y -= spec.leading
        self.fresh = False

    def rule(self) -> None:
        y = self.y - 3.0
        self.pages[-1].append(
            b"0.6 w %s %s m %s %s l S\n"
            % (_num(self.margin), _num(y), _num(self.width - self.margin), _num(y))
        )
        self.y -= 4.0
        self.fresh = False

    def block(self, block: Block) -> None:
        if block.style == "pagebreak":
            if not self.fresh:
                self.new_page()
            return
        spec = _SPECS[block.style]
        self.space(spec.before)
        text_width_ = self.width - 2 * self.margin
        if block.style in ("row", "rowhead"):
            self._row(block.text, spec, text_width_)
        else:
            if block.style == "mono":
                lines = _wrap_mono(block.text, spec.size, text_width_)
            else:
                lines = _wrap(block.text, spec.font, spec.size, text_width_)
            # Keep a title or heading together with the first lines that follow it.
            if block.style in ("title", "heading"):
                self.make_room(spec.leading * len(lines) + 3 * _SPECS["body"].leading)
            for data in lines:
                self.line([(self.margin, data)], spec)
        if spec.rule:
            self.rule()
        self.y -= spec.after

    def _row(self, text: str, spec: _Spec, total: float) -> None:
        cells = text.split("\t")
        count = len(cells)
        gap = min(_COLUMN_GAP, total / count / 5)
        column = (total - gap * (count - 1)) / count
        wrapped = [_wrap(cell, spec.font, spec.size, column) for cell in cells]
        slots = max(len(lines) for lines in wrapped)
        height = slots * spec.leading
        if height <= self.usable:
            self.make_room(height)  # keep a row together when it can be
        for i in range(slots):
            self.line(
                [
                    (self.margin + c * (column + gap), lines[i])
                    for c, lines in enumerate(wrapped)
                    if i < len(lines)
                ],
                spec,
            )


# --- file structure ---------------------------------------------------------------------------


def stream_object(data: bytes, *, compress: bool = True, extra: bytes = b"") -> bytes:
    """The body of a stream object holding ``data`` (Flate-compressed if ``compress``).

    ``extra`` is added to the stream dictionary, e.g. ``b"/Type /XObject"``.
    """
    filters = b""
    if compress:
        data = zlib.compress(data, 9)
        filters = b" /Filter /FlateDecode"
    head = b"<< /Length %d%s%s >>" % (len(data), filters, b" " + extra if extra else b"")
    return head + b"\nstream\n" + data + b"\nendstream"


def assemble_pdf(
    objects: Sequence[bytes],
    *,
    root: int,
    info: int | None = None,
    file_id: bytes | None = None,
    version: str = "1.4",
) -> bytes:
    """A complete PDF file of ``objects`` (numbered from 1, generation 0) with its xref table.

    ``root`` and ``info`` are object numbers; ``file_id`` (16 bytes) defaults to the MD5 of
    the objects.  The objects are written as given, so this also makes deliberately broken
    files for tests.
    """
    out = bytearray(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode("ascii"))
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    ident = (file_id or hashlib.md5(b"".join(objects), usedforsecurity=False).digest()).hex()
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    trailer += b" /ID [<%s> <%s>] >>" % (ident.encode("ascii"), ident.encode("ascii"))
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _as_blocks(items: Iterable[Block | str]) -> list[Block]:
    return [item if isinstance(item, Block) else Block(item) for item in items]


def render_pdf(
    blocks: Iterable[Block | str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    page_size: tuple[float, float] = A4,
    margin: float = DEFAULT_MARGIN,
    compress: bool = True,
) -> tuple[bytes, int]:
    """The PDF file of ``blocks`` and its page count.

    A plain string is a ``body`` block.  ``created`` becomes the CreationDate (left out when
    None, so the same input always gives the same bytes).  There is always at least one page.
    """
    width, height = page_size
    if not (width > 2 * margin + 20 and height > 2 * margin + 20 and margin >= 0):
        raise ValueError(f"page {page_size} is too small for margins of {margin}pt")
    layout = _Layout(width, height, margin)
    for block in _as_blocks(blocks):
        layout.block(block)
    pages = layout.pages
    if len(pages) > 1 and not pages[-1]:
        pages.pop()  # a trailing page break or overflow left an empty page

    # 1 catalog, 2 page tree, 3.. fonts, then the info dictionary, then page + content pairs.
    fonts_at = 3
    info_at = fonts_at + len(_FONTS)
    first_page = info_at + 1
    page_numbers = [first_page + 2 * i for i in range(len(pages))]

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % n for n in page_numbers), len(pages)),
    ]
    objects += [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
        % font.base.encode("ascii")
        for font in _FONTS
    ]
    info = b"<< /Producer %s" % pdf_text_string(PRODUCER)
    if title is not None:
        info += b" /Title %s" % pdf_text_string(title)
    if author is not None:
        info += b" /Author %s" % pdf_text_string(author)
    if created is not None:
        info += b" /CreationDate %s" % pdf_text_string(pdf_date(created))
    objects.append(info + b" >>")

    fonts = b" ".join(
        b"/%s %d 0 R" % (font.resource.encode("ascii"), fonts_at + i)
        for i, font in enumerate(_FONTS)
    )
    resources = b"<< /Font << %s >> /ProcSet [/PDF /Text] >>" % fonts
    for number, ops in zip(page_numbers, pages, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources %s /Contents %d 0 R >>"
            % (_num(width), _num(height), resources, number + 1)
        )
        objects.append(stream_object(b"".join(ops), compress=compress))
    return assemble_pdf(objects, root=1, info=info_at), len(pages)


def pdf_bytes(
    blocks: Iterable[Block | str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    page_size: tuple[float, float] = A4,
    margin: float = DEFAULT_MARGIN,
    compress: bool = True,
) -> bytes:
    """The PDF file of ``blocks``; see :func:`render_pdf`."""
    data, _ = render_pdf(
        blocks,
        title=title,
        author=author,
        created=created,
        page_size=page_size,
        margin=margin,
        compress=compress,
    )
    return data


def write_pdf(
    path: Path,
    blocks: Iterable[Block | str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    page_size: tuple[float, float] = A4,
    margin: float = DEFAULT_MARGIN,
    compress: bool = True,
) -> int:
    """Write the PDF of ``blocks`` to ``path`` atomically and return its page count.

    The file is written to a temporary file in the same folder and moved over ``path``, so a
    reader never sees half a file.  Like every temporary file it is readable by its owner only.
    """
    data, pages = render_pdf(
        blocks,
        title=title,
        author=author,
        created=created,
        page_size=page_size,
        margin=margin,
        compress=compress,
    )
    write_beside(Path(path), data)  # never through a link in its place
    return pages

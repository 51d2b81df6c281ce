"""Real text PDFs made of blocks (titles, paragraphs, table rows), written with fpdf2.

Used to make the example dossier's documents (lab results, letters, imaging reports) and
the files of the tests. fpdf2 writes the file; this module lays out the blocks:

* a document whose text is all in Windows-1252 (English, Dutch, French, German and the
  like) is set in Helvetica, one of the standard PDF fonts, which the file names but does
  not carry: it is made in a few milliseconds. Any other document is set in DejaVu Sans
  (``resources/fonts``, embedded as a subset), so Greek, Cyrillic and Hebrew text is
  shown and can be searched and copied; parsing and subsetting that font costs about a
  tenth of a second per file. A character the font lacks, and a control character, is
  written as "?". A right-to-left
  line (Hebrew) is put in the order it is shown in (the Unicode bidirectional algorithm:
  numbers and Latin words inside it stay where a reader expects them), which is how text
  extraction reads it back in reading order, and a paragraph that starts in Hebrew is set
  against the right margin;
* blocks are laid out top-down with greedy word wrapping, a word wider than a line is
  broken, and the text flows onto new pages by itself; a title or heading stays with the
  lines that follow it, a table row stays on one page when it can;
* an Info dictionary with Title, Author (control characters as "?"), Producer and, when
  given, CreationDate.

Example::

    write_pdf(path, [
        Block("Full blood count", "title"),
        Block("Test\\tResult\\tReference", "rowhead"),
        Block("Haemoglobin\\t13.1 g/dL\\t12.0–16.0", "row"),
        Block("Comment: no abnormality detected."),
    ], title="Full blood count", author="Dr Zoë Müller")
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, get_args

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from pypdf import PdfReader, PdfWriter

from .atomic_write import write_beside
from .bidi import starts_right_to_left
from .paper import A4, LETTER
from .resources import resource_path

__all__ = [
    "A4",
    "DEFAULT_MARGIN",
    "LETTER",
    "PRODUCER",
    "STYLES",
    "Block",
    "Style",
    "pagebreak",
    "pdf_bytes",
    "render_pdf",
    "write_pdf",
]

Style = Literal["title", "heading", "body", "small", "row", "rowhead", "pagebreak"]
"""How a block is set.

``title``, ``heading``, ``body`` and ``small`` are wrapped paragraphs; ``row`` and
``rowhead`` (bold, ruled below) split the text at tabs into equal columns; ``pagebreak``
starts a new page (its text is ignored).
"""

STYLES: Final[tuple[Style, ...]] = get_args(Style)
DEFAULT_MARGIN: Final[float] = 56.0
PRODUCER: Final[str] = "Second Opinion Dossier (fpdf2)"
FONT_FILES: Final[dict[str, str]] = {"": "fonts/DejaVuSans.ttf", "B": "fonts/DejaVuSans-Bold.ttf"}


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


@dataclass(frozen=True, slots=True)
class _Spec:
    bold: bool
    size: float
    leading: float
    before: float  # space above the block (dropped at the top of a page)
    after: float  # space below the block
    rule: bool = False  # a thin line under the block


_SPECS: Final[dict[str, _Spec]] = {
    "title": _Spec(True, 18.0, 22.0, 0.0, 12.0, rule=True),
    "heading": _Spec(True, 13.0, 16.0, 8.0, 4.0),
    "body": _Spec(False, 10.5, 14.0, 0.0, 6.0),
    "small": _Spec(False, 8.0, 10.0, 0.0, 4.0),
    "row": _Spec(False, 10.0, 13.0, 0.0, 2.0),
    "rowhead": _Spec(True, 10.0, 13.0, 6.0, 4.0, rule=True),
}
_COLUMN_GAP: Final[float] = 12.0
_EPSILON: Final[float] = 1e-6
_SPACES: Final = re.compile(r"[ \t\x0b\x0c]+")
_FAMILY: Final = "DejaVu"
_CORE_FAMILY: Final = "Helvetica"
_CORE_ENCODING: Final = "windows-1252"


# --- text -------------------------------------------------------------------------------------


@functools.cache
def _font_path(style: str) -> Path:
    return resource_path(FONT_FILES[style])  # the resources/ folder, from source or frozen


@functools.cache
def _shown_characters() -> frozenset[int]:
    """The characters both fonts have a glyph for (read once)."""
    shown: frozenset[int] | None = None
    for style in FONT_FILES:
        font = TTFont(_font_path(style), lazy=True)
        try:
            codes = frozenset(font.getBestCmap())
        finally:
            font.close()
        shown = codes if shown is None else shown & codes
    assert shown is not None
    return shown


def _fits_core_font(text: str) -> bool:
    """Whether Helvetica, a standard PDF font, can show all of ``text``."""
    try:
        text.encode(_CORE_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str, shown: frozenset[int] | None) -> str:
    """``text`` with "?" for what cannot be shown: controls and, when ``shown`` is given,
    characters outside it (without a glyph in the font)."""
    return "".join(
        c if (shown is None or ord(c) in shown) and unicodedata.category(c) != "Cc" else "?"
        for c in text
    )


_MIRRORED: Final = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _visual(line: str, right_to_left: bool | None = None) -> str:
    """A line in the order it is shown: the Unicode bidirectional algorithm's visual order,
    brackets mirrored inside right-to-left runs (fpdf2 orders them only with a shaping
    engine, which it lacks here). ``right_to_left``: the paragraph's direction (None: the
    line's own first letter decides)."""
    if all(unicodedata.bidirectional(c) not in ("R", "AL") for c in line):
        return line
    base = None if right_to_left is None else _DIRECTIONS[right_to_left]
    shown = BidiParagraph(text=line, base_direction=base).reorder_resolved_levels()
    return "".join(
        c.character.translate(_MIRRORED) if c.embedding_level % 2 else c.character for c in shown
    )


_DIRECTIONS: Final = {True: TextDirection.RTL, False: TextDirection.LTR}


def _hard_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Measure:
    """Widths in points of text in one font and size, with the widths of words kept."""

    def __init__(self, pdf: FPDF, family: str, bold: bool, size: float) -> None:
        self.pdf, self.family, self.style, self.size = pdf, family, "B" if bold else "", size
        self.shown = _shown_characters() if family == _FAMILY else None
        self.known: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self.known.get(text)
        if width is None:
            self.pdf.set_font(self.family, self.style, self.size)
            width = self.known[text] = self.pdf.get_string_width(text)
        return width

    def printable(self, text: str) -> str:
        return _printable(text, self.shown)


def _split_long(word: str, measure: _Measure, max_width: float) -> list[str]:
    """Cut a word wider than a line into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    start, width = 0, 0.0
    for i, char in enumerate(word):
        w = measure(char)
        if i > start and width + w > max_width + _EPSILON:
            pieces.append(word[start:i])
            start, width = i, 0.0
        width += w
    pieces.append(word[start:])
    return pieces


def _wrap(text: str, measure: _Measure, max_width: float) -> list[str]:
    """Greedy word wrap; every hard line gives at least one (maybe empty) line."""
    space = measure(" ")
    lines: list[str] = []
    for hard in _hard_lines(text):
        current, current_width = "", 0.0
        for word in (measure.printable(w) for w in _SPACES.split(hard) if w):
            width = measure(word)
            if current and current_width + space + width <= max_width + _EPSILON:
                current += " " + word
                current_width += space + width
                continue
            if current:
                lines.append(current)
            if width <= max_width + _EPSILON:
                current, current_width = word, width
                continue
            *full, current = _split_long(word, measure, max_width)
            lines.extend(full)
            current_width = measure(current)
        lines.append(current)
    return lines


# --- layout -----------------------------------------------------------------------------------


@dataclass
class _Layout:
    pdf: FPDF
    family: str
    width: float
    height: float
    margin: float
    pages: int = 0  # begun in the file: a page is begun when something is placed on it
    y: float = 0.0  # from the top of the page, as fpdf2 counts
    fresh: bool = True  # nothing placed on the current page yet
    measures: dict[tuple[bool, float], _Measure] = field(default_factory=dict)
    # The direction of the table being laid out, from its head row (None: no table, or no head).
    table_right_to_left: bool | None = None

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def usable(self) -> float:
        return self.height - 2 * self.margin

    def measure(self, spec: _Spec) -> _Measure:
        key = (spec.bold, spec.size)
        if key not in self.measures:
            self.measures[key] = _Measure(self.pdf, self.family, spec.bold, spec.size)
        return self.measures[key]

    def new_page(self) -> None:
        self.y = self.margin
        self.fresh = True

    def place(self) -> None:
        """Begin the page in the file if this is the first thing placed on it."""
        if self.fresh:
            self.pdf.add_page(format=(self.width, self.height))
            self.pages += 1
            self.fresh = False

    def finish(self) -> int:
        """The page count; an empty document gets one blank page."""
        if self.pages == 0:
            self.place()
        return self.pages

    def space(self, amount: float) -> None:
        if not self.fresh:
            self.y += amount

    def make_room(self, height: float) -> None:
        """Start a new page unless ``height`` fits here (or the page is still empty)."""
        if not self.fresh and self.y + height > self.height - self.margin + _EPSILON:
            self.new_page()

    def line(
        self, cells: Sequence[tuple[float, str]], spec: _Spec, right_to_left: bool | None = None
    ) -> None:
        """Place one line: text pieces at x positions, baseline one ascent below ``y``."""
        self.make_room(spec.leading)
        self.place()
        self.pdf.set_font(self.family, "B" if spec.bold else "", spec.size)
        for x, text in cells:
            if text:
                self.pdf.text(x, self.y + spec.size * 0.8, _visual(text, right_to_left))
        self.y += spec.leading

    def rule(self) -> None:
        self.place()
        y = self.y + 3.0
        self.pdf.set_line_width(0.6)
        self.pdf.line(self.margin, y, self.width - self.margin, y)
        self.y += 4.0

    def block(self, block: Block) -> None:
        if block.style == "pagebreak":
            if not self.fresh:
                self.new_page()
            return
        spec = _SPECS[block.style]
        self.space(spec.before)
        text_width = self.width - 2 * self.margin
        if block.style == "rowhead":
            self.table_right_to_left = starts_right_to_left(block.text)
        elif block.style != "row":
            self.table_right_to_left = None
        if block.style in ("row", "rowhead"):
            self._row(block.text, spec, text_width)
        else:
            measure = self.measure(spec)
            lines = _wrap(block.text, measure, text_width)
            # Keep a title or heading together with the first lines that follow it.
            if block.style in ("title", "heading"):
                self.make_room(spec.leading * len(lines) + 3 * _SPECS["body"].leading)
            right_to_left = starts_right_to_left(block.text)
            for text in lines:
                x = self.margin + (text_width - measure(text) if right_to_left else 0.0)
                self.line([(x, text)], spec, right_to_left)
        if spec.rule:
            self.rule()
        self.y += spec.after

    def _row(self, text: str, spec: _Spec, total: float) -> None:
        cells = text.split("\t")
        count = len(cells)
        gap = min(_COLUMN_GAP, total / count / 5)
        column = (total - gap * (count - 1)) / count
        measure = self.measure(spec)
        wrapped = [_wrap(cell, measure, column) for cell in cells]
        slots = max(len(lines) for lines in wrapped)
        height = slots * spec.leading
        if height <= self.usable:
            self.make_room(height)  # keep a row together when it can be
        # A table headed in Hebrew reads from the right: its first column is the rightmost,
        # also in a row that starts with a Latin name ("MCV").
        right_to_left = self.table_right_to_left
        if right_to_left is None:
            right_to_left = starts_right_to_left(text)

        def place(c: int, line: str) -> tuple[float, str]:
            if not right_to_left:
                return self.margin + c * (column + gap), line
            start = self.margin + (count - 1 - c) * (column + gap)
            return start + column - measure(line), line

        for i in range(slots):
            self.line(
                [place(c, lines[i]) for c, lines in enumerate(wrapped) if i < len(lines)], spec
            )


# --- the file -----------------------------------------------------------------------------------


def _as_blocks(items: Iterable[Block | str]) -> list[Block]:
    return [item if isinstance(item, Block) else Block(item) for item in items]


# fpdf2 always writes a creation date: a file made without one gets this, then loses it.
_NO_DATE: Final = datetime(2000, 1, 1, tzinfo=UTC)


def render_pdf(
    blocks: Iterable[Block | str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    page_size: tuple[float, float] = A4,
    margin: float = DEFAULT_MARGIN,
) -> tuple[bytes, int]:
    """The PDF file of ``blocks`` and its page count.

    A plain string is a ``body`` block. ``created`` becomes the CreationDate (a naive time
    is taken as UTC); without it the file has none, so the same input always gives the
    same bytes. There is always at least one page; a page break or overflow at the end
    makes no empty page.
    """
    width, height = page_size
    if not (width > 2 * margin + 20 and height > 2 * margin + 20 and margin >= 0):
        raise ValueError(f"page {page_size} is too small for margins of {margin}pt")
    blocks = _as_blocks(blocks)
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    if all(_fits_core_font(block.text) for block in blocks):
        family = _CORE_FAMILY
        pdf.core_fonts_encoding = _CORE_ENCODING
    else:
        family = _FAMILY
        for style in FONT_FILES:
            pdf.add_font(_FAMILY, style, str(_font_path(style)))
    pdf.set_margins(margin, margin, margin)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    # A control character in the Info dictionary would be read as another one (fpdf2
    # writes ASCII as PDFDocEncoding, where 0x1F is "˜"): it becomes "?", as in the text.
    if title is not None:
        pdf.set_title(_printable(title, None))
    if author is not None:
        pdf.set_author(_printable(author, None))
    when = created or _NO_DATE
    pdf.set_creation_date(when if when.tzinfo is not None else when.replace(tzinfo=UTC))
    layout = _Layout(pdf, family, width, height, margin)
    for block in blocks:
        layout.block(block)
    pages = layout.finish()
    data = bytes(pdf.output())
    if created is None:
        data = _without_creation_date(data)
    return data, pages


def _without_creation_date(data: bytes) -> bytes:
    """The file without its CreationDate (fpdf2 cannot leave it out: pypdf takes it out)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    info: dict[str, object] = dict(writer.metadata or {})
    writer.metadata = {key: value for key, value in info.items() if key != "/CreationDate"}
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_bytes(
    blocks: Iterable[Block | str],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    page_size: tuple[float, float] = A4,
    margin: float = DEFAULT_MARGIN,
) -> bytes:
    """The PDF file of ``blocks``; see :func:`render_pdf`."""
    data, _ = render_pdf(
        blocks, title=title, author=author, created=created, page_size=page_size, margin=margin
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
) -> int:
    """Write the PDF of ``blocks`` to ``path`` atomically and return its page count.

    The file is written to a temporary file in the same folder and moved over ``path``, so
    a reader never sees half a file. Like every temporary file it is readable by its owner
    only.
    """
    data, pages = render_pdf(
        blocks, title=title, author=author, created=created, page_size=page_size, margin=margin
    )
    write_beside(Path(path), data)  # never through a link in its place
    return pages

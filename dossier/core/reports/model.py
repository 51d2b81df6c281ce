"""What a printed report is made of: a title, sections with headings, and simple blocks.

Blocks are plain data so they can be tested without rendering and laid out by any renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..i18n import current_language, tr

ParagraphStyle = Literal["body", "small", "lead"]
BOLD_MAX = 400  # characters: a longer question is set in ordinary weight (bold tires the eye)


def lead_style(text: str) -> ParagraphStyle:
    """ "lead" (bold) for a question of a few lines, "body" for a long one."""
    return "lead" if len(text) <= BOLD_MAX else "body"


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True)
class KeyValues:
    """Labelled values, one per line ("Date of birth: 23 April 1958")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Span:
    """A run of text in a rich table cell; "\n" in ``text`` starts a new line.

    Marks are black-and-white: bold, underline, italic and a smaller size, never colour."""

    text: str
    bold: bool = False
    underline: bool = False
    italic: bool = False
    small: bool = False


@dataclass(frozen=True)
class Rich:
    """A table cell made of spans (changed words marked, sources under a text)."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


TableCell = str | Rich


def cell_text(cell: TableCell) -> str:
    return cell if isinstance(cell, str) else cell.text


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths; empty: equal


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Question:
    """A question with ruled space below it for the answer; numbered unless ``number`` is
    None ("Other notes")."""

    number: int | None
    text: str
    note: str = ""  # e.g. the category or "important"
    answer_lines: int = 4


@dataclass(frozen=True)
class SignatureLine:
    label: str  # e.g. the person's name under the line


Block = Paragraph | KeyValues | Table | BulletList | Question | SignatureLine


@dataclass(frozen=True)
class Section:
    heading: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Footer:
    """What every page carries: the patient, the day it was printed, "page N of M"."""

    name: str
    born: str  # already formatted, may be empty
    printed: str  # already formatted
    page_label: str  # a template with {n} and {m}

    @property
    def line(self) -> str:
        """The footer's text before "page N of M", in the current language (the renderer
        prints inside the report's :func:`~dossier.core.i18n.language_scope`)."""
        if self.born:
            return tr(
                "{name} · born {born} · printed {printed}",
                name=self.name,
                born=self.born,
                printed=self.printed,
            )
        return tr("{name} · printed {printed}", name=self.name, printed=self.printed)

    def page(self, n: int, m: int) -> str:
        return self.page_label.format(n=n, m=m)


@dataclass(frozen=True)
class Report:
    kind: str  # "brief", "questions", "comparison", "request_letter", "index", …
    title: str
    footer: Footer
    subtitle: str = ""
    sections: tuple[Section, ...] = ()
    large_print: bool = False
    landscape: bool = False
    # Printed after it in the same file, each from a new page, page numbers running on
    # (the brief's document index when the brief only summarises its enclosures).
    appendix: tuple[Report, ...] = ()
    # At most this many pages (0: any). When the report needs more, the renderer prints the
    # first of ``shorter`` (the same report told more briefly, in order) that fits, else
    # the last one.
    max_pages: int = 0
    shorter: tuple[Report, ...] = ()
    # In large print, at most this many pages (0: twice ``max_pages``, the same words in
    # larger type; a sheet that must stay one sheet of paper says 1).
    max_pages_large: int = 0
    # The language its headings, labels and dates were written in (the language current
    # when it was made): the layout prints it in that language's direction, and its footer
    # in that language.
    language: str = field(default_factory=current_language)

    def text(self) -> str:
        """Every word of the report as plain text (for tests, search and previews)."""
        out = [self.title, self.subtitle]
        for section in self.sections:
            out.append(section.heading or "")
            for block in section.blocks:
                out.extend(block_text(block))
        out.extend(extra.text() for extra in self.appendix)
        return "\n".join(part for part in out if part)


def block_text(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, KeyValues):
        return [f"{k}: {v}" for k, v in block.items]
    if isinstance(block, Table):
        return [
            " | ".join(block.headers),
            *(" | ".join(cell_text(c) for c in row) for row in block.rows),
        ]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Question):
        number = f"{block.number}. " if block.number is not None else ""
        return [f"{number}{block.text}", block.note]
    return [block.label]


@dataclass(frozen=True)
class Sections:
    """A small builder: ``add(heading, *blocks)`` skips sections without blocks."""

    items: list[Section] = field(default_factory=list)

    def add(self, heading: str | None, *blocks: Block | None) -> None:
        kept = tuple(b for b in blocks if b is not None)
        if kept:
            self.items.append(Section(heading, kept))

    def done(self) -> tuple[Section, ...]:
        return tuple(self.items)

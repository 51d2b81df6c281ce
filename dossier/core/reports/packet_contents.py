"""The packet's contents page: each part with the page it starts on, the documents that
could not be included and why, and what is sent separately (slides, discs, films).

It is printed right after the brief. Its page numbers are those of the finished packet:
the renderer (:mod:`dossier.reports.packet_pdf`) lays the parts out first, then makes this
page from where each one landed, and again when the page itself takes more room than
was left for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..choice_labels import choice_label
from ..document_language import language_name
from ..i18n import tr
from .common import one_line
from .dates import DateFormatter, format_day, long_date
from .model import Footer, Paragraph, Report, Sections, Table


@dataclass(frozen=True)
class ContentsEntry:
    """One part of the packet as the contents page lists it."""

    title: str
    first_page: int  # 1-based, in the finished packet
    pages: int
    document: dict[str, Any] | None = None  # the document's record, for a document part
    not_included: str = ""  # why it is not included ("password-protected"), or ""


@dataclass(frozen=True)
class Untranslated:
    """A document of the packet still to be translated: its title and its language's name."""

    title: str
    language: str


def contents_title() -> str:
    return tr("Contents of this packet")


def packet_contents(
    entries: list[ContentsEntry],
    items: tuple[str, ...],
    footer: Footer,
    *,
    total_pages: int,
    dates: DateFormatter = long_date,
    large_print: bool = False,
    translations: str | None = None,
    untranslated: tuple[Untranslated, ...] = (),
    imaging: tuple[str, ...] = (),
) -> Report:
    """The contents page. ``items`` are the physical items, each as
    :func:`dossier.core.reports.physical_items.item_line` words it, and ``imaging`` the
    imaging studies as :func:`dossier.core.reports.imaging_lines.contents_lines` words
    them. With ``translations`` (the language whose translations the packet took), the
    documents still to be translated into it."""
    rows = tuple(_row(entry, dates) for entry in entries)
    out = Sections()
    out.add(
        None,
        Table(
            (tr("Page"), tr("Part"), tr("Date"), tr("Kind"), tr("Pages")),
            rows,
            (7, 35, 22, 13, 23),
        ),
        Paragraph(_summary(entries, total_pages), "small"),
    )
    missing = [e for e in entries if e.not_included]
    if missing:
        out.add(
            tr("Not included"),
            Paragraph(
                tr(
                    "These documents are in the patient's dossier but could not be put in "
                    "this packet; a page in their place says why. Please ask the patient "
                    "for a paper copy."
                )
            ),
            Table(
                (tr("Document"), tr("Why")),
                tuple((one_line(e.title), e.not_included) for e in missing),
                (55, 45),
            ),
        )
    if translations is not None and untranslated:
        out.add(
            tr("Still to be translated"),
            Paragraph(
                tr(
                    "These documents are written in another language, and the dossier holds "
                    "no translation of them into this language: {language}.",
                    language=language_name(translations),
                )
            ),
            Table(
                (tr("Document"), tr("Written in")),
                tuple((entry.title, entry.language) for entry in untranslated),
                (65, 35),
            ),
        )
    if imaging:
        out.add(
            tr("Imaging"),
            Paragraph(
                tr(
                    "Imaging studies cannot be printed in this packet; each line says where "
                    "the study's images are."
                ),
                "small",
            ),
            Table((tr("Study and where its images are"),), tuple((s,) for s in imaging)),
        )
    if items:
        held: Paragraph | Table = Table(
            (tr("Item and where it is"),), tuple((item,) for item in items)
        )
    elif imaging:  # its discs are listed with it
        held = Paragraph(tr("No other slides, films or discs are recorded for this case."))
    else:
        held = Paragraph(tr("No slides, films or discs are recorded for this case."))
    out.add(tr("Sent separately or brought by the patient"), held)
    return Report(
        kind="packet_contents",
        title=contents_title(),
        footer=footer,
        sections=out.done(),
        large_print=large_print,
    )


def _row(entry: ContentsEntry, dates: DateFormatter) -> tuple[str, str, str, str, str]:
    doc = entry.document or {}
    if entry.not_included:
        pages = tr("not included ({why})", why=entry.not_included)
    else:
        pages = str(entry.pages)
    return (
        str(entry.first_page),
        one_line(entry.title),
        format_day(doc.get("document_date"), dates),
        choice_label("document", "kind", doc.get("kind")),
        pages,
    )


def _summary(entries: list[ContentsEntry], total_pages: int) -> str:
    documents = [e for e in entries if e.document is not None]
    enclosed = [e for e in documents if not e.not_included]
    return tr(
        "{pages} pages in all; {enclosed} of {documents} documents enclosed.",
        pages=total_pages,
        enclosed=len(enclosed),
        documents=len(documents),
    )

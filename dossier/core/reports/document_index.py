"""The list of every document: date, title and kind, source and number of pages; then the
imaging studies, with where their images are; then the slides, films and discs, with where
they are."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import records
from ..bidi import isolate
from ..choice_labels import choice_label
from ..i18n import ntr, tr
from ..storage import Dossier
from .common import case_documents, document_flag, footer_for, one_line
from .dates import DateFormatter, format_day, long_date
from .imaging_lines import case_studies, index_table, without_discs
from .model import Paragraph, Report, Rich, Sections, Span, Table
from .physical_items import case_items, item_kind, item_whereabouts


def document_index(
    dossier: Dossier,
    case_id: int | None = None,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """Every document of the case (or of the whole dossier), oldest first, its imaging
    studies and its physical items."""
    if case_id is not None:
        case = records.get(dossier, "case", case_id)
        docs = case_documents(dossier, case_id)
        subtitle = one_line(case["title"])
    else:
        docs = sorted(
            records.list_records(dossier, "document"),
            key=lambda d: (d["document_date"] is None, d["document_date"] or "", d["id"]),
        )
        subtitle = tr("All documents")
    flags = {d["id"]: document_flag(dossier, d) for d in docs}
    rows = tuple(
        (
            str(n),
            format_day(d.get("document_date"), dates),
            _document(d, flags[d["id"]], translation_note(dossier, d)),
            one_line(d.get("source")),
            _pages(d, flags[d["id"]]),
        )
        for n, d in enumerate(docs, start=1)
    )
    out = Sections()
    if rows:
        out.add(
            None,
            Table(
                (tr("No."), tr("Date"), tr("Document"), tr("Source"), tr("Pages")),
                rows,
                (6, 20, 42, 22, 10),
            ),
            Paragraph(_totals(docs, flags), "small"),
        )
    else:
        out.add(None, Paragraph(tr("There are no documents yet.")))
    studies = case_studies(dossier, case_id)
    out.add(tr("Imaging"), index_table(dossier, studies, dates) if studies else None)
    items = without_discs(case_items(dossier, case_id), studies)
    out.add(
        tr("Slides, films and discs"),
        Table(
            (tr("Item"), tr("Where it is")),
            tuple(_item_row(dossier, i, dates) for i in items),
            (50, 50),
        )
        if items
        else None,
    )
    return Report(
        kind="index",
        title=tr("Document index"),
        subtitle=subtitle,
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
    )


def _document(doc: dict[str, Any], flag: str, translation: str) -> Rich:
    """Its title (enclosed, or why not), and under it in small type its kind and its
    language, and what it is a translation of: no more columns, so the columns keep room
    for whole words in large print."""
    about = " · ".join(
        part
        for part in (
            choice_label("document", "kind", doc.get("kind")),
            choice_label("document", "language", doc.get("language")),
        )
        if part
    )
    spans = [Span(_title(doc, flag))]
    if about:
        spans.append(Span("\n" + about, italic=True, small=True))
    if translation:
        spans.append(Span("\n" + translation, italic=True, small=True))
    return Rich(tuple(spans))


def translation_note(dossier: Dossier, doc: dict[str, Any]) -> str:
    """ "Translation of 'MRI report', certified by Vertaalbureau Noord" for a document that
    is the translation of another; "" for one that is not."""
    original_id = doc.get("translation_of_id")
    if original_id is None:
        return ""
    try:
        original = records.get(dossier, "document", original_id, include_deleted=True)
    except records.NotFoundError:
        return ""
    title = isolate(one_line(original.get("title")))
    who = isolate(one_line(doc.get("translated_by"))) if doc.get("translated_by") else ""
    if doc.get("translation_certified"):
        if who:
            return tr("Translation of '{title}', certified by {who}", title=title, who=who)
        return tr("Certified translation of '{title}'", title=title)
    if who:
        return tr("Translation of '{title}' by {who}", title=title, who=who)
    return tr("Translation of '{title}'", title=title)


def _title(doc: dict[str, Any], flag: str) -> str:
    title = one_line(doc.get("title"))
    if doc.get("bring") and not flag:
        title = tr("{title} (enclosed)", title=isolate(title))
    if flag:
        title = tr("{title}: {flag}", title=isolate(title), flag=flag)
    return title


def _pages(doc: dict[str, Any], flag: str) -> str:
    if doc.get("page_count"):
        return str(doc["page_count"])
    return "—" if flag else tr("not counted")


def _totals(docs: list[dict[str, Any]], flags: dict[int, str]) -> str:
    pages = sum(d.get("page_count") or 0 for d in docs)
    said = tr(
        # Translators: "12 documents, 31 pages." under the document index.
        "{documents}, {pages}.",
        documents=ntr("{n} document", "{n} documents", len(docs)),
        pages=ntr("{n} page", "{n} pages", pages),
    )
    enclosed = sum(1 for d in docs if d.get("bring") and not flags[d["id"]])
    if enclosed:
        said += " " + tr("Enclosed: {n}.", n=enclosed)
    left = sum(1 for d in docs if flags[d["id"]])
    if left:
        said += " " + tr("Could not be included: {n} (marked).", n=left)
    return said


def _item_row(dossier: Dossier, item: dict[str, Any], dates: DateFormatter) -> tuple[str, str]:
    what = one_line(item.get("description"))
    kind = item_kind(item)
    return (f"{what}\n{kind}" if kind else what, item_whereabouts(dossier, item, dates))

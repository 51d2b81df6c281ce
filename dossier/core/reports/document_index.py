"""The list of every document: date, kind, title, source and number of pages."""

from __future__ import annotations

from datetime import date

from .. import records
from ..i18n import tr
from ..storage import Dossier
from .common import case_documents, choice_label, footer_for, one_line
from .dates import DateFormatter, format_day, long_date
from .model import Paragraph, Report, Sections, Table


def document_index(
    dossier: Dossier,
    case_id: int | None = None,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """Every document of the case (or of the whole dossier), oldest first."""
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
    rows = tuple(
        (
            str(n),
            format_day(d.get("document_date"), dates),
            choice_label(d.get("kind")),
            one_line(d.get("title")) + (" " + tr("(to bring)") if d.get("bring") else ""),
            one_line(d.get("source")),
            str(d["page_count"]) if d.get("page_count") else "",
        )
        for n, d in enumerate(docs, start=1)
    )
    out = Sections()
    if rows:
        out.add(
            None,
            Table(
                (tr("No."), tr("Date"), tr("Kind"), tr("Title"), tr("Source"), tr("Pages")),
                rows,
                (6, 17, 16, 35, 19, 7),
            ),
            Paragraph(
                tr(
                    "{n} documents, {pages} pages.",
                    n=len(docs),
                    pages=sum(d.get("page_count") or 0 for d in docs),
                ),
                "small",
            ),
        )
    else:
        out.add(None, Paragraph(tr("There are no documents yet.")))
    return Report(
        kind="index",
        title=tr("Document index"),
        subtitle=subtitle,
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
    )

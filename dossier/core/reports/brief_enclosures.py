"""What comes with the brief: the enclosed documents (listed whole when they are few,
summarised when they are many, with the document index printed after the brief), and the
slides, films and discs that cannot go in an envelope, with where they are."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..bidi import isolate
from ..choice_labels import choice_label
from ..i18n import tr
from ..storage import Dossier
from .common import (
    KIND_ORDER,
    case_documents,
    document_flag,
    document_line,
    documents_to_bring,
    one_line,
)
from .dates import DateFormatter
from .model import Block, BulletList, Paragraph
from .physical_items import case_items, item_line


@dataclass(frozen=True)
class Enclosures:
    documents: tuple[Block, ...]  # the "Enclosed documents" section; empty: none
    items: tuple[Block, ...]  # the "Slides, films and discs" section; empty: none
    needs_index: bool  # the list is only summarised: print the document index with the brief


def enclosures(
    dossier: Dossier,
    case_id: int,
    dates: DateFormatter,
    *,
    list_max: int,
    leave_out: Collection[int] = (),
) -> Enclosures:
    """The enclosed documents, whole when there are at most ``list_max``, else summarised;
    the physical items but those in ``leave_out`` (the discs the imaging part speaks of)."""
    docs = documents_to_bring(dossier, case_id)
    items = [i for i in case_items(dossier, case_id) if i["id"] not in leave_out]
    flags = {d["id"]: document_flag(dossier, d) for d in docs}
    documents: tuple[Block, ...]
    needs_index = len(docs) > list_max
    if needs_index:
        documents = _summary(docs, flags, dates)
    elif docs:
        documents = (
            BulletList(tuple(document_line(d, dates, flags[d["id"]]) for d in docs), numbered=True),
        )
    else:
        documents = (Paragraph(_none_enclosed(dossier, case_id), "small"),)
    shown: tuple[Block, ...] = ()
    if items:
        shown = (BulletList(tuple(item_line(dossier, i, dates) for i in items)),)
    return Enclosures(documents, shown, needs_index)


def _none_enclosed(dossier: Dossier, case_id: int) -> str:
    """What the brief says when no document is marked to bring: how many the case has."""
    held = len(case_documents(dossier, case_id))
    if not held:
        return tr("No documents are enclosed; the dossier holds none for this case yet.")
    return tr(
        "No documents are enclosed. The patient's dossier holds {n} for this case; "
        "ask for any you need.",
        n=held,
    )


def _summary(
    docs: list[dict[str, Any]], flags: dict[int, str], dates: DateFormatter
) -> tuple[Block, ...]:
    flagged = [d for d in docs if flags[d["id"]]]
    enclosed = [d for d in docs if not flags[d["id"]]]
    counts = Counter(d.get("kind") or "other" for d in enclosed)
    order = [k for k in KIND_ORDER if k in counts] + sorted(
        k for k in counts if k not in KIND_ORDER
    )
    by_kind = ", ".join(
        tr("{kind}: {n}", n=counts[k], kind=choice_label("document", "kind", k)) for k in order
    )
    pages = sum(d.get("page_count") or 0 for d in enclosed)
    out: list[Block] = [
        Paragraph(
            tr(
                "{n} documents are enclosed ({pages} pages); by kind, {kinds}. The full list "
                "is in the document index printed with this brief.",
                n=len(enclosed),
                pages=pages,
                kinds=by_kind,
            )
        )
    ]
    if flagged:
        out.append(Paragraph(tr("These could not be enclosed ({n}):", n=len(flagged)), "small"))
        out.append(
            BulletList(
                tuple(
                    tr(
                        "{title}: {flag}",
                        title=isolate(one_line(d.get("title"))),
                        flag=flags[d["id"]],
                    )
                    for d in flagged
                )
            )
        )
    return tuple(out)

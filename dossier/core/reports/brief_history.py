"""The brief's history: what happened, by date, what matters most kept first.

A history with room for a dozen rows keeps the diagnoses, treatments, decisions and
opinions before ordinary documents, and says what it left out and where to find it, so a
January cancer diagnosis never drops off for the sake of November's blood count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import records
from ..i18n import tr
from ..storage import Dossier
from .common import clip_noted, documents_to_bring, opinion_author
from .dates import DateFormatter, format_day
from .diagnosis_words import diagnosis_name, history_label
from .model import Paragraph, Table

# Kinds of document that belong in a history even when they are not enclosed.
KEY_KINDS = ("pathology", "imaging_report", "discharge_summary", "written_opinion", "lab_result")

# What matters most first: a history that must leave rows out leaves the later ranks out.
RANK_FINDING = 0  # diagnoses, treatments, decisions
RANK_OPINION = 1
RANK_DOCUMENT = 2


@dataclass(frozen=True, order=True)
class Event:
    day: str  # ISO date
    rank: int
    what: str
    details: str


def case_events(
    dossier: Dossier,
    case_id: int,
    diagnoses: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    treatments: list[dict[str, Any]],
    chars: int,
) -> list[Event]:
    """Everything dated about the case, oldest first, each detail within ``chars``."""
    events: set[Event] = set()
    for d in diagnoses:
        if d.get("diagnosed_on"):
            events.add(
                Event(
                    d["diagnosed_on"],
                    RANK_FINDING,
                    history_label(d.get("status")),
                    clip_noted(diagnosis_name(d), chars),
                )
            )
    for t in treatments:
        if t.get("started_on"):
            events.add(
                Event(
                    t["started_on"], RANK_FINDING, tr("Treatment"), clip_noted(t.get("name"), chars)
                )
            )
    for c in records.list_records(dossier, "comparison", case_id=case_id):
        if c.get("decided_on") and (c.get("decision") or "").strip():
            events.add(
                Event(
                    c["decided_on"], RANK_FINDING, tr("Decision"), clip_noted(c["decision"], chars)
                )
            )
    for o in opinions:  # what each one said is in "Opinions so far"
        if o.get("given_on"):
            events.add(
                Event(
                    o["given_on"],
                    RANK_OPINION,
                    tr("Opinion"),
                    clip_noted(opinion_author(dossier, o), chars),
                )
            )
    key = [
        d
        for d in records.list_records(dossier, "document", case_id=case_id)
        if d["kind"] in KEY_KINDS
    ]
    for doc in documents_to_bring(dossier, case_id) + key:
        if doc.get("document_date"):
            events.add(
                Event(
                    doc["document_date"],
                    RANK_DOCUMENT,
                    tr("Document"),
                    clip_noted(doc["title"], chars),
                )
            )
    return sorted(events)


def history_blocks(
    events: list[Event], rows: int, dates: DateFormatter, *, index_attached: bool
) -> tuple[Table | None, Paragraph | None]:
    """The history table (at most ``rows`` rows, by date) and a note on what it left out."""
    if not events:
        return None, None
    kept = sorted(sorted(events, key=lambda e: (e.rank, _newest_first(e.day)))[:rows])
    table = (
        None
        if not kept
        else Table(
            (tr("Date"), tr("What"), tr("Details")),
            tuple((format_day(e.day, dates), e.what, e.details) for e in kept),
            (22, 18, 60),
        )
    )
    left = [e for e in events if e not in kept]
    documents = sum(e.rank == RANK_DOCUMENT for e in left)
    others = len(left) - documents
    if documents and others:
        note = tr(
            "Left out of this history for room: {n} documents ({where}) and {others} earlier "
            "diagnoses, treatments or opinions.",
            n=documents,
            others=others,
            where=_where(index_attached),
        )
    elif documents:
        note = tr(
            "Left out of this history for room: {n} documents ({where}).",
            n=documents,
            where=_where(index_attached),
        )
    elif others:
        note = tr(
            "Left out of this history for room: {n} earlier diagnoses, treatments or opinions.",
            n=others,
        )
    else:
        return table, None
    return table, Paragraph(note, "small")


def _where(index_attached: bool) -> str:
    if index_attached:
        return tr("the document index printed with this brief lists them all")
    return tr("the document index lists them all")


def _newest_first(day: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(ch) for ch in day)

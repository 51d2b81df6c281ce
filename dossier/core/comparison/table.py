"""The comparison as a table to show: opinions in columns, aspects in rows.

:func:`load` reads a stored comparison; :func:`for_case` finds the stored
comparison of a case (or lays the case's opinions side by side without storing
anything, for a plain look). Both return a :class:`ComparisonTable`, a read-only
snapshot: after an operation, load it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import records
from ..entities import ASPECTS, ENTITIES, VERDICTS
from ..errors import DossierError, NotFoundError
from ..i18n import N_, tr
from ..storage import Dossier
from .key_terms import differing_terms
from .text import Segment, changed_flags, propose_verdict, segments

_ORDINALS = {
    1: N_("original opinion"),
    2: N_("second opinion"),
    3: N_("third opinion"),
    4: N_("fourth opinion"),
    5: N_("fifth opinion"),
}


def ordinal_label(ordinal: int | None) -> str:
    """ "original opinion", "second opinion", "third opinion"… for an opinion's number."""
    n = ordinal or 1
    return tr(_ORDINALS[n]) if n in _ORDINALS else tr("opinion {n}", n=n)


def aspect_label(aspect: str) -> str:
    """The plain name of an aspect, as the opinion form labels it ("recommended treatment")."""
    return tr(ENTITIES["opinion"].field(aspect).plain_label)


@dataclass(frozen=True)
class Citation:
    """A source an opinion cites for one aspect: a document, perhaps one page of it."""

    document_id: int
    title: str
    page: int | None  # 1 for the first page; None for the whole document
    available: bool  # False when the document is in the trash

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Column:
    """One opinion, as shown at the top of its column."""

    opinion_id: int
    ordinal: int
    ordinal_label: str  # "second opinion"
    doctor: str | None  # the contact's name
    contact_id: int | None
    institution: str | None
    given_on: str | None
    report_document_id: int | None

    @property
    def who(self) -> str:
        """The doctor, else the institution, else the ordinal label: never empty."""
        return self.doctor or self.institution or self.ordinal_label

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "who": self.who}


@dataclass(frozen=True)
class Cell:
    """What one opinion says on one aspect."""

    opinion_id: int
    text: str | None  # None when the opinion leaves the aspect empty
    segments: tuple[Segment, ...]  # the text, changed words marked (against the first opinion)
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "opinion_id": self.opinion_id,
            "text": self.text,
            "segments": [s.as_dict() for s in self.segments],
            "citations": [c.as_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Origin:
    """A question or a task made from an aspect ("asked because of: treatment differs")."""

    entity: str  # "question" or "task"
    record_id: int
    label: str  # the question's text or the task's title
    done: bool  # a question asked, a task done
    due_on: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Row:
    """One aspect across the opinions."""

    aspect: str
    label: str  # "recommended treatment"
    cells: tuple[Cell, ...]  # in column order
    proposed: str  # core's proposal, one of VERDICTS
    stored: str | None  # the person's verdict, if they gave one
    note: str | None
    origins: tuple[Origin, ...] = ()
    differing_terms: tuple[str, ...] = ()  # main terms not all opinions name (key_terms)

    @property
    def verdict(self) -> str:
        """The verdict in force: the person's, else the proposal."""
        return self.stored or self.proposed

    @property
    def verdict_source(self) -> str:
        """ "stored" when the person chose the verdict, "proposed" when core proposes it."""
        return "stored" if self.stored else "proposed"

    @property
    def empty(self) -> bool:
        """No opinion says anything on this aspect."""
        return all(c.text is None for c in self.cells)

    @property
    def can_follow_up(self) -> bool:
        """Whether to offer "make a question / next step" (not addressed, or different)."""
        return self.verdict in ("not_addressed", "different", "partly")

    def as_dict(self) -> dict[str, Any]:
        return {
            "aspect": self.aspect,
            "label": self.label,
            "verdict": self.verdict,
            "verdict_source": self.verdict_source,
            "proposed": self.proposed,
            "stored": self.stored,
            "note": self.note,
            "cells": [c.as_dict() for c in self.cells],
            "origins": [o.as_dict() for o in self.origins],
            "differing_terms": list(self.differing_terms),
        }


@dataclass(frozen=True)
class Decision:
    text: str | None
    reason: str | None
    decided_on: str | None
    participants: str | None
    deadline: str | None  # the case's decision deadline
    within_deadline: bool | None  # None when there is no deadline or no date

    @property
    def made(self) -> bool:
        return bool((self.text or "").strip())

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "made": self.made}


@dataclass(frozen=True)
class ComparisonTable:
    """A comparison, ready to show. ``comparison_id`` is None when it is not stored."""

    comparison_id: int | None
    case_id: int
    case_title: str
    title: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]  # every aspect, in ASPECTS order
    summary_text: str | None  # what the person wrote as the summary
    next_steps: str | None  # what the person wrote as next steps
    decision: Decision
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def stored(self) -> bool:
        return self.comparison_id is not None

    def row(self, aspect: str) -> Row:
        for row in self.rows:
            if row.aspect == aspect:
                return row
        raise KeyError(aspect)

    def column(self, opinion_id: int) -> Column:
        for column in self.columns:
            if column.opinion_id == opinion_id:
                return column
        raise KeyError(opinion_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "comparison_id": self.comparison_id,
            "stored": self.stored,
            "case_id": self.case_id,
            "case_title": self.case_title,
            "title": self.title,
            "opinions": [c.as_dict() for c in self.columns],
            "aspects": [r.as_dict() for r in self.rows],
            "summary_text": self.summary_text,
            "next_steps": self.next_steps,
            "decision": self.decision.as_dict(),
        }


def within_deadline(decided_on: str | None, deadline: str | None) -> bool | None:
    """True when the decision date is on or before the deadline; None if either is missing."""
    if not decided_on or not deadline:
        return None
    return date.fromisoformat(decided_on[:10]) <= date.fromisoformat(deadline[:10])


def load(dossier: Dossier, comparison_id: int) -> ComparisonTable:
    """The stored comparison ``comparison_id`` as a table (NotFoundError if there is none)."""
    comparison = records.get(dossier, "comparison", comparison_id)
    return _build(dossier, comparison["case_id"], comparison["opinion_ids"], comparison)


def find(dossier: Dossier, case_id: int, opinion_ids: Sequence[int] | None = None) -> int | None:
    """The live comparison of the case with exactly these opinions (any order), else None.

    Without ``opinion_ids``, the case's most recent comparison.
    """
    found = records.list_records(dossier, "comparison", case_id=case_id)
    if opinion_ids is not None:
        wanted = set(opinion_ids)
        found = [c for c in found if set(c["opinion_ids"]) == wanted]
    return int(found[-1]["id"]) if found else None


def for_case(
    dossier: Dossier, case_id: int, opinion_ids: Sequence[int] | None = None
) -> ComparisonTable:
    """The comparison of a case, stored or not; writes nothing.

    The stored comparison with these opinions (or, without ``opinion_ids``, the
    case's latest) when there is one; else the opinions laid side by side with
    proposals only: ``opinion_ids`` in that order, or the case's first four opinions.
    """
    case = records.get(dossier, "case", case_id)
    existing = find(dossier, case_id, opinion_ids)
    if existing is not None:
        return load(dossier, existing)
    if opinion_ids is None:
        opinion_ids = [o["id"] for o in records.list_records(dossier, "opinion", case_id=case_id)]
        opinion_ids = opinion_ids[:4]
    check_opinions(dossier, case_id, opinion_ids)
    return _build(dossier, case["id"], list(opinion_ids), None)


def check_opinions(dossier: Dossier, case_id: int, opinion_ids: Sequence[int]) -> None:
    """Refuse anything but two to four distinct live opinions of the case."""
    ids = list(opinion_ids)
    if len(set(ids)) != len(ids) or not 2 <= len(ids) <= 4:
        raise DossierError(
            tr("A comparison lays two to four different opinions of one case side by side.")
        )
    for opinion_id in ids:
        opinion = records.get(dossier, "opinion", opinion_id)
        if opinion["case_id"] != case_id:
            raise DossierError(
                tr(
                    "Opinion {id} is about another case; only opinions about the same case "
                    "can be compared.",
                    id=opinion_id,
                )
            )


def known_verdict(value: Any) -> str | None:
    """A stored verdict if it is one of :data:`VERDICTS`, else None: a value this program
    never writes (a database changed by hand) counts as no verdict, so the proposal shows."""
    return value if value in VERDICTS else None


def _build(
    dossier: Dossier, case_id: int, opinion_ids: Sequence[int], comparison: dict[str, Any] | None
) -> ComparisonTable:
    case = records.get(dossier, "case", case_id, include_deleted=True)
    opinions = [records.get(dossier, "opinion", i, include_deleted=True) for i in opinion_ids]
    columns = tuple(_column(dossier, o) for o in opinions)
    documents = _documents(dossier, opinions)
    stored_aspects: dict[str, Any] = (comparison or {}).get("aspects") or {}
    origins = _origins(dossier, comparison["id"]) if comparison else {}
    rows = []
    for aspect in ASPECTS:
        texts = [_text(o.get(aspect)) for o in opinions]
        cells = tuple(
            Cell(
                o["id"],
                text,
                tuple(seg),
                tuple(
                    Citation(
                        c["document_id"],
                        documents.get(c["document_id"], ("", False))[0],
                        c["page"],
                        documents.get(c["document_id"], ("", False))[1],
                    )
                    for c in (o.get("citations") or {}).get(aspect, [])
                ),
            )
            for o, text, seg in zip(opinions, texts, _marked(texts), strict=True)
        )
        stored = stored_aspects.get(aspect) or {}
        rows.append(
            Row(
                aspect,
                aspect_label(aspect),
                cells,
                propose_verdict(texts),
                known_verdict(stored.get("verdict")),
                stored.get("note"),
                tuple(origins.get(aspect, ())),
                differing_terms(texts) if all(texts) else (),
            )
        )
    c = comparison or {}
    deadline = case.get("decision_deadline")
    decision = Decision(
        c.get("decision"),
        c.get("decision_reason"),
        c.get("decided_on"),
        c.get("decision_participants"),
        deadline,
        within_deadline(c.get("decided_on"), deadline),
    )
    return ComparisonTable(
        c.get("id"),
        case["id"],
        case["title"],
        c.get("title"),
        columns,
        tuple(rows),
        c.get("summary"),
        c.get("next_steps"),
        decision,
    )


def _text(value: Any) -> str | None:
    text = str(value) if value is not None else ""
    return text if text.strip() else None


def _marked(texts: list[str | None]) -> list[list[Segment]]:
    """Each text's segments, words changed against the first opinion marked.

    The first opinion's words are marked where they differ from any other opinion.
    """
    first = texts[0] or ""
    first_flags: list[bool] | None = None
    first_tokens: list[str] = []
    out: list[list[Segment]] = [[]]
    for other in texts[1:]:
        ta, fa, tb, fb = changed_flags(first, other or "")
        first_tokens = ta
        first_flags = (
            fa if first_flags is None else [x or y for x, y in zip(first_flags, fa, strict=True)]
        )
        out.append(segments(tb, fb) if other is not None else [])
    if texts[0] is not None and first_flags is not None:
        out[0] = segments(first_tokens, first_flags)
    elif texts[0] is not None:
        out[0] = [Segment(first, False)]
    return out


def _column(dossier: Dossier, opinion: dict[str, Any]) -> Column:
    contact: dict[str, Any] = {}
    if opinion.get("contact_id") is not None:
        contact = records.get(dossier, "contact", opinion["contact_id"], include_deleted=True)
    return Column(
        opinion["id"],
        int(opinion.get("ordinal") or 1),
        ordinal_label(opinion.get("ordinal")),
        contact.get("name"),
        opinion.get("contact_id"),
        opinion.get("institution") or contact.get("institution"),
        opinion.get("given_on"),
        opinion.get("report_document_id"),
    )


def _documents(dossier: Dossier, opinions: list[dict[str, Any]]) -> dict[int, tuple[str, bool]]:
    ids = sorted(
        {
            c["document_id"]
            for o in opinions
            for items in (o.get("citations") or {}).values()
            for c in items
        }
    )
    if not ids:
        return {}
    rows = dossier.db.execute(
        f"SELECT id, title, deleted_at FROM document WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    return {int(r[0]): (str(r[1]), r[2] is None) for r in rows}


def _origins(dossier: Dossier, comparison_id: int) -> dict[str, list[Origin]]:
    out: dict[str, list[Origin]] = {}
    for row in dossier.db.execute(
        "SELECT aspect, id, text, asked, NULL FROM question "
        "WHERE comparison_id = ? AND deleted_at IS NULL AND aspect IS NOT NULL",
        [comparison_id],
    ).fetchall():
        out.setdefault(row[0], []).append(Origin("question", int(row[1]), row[2], bool(row[3])))
    for row in dossier.db.execute(
        "SELECT aspect, id, title, done, due_on FROM task "
        "WHERE comparison_id = ? AND deleted_at IS NULL AND aspect IS NOT NULL ORDER BY id",
        [comparison_id],
    ).fetchall():
        out.setdefault(row[0], []).append(Origin("task", int(row[1]), row[2], bool(row[3]), row[4]))
    return out


def origin_of(dossier: Dossier, entity: str, record_id: int) -> tuple[int, str, str] | None:
    """Where a question or task came from: (comparison id, aspect, verdict), or None.

    For "asked because of: recommended treatment differs" beside a question.
    """
    if entity not in ("question", "task"):
        return None
    record = records.get(dossier, entity, record_id, include_deleted=True)
    comparison_id, aspect = record.get("comparison_id"), record.get("aspect")
    if comparison_id is None or aspect is None:
        return None
    try:
        table = load(dossier, comparison_id)
    except NotFoundError:
        return None
    return comparison_id, aspect, table.row(aspect).verdict


__all__ = [
    "Cell",
    "Citation",
    "Column",
    "ComparisonTable",
    "Decision",
    "Origin",
    "Row",
    "aspect_label",
    "check_opinions",
    "find",
    "for_case",
    "load",
    "ordinal_label",
    "origin_of",
    "within_deadline",
]

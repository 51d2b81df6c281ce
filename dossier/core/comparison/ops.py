"""What a person does with a comparison, each one transaction returning a Change.

Every function returns a :class:`~dossier.core.records.Change` (a
:class:`~dossier.core.history.ChangeGroup` when it writes more than one record),
so ``History.record(change)`` makes it undoable like any other edit.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from .. import records
from ..clock import today
from ..entities import ASPECTS, VERDICTS
from ..errors import ValidationError
from ..history import ChangeGroup
from ..i18n import tr
from ..records import Change
from ..storage import Dossier
from .table import check_opinions, for_case, known_verdict, load, within_deadline
from .wording import question_text, step_title


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # "leave this as it is", for set_verdict's note


def start(
    dossier: Dossier, case_id: int, opinion_ids: Sequence[int], *, title: str | None = None
) -> Change:
    """Store a new comparison of two to four opinions of the case, in this column order.

    The title defaults to the doctors' names ("Dr. A and Dr. B"). No verdict is
    stored: until the person sets one, each aspect shows core's proposal.
    """
    with dossier.db.atomic():
        check_opinions(dossier, case_id, opinion_ids)
        if title is None:
            table = for_case(dossier, case_id, opinion_ids)
            names = [c.who for c in table.columns]
            title = tr("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])
        return records.create(
            dossier,
            "comparison",
            {"case_id": case_id, "opinion_ids": list(opinion_ids), "title": title},
        )


def set_verdict(
    dossier: Dossier,
    comparison_id: int,
    aspect: str,
    verdict: str | None,
    note: str | _Keep | None = KEEP,
) -> Change:
    """Store the person's verdict on one aspect (None: back to core's proposal).

    ``note`` replaces the aspect's note (None or "" empties it); left out, the note
    stays as it is.
    """
    _check_aspect(aspect)
    if verdict is not None and verdict not in VERDICTS:
        raise ValidationError(
            {
                "verdict": tr(
                    "A verdict must be one of: {choices}.",
                    choices=", ".join(v.replace("_", " ") for v in VERDICTS),
                )
            }
        )
    with dossier.db.atomic():
        current = records.get(dossier, "comparison", comparison_id)
        old = current["aspects"].get(aspect) or {}
        value = {"verdict": verdict, "note": old.get("note") if note is KEEP else note}
        return records.update(dossier, "comparison", comparison_id, {"aspects": {aspect: value}})


def set_note(dossier: Dossier, comparison_id: int, aspect: str, note: str | None) -> Change:
    """Store the note on one aspect, keeping its verdict."""
    _check_aspect(aspect)
    with dossier.db.atomic():
        current = records.get(dossier, "comparison", comparison_id)
        verdict = known_verdict((current["aspects"].get(aspect) or {}).get("verdict"))
        return set_verdict(dossier, comparison_id, aspect, verdict, note)


def set_citations(
    dossier: Dossier, opinion_id: int, aspect: str, citations: Sequence[Mapping[str, Any]]
) -> Change:
    """Replace what an opinion cites for one aspect: ``[{"document_id": 7, "page": 2}]``.

    An empty list removes the aspect's citations. The document must be in the
    dossier (not in the trash) and the page within its pages.
    """
    _check_aspect(aspect)
    with dossier.db.atomic():
        current = records.get(dossier, "opinion", opinion_id)
        cited = {k: list(v) for k, v in (current.get("citations") or {}).items()}
        cited[aspect] = [
            {"document_id": c.get("document_id"), "page": c.get("page")} for c in citations
        ]
        if not cited[aspect]:
            del cited[aspect]
        return records.update(dossier, "opinion", opinion_id, {"citations": cited})


def aspect_to_question(
    dossier: Dossier,
    comparison_id: int,
    aspect: str,
    *,
    text: str | None = None,
    appointment_id: int | None = None,
) -> Change:
    """Turn an aspect into a question for the next appointment, linked back to it.

    Without ``text``, a neutral question is written from the opinions
    (:func:`~.wording.question_text`); the UI can show it for editing first.
    """
    _check_aspect(aspect)
    with dossier.db.atomic():
        table = load(dossier, comparison_id)
        row = table.row(aspect)
        data: dict[str, Any] = {
            "case_id": table.case_id,
            "text": text if text is not None else question_text(table, row),
            "category": row.label,
            "comparison_id": comparison_id,
            "aspect": aspect,
        }
        if appointment_id is not None:
            data["appointment_id"] = appointment_id
        return records.create(dossier, "question", data)


def aspect_to_next_step(
    dossier: Dossier,
    comparison_id: int,
    aspect: str,
    *,
    due_on: str | date | None,
    title: str | None = None,
    kind: str = "follow_up",
) -> Change:
    """Turn an aspect into a next step (a task, a deadline when dated), linked back to it.

    Without ``title``, one is written from the opinions (:func:`~.wording.step_title`).
    """
    _check_aspect(aspect)
    with dossier.db.atomic():
        table = load(dossier, comparison_id)
        row = table.row(aspect)
        return records.create(
            dossier,
            "task",
            {
                "case_id": table.case_id,
                "title": title if title is not None else step_title(table, row),
                "kind": kind,
                "due_on": due_on.isoformat() if isinstance(due_on, date) else due_on,
                "comparison_id": comparison_id,
                "aspect": aspect,
            },
        )


def record_decision(
    dossier: Dossier,
    comparison_id: int,
    *,
    decision: str,
    reason: str | None = None,
    decided_on: str | date | None = None,
    participants: str | Sequence[str] | None = None,
    mark_case_decided: bool = True,
) -> Change:
    """Write down the decision: which option, why, when (default today), who took part.

    With ``mark_case_decided`` an open case is marked decided in the same step (one
    ChangeGroup, undone together). An empty ``decision`` is refused; to take a
    decision back, undo it.
    """
    if not (decision or "").strip():
        raise ValidationError({"decision": tr("Write down which option was chosen.")})
    when = decided_on or today()
    who = participants if isinstance(participants, str) or participants is None else None
    if who is None and participants is not None:
        who = ", ".join(p.strip() for p in participants if p.strip()) or None
    with dossier.db.atomic():
        parts = [
            records.update(
                dossier,
                "comparison",
                comparison_id,
                {
                    "decision": decision,
                    "decision_reason": reason,
                    "decided_on": when.isoformat() if isinstance(when, date) else when,
                    "decision_participants": who,
                },
            )
        ]
        case_id = parts[0].after["case_id"] if parts[0].after else None
        if mark_case_decided and case_id is not None:
            case = records.get(dossier, "case", case_id)
            if case["status"] == "open":
                parts.append(records.update(dossier, "case", case_id, {"status": "decided"}))
    return ChangeGroup.of(parts, entity="comparison", summary=tr("recording the decision"))


def decision_within_deadline(dossier: Dossier, comparison_id: int) -> bool | None:
    """Whether the recorded decision was taken on or before the case's decision deadline.

    None when the case has no deadline or no decision date is recorded.
    """
    comparison = records.get(dossier, "comparison", comparison_id)
    case = records.get(dossier, "case", comparison["case_id"], include_deleted=True)
    return within_deadline(comparison.get("decided_on"), case.get("decision_deadline"))


def _check_aspect(aspect: str) -> None:
    if aspect not in ASPECTS:
        raise ValidationError(
            {"aspect": tr("'{aspect}' is not an aspect that is compared.", aspect=aspect)}
        )


__all__ = [
    "KEEP",
    "aspect_to_next_step",
    "aspect_to_question",
    "decision_within_deadline",
    "record_decision",
    "set_citations",
    "set_note",
    "set_verdict",
    "start",
]

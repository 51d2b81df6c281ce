"""The order of the questions to ask: rearranged as one step that can be undone."""

from __future__ import annotations

from . import records
from .errors import ValidationError
from .history import ChangeGroup
from .i18n import tr
from .storage import Dossier


def reorder(dossier: Dossier, question_ids: list[int]) -> ChangeGroup:
    """Put the questions ``question_ids`` in this order, in one transaction.

    The questions keep the places they held among all the others (a list filtered
    to one appointment can be rearranged without moving the case's other
    questions); only their order among themselves changes. Only questions whose
    place really changes are written. The result is one undoable step.
    """
    ids = list(question_ids)
    if len(set(ids)) != len(ids):
        raise ValidationError({"position": tr("A question can appear only once in the order.")})
    summary = tr("changing the order of the questions")
    if not ids:
        return ChangeGroup.of([], entity="question", summary=summary)
    db = dossier.db
    with db.atomic():
        current = [records.get(dossier, "question", question_id) for question_id in ids]
        slots = sorted(int(q["position"] or 0) for q in current)
        for index in range(1, len(slots)):  # ties would leave the order to chance
            slots[index] = max(slots[index], slots[index - 1] + 1)
        parts = [
            records.update(dossier, "question", question["id"], {"position": slot})
            for question, slot in zip(current, slots, strict=True)
            if question["position"] != slot
        ]
    return ChangeGroup.of(parts, entity="question", summary=summary)


__all__ = ["reorder"]

"""Undo and redo of what a person did: edits, additions, deletions, restores.

Every operation returns a :class:`~dossier.core.records.Change` holding the
record before and after; the history keeps those and plays them backwards
(undo) or forwards again (redo), each step one transaction of its own. Several
operations a person sees as one (one save of appointment mode) are gathered into one
step with :meth:`History.grouped`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import records
from .bidi import isolate
from .entities import ENTITIES
from .i18n import N_, tr
from .records import Change
from .storage import Dossier

# What the undo menu says of one change: "Undo adding case 'Knee'".
_ACTIONS = {
    "created": N_("adding {entity} '{label}'"),
    "updated": N_("changes to {entity} '{label}'"),
    "deleted": N_("deleting {entity} '{label}'"),
    "restored": N_("restoring {entity} '{label}'"),
}


@dataclass
class ChangeGroup(Change):
    """Several changes made in one transaction, undone and redone as one step.

    ``entity``, ``id``, ``before`` and ``after`` are those of the first part, so a
    view that looks only at them still sees a real record; ``also`` names the
    other records touched; ``summary`` is the plain words for the undo menu.
    """

    parts: list[Change] = field(default_factory=list)
    summary: str = ""

    @classmethod
    def of(cls, parts: list[Change], *, entity: str, summary: str) -> ChangeGroup:
        first = parts[0] if parts else None
        return cls(
            first.action if first else "updated",
            first.entity if first else entity,
            first.id if first else 0,
            first.before if first else None,
            first.after if first else None,
            [(part.entity, part.id) for part in parts[1:]],
            parts=parts,
            summary=summary,
        )


class History:
    """Two stacks of changes. ``record`` every change a person makes; then undo/redo."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._gathered: list[Change] | None = None  # inside grouped()

    def record(self, change: Change) -> None:
        if self._gathered is not None:
            self._gathered.append(change)
            return
        self._undo.append(change)
        del self._undo[: -self.limit]
        self._redo.clear()

    @contextlib.contextmanager
    def grouped(self, summary: str) -> Iterator[None]:
        """Record the changes made in the block as one step, undone and redone together.

        Each change keeps its own transaction (one that fails leaves the others); those
        recorded become one :class:`ChangeGroup` named ``summary`` for the undo menu. A
        single change is recorded as itself, none at all leaves the history as it was. A
        block inside another one joins it.
        """
        if self._gathered is not None:
            yield
            return
        self._gathered = []
        try:
            yield
        finally:
            parts, self._gathered = self._gathered, None
            if len(parts) == 1:
                self.record(parts[0])
            elif parts:
                self.record(ChangeGroup.of(parts, entity=parts[0].entity, summary=summary))

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return tr("Undo {what}", what=describe(self._undo[-1])) if self._undo else tr("Undo")

    def redo_text(self) -> str:
        return tr("Redo {what}", what=describe(self._redo[-1])) if self._redo else tr("Redo")

    def undo(self, dossier: Dossier) -> Change:
        """Reverse the last change; return what the reversal changed."""
        change = self._undo.pop()
        try:
            result = _reverse(dossier, change)
        except Exception:
            self._undo.append(change)
            raise
        self._redo.append(change)
        return result

    def redo(self, dossier: Dossier) -> Change:
        """Do again the last change undone."""
        change = self._redo.pop()
        try:
            result = _replay(dossier, change)
        except Exception:
            self._redo.append(change)
            raise
        self._undo.append(change)
        return result


def describe(change: Change) -> str:
    """Plain words for a change, e.g. "changes to case 'Knee'"."""
    if isinstance(change, ChangeGroup) and change.summary:
        return change.summary
    spec = ENTITIES[change.entity]
    record = change.after or change.before or {}
    label = records.label_of(spec, record) if record else str(change.id)
    return tr(
        _ACTIONS[change.action],
        entity=tr(spec.label),
        label=isolate(label),  # a Hebrew label keeps the English sentence in order
    )


def _reverse(dossier: Dossier, change: Change) -> Change:
    return _play(dossier, change, backwards=True)


def _replay(dossier: Dossier, change: Change) -> Change:
    return _play(dossier, change, backwards=False)


def _play(dossier: Dossier, change: Change, *, backwards: bool) -> Change:
    """Undo (``backwards``) or redo ``change``; return what that itself changed."""
    if isinstance(change, ChangeGroup):
        order = list(reversed(change.parts)) if backwards else list(change.parts)
        with dossier.db.atomic():  # all parts or none
            parts = [_play(dossier, part, backwards=backwards) for part in order]
        parts = parts[::-1] if backwards else parts
        return ChangeGroup.of(parts, entity=change.entity, summary=change.summary)
    name, record_id = change.entity, change.id
    if change.action == "created":
        if not backwards:
            assert change.after is not None
            return records.recreate(dossier, name, change.after)
        before = records.get(dossier, name, record_id)
        records.purge(dossier, name, record_id)
        return Change("deleted", name, record_id, before, None)
    if change.action == "updated":
        assert change.before is not None and change.after is not None
        current, target = (
            (change.after, change.before) if backwards else (change.before, change.after)
        )
        return records.update(dossier, name, record_id, _differences(current, target, name))
    bring_back = (change.action == "deleted") == backwards  # undo a deletion, redo a restore
    if bring_back:
        return records.restore(dossier, name, record_id)
    return records.delete(dossier, name, record_id)


def _differences(current: dict[str, Any], target: dict[str, Any], name: str) -> dict[str, Any]:
    """The fields (and links) to set so that ``current`` becomes ``target``."""
    spec = ENTITIES[name]
    data = {
        key: target.get(key)
        for key in (*spec.field_names, *spec.links)
        if key in target and current.get(key) != target.get(key)
    }
    if "aspects" in data:  # aspects added since must be emptied again
        aspects = dict(data["aspects"] or {})
        for aspect in current.get("aspects") or {}:
            aspects.setdefault(aspect, {"verdict": None, "note": None})
        data["aspects"] = aspects
    return data

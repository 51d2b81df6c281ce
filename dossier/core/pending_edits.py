"""Edits typed but not yet saved, kept per record until a save writes them.

What is typed is queued per record (``queue``); ``save`` writes each record's fields
that really differ from what is stored, through the caller's ``apply`` (the window's
session, so each write can be undone). A write that is refused keeps its fields
queued for the next try, with the reason, so nothing typed is lost silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import records
from .errors import DossierError
from .records import Change
from .storage import Dossier

Key = tuple[str, int]  # (entity, record id)
Operation = Callable[[Dossier], Change]
Apply = Callable[[Operation, Callable[[DossierError], object]], Change | None]


def differs(typed: Any, stored: Any) -> bool:
    """Whether a typed value changes the stored one: ticks as yes/no, text without the
    blanks around it, anything else as it is."""
    if isinstance(typed, bool) or isinstance(stored, bool):
        return bool(typed) != bool(stored)
    if isinstance(typed, str) or isinstance(stored, str):
        return (typed or "").strip() != (stored or "").strip()
    return bool(typed != stored)


def update(entity: str, record_id: int, data: dict[str, Any]) -> Operation:
    """The operation that writes ``data`` into one record."""
    return lambda dossier: records.update(dossier, entity, record_id, data)


class PendingEdits:
    """The records being edited as last stored, and the fields typed into them since."""

    def __init__(self) -> None:
        self._stored: dict[Key, dict[str, Any]] = {}
        self._pending: dict[Key, dict[str, Any]] = {}
        self._failed: dict[Key, str] = {}

    def remember(self, key: Key, record: dict[str, Any]) -> None:
        """``record`` as stored: typed fields are compared with it."""
        self._stored[key] = dict(record)

    def stored(self, key: Key) -> dict[str, Any]:
        """The record as last stored (empty when unknown)."""
        return self._stored.get(key, {})

    def queue(self, key: Key, data: dict[str, Any]) -> None:
        """Fields typed into one record, over any typed before them."""
        self._pending.setdefault(key, {}).update(data)

    @property
    def waiting(self) -> bool:
        """Something typed is waiting for a save."""
        return bool(self._pending)

    def has_unsaved(self) -> bool:
        """Something typed is waiting, or could not be saved."""
        return bool(self._pending) or bool(self._failed)

    @property
    def failures(self) -> list[str]:
        """Why the records that could not be saved were refused, one reason each."""
        return list(self._failed.values())

    def save(self, apply: Apply) -> bool:
        """Write every record's changed fields through ``apply``; True when any was written.

        A record whose write is refused keeps its fields for the next save and its
        reason in :attr:`failures`; one with nothing changed is no longer a failure.
        """
        pending, self._pending = self._pending, {}
        saved = False
        for key, data in pending.items():
            stored = self.stored(key)
            changes = {
                name: value for name, value in data.items() if differs(value, stored.get(name))
            }
            if not changes:
                self._failed.pop(key, None)
                continue
            refused: list[DossierError] = []
            change = apply(update(*key, changes), refused.append)
            if change is None:
                self._failed[key] = refused[0].message
                self.queue(key, data)  # kept for the next try
                continue
            self._failed.pop(key, None)
            saved = True
            if change.after is not None:
                self._stored[key] = change.after
        return saved


__all__ = ["Apply", "Key", "PendingEdits", "differs", "update"]

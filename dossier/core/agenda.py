"""Appointments and deadlines in the order a person needs them.

One rule, used by the calendar and by the overview: a deadline not done is *overdue*
before its day, due *today* on it, *upcoming* after; without a day it is *undated*. An
appointment is *past*, *today* or *upcoming*; a deadline done is *done*. The order:
overdue first (the oldest first), then today and upcoming by day and time, then the
undated deadlines, then the past and done ones, the most recent first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from . import records
from .clock import today
from .storage import Dossier

Kind = Literal["appointment", "task"]
Status = Literal["overdue", "today", "upcoming", "undated", "past", "done"]
_RANK: dict[Status, int] = {
    "overdue": 0,
    "today": 1,
    "upcoming": 2,
    "undated": 3,
    "past": 4,
    "done": 4,
}
_BEHIND = 4  # the rank of what is behind: the most recent first


@dataclass(frozen=True)
class Entry:
    """One appointment or deadline, with its day and how soon it is."""

    kind: Kind
    record: dict[str, Any]
    day: date | None
    status: Status

    @property
    def key(self) -> tuple[Kind, int]:
        return (self.kind, int(self.record["id"]))

    @property
    def time(self) -> str:
        """'14:30' for an appointment; '' for a deadline."""
        return str(self.record["starts_at"])[11:16] if self.kind == "appointment" else ""

    @property
    def done(self) -> bool:
        return self.kind == "task" and bool(self.record.get("done"))


def status_of(day: date | None, now: date, *, kind: Kind, done: bool = False) -> Status:
    """How soon ``day`` is, seen from ``now``, for an appointment or a deadline."""
    if kind == "task" and done:
        return "done"
    if day is None:
        return "undated"
    if day == now:
        return "today"
    if day > now:
        return "upcoming"
    return "past" if kind == "appointment" else "overdue"


def agenda(dossier: Dossier, now: date | None = None) -> list[Entry]:
    """Every live appointment and deadline, in the order above (``now``: today)."""
    now = today() if now is None else now
    found: list[Entry] = []
    for record in records.list_records(dossier, "appointment"):
        day = date.fromisoformat(record["starts_at"][:10])
        found.append(Entry("appointment", record, day, status_of(day, now, kind="appointment")))
    for record in records.list_records(dossier, "task"):
        due = date.fromisoformat(record["due_on"]) if record.get("due_on") else None
        status = status_of(due, now, kind="task", done=bool(record.get("done")))
        found.append(Entry("task", record, due, status))
    return sorted(found, key=_order)


def _order(entry: Entry) -> tuple[int, int, str, int]:
    rank = _RANK[entry.status]
    ordinal = entry.day.toordinal() if entry.day else 0
    if rank == _BEHIND:  # the most recent first
        return (rank, -ordinal, _invert(entry.time), entry.record["id"])
    return (rank, ordinal, entry.time or "99:99", entry.record["id"])


def _invert(text: str) -> str:
    """A key that sorts ``text`` backwards."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


__all__ = ["Entry", "Kind", "Status", "agenda", "status_of"]

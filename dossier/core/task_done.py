"""A deadline marked done carries the day it was done; marked not done again, it carries none.

Every way of marking a task goes through :func:`~dossier.core.records.create` or
:func:`~dossier.core.records.update`: the calendar's button, the record form, the command
line, undo and redo. Both apply this rule, so ``done_on`` never depends on which way was
taken. Only a change of ``done`` sets or clears the date; a date given with the change is
kept, and an edit that leaves ``done`` as it was leaves the date as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .clock import today


def settle_done_on(values: dict[str, Any], before: Mapping[str, Any] | None) -> None:
    """Fill in or clear ``done_on`` in the task ``values`` about to be stored.

    ``before``: the task as it is now (None for a new one). Marked done without a date:
    today's; marked not done: no date.
    """
    if "done" not in values:
        return
    was_done = bool(before and before.get("done"))
    if values["done"] and not was_done and not values.get("done_on"):
        values["done_on"] = today().isoformat()
    elif was_done and not values["done"]:
        values["done_on"] = None


__all__ = ["settle_done_on"]

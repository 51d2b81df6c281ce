"""Column helpers that show a linked record's name instead of its number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core import records
from ...core.entities import ENTITIES
from ..formatting import shown_date
from ..session import Session


def linked_name(session: Session, key: str, target: str) -> Callable[[dict[str, Any]], str]:
    """Text for a column showing the record that ``key`` (e.g. "contact_id") points at."""
    spec = ENTITIES[target]

    def text(record: dict[str, Any]) -> str:
        linked = record.get(key)
        if linked is None:
            return ""
        try:
            return records.label_of(
                spec,
                records.get(session.dossier, target, linked, include_deleted=True),
                shown_date,
            )
        except records.NotFoundError:
            return ""

    return text

"""The one person a dossier is about: name, date of birth, insurer, medications…"""

from __future__ import annotations

from typing import Any

from . import records, searchindex
from .clock import now_iso
from .entities import ENTITIES
from .storage import Dossier
from .validation import clean

PERSON = ENTITIES["person"]


def validate_new(*, name: str, born: str | None = None) -> dict[str, Any]:
    """The profile of a new dossier's person, validated (raises ValidationError)."""
    return clean(PERSON, {"name": name, "born": born}, partial=False)


def insert_initial(dossier: Dossier, profile: dict[str, Any]) -> None:
    stamp = now_iso()
    row = {"id": 1, **profile, "created_at": stamp, "updated_at": stamp}
    with dossier.db.atomic():
        dossier.db.execute(
            f"INSERT INTO person ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        searchindex.index_record(dossier.db, PERSON, records.get(dossier, "person", 1))


def get_person(dossier: Dossier) -> dict[str, Any]:
    """The person's profile."""
    return records.get(dossier, "person", 1)


def update_person(dossier: Dossier, data: dict[str, Any]) -> records.Change:
    """Edit the person's profile."""
    return records.update(dossier, "person", 1, data)

"""Every rebuilt record read back as the program reads it, and checked with its field rules.

The schema alone lets through values the program cannot show (a date that is no date, a
choice it does not offer, metadata that is not JSON). Reading every record back through
:mod:`..records` and checking its dates, choices, numbers and links with
:func:`..validation.clean` finds those before the dossier is kept. Free text is not
checked: its limits are for typing, not for keeping what a dossier already holds.
"""

from __future__ import annotations

import sqlite3

from .. import records
from ..entities import ENTITIES
from ..errors import DossierError, ValidationError
from ..i18n import tr
from ..storage import Dossier
from ..validation import clean
from .errors import ArchiveRejected

_FREE_TEXT = ("text", "longtext")


def check_readable(dossier: Dossier) -> None:
    """Raise :class:`ArchiveRejected` for the first record the program could not use."""
    for spec in ENTITIES.values():
        try:
            rows = records.list_records(dossier, spec.name, include_deleted=True)
        except (ValueError, TypeError, KeyError, sqlite3.Error, DossierError) as exc:
            raise ArchiveRejected(
                tr(
                    "its {entity} records cannot be read back ({problem}).",
                    entity=spec.label,
                    problem=exc,
                )
            ) from None
        for record in rows:
            data = {f.name: record.get(f.name) for f in spec.fields if f.kind not in _FREE_TEXT}
            try:
                clean(spec, data, partial=True)
            except ValidationError as exc:
                raise ArchiveRejected(
                    tr(
                        "its {entity} number {id} is not valid: {problem}",
                        entity=spec.label,
                        id=record.get("id"),
                        problem=exc.message,
                    )
                ) from None

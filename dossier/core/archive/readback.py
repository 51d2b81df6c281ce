"""Every rebuilt record read back as the program reads it, before the dossier is kept.

The records were checked against the program's rules before they were stored
(:mod:`.values`); reading every one back through :mod:`..records` proves the program can
also show them, links and all, so the new dossier never holds a record that breaks a page.
"""

from __future__ import annotations

from .. import records
from ..entities import ENTITIES
from ..errors import DossierError
from ..i18n import tr
from ..sql_driver import sqlite3
from ..storage import Dossier
from .errors import ArchiveRejected


def check_readable(dossier: Dossier) -> None:
    """Raise :class:`ArchiveRejected` for the first kind of record the program cannot read."""
    for spec in ENTITIES.values():
        try:
            records.list_records(dossier, spec.name, include_deleted=True)
        except (
            ValueError,
            TypeError,
            KeyError,
            RecursionError,
            sqlite3.Error,
            DossierError,
        ) as exc:
            raise ArchiveRejected(
                tr(
                    "its {entity} records cannot be read back ({problem}).",
                    entity=tr(spec.label),
                    problem=exc,
                )
            ) from None

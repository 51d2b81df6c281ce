"""A document that is the translation of another: the link checked, and the translations
found where a packet wants them.

A translation names its original (``translation_of_id``), says whether it is certified
(``translation_certified``) and who made it (``translated_by``). A document cannot be a
translation of itself, and the links cannot go round in a circle (A a translation of B, B
of A): :func:`check_translation_link` refuses both in plain words, from
:func:`~dossier.core.records.update`, so every way of editing a document follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .database import Database
from .errors import ValidationError
from .i18n import tr

# A chain of translations longer than this is not followed (a damaged dossier's circle).
_LONGEST_CHAIN = 1000


def check_translation_link(db: Database, document_id: int, values: Mapping[str, Any]) -> None:
    """Refuse ``values`` for document ``document_id`` when their ``translation_of_id`` would
    make it a translation of itself, directly or through others."""
    original = values.get("translation_of_id")
    if original is None:
        return
    if original == document_id:
        raise ValidationError(
            {"translation_of_id": tr("A document cannot be a translation of itself.")}
        )
    seen: set[int] = set()
    current: int | None = original
    while current is not None and current not in seen and len(seen) < _LONGEST_CHAIN:
        seen.add(current)
        row = db.execute("SELECT translation_of_id FROM document WHERE id = ?", [current])
        found = row.fetchone()
        current = found[0] if found else None
        if current == document_id:
            title = _title(db, original)
            raise ValidationError(
                {
                    "translation_of_id": tr(
                        "'{title}' is itself a translation of this document, so this document "
                        "cannot be a translation of it.",
                        title=title,
                    )
                }
            )


def _title(db: Database, document_id: int) -> str:
    found = db.execute("SELECT title FROM document WHERE id = ?", [document_id]).fetchone()
    return str(found[0]) if found else str(document_id)


def translation_into(db: Database, document_id: int, language: str) -> int | None:
    """The number of the best translation of document ``document_id`` into ``language``
    not in the trash: a certified one before one that is not, then the latest added; None
    when there is none."""
    found = db.execute(
        "SELECT id FROM document WHERE translation_of_id = ? AND language = ? "
        "AND deleted_at IS NULL ORDER BY translation_certified DESC, id DESC LIMIT 1",
        [document_id, language],
    ).fetchone()
    return int(found[0]) if found else None


def needs_translation(document: Mapping[str, Any], language: str) -> bool:
    """Whether ``document`` is known to be written in a language other than ``language``
    (a document whose language is not known is not counted)."""
    written_in = document.get("language")
    return bool(written_in) and written_in != language


__all__ = ["check_translation_link", "needs_translation", "translation_into"]

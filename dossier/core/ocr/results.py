"""Storing what was read on a page: its text (searchable at once), the confidence, the
languages, or why it could not be read. A page the person corrected meanwhile, or whose
document went to the trash or was removed, is left as it is."""

from __future__ import annotations

from .. import searchindex
from ..clock import now_iso
from ..document_language import guess_from_pages
from ..storage import Dossier
from .engine import Reading
from .languages import normal_languages

POOR_CONFIDENCE = 60  # below this a page says its text may be wrong


def store_reading(dossier: Dossier, document_id: int, page: int, outcome: Reading | str) -> bool:
    """Store ``outcome`` (a reading, or the reason the page could not be read) for a
    pending page; False when the page no longer waits for it."""
    db = dossier.db
    with db.atomic():
        row = db.execute(
            "SELECT r.state, d.language FROM page_reading r JOIN document d "
            "ON d.id = r.document_id WHERE r.document_id = ? AND r.page = ?",
            [document_id, page],
        ).fetchone()
        if row is None or row[0] != "pending":
            return False
        if isinstance(outcome, str):
            db.execute(
                "UPDATE page_reading SET state = 'refused', reason = ?, read_at = ? "
                "WHERE document_id = ? AND page = ?",
                [outcome, now_iso(), document_id, page],
            )
            return True
        db.execute(
            "UPDATE page_reading SET state = 'read', text = ?, confidence = ?, languages = ?, "
            "rotation = ?, reason = NULL, read_at = ? WHERE document_id = ? AND page = ?",
            [
                outcome.text,
                outcome.confidence,
                ",".join(normal_languages(outcome.languages)),
                outcome.rotation,
                now_iso(),
                document_id,
                page,
            ],
        )
        db.execute(
            "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id, page) DO UPDATE SET text = excluded.text",
            [document_id, page, outcome.text],
        )
        searchindex.replace_page(db, document_id, page, outcome.text)
        if row[1] is None:
            _guess_language(dossier, document_id)
    return True


def _guess_language(dossier: Dossier, document_id: int) -> None:
    texts = [
        str(r[0])
        for r in dossier.db.execute(
            "SELECT text FROM document_page WHERE document_id = ? ORDER BY page", [document_id]
        )
    ]
    guessed = guess_from_pages(texts)
    if guessed is not None:
        dossier.db.execute(
            "UPDATE document SET language = ? WHERE id = ? AND language IS NULL",
            [guessed, document_id],
        )


def is_poor(confidence: int | None) -> bool:
    """True when a page's recognised text is likely to hold mistakes."""
    return confidence is not None and confidence < POOR_CONFIDENCE


__all__ = ["POOR_CONFIDENCE", "is_poor", "store_reading"]

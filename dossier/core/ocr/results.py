"""Storing what was read on a page: its text (searchable at once), the confidence, the
languages, or why it could not be read. A page the person corrected meanwhile, or whose
document went to the trash or was removed, is left as it is."""

from __future__ import annotations

from .. import searchindex
from ..clock import now_iso
from ..document_language import guess_from_pages
from ..entities import ENTITIES
from ..importer.kinds import guess_kind
from ..importer.titles import MAX_TITLE, is_real_title
from ..records import get
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
        if outcome.text:
            db.execute(
                "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?) "
                "ON CONFLICT (document_id, page) DO UPDATE SET text = excluded.text",
                [document_id, page, outcome.text],
            )
        else:  # nothing found: no page text made for it (a PDF's own empty one is kept)
            db.execute(
                "UPDATE document_page SET text = '' WHERE document_id = ? AND page = ?",
                [document_id, page],
            )
        searchindex.replace_page(db, document_id, page, outcome.text)
        if row[1] is None:
            _guess_language(dossier, document_id)
        if page == 1 and outcome.text.strip():
            _name_untouched(dossier, document_id, outcome.text)
    return True


def _name_untouched(dossier: Dossier, document_id: int, text: str) -> None:
    """What the import guessed from the file alone, guessed again from the first page's
    text, on a document nobody has changed since: its kind ("Other" becomes "Discharge
    summary"), and its title when the file's name says nothing ("IMG_2034" becomes the
    page's first line)."""
    record = dossier.db.execute(
        "SELECT title, kind, original_name, media_type, created_at = updated_at "
        "FROM document WHERE id = ?",
        [document_id],
    ).fetchone()
    if record is None or not record[4]:
        return
    title, kind, name, media_type = str(record[0]), str(record[1]), str(record[2] or ""), record[3]
    changes: dict[str, str] = {}
    if kind in ("other", "image"):
        guessed = guess_kind(name, str(media_type), text)
        if guessed != kind:
            changes["kind"] = guessed
    if not is_real_title(title):
        lines = (row.strip() for row in text.splitlines())
        line = next((row for row in lines if is_real_title(row)), None)
        if line:
            changes["title"] = line[:MAX_TITLE]
    if not changes:
        return
    sets = ", ".join(f"{column} = ?" for column in changes)
    dossier.db.execute(f"UPDATE document SET {sets} WHERE id = ?", [*changes.values(), document_id])
    searchindex.index_record(
        dossier.db, ENTITIES["document"], get(dossier, "document", document_id)
    )


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

"""A document's language corrected by the person: its recognised pages are read again in
it (a Hebrew letter first read as Dutch), unless they were read in it already or their
text was corrected by hand. Called inside the change's own transaction."""

from __future__ import annotations

from ..database import Database
from .languages import OCR_LANGUAGES


def read_again_in(db: Database, document_id: int, language: str | None) -> int:
    """Queue the document's pages not read in ``language`` (one of the five); how many."""
    if language not in OCR_LANGUAGES:
        return 0
    cursor = db.execute(
        "UPDATE page_reading SET state = 'pending', languages = NULL, reason = NULL "
        "WHERE document_id = ? AND state IN ('read', 'refused', 'stopped') "
        "AND instr(',' || coalesce(languages, '') || ',', ',' || ? || ',') = 0",
        [document_id, language],
    )
    return int(cursor.rowcount)


__all__ = ["read_again_in"]

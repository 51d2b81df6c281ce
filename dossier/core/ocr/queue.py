"""Which pages wait to be read, and the person's hand on them: read again, stop, correct.

A page is queued when it has no usable text of its own: every page of a photo or scan
(JPEG, PNG, TIFF), and each page of a PDF with fewer than :data:`MIN_TEXT` letters and
digits (a scanned PDF, or a scanned page inside a PDF that has text elsewhere). A PDF that
needs a password is not queued: its pages cannot be drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import searchindex
from ..clock import now_iso
from ..columns import READING_STATES
from ..database import Database
from ..errors import ValidationError
from ..i18n import tr
from ..locale_format import number
from ..media_types import JPEG, PDF, PNG, TIFF
from ..records import get
from ..storage import Dossier
from ..validation import clean_text
from .languages import normal_languages

MIN_TEXT = 20
MAX_PAGE_NUMBER = 500  # pages of a multi-page TIFF read at most
IMAGE_TYPES = (JPEG, PNG, TIFF)
STATES = READING_STATES
MAX_CORRECTED_CHARS = 200_000


@dataclass(frozen=True)
class PendingPage:
    document_id: int
    page: int
    media_type: str
    sha256: str
    size: int
    language: str | None  # the document's language
    languages: tuple[str, ...]  # asked for this page (read in no others); () for the default


def pages_to_read(
    media_type: str, encrypted: bool, pages: Sequence[str], page_count: int | None
) -> list[int]:
    """The page numbers (from 1) of a newly imported file that need their text recognised."""
    if encrypted:
        return []
    if media_type in IMAGE_TYPES:
        return list(range(1, min(page_count or 1, MAX_PAGE_NUMBER) + 1))
    if media_type == PDF:
        return [n for n, text in enumerate(pages, 1) if not usable_text(text)]
    return []


def usable_text(text: str) -> bool:
    """True when a page's own text layer is worth more than recognising it."""
    found = 0
    for char in text[:4096]:  # stops at the MIN_TEXT-th letter or digit: a page of text
        if char.isalnum():  # is known at its first words
            found += 1
            if found >= MIN_TEXT:
                return True
    return False


def queue_pages(db: Database, document_id: int, pages: Sequence[int]) -> None:
    """Queue pages of a document to be read (inside the caller's transaction)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO page_reading (document_id, page) VALUES (?, ?)",
        [(document_id, page) for page in pages],
    )


def pending_pages(dossier: Dossier, document_id: int | None = None) -> list[PendingPage]:
    """Pages waiting to be read, of documents not in the trash, in the order imported."""
    sql = (
        "SELECT r.document_id, r.page, d.media_type, d.sha256, d.size, d.language, r.languages "
        "FROM page_reading r JOIN document d ON d.id = r.document_id "
        "WHERE r.state = 'pending' AND d.deleted_at IS NULL"
    )
    values: list[object] = []
    if document_id is not None:
        sql += " AND r.document_id = ?"
        values.append(document_id)
    rows = dossier.db.execute(sql + " ORDER BY r.document_id, r.page", values).fetchall()
    return [
        PendingPage(
            int(r[0]),
            int(r[1]),
            str(r[2]),
            str(r[3]),
            int(r[4]),
            r[5],
            normal_languages(str(r[6]).split(",")) if r[6] else (),
        )
        for r in rows
    ]


def count_pending(dossier: Dossier) -> int:
    """How many pages wait to be read (documents in the trash wait without counting)."""
    row = dossier.db.execute(
        "SELECT count(*) FROM page_reading r JOIN document d ON d.id = r.document_id "
        "WHERE r.state = 'pending' AND d.deleted_at IS NULL"
    ).fetchone()
    return int(row[0])


def queue_again(
    dossier: Dossier,
    *,
    document_id: int | None = None,
    languages: Sequence[str] | None = None,
    redo: bool = False,
) -> int:
    """Queue pages to be read (again); returns how many. Without ``redo``: pages that were
    stopped or could not be read. With it: every read page too. Text the person corrected
    is never queued. ``languages``: read these pages in exactly these languages."""
    dossier.require_writable()
    if document_id is not None:
        _require_document(dossier, document_id)
    states = ["stopped", "refused", "pending"] + (["read"] if redo else [])
    chosen = ",".join(normal_languages(languages)) if languages else None
    sql = (
        f"UPDATE page_reading SET state = 'pending', languages = ?, reason = NULL "
        f"WHERE state IN ({','.join('?' * len(states))})"
    )
    values: list[object] = [chosen, *states]
    if document_id is not None:
        sql += " AND document_id = ?"
        values.append(document_id)
    with dossier.db.atomic():
        cursor = dossier.db.execute(sql, values)
    return int(cursor.rowcount)


def stop_pending(dossier: Dossier, document_id: int | None = None) -> int:
    """Leave the waiting pages unread (the person stopped the reading); how many."""
    sql = "UPDATE page_reading SET state = 'stopped' WHERE state = 'pending'"
    values: list[object] = []
    if document_id is not None:
        sql += " AND document_id = ?"
        values.append(document_id)
    with dossier.db.atomic():
        cursor = dossier.db.execute(sql, values)
    return int(cursor.rowcount)


def correct_page(dossier: Dossier, document_id: int, page: int, text: str) -> str:
    """Keep ``text`` as the page's text, typed or corrected by the person: searchable at
    once, and never replaced by a later reading. Returns the text as stored."""
    dossier.require_writable()
    if not 1 <= page <= _require_document(dossier, document_id):
        raise ValidationError({"page": tr("This document has no page {page}.", page=page)})
    if len(text) > MAX_CORRECTED_CHARS:
        raise ValidationError(
            {
                "text": tr(
                    "The text is too long for one page (more than {count} characters).",
                    count=number(MAX_CORRECTED_CHARS),
                )
            }
        )
    cleaned = clean_text(text, multiline=True)
    db = dossier.db
    with db.atomic():
        db.execute(
            "INSERT INTO page_reading (document_id, page, state, text, read_at) "
            "VALUES (?, ?, 'corrected', ?, ?) ON CONFLICT (document_id, page) DO UPDATE SET "
            "state = 'corrected', text = excluded.text, read_at = excluded.read_at, reason = NULL",
            [document_id, page, cleaned, now_iso()],
        )
        db.execute(
            "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id, page) DO UPDATE SET text = excluded.text",
            [document_id, page, cleaned],
        )
        searchindex.replace_page(db, document_id, page, cleaned)
    return cleaned


def _require_document(dossier: Dossier, document_id: int) -> int:
    """The document's number of pages; raises NotFoundError in plain words."""
    record = get(dossier, "document", document_id)
    return int(record.get("page_count") or 1)


__all__ = [
    "MIN_TEXT",
    "STATES",
    "PendingPage",
    "correct_page",
    "count_pending",
    "pages_to_read",
    "pending_pages",
    "queue_again",
    "queue_pages",
    "stop_pending",
    "usable_text",
]

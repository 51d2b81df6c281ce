"""The derived parts of a rebuilt dossier: page texts and the full-text search index.

Made from the records and the files, as the ordinary import and edits make them, so a
rebuilt dossier searches exactly like the one that was archived.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import records, searchindex
from ..entities import ENTITIES
from ..importer.handlers import MAX_PAGE_CHARS
from ..ocr.queue import pages_to_read, queue_pages
from ..storage import Dossier
from ..validation import clean_text


def store_pages(dossier: Dossier, pages: Mapping[int, Sequence[str]]) -> None:
    """Put each document's page texts (page numbers from 1) in ``document_page``."""
    dossier.db.conn.executemany(
        "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?)",
        [
            (document_id, number, text)
            for document_id, texts in pages.items()
            for number, text in enumerate(texts, 1)
        ],
    )


def restore_readings(dossier: Dossier, pages: Mapping[int, Sequence[str]]) -> None:
    """Put back the text recognised on scanned pages, or typed by the person, which the
    files cannot give again (``page_reading``, archived like any record), cleaned as any
    text the person types; and queue the scanned pages an older archive has no reading
    of, to be read again."""
    db = dossier.db
    rows = db.execute(
        "SELECT document_id, page, text FROM page_reading "
        "WHERE coalesce(text, '') <> '' "  # a page waiting to be read again keeps its text
        "AND document_id IN (SELECT id FROM document)"
    ).fetchall()
    db.conn.executemany(
        "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?) "
        "ON CONFLICT (document_id, page) DO UPDATE SET text = excluded.text",
        [(r[0], r[1], clean_text(str(r[2]), multiline=True)[:MAX_PAGE_CHARS]) for r in rows],
    )
    for document_id, media_type, encrypted, page_count in db.execute(
        "SELECT id, media_type, encrypted, page_count FROM document"
    ).fetchall():
        texts = pages.get(int(document_id), ())
        scanned = pages_to_read(str(media_type), bool(encrypted), texts, page_count)
        queue_pages(db, int(document_id), scanned)


def rebuild_search_index(dossier: Dossier) -> None:
    """Index every record not in the trash, and the pages of its documents."""
    db = dossier.db
    db.execute("DELETE FROM search_fts")
    db.execute("DELETE FROM search_map")
    for spec in ENTITIES.values():
        for record in records.list_records(dossier, spec.name):
            title, body = searchindex.record_text(spec, record)
            searchindex.add(db, spec.name, record["id"], title, body)
    live = [
        int(row[0])
        for row in db.execute("SELECT id FROM document WHERE deleted_at IS NULL ORDER BY id")
    ]
    for document_id in live:
        texts = [
            str(row[0])
            for row in db.execute(
                "SELECT text FROM document_page WHERE document_id = ? ORDER BY page",
                [document_id],
            )
        ]
        searchindex.index_pages(db, document_id, texts)

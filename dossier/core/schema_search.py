"""The search index's own migrations: its FTS5 table made again from the texts kept once.

Since migration 0011 the index (``search_fts``) holds no text: a page's text is in
``document_page``, a record's indexed title and body in its ``search_map`` row. The index
can therefore be made again from them at any time, with other options, keeping the same
rows and row numbers: :func:`refill_search_index` does it (0011 and 0012 both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# Type-ahead prefixes of these lengths have an index of their own (each about as large as
# the index of whole words); a longer prefix is found through the whole words it begins, and
# a word of two letters is never a prefix (searchquery.MIN_PREFIX).
SEARCH_PREFIXES = "3 4"

_SEARCH_PREFIXES = f"""
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, alt,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '{SEARCH_PREFIXES}'
)
"""


def refill_search_index(db: Database) -> None:
    """Index every ``search_map`` row again, under its own row number, in an empty
    ``search_fts``: a record from the title and body its row keeps, a document's page from
    its text in ``document_page``."""
    from .searchindex import folded_words

    insert = "INSERT INTO search_fts (rowid, title, body, alt) VALUES (?, ?, ?, ?)"
    records = db.execute(
        "SELECT rowid, coalesce(title, ''), coalesce(body, '') FROM search_map "
        "WHERE page IS NULL ORDER BY rowid"
    ).fetchall()
    for rowid, title, body in records:
        db.execute(insert, [rowid, title, body, folded_words(title, body)])
    pages = db.execute(
        "SELECT m.rowid, p.text FROM search_map m JOIN document_page p "
        "ON p.document_id = m.ref_id AND p.page = m.page "
        "WHERE m.page IS NOT NULL AND m.kind = 'document' ORDER BY m.rowid"
    )
    while chunk := pages.fetchmany(500):
        for rowid, text in chunk:
            body = str(text).replace("\ue000", "").replace("\ue001", "")
            db.execute(insert, [rowid, "", body, folded_words(body)])


def search_prefixes(db: Database) -> None:
    """Migration 0012: the index of two-letter prefixes is left out (about an eighth of a
    large dossier's file): two typed letters begin most words of a large dossier, and are
    now searched for as a word (:data:`.searchquery.MIN_PREFIX`). The table is made again,
    its rows under their numbers, from the texts kept once."""
    for statement in _SEARCH_PREFIXES.split(";\n"):
        if statement.strip():
            db.execute(statement)
    refill_search_index(db)


__all__ = ["SEARCH_PREFIXES", "refill_search_index", "search_prefixes"]

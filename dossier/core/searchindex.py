"""Keeps the full-text index in step with the records, inside the caller's transaction.

Each indexed thing (a record, or one page of a document) is one row of the
FTS5 table ``search_fts``; ``search_map`` says what that row is, so a record's
rows are found through an ordinary index and replaced when it changes.

The FTS5 table is contentless (``content=''``, ``contentless_delete=1``, migration
0011): it holds the words, not the text. A page's text is stored once, in
``document_page``; a record's indexed title and body are kept in its ``search_map``
row (records are short). Search makes its snippets from those
(:mod:`dossier.core.searchsnippet`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .database import Database
from .entities import Entity

# Letters that stripping accents does not turn into plain Latin ones.
_FOLD = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
     "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ı": "i"}
)  # fmt: skip
_FOLDABLE = re.compile("[ßẞæÆœŒøØłŁđĐþÞı]")
_WORD = re.compile(r"\w+")


def _unmark(text: str) -> str:
    """Drop the two private-use characters search uses to mark matches in snippets."""
    return text.replace("\ue000", "").replace("\ue001", "")


def fold(text: str) -> str:
    """``text`` with ß, æ, ø… written as plain letters (ss, ae, o…), as search compares them."""
    return text.translate(_FOLD)


def folded_words(*texts: str) -> str:
    """The plain-letter spelling of every word that has such a letter ("Weiß" → "weiss").

    Indexed in a column of its own, so a search for "weiss" finds "Weiß" while the
    text shown in results keeps its own spelling.
    """
    words: dict[str, None] = {}
    for text in texts:
        if _FOLDABLE.search(text):
            for word in _WORD.findall(text):
                if _FOLDABLE.search(word):
                    words[fold(word).lower()] = None
    return " ".join(words)


def record_text(entity: Entity, record: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of a record as indexed: the naming fields, then every other text field."""
    title = " ".join(str(record[f]) for f in entity.title_fields if record.get(f))
    body = "\n".join(
        str(record[f]) for f in entity.text_fields if record.get(f) and f not in entity.title_fields
    )
    tags = record.get("tags")
    if tags:
        body = "\n".join([body, " ".join(tags)])
    if entity.name == "study":
        body = "\n".join([body, *_study_words(record)])
    return title, body


def _study_words(record: dict[str, Any]) -> list[str]:
    """An imaging study's series (descriptions, body parts, modalities), and its date's
    month written out in the program's languages, so "CT chest March 2026" finds it."""
    words = [
        " ".join(str(s[k]) for k in ("description", "body_part", "modality") if s.get(k))
        for s in record.get("series") or ()
    ]
    if record.get("study_date"):
        from .study_dates import month_words  # babel: only when a study is indexed

        words.append(month_words(str(record["study_date"])))
    return words


def remove(db: Database, kind: str, ref_id: int, *, pages_only: bool = False) -> None:
    """Drop the index rows of one record (or only its document pages)."""
    condition = "kind = ? AND ref_id = ?" + (" AND page IS NOT NULL" if pages_only else "")
    rowids = [
        r[0] for r in db.execute(f"SELECT rowid FROM search_map WHERE {condition}", [kind, ref_id])
    ]
    if not rowids:
        return
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)
        db.execute(f"DELETE FROM search_map WHERE rowid IN ({marks})", chunk)


def add(
    db: Database, kind: str, ref_id: int, title: str, body: str, page: int | None = None
) -> None:
    """Index one record (``page`` None: its title and body are kept in ``search_map``)
    or one page of a document (its text is the page's own, in ``document_page``)."""
    title, body = _unmark(title), _unmark(body)
    kept = (title, body) if page is None else (None, None)
    cursor = db.execute(
        "INSERT INTO search_map (kind, ref_id, page, title, body) VALUES (?, ?, ?, ?, ?)",
        [kind, ref_id, page, *kept],
    )
    db.execute(
        "INSERT INTO search_fts (rowid, title, body, alt) VALUES (?, ?, ?, ?)",
        [cursor.lastrowid, title, body, folded_words(title, body)],
    )


def index_record(db: Database, entity: Entity, record: dict[str, Any]) -> None:
    """(Re)index a record's own fields; document pages are kept as they are."""
    remove_record_row(db, entity.name, record["id"])
    title, body = record_text(entity, record)
    add(db, entity.name, record["id"], title, body)


def remove_record_row(db: Database, kind: str, ref_id: int) -> None:
    _drop_rows(db, "kind = ? AND ref_id = ? AND page IS NULL", [kind, ref_id])


def replace_page(db: Database, document_id: int, page: int, text: str) -> None:
    """Index one page's new text in place of what it had (an empty text: no entry)."""
    _drop_rows(db, "kind = 'document' AND ref_id = ? AND page = ?", [document_id, page])
    if text.strip():
        add(db, "document", document_id, "", text, page)


def _drop_rows(db: Database, condition: str, values: list[Any]) -> None:
    """Drop the index rows that ``condition`` (on ``search_map``) picks; a record has few."""
    rowids = [r[0] for r in db.execute(f"SELECT rowid FROM search_map WHERE {condition}", values)]
    for rowid in rowids:
        db.execute("DELETE FROM search_fts WHERE rowid = ?", [rowid])
        db.execute("DELETE FROM search_map WHERE rowid = ?", [rowid])


def index_pages(db: Database, document_id: int, pages: Sequence[str]) -> None:
    """Index a document's page texts (page numbers start at 1); empty pages are skipped."""
    for number, text in enumerate(pages, 1):
        if text.strip():
            add(db, "document", document_id, "", text, number)

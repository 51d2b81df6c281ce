"""The search as it was before its work was bounded (commit 48653f4), kept verbatim as the
baseline of ``test_search_bench.py``: each run measures it and the current search side by side,
on the same machine at the same time, so a busy machine changes both alike.

Only ``_titles`` (unchanged since) is taken from ``dossier.core.search``.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dossier.core.search import Hit, _titles
from dossier.core.searchindex import fold
from dossier.core.storage import Dossier

_OPEN, _CLOSE = "\ue000", "\ue001"
CANDIDATES = 2000  # matching rows ranked in full; beyond, see _ranked_rows
_SELECT = (
    "SELECT m.kind, m.ref_id, m.page, "
    f"snippet(search_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 16), "
    f"snippet(search_fts, 0, '{_OPEN}', '{_CLOSE}', '…', 16) "
    "FROM search_fts JOIN search_map m ON m.rowid = search_fts.rowid "
    "WHERE {where} ORDER BY bm25(search_fts, 5.0, 1.0, 1.0) LIMIT ?"
)
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fts_query(text: str, *, prefix: bool = True) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must match.

    Punctuation and FTS syntax are ignored; the last word is a prefix unless the
    text ends in a space (the person finished typing it).
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text))
    if not words:
        return ""
    star = "*" if prefix and not text[-1:].isspace() else ""
    terms = []
    for index, word in enumerate(words):
        end = star if index == len(words) - 1 else ""
        plain = fold(word)
        # "Weiß" is indexed as typed and, in the alt column, as "weiss": look for both.
        terms.append(f'("{word}"{end} OR "{plain}"{end})' if plain != word else f'"{word}"{end}')
    return " AND ".join(terms)


def _query_words(text: str) -> list[str]:
    return [fold(w).lower() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


def search(dossier: Dossier, text: str, *, limit: int = 50, prefix: bool = True) -> list[Hit]:
    """Ranked hits for ``text``, best first."""
    query = fts_query(text, prefix=prefix)
    if not query:
        return []
    rows = _ranked_rows(dossier, query, limit)
    titles = _titles(dossier, {(r[0], int(r[1])) for r in rows})
    hits = []
    for kind, ref_id, page, body_snippet, title_snippet in rows:
        # Show the body around the match; when only the title matched, the title.
        if _OPEN not in (body_snippet or "") and (
            _OPEN in (title_snippet or "") or not body_snippet
        ):
            body_snippet = title_snippet
        snippet, spans = _split_marks(body_snippet or "")
        if not spans:  # matched through a plain-letter spelling ("weiss" for "Weiß")
            spans = _spans_of(
                snippet, _query_words(text), prefix=prefix and not text[-1:].isspace()
            )
        title, case_id = titles.get((kind, int(ref_id)), ("", None))
        hits.append(Hit(kind, int(ref_id), title, snippet, spans, page, case_id))
    return hits


def _ranked_rows(dossier: Dossier, query: str, limit: int) -> list[tuple[Any, ...]]:
    """The best ``limit`` matching rows, fast even when a word is on every page.

    BM25 ranking costs about a microsecond per matching row and happens before
    LIMIT. So when a query matches more than :data:`CANDIDATES` rows (a common
    word, two typed letters), it ranks the title matches over everything and
    then only the most recently added :data:`CANDIDATES` rows.
    """
    db = dossier.db
    cutoff = db.execute(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC "
        "LIMIT 1 OFFSET ?",
        [query, CANDIDATES - 1],
    ).fetchone()
    if cutoff is None:
        return db.execute(_SELECT.format(where="search_fts MATCH ?"), [query, limit]).fetchall()
    rows = db.execute(
        _SELECT.format(where="search_fts MATCH ?"), [f"{{title}} : ({query})", limit]
    ).fetchall()
    seen = {row[:3] for row in rows}
    for row in db.execute(
        _SELECT.format(where="search_fts MATCH ? AND search_fts.rowid >= ?"),
        [query, cutoff[0], limit * 2],
    ):
        if len(rows) >= limit:
            break
        if row[:3] not in seen:
            rows.append(row)
    return rows


def _spans_of(snippet: str, words: list[str], *, prefix: bool) -> tuple[tuple[int, int], ...]:
    spans = []
    for match in _WORD.finditer(snippet):
        found = fold(match.group()).lower()
        if any(
            found == w or (prefix and i == len(words) - 1 and found.startswith(w))
            for i, w in enumerate(words)
        ):
            spans.append(match.span())
    return tuple(spans)


def _split_marks(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", raw):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            spans.append((start, length))
        else:
            part = _SPACES.sub(" ", part)
            out.append(part)
            length += len(part)
    return "".join(out), tuple(spans)

"""One query over the whole dossier: document pages, titles, notes and every text field.

Full-text search with SQLite FTS5: case- and accent-insensitive
(``unicode61 remove_diacritics 2``: "Müller" finds "muller"), ranked by BM25
with titles weighing more, the last word matched as a prefix for type-ahead.

Any text can be searched for, a pasted page or a megabyte of it, in about the time
of a typed word: :mod:`dossier.core.searchquery` reads a bounded number of its words
and says so (:attr:`Found.query`), and the ranking and the snippets are bounded too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .database import Database, quoted
from .entities import ENTITIES
from .records import label_of
from .searchquery import ANY_ROWS, COMMON, Query, Term, any_of, choose, read
from .searchsnippet import CLOSE as _CLOSE
from .searchsnippet import OPEN as _OPEN
from .searchsnippet import Matcher, snippet
from .storage import Dossier

CANDIDATES = 2000  # matching rows ranked in full; beyond, see _ranked_rows
MAX_HITS = 200  # hits one search returns at most, whatever limit is asked for
MAX_SNIPPET = 300  # characters of a hit's snippet at most
_RANK = (
    "SELECT rowid FROM search_fts WHERE search_fts MATCH ? {where} "
    "ORDER BY bm25(search_fts, {weights}) LIMIT ?"
)
_TEXTS = (
    "SELECT m.rowid, m.kind, m.ref_id, m.page, coalesce(m.body, p.text, ''), "
    "coalesce(m.title, '') FROM search_map m LEFT JOIN document_page p "
    "ON m.page IS NOT NULL AND p.document_id = m.ref_id AND p.page = m.page "
    "WHERE m.rowid IN ({marks})"
)
_NEWEST = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_MARKS = re.compile(f"([{_OPEN}{_CLOSE}])")


@dataclass(frozen=True)
class Hit:
    kind: str  # entity name: "document", "note", "case"…
    id: int
    title: str
    snippet: str  # plain text around the match
    highlights: tuple[tuple[int, int], ...]  # (start, end) of each matched word in the snippet
    page: int | None  # page of a document, from 1
    case_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "page": self.page,
            "case_id": self.case_id,
        }

    def marked_snippet(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each match wrapped in ``before`` … ``after``."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)


@dataclass(frozen=True)
class Found:
    """The hits of one search and what it searched for (see :class:`Query`)."""

    hits: list[Hit]
    query: Query

    @property
    def explanation(self) -> str:
        """What was searched for, in plain words, when it is not simply what was typed."""
        return self.query.explanation()


def fts_query(text: str, *, prefix: bool = True) -> str:
    """The FTS5 query a short ``text`` becomes (every word must match); "" if it has none.

    For a text of more than :data:`~.searchquery.MAX_TERMS` words the words depend
    on the dossier: see :func:`find`.
    """
    return choose(read(text, prefix=prefix), lambda _term: 0).fts()


def search(dossier: Dossier, text: str, *, limit: int = 50, prefix: bool = True) -> list[Hit]:
    """Ranked hits for ``text``, best first (:func:`find` says what it searched for)."""
    return find(dossier, text, limit=limit, prefix=prefix).hits


def find(dossier: Dossier, text: str, *, limit: int = 50, prefix: bool = True) -> Found:
    """Ranked hits for ``text``, best first, and the words searched for.

    The work is bounded whatever the text: at most :data:`~.searchquery.MAX_TERMS`
    words (see :mod:`dossier.core.searchquery`), at most :data:`MAX_HITS` hits, and
    at most :data:`CANDIDATES` rows ranked.
    """
    limit = max(0, min(limit, MAX_HITS))
    frequency = _frequencies(dossier)
    query = choose(read(text, prefix=prefix), frequency)
    if not query.terms or not limit:
        return Found([], query)
    rows = _ranked_rows(dossier, query, limit)
    if not rows and query.shortened and len(query.terms) > 1:
        query = any_of(query, frequency)
        rows = _ranked_rows(dossier, query, limit)
    titles = _titles(dossier, {(r[0], int(r[1])) for r in rows})
    hits = []
    for kind, ref_id, page, body_snippet, title_snippet in rows:
        # Show the body around the match; when only the title matched, the title.
        if _OPEN not in (body_snippet or "") and (
            _OPEN in (title_snippet or "") or not body_snippet
        ):
            body_snippet = title_snippet
        snippet, spans = _trimmed(*_split_marks(body_snippet or ""))
        if not spans:  # matched through a plain-letter spelling ("weiss" for "Weiß")
            spans = _spans_of(snippet, query.terms)
        title, case_id = titles.get((kind, int(ref_id)), ("", None))
        hits.append(Hit(kind, int(ref_id), title, snippet, spans, page, case_id))
    return Found(hits, query)


def _frequencies(dossier: Dossier) -> Callable[[Term], int]:
    """How many rows a term is on, counted up to :data:`~.searchquery.COMMON` (a tenth
    of a millisecond even for a word on every page); each term asked once."""
    counts: dict[Term, int] = {}

    def frequency(term: Term) -> int:
        if term not in counts:
            counts[term] = dossier.db.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
                [term.fts(), COMMON],
            ).fetchone()[0]
        return counts[term]

    return frequency


def _ranked_rows(dossier: Dossier, query: Query, limit: int) -> list[tuple[Any, ...]]:
    """(kind, ref_id, page, body snippet, title snippet) of the best ``limit`` matching
    rows, fast even when a word is on every page.

    BM25 ranking costs about a microsecond per matching row and term, and happens
    before LIMIT; its statement also reads each term's whole list of rows once. So
    when a query matches more than :data:`CANDIDATES` rows (a common word, two typed
    letters; fewer rows for more words; :data:`~.searchquery.ANY_ROWS` for a long
    text), the newest rows whose title matches come first (not for a long text),
    then the best of only the most recently added rows. A snippet costs more than
    ranking: they are made for the rows shown only (:func:`_with_snippets`).
    """
    db = dossier.db
    match = query.fts()
    # Rows with the most of the words, when any will do: a title weighs no more than a page.
    weights = "1.0, 1.0, 1.0" if query.any_term else "5.0, 1.0, 1.0"
    # A pasted text is after the pages that hold it: fewer candidates, and no titles first.
    pasted = query.shortened
    candidates = max(limit, ANY_ROWS if pasted else CANDIDATES // len(query.terms))
    # The newest matches, in one statement: each statement expands a prefix anew.
    newest = _rowids(db, _NEWEST, [match, max(limit + 1, candidates)])
    if len(newest) <= limit or len(newest) < candidates:  # every match is ranked
        ranked = _rowids(db, _RANK.format(where="", weights=weights), [match, limit])
        return _with_snippets(db, query, ranked)
    cutoff = newest[candidates - 1]
    ranked = []
    if not pasted:
        ranked = _rowids(
            db,
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            [f"{{title}} : ({match})", limit],
        )
    if len(ranked) < limit:
        newest = _rowids(
            db,
            _RANK.format(where="AND rowid >= ?", weights=weights),
            [match, cutoff, limit + len(ranked)],
        )
        titled = set(ranked)
        ranked += [rowid for rowid in newest if rowid not in titled]
    return _with_snippets(db, query, ranked[:limit])


def _rowids(db: Database, sql: str, parameters: list[Any]) -> list[int]:
    return [int(row[0]) for row in db.execute(sql, parameters)]


def _with_snippets(db: Database, query: Query, ranked: list[int]) -> list[tuple[Any, ...]]:
    """(kind, ref_id, page, body snippet, title snippet) of the ``ranked`` rows, in order.

    The index holds no text (see :mod:`.searchindex`): a page's text is read from
    ``document_page``, a record's from its ``search_map`` row, and the snippets are made
    from them (:mod:`.searchsnippet`) for the rows shown only.
    """
    if not ranked:
        return []
    marks = ",".join("?" * len(ranked))
    texts = {row[0]: row[1:] for row in db.execute(_TEXTS.format(marks=marks), ranked)}
    matcher = Matcher(query.terms)
    rows = []
    for rowid in ranked:
        if rowid not in texts:
            continue
        kind, ref_id, page, body, title = texts[rowid]
        rows.append((kind, ref_id, page, snippet(body, matcher), snippet(title, matcher)))
    return rows


def _spans_of(snippet: str, terms: tuple[Term, ...]) -> tuple[tuple[int, int], ...]:
    spans = []
    for match in _WORD.finditer(snippet):
        found = Term(match.group()).key
        if any(found == t.key or (t.prefix and found.startswith(t.key)) for t in terms):
            spans.append(match.span())
    return tuple(spans)


def _trimmed(
    snippet: str, spans: tuple[tuple[int, int], ...]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most :data:`MAX_SNIPPET` characters around the first match: sixteen words are
    usually a line, but a "word" of a pasted or extracted text can be a megabyte long."""
    if len(snippet) <= MAX_SNIPPET:
        return snippet, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - MAX_SNIPPET // 3, len(snippet) - MAX_SNIPPET))
    end = start + MAX_SNIPPET
    before = "…" if start else ""
    text = before + snippet[start:end] + ("…" if end < len(snippet) else "")
    shift = len(before) - start
    kept = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end
    )
    return text, kept


def _split_marks(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, 0
    for part in _MARKS.split(raw):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            spans.append((start, length))
        else:
            part = _SPACES.sub(" ", part)
            out.append(part)
            length += len(part)
    return "".join(out), tuple(spans)


def _titles(
    dossier: Dossier, keys: set[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str, int | None]]:
    found: dict[tuple[str, int], tuple[str, int | None]] = {}
    by_kind: dict[str, list[int]] = {}
    for kind, ref_id in keys:
        by_kind.setdefault(kind, []).append(ref_id)
    for kind, ids in by_kind.items():
        spec = ENTITIES[kind]
        marks = ",".join("?" * len(ids))
        rows = dossier.db.query(f"SELECT * FROM {quoted(spec.table)} WHERE id IN ({marks})", ids)
        case_of: dict[int, int | None] = {}
        if kind == "document":
            for doc_id, case_id in dossier.db.execute(
                f"SELECT document_id, MIN(case_id) FROM document_case WHERE document_id IN ({marks}) GROUP BY document_id",
                ids,
            ):
                case_of[doc_id] = case_id
        for row in rows:
            case_id = row.get("case_id") if kind != "document" else case_of.get(row["id"])
            if kind == "case":
                case_id = row["id"]
            found[(kind, row["id"])] = (label_of(spec, row), case_id)
    return found

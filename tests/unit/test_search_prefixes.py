"""Migration 0012: the search index is made again without its index of two-letter prefixes;
a dossier made before it finds the same rows, by the same numbers, for whole words and for
prefixes of every length, and its index is in step with its records."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from dossier.core import search, searchindex
from dossier.core.entities import ENTITIES
from dossier.core.integrity.search_index import search_index_problems
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.schema_search import SEARCH_PREFIXES
from dossier.core.sql_driver import sqlite3
from tests.older_schema import dossier_up_to

STAMP = "2026-01-05T10:00:00"
NOTE = {"id": 1, "text": "Ask about the zoledronate infusion, and Dr. Weiß's radiotherapy"}
PAGES = [
    "Discharge letter. The biopsy showed a fibroadenoma of the left breast.",
    "Radiology: follow-up ultrasound in six months \ue000(glyph)\ue001; radial scar excluded.",
    "",
]
QUERIES = ['"ra"*', '"rad"*', '"radi"*', '"radio"*', '"fibroadenoma"', '"weiss"', '"zo"*',
           '"the" AND "breast"', '{title} : ("discharge"*)', '"ultra"* OR "scar"']  # fmt: skip


def dossier_at_0011(folder: Path) -> Path:
    """A dossier as the version before 0012 made it: a note and a document of three pages
    (one blank), indexed as :mod:`.searchindex` does (the index holds no text)."""
    conn = dossier_up_to(folder, "0011_search_text_once")
    db = sqlite_utils.Database(conn)
    conn.execute(
        "INSERT INTO note (id, text, created_at, updated_at) VALUES (1, ?, ?, ?)",
        [NOTE["text"], STAMP, STAMP],
    )
    conn.execute(
        "INSERT INTO document (id, title, sha256, size, media_type, page_count, created_at, "
        "updated_at) VALUES (1, 'Discharge letter', ?, 10, 'application/pdf', 3, ?, ?)",
        ["a" * 64, STAMP, STAMP],
    )
    for number, text in enumerate(PAGES, 1):
        conn.execute(
            "INSERT INTO document_page (document_id, page, text) VALUES (1, ?, ?)", [number, text]
        )
    searchindex.index_record(db, ENTITIES["note"], NOTE)
    searchindex.index_record(db, ENTITIES["document"], {"id": 1, "title": "Discharge letter"})
    searchindex.index_pages(db, 1, PAGES)
    conn.commit()
    conn.close()
    return folder


def matches(conn: sqlite3.Connection) -> dict[str, list[int]]:
    return {
        query: [
            int(r[0])
            for r in conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid", [query]
            )
        ]
        for query in QUERIES
    }


def test_an_older_dossier_gets_the_new_index_and_finds_the_same_rows(tmp_path: Path) -> None:
    folder = dossier_at_0011(tmp_path / "older")
    conn = sqlite3.connect(folder / "dossier.sqlite")
    before = matches(conn)
    rows_before = conn.execute("SELECT rowid, kind, ref_id, page FROM search_map").fetchall()
    conn.close()
    assert before['"radi"*'] and before['"ra"*'] and before['"weiss"']
    with open_dossier(folder) as opened:
        applied = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
        assert sorted(applied) == known_migrations()
        db = opened.db
        [sql] = db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()
        assert f"prefix = '{SEARCH_PREFIXES}'" in sql
        assert "content = ''" in sql and "contentless_delete = 1" in sql
        assert matches(db.conn) == before
        assert db.execute("SELECT rowid, kind, ref_id, page FROM search_map").fetchall() == (
            rows_before
        )
        assert search_index_problems(opened) == []
        # Two letters are a word, not a prefix: they begin most words of a large dossier.
        assert search.find(opened, "ra").query.as_dict()["prefix"] == []
        assert search.search(opened, "ra") == []
        for typed in ("rad", "radi", "RADIO"):
            assert {(h.kind, h.page) for h in search.search(opened, typed)} == {
                ("note", None),
                ("document", 2),
            }, typed
        [weiss] = search.search(opened, "weiss")
        assert [weiss.snippet[s:e] for s, e in weiss.highlights] == ["Weiß"]
        [page] = search.search(opened, "fibroadenoma")
        assert (page.kind, page.id, page.page) == ("document", 1, 1)

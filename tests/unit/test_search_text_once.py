"""Migration 0011: the search index keeps the words of each page, not a second copy of its
text; a dossier made before it searches as it did, and snippets are made from the text kept
once (``document_page`` for a page, ``search_map`` for a record)."""

from __future__ import annotations

from pathlib import Path

from dossier.core import records, search, searchindex
from dossier.core.entities import ENTITIES
from dossier.core.integrity.search_index import rebuild_search_index, search_index_problems
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.searchquery import Term
from dossier.core.searchsnippet import CLOSE, OPEN, snippet
from dossier.core.storage import Dossier
from tests.older_schema import dossier_up_to

STAMP = "2026-01-05T10:00:00"
PERSON = {"id": 1, "name": "Zoë"}
NOTE = {"id": 1, "text": "Ask about the zoledronate infusion"}
DOCUMENT = {"id": 1, "title": "Discharge letter"}
PAGES = [
    "Discharge letter. The biopsy showed a fibroadenoma of the left breast.",
    "Dr. Weiß recommended follow-up ultrasound in six months \ue000(glyph)\ue001.",
]


def dossier_at_0010(folder: Path) -> Path:
    """A dossier as the version before 0011 made it: a note and a document of two pages,
    indexed with their text inside the FTS5 table."""
    conn = dossier_up_to(folder, "0010_hand_over")
    conn.execute(
        "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, ?, ?, ?)",
        [PERSON["name"], STAMP, STAMP],
    )
    conn.execute(
        "INSERT INTO note (id, text, created_at, updated_at) VALUES (1, ?, ?, ?)",
        [NOTE["text"], STAMP, STAMP],
    )
    conn.execute(
        "INSERT INTO document (id, title, sha256, size, media_type, page_count, created_at, "
        "updated_at) VALUES (1, 'Discharge letter', ?, 10, 'application/pdf', 2, ?, ?)",
        ["a" * 64, STAMP, STAMP],
    )
    rows = [
        (name, 1, None, *searchindex.record_text(ENTITIES[name], record))
        for name, record in (("person", PERSON), ("note", NOTE), ("document", DOCUMENT))
    ]
    rows += [("document", 1, n, "", text) for n, text in enumerate(PAGES, 1)]
    for number, text in enumerate(PAGES, 1):
        conn.execute(
            "INSERT INTO document_page (document_id, page, text) VALUES (1, ?, ?)", [number, text]
        )
    for kind, ref_id, page, title, body in rows:
        cursor = conn.execute(
            "INSERT INTO search_map (kind, ref_id, page) VALUES (?, ?, ?)", [kind, ref_id, page]
        )
        conn.execute(
            "INSERT INTO search_fts (rowid, title, body, alt) VALUES (?, ?, ?, ?)",
            [cursor.lastrowid, title, body.replace(OPEN, "").replace(CLOSE, ""),
             searchindex.folded_words(title, body)],
        )  # fmt: skip
    conn.commit()
    conn.close()
    return folder


def test_an_older_dossier_searches_as_before_with_its_text_stored_once(tmp_path: Path) -> None:
    folder = dossier_at_0010(tmp_path / "older")
    with open_dossier(folder) as opened:
        applied = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
        assert sorted(applied) == known_migrations()
        db = opened.db
        # The index holds no text: pages are read from document_page, records from the map.
        assert (
            db.execute("SELECT count(*) FROM search_fts WHERE body IS NOT NULL").fetchone()[0] == 0
        )
        assert not db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_fts_content'"
        ).fetchone()
        kept = db.execute("SELECT title, body FROM search_map WHERE kind = 'note'").fetchone()
        assert kept == searchindex.record_text(ENTITIES["note"], NOTE)
        assert db.execute("SELECT count(*) FROM search_map WHERE body IS NULL").fetchone()[0] == 2
        [note] = search.search(opened, "zoledron")
        assert (note.kind, note.id) == ("note", 1)
        assert note.marked_snippet() == "Ask about the [zoledronate] infusion"
        [page] = search.search(opened, "fibroadenoma")
        assert (page.kind, page.id, page.page) == ("document", 1, 1)
        assert "[fibroadenoma]" in page.marked_snippet()
        [weiss] = search.search(opened, "weiss")
        assert [weiss.snippet[s:e] for s, e in weiss.highlights] == ["Weiß"]
        assert "(glyph)" in weiss.snippet
        assert {(h.kind, h.page) for h in search.search(opened, "discharge")} == {
            ("document", None),
            ("document", 1),
        }
        assert search_index_problems(opened) == []


def test_records_and_pages_are_indexed_removed_and_rebuilt(dossier: Dossier) -> None:
    note = records.create(dossier, "note", {"text": "Lumpectomy or watchful waiting?"})
    assert [h.id for h in search.search(dossier, "lumpectomy")] == [note.id]
    records.update(dossier, "note", note.id, {"text": "Mastectomy after all"})
    assert search.search(dossier, "lumpectomy") == []
    [hit] = search.search(dossier, "mastectomy")
    assert hit.marked_snippet() == "[Mastectomy] after all"
    records.delete(dossier, "note", note.id)
    assert search.search(dossier, "mastectomy") == []
    assert search_index_problems(dossier) == []
    assert rebuild_search_index(dossier) > 0
    assert search_index_problems(dossier) == []


def marked(text: str, *terms: Term) -> str:
    return snippet(text, terms).replace(OPEN, "[").replace(CLOSE, "]")


def test_a_snippet_is_sixteen_words_around_the_best_match() -> None:
    words = [f"w{n}" for n in range(100)]
    text = " ".join([*words[:50], "Biopsy", *words[50:]])
    shown = marked(text, Term("biopsy"))
    assert shown.startswith("…") and shown.endswith("…")
    assert "[Biopsy]" in shown
    assert len(shown.strip("…").split()) == 16
    # The window with both words beats one with a single word, even twice.
    text = "biopsy biopsy " + " ".join(words) + " biopsy of the breast"
    assert marked(text, Term("biopsy"), Term("breast")).endswith("[biopsy] of the [breast]")


def test_snippet_words_compare_as_the_index_does() -> None:
    text = "Dr. MÜLLER-Lefèvre and Herr Weiß; radiology RADIOTHERAPY radi_cal"
    assert (
        marked(text, Term("muller"))
        == "Dr. [MÜLLER]-Lefèvre and Herr Weiß; radiology RADIOTHERAPY radi_cal"
    )
    assert "[Weiß]" in marked(text, Term("weiss"))
    assert marked(text, Term("lefevre", prefix=True)).count("[") == 1
    both = marked(text, Term("radi", prefix=True))
    assert "[radiology] [RADIOTHERAPY] [radi]_cal" in both
    assert marked("no match here", Term("zzz")) == "no match here"
    assert marked("", Term("zzz")) == ""

"""Is the search index in step with the records? And rebuilding it from them.

The index (``search_map`` + the FTS5 table ``search_fts``, see
:mod:`dossier.core.searchindex`) must hold, for every record not in the trash, one row
with its text, and for every page of such a document that has text, one row; nothing else. The
FTS5 table holds no text (it is contentless): a record's indexed text is compared as its
``search_map`` row keeps it; a page's text is its own, in ``document_page``. Rebuilding makes it again from the records and pages: it is derived
data, so nothing of the person's is changed or lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import records, searchindex
from ..entities import ENTITIES
from ..i18n import ntr, tr
from ..sql_driver import error_code, sqlite3
from ..storage import Dossier
from .database_checks import MAX_ITEMS
from .findings import Finding, Item

_SQLITE_CORRUPT = 11


def _unmark(text: str) -> str:
    """As the index stores text: without the two characters search uses to mark matches."""
    return text.replace("\ue000", "").replace("\ue001", "")


def search_index_problems(dossier: Dossier) -> list[str]:
    """What is wrong with the index, one line each (empty: it is in step)."""
    db = dossier.db
    problems: list[str] = []
    try:
        db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as exc:
        if error_code(exc) == _SQLITE_CORRUPT:
            return [tr("the search index itself is damaged")]
        # Anything else (a read-only dossier): the comparison below still tells.
    map_ids = {int(r[0]) for r in db.execute("SELECT rowid FROM search_map")}
    text_ids = {int(r[0]) for r in db.execute("SELECT rowid FROM search_fts")}
    if map_ids != text_ids:
        problems.append(
            ntr(
                "{n} index entry is half there",
                "{n} index entries are half there",
                len(map_ids.symmetric_difference(text_ids)),
            )
        )
    problems += _record_problems(dossier)
    problems += _page_problems(dossier)
    return problems


def _record_problems(dossier: Dossier) -> list[str]:
    expected: dict[tuple[str, int], tuple[str, str]] = {}
    for name, spec in ENTITIES.items():
        for record in records.list_records(dossier, name):
            title, body = searchindex.record_text(spec, record)
            expected[(name, int(record["id"]))] = (_unmark(title), _unmark(body))
    seen: Counter[tuple[str, int]] = Counter()
    problems: list[str] = []
    rows = dossier.db.execute(
        "SELECT m.kind, m.ref_id, m.title, m.body FROM search_map m WHERE m.page IS NULL"
    )
    for kind, ref_id, title, body in rows:
        key = (str(kind), int(ref_id))
        seen[key] += 1
        want = expected.get(key)
        if want is None:
            problems.append(_about(key, tr("in the index, but not in the dossier")))
        elif seen[key] == 1 and (title or "", body or "") != want:
            problems.append(_about(key, tr("its entry in the index is out of date")))
    problems += [_about(key, tr("found twice in the index")) for key, n in seen.items() if n > 1]
    problems += [_about(key, tr("missing from the index")) for key in expected if key not in seen]
    return problems


def _page_problems(dossier: Dossier) -> list[str]:
    problems: list[str] = []
    seen: Counter[tuple[int, int]] = Counter()
    for document_id, page, text, in_trash, rowid in _pages_with_entries(dossier):
        key = (int(document_id), int(page))
        wanted = not in_trash and bool(str(text).strip())
        if rowid is None:
            if wanted:
                problems.append(_page(key, tr("missing from the index")))
            continue
        seen[key] += 1
        if not wanted:
            problems.append(_page(key, tr("in the index, but should not be")))
    problems += [_page(key, tr("found twice in the index")) for key, n in seen.items() if n > 1]
    stray = dossier.db.execute(
        "SELECT m.ref_id, m.page FROM search_map m WHERE m.page IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM document_page p WHERE p.document_id = m.ref_id AND p.page = m.page)"
    ).fetchall()
    problems += [
        _page((int(r[0]), int(r[1])), tr("in the index, but not in the dossier")) for r in stray
    ]
    return problems


def _pages_with_entries(
    dossier: Dossier,
) -> Iterator[tuple[int, int, str, bool, int | None]]:
    """Every page with its index entry (or None), read row by row: pages can be many."""
    cursor = dossier.db.execute(
        "SELECT p.document_id, p.page, p.text, d.deleted_at IS NOT NULL, m.rowid "
        "FROM document_page p JOIN document d ON d.id = p.document_id "
        "LEFT JOIN search_map m ON m.kind = 'document' AND m.ref_id = p.document_id "
        "AND m.page = p.page"
    )
    for row in cursor:
        yield int(row[0]), int(row[1]), str(row[2]), bool(row[3]), row[4]


def _about(key: tuple[str, int], what: str) -> str:
    spec = ENTITIES.get(key[0])
    label = tr(spec.label) if spec else key[0]
    return tr("{entity} number {id}: {what}", entity=label, id=key[1], what=what)


def _page(key: tuple[int, int], what: str) -> str:
    return tr("document {id}, page {page}: {what}", id=key[0], page=key[1], what=what)


def search_index_finding(problems: list[str]) -> Finding | None:
    if not problems:
        return None
    return Finding(
        "search_index",
        ntr(
            "The search index does not match the dossier in one place, so a search may miss something.",
            "The search index does not match the dossier in {n} places, so a search may miss something.",
            len(problems),
        ),
        tr("Repair builds the search index again from your records; nothing else changes."),
        tuple(Item(p) for p in problems[:MAX_ITEMS]),
    )


def rebuild_search_index(dossier: Dossier) -> int:
    """Make the whole index again from the records and pages, in one transaction.

    The FTS5 table is dropped and made again from its own definition, which also mends an
    index damaged inside. Returns how many entries the index now holds.
    """
    db = dossier.db
    with db.atomic():
        definition = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'"
        ).fetchone()[0]
        db.execute("DROP TABLE search_fts")
        db.execute(definition)
        db.execute("DELETE FROM search_map")
        for name, spec in ENTITIES.items():
            for record in records.list_records(dossier, name):
                title, body = searchindex.record_text(spec, record)
                searchindex.add(db, name, int(record["id"]), title, body)
        live = db.execute(
            "SELECT p.document_id, p.page, p.text FROM document_page p "
            "JOIN document d ON d.id = p.document_id WHERE d.deleted_at IS NULL "
            "ORDER BY p.document_id, p.page"
        )
        for document_id, page, text in live:
            if str(text).strip():
                searchindex.add(db, "document", int(document_id), "", str(text), int(page))
        return int(db.execute("SELECT COUNT(*) FROM search_map").fetchone()[0])

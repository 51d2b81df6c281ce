"""The trash: one entry per deletion, and emptying it for good (rows and vault files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records, search, trash
from dossier.core.errors import NotFoundError
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier
from tests.corpus import make_pdf, make_png


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=2) as shared:
        yield shared


def import_files(dossier: Dossier, pool: SandboxPool, paths: list[Path]) -> list[int]:
    results = import_paths(dossier, paths, pool=pool)
    assert [r.status for r in results] == ["imported"] * len(paths), results
    return [r.document_id for r in results if r.document_id is not None]


def integrity(dossier: Dossier) -> None:
    assert dossier.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert dossier.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    dossier.db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def test_empty_trash_lists_nothing(dossier: Dossier) -> None:
    assert trash.list_trash(dossier) == []
    assert trash.empty_trash(dossier) == 0


def test_a_case_deletion_is_one_entry(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Planned hip replacement"}).id
    records.create(dossier, "note", {"text": "first visit", "case_id": case})
    records.create(dossier, "task", {"title": "ask for scans", "case_id": case})
    records.create(dossier, "question", {"text": "Why now?", "case_id": case})
    lone = records.create(dossier, "note", {"text": "shopping list"}).id

    records.delete(dossier, "case", case)
    records.delete(dossier, "note", lone)

    entries = trash.list_trash(dossier)
    assert [(e.entity, e.record_id, e.with_it) for e in entries] == [
        ("note", lone, 0),  # newest first
        ("case", case, 3),
    ]
    assert entries[1].label == "Planned hip replacement"
    assert entries[0].label == "shopping list"
    assert entries[0].batch != entries[1].batch
    assert entries[1].as_dict()["with_it"] == 3
    assert all(e.deleted_at for e in entries)


def test_restore_removes_the_entry(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    records.create(dossier, "note", {"text": "n", "case_id": case})
    records.delete(dossier, "case", case)
    records.restore(dossier, "case", case)
    assert trash.list_trash(dossier) == []


def test_long_labels_are_shortened(dossier: Dossier) -> None:
    note = records.create(dossier, "note", {"text": "word " * 100}).id
    records.delete(dossier, "note", note)
    [entry] = trash.list_trash(dossier)
    assert len(entry.label) <= 120
    assert entry.label.endswith("…")


def test_empty_trash_removes_rows_for_good(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    note = records.create(dossier, "note", {"text": "n", "case_id": case}).id
    opinion = records.create(dossier, "opinion", {"case_id": case}).id
    other = records.create(dossier, "opinion", {"case_id": case}).id
    comparison = records.create(
        dossier,
        "comparison",
        {"case_id": case, "opinion_ids": [opinion, other], "aspects": {"risks": "same"}},
    ).id
    contact = records.create(dossier, "contact", {"name": "Dr Gone"}).id
    keep = records.create(dossier, "note", {"text": "stays"}).id
    records.delete(dossier, "case", case)
    records.delete(dossier, "contact", contact)

    removed = trash.empty_trash(dossier)

    assert removed == 6  # case, note, two opinions, comparison, contact
    assert trash.list_trash(dossier) == []
    db = dossier.db
    for table, record_id in [
        ('"case"', case),
        ("note", note),
        ("opinion", opinion),
        ("comparison", comparison),
        ("contact", contact),
    ]:
        assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE id = ?", [record_id]).fetchone() == (
            0,
        )
    assert db.execute("SELECT COUNT(*) FROM comparison_opinion").fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM comparison_aspect").fetchone() == (0,)
    assert records.get(dossier, "note", keep)["text"] == "stays"
    with pytest.raises(NotFoundError):
        records.restore(dossier, "case", case)
    integrity(dossier)


def test_empty_trash_clears_references_from_live_records(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    contact = records.create(dossier, "contact", {"name": "Dr Left", "role": "insurer"}).id
    diagnosis = records.create(
        dossier, "diagnosis", {"case_id": case, "name": "x", "contact_id": contact}
    ).id
    records.update(dossier, "person", 1, {"insurer_id": contact})
    [document] = import_files(dossier, pool, [make_pdf(tmp_path / "report.pdf", pages=1)])
    opinion = records.create(
        dossier, "opinion", {"case_id": case, "report_document_id": document}
    ).id
    records.update(dossier, "document", document, {"case_ids": [case], "opinion_ids": [opinion]})
    records.delete(dossier, "contact", contact)
    records.delete(dossier, "document", document)

    trash.empty_trash(dossier)

    assert records.get(dossier, "diagnosis", diagnosis)["contact_id"] is None
    assert records.get(dossier, "opinion", opinion)["report_document_id"] is None
    assert records.get(dossier, "person", 1)["insurer_id"] is None
    assert dossier.db.execute("SELECT COUNT(*) FROM document_case").fetchone() == (0,)
    assert dossier.db.execute("SELECT COUNT(*) FROM document_opinion").fetchone() == (0,)
    integrity(dossier)


def test_empty_trash_removes_vault_files_of_trashed_documents_only(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    gone_pdf = make_pdf(tmp_path / "gone.pdf", pages=2, seed=1)
    kept_pdf = make_pdf(tmp_path / "kept.pdf", pages=1, seed=2)
    gone_png = make_png(tmp_path / "gone.png", seed=3)
    gone, kept, picture = import_files(dossier, pool, [gone_pdf, kept_pdf, gone_png])
    sha = {d: records.get(dossier, "document", d)["sha256"] for d in (gone, kept, picture)}
    vault = dossier.vault
    for digest in sha.values():
        assert vault.path_for(digest).is_file()
        assert vault.thumbnail_path(digest).is_file()
    case = records.create(dossier, "case", {"title": "c"}).id
    records.update(dossier, "document", picture, {"case_ids": [case]})
    records.delete(dossier, "document", gone)
    records.delete(dossier, "document", picture)
    records.delete(dossier, "case", case)  # documents are not owned by a case: a separate entry

    assert vault.path_for(sha[gone]).is_file()  # the trash can still be undone
    assert trash.empty_trash(dossier) == 3

    for digest in (sha[gone], sha[picture]):
        assert not vault.path_for(digest).exists()
        assert not vault.thumbnail_path(digest).exists()
    assert vault.path_for(sha[kept]).read_bytes() == kept_pdf.read_bytes()
    assert vault.thumbnail_path(sha[kept]).is_file()
    assert set(vault.stored_names()) == {sha[kept]}
    assert dossier.db.execute(
        "SELECT COUNT(*) FROM document_page WHERE document_id != ?", [kept]
    ).fetchone() == (0,)
    integrity(dossier)


def test_the_same_file_can_come_back_after_the_trash_is_emptied(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "letter.pdf", pages=1, seed=4)
    [first] = import_files(dossier, pool, [pdf])
    records.delete(dossier, "document", first)
    [again] = import_paths(dossier, [pdf], pool=pool)
    assert again.status == "duplicate"  # still in the trash: restore it from there
    assert again.document_id == first

    trash.empty_trash(dossier)
    [second] = import_files(dossier, pool, [pdf])
    record = records.get(dossier, "document", second)
    assert dossier.vault.path_for(record["sha256"]).read_bytes() == pdf.read_bytes()
    integrity(dossier)


def test_after_emptying_search_has_no_trace(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Zygomycosis question"}).id
    records.create(dossier, "note", {"text": "zygomycosis notes", "case_id": case})
    records.delete(dossier, "case", case)
    trash.empty_trash(dossier)
    assert search.search(dossier, "zygomycosis") == []
    kinds = {r[0] for r in dossier.db.execute("SELECT kind FROM search_map")}
    assert kinds == {"person"}
    integrity(dossier)

"""Importing files: sniffing, sandboxed parsing, the vault, pages, duplicates, cancelling,
and the hostile corpus of tests/corpus.py."""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from dossier.core import records, search
from dossier.core.errors import NotFoundError, ValidationError
from dossier.core.importer import sniff, store
from dossier.core.importer.pipeline import ImportResult, collect_files, import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf
from tests.corpus import (
    PHOTO_DATE,
    PHOTO_ORIENTATION,
    USER_PASSWORD,
    make_corpus,
    make_pdf,
    make_photo,
    make_png,
    make_tiff,
)
from tests.pdf_objects import assemble_pdf, stream_object

CORPUS_SECONDS = 10.0


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=2) as shared:
        yield shared


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pages_of(dossier: Dossier, document_id: int) -> list[str]:
    return [
        r[0]
        for r in dossier.db.execute(
            "SELECT text FROM document_page WHERE document_id = ? ORDER BY page", [document_id]
        )
    ]


def vault_state(dossier: Dossier) -> tuple[set[str], list[str]]:
    """(content hashes stored in the vault, names of anything left in vault/tmp)."""
    tmp = dossier.vault.root / "tmp"
    return set(dossier.vault.stored_names()), sorted(os.listdir(tmp)) if tmp.exists() else []


def document_hashes(dossier: Dossier) -> set[str]:
    return {r[0] for r in dossier.db.execute("SELECT sha256 FROM document")}


def assert_vault_matches_documents(dossier: Dossier) -> None:
    stored, leftovers = vault_state(dossier)
    assert stored == document_hashes(dossier)
    assert leftovers == []
    for digest in stored:
        assert sha256(dossier.vault.path_for(digest)) == digest
    assert dossier.db.execute("PRAGMA foreign_key_check").fetchall() == []


def slow_pdf(path: Path, strokes: int = 200_000) -> Path:
    """A small, valid one-page PDF whose page takes pdfium seconds to render (many strokes)."""
    content = b"0 0 m 595 842 l 1 0 0 RG S\n" * strokes
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream_object(content),
    ]
    path.write_bytes(assemble_pdf(objects, root=1))
    return path


# --- each type ------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    text = folder / "blood test 2026-03.txt"
    text.write_text(
        "Full blood count\nHaemoglobin 13.1 g/dL\fPage two: platelets normal\f",
        encoding="utf-8",
    )
    return {
        "pdf": make_pdf(folder / "letter.pdf", pages=3, seed=11, title="Oncology letter"),
        "jpeg": make_photo(folder / "photo.jpg", size=(320, 240), seed=12),
        "png_as_txt": make_png(folder / "not really text.txt", seed=13),
        "tiff": make_tiff(folder / "scan.tif", pages=2, size=(300, 400)),
        "text": text,
    }


def test_import_each_type(dossier: Dossier, pool: SandboxPool, files: dict[str, Path]) -> None:
    order = ["pdf", "jpeg", "png_as_txt", "tiff", "text"]
    results = import_paths(dossier, [files[k] for k in order], pool=pool)

    assert [r.status for r in results] == ["imported"] * 5, results
    assert [r.path for r in results] == [str(files[k]) for k in order]
    docs = {
        k: records.get(dossier, "document", r.document_id or 0)
        for k, r in zip(order, results, strict=True)
    }
    for key, doc in docs.items():
        assert doc["sha256"] == sha256(files[key])
        assert doc["size"] == files[key].stat().st_size
        assert doc["original_name"] == files[key].name
        assert not doc["encrypted"]
        assert dossier.vault.path_for(doc["sha256"]).read_bytes() == files[key].read_bytes()

    media = {k: d["media_type"] for k, d in docs.items()}
    assert media == {
        "pdf": "application/pdf",
        "jpeg": "image/jpeg",
        "png_as_txt": "image/png",
        "tiff": "image/tiff",
        "text": "text/plain",
    }
    assert {k: d["page_count"] for k, d in docs.items()} == {
        "pdf": 3,
        "jpeg": 1,
        "png_as_txt": 1,
        "tiff": 2,
        "text": 3,
    }

    pdf = docs["pdf"]
    assert pdf["title"] == "Oncology letter"
    assert pdf["metadata"]["Title"] == "Oncology letter"
    assert pdf["metadata"]["Author"] == "Dr Zoë Müller"
    assert pdf["metadata"]["CreationDate"].startswith("D:20250115")
    assert pdf["document_date"] == "2025-01-15"
    pdf_pages = pages_of(dossier, pdf["id"])
    assert len(pdf_pages) == 3
    for number, text in enumerate(pdf_pages, 1):
        assert f"Section {number}" in text
        assert f"Page {number} of 3" in text

    jpeg = docs["jpeg"]
    assert jpeg["exif_date"] == PHOTO_DATE.isoformat()
    assert jpeg["document_date"] == PHOTO_DATE.date().isoformat()
    assert jpeg["orientation"] == PHOTO_ORIENTATION
    assert jpeg["kind"] == "image"
    assert jpeg["metadata"] == {"width": "320", "height": "240"}
    assert pages_of(dossier, jpeg["id"]) == []

    text = docs["text"]
    assert text["title"] == "Full blood count"
    assert pages_of(dossier, text["id"]) == [
        "Full blood count\nHaemoglobin 13.1 g/dL",
        "Page two: platelets normal",
        "",
    ]
    assert not text["has_thumbnail"]
    assert not dossier.vault.thumbnail_path(text["sha256"]).exists()

    for key in ("pdf", "jpeg", "png_as_txt", "tiff"):
        doc = docs[key]
        assert doc["has_thumbnail"], key
        thumb = dossier.vault.thumbnail_path(doc["sha256"])
        assert thumb.parent == dossier.vault.path_for(doc["sha256"]).parent
        with Image.open(io.BytesIO(thumb.read_bytes())) as image:
            assert image.format == "PNG"
            assert max(image.size) <= 256
            if key == "jpeg":  # orientation 6: shown turned, so the landscape photo stands up
                assert image.height > image.width
    assert_vault_matches_documents(dossier)


def test_pages_are_searchable_with_their_numbers(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    pdf = tmp_path / "two.pdf"
    write_pdf(
        pdf,
        [Block("Cytology"), Block("atypical cells"), pagebreak(), Block("Lymphocytes, reactive.")],
    )
    [result] = import_paths(dossier, [pdf], pool=pool)
    hits = [h for h in search.search(dossier, "lymphocytes") if h.kind == "document"]
    assert [(h.id, h.page) for h in hits] == [(result.document_id, 2)]
    assert [(h.id, h.page) for h in search.search(dossier, "atypical")] == [(result.document_id, 1)]


def test_folders_are_imported_recursively(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    root = tmp_path / "records from the clinic"
    (root / "2025" / "march").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("first", encoding="utf-8")
    (root / "2025" / "b.txt").write_text("second", encoding="utf-8")
    (root / "2025" / "march" / "c.txt").write_text("third", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / ".git" / "config").write_text("hidden too", encoding="utf-8")
    loose = tmp_path / "loose.txt"
    loose.write_text("loose", encoding="utf-8")

    expected = [root / "a.txt", root / "2025" / "b.txt", root / "2025" / "march" / "c.txt", loose]
    assert collect_files([root, loose]) == expected
    results = import_paths(dossier, [root, loose], pool=pool)
    assert [Path(r.path) for r in results] == expected
    assert [r.status for r in results] == ["imported"] * 4
    titles = sorted(records.get(dossier, "document", r.document_id or 0)["title"] for r in results)
    assert titles == ["first", "loose", "second", "third"]


def test_empty_folder_imports_nothing(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert import_paths(dossier, [tmp_path / "empty"], pool=pool) == []


# --- duplicates -----------------------------------------------------------------------------


def test_duplicates_are_stored_once(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    original = make_pdf(tmp_path / "report.pdf", pages=1, seed=21)
    copy = tmp_path / "copy of report.pdf"
    copy.write_bytes(original.read_bytes())
    other = make_pdf(tmp_path / "other.pdf", pages=1, seed=22)

    first = import_paths(dossier, [original, copy, other, original], pool=pool)
    assert [r.status for r in first] == ["imported", "duplicate", "imported", "duplicate"]
    assert first[1].document_id == first[0].document_id
    assert first[3].document_id == first[0].document_id
    assert "report.pdf" in (first[1].reason or "")

    again = import_paths(dossier, [copy, other], pool=pool)
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    assert [r.document_id for r in again] == [first[0].document_id, first[2].document_id]
    assert again[0].reason == "This document is already in the dossier."

    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (2,)
    assert_vault_matches_documents(dossier)


def test_duplicate_into_a_case_links_the_existing_document(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    first_case = records.create(dossier, "case", {"title": "first"}).id
    second_case = records.create(dossier, "case", {"title": "second"}).id
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleague", encoding="utf-8")

    [one] = import_paths(dossier, [path], case_id=first_case, pool=pool)
    [two] = import_paths(dossier, [path], case_id=second_case, pool=pool)

    assert (one.status, two.status) == ("imported", "duplicate")
    document = records.get(dossier, "document", one.document_id or 0)
    assert document["case_ids"] == [first_case, second_case]


# --- options --------------------------------------------------------------------------------


def test_import_into_a_case_with_a_kind(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    case = records.create(dossier, "case", {"title": "Anaemia"}).id
    path = tmp_path / "letter.txt"
    path.write_text("Dear doctor, the results are attached.", encoding="utf-8")
    [result] = import_paths(dossier, [path], case_id=case, kind="Lab Result", pool=pool)
    document = records.get(dossier, "document", result.document_id or 0)
    assert document["kind"] == "lab_result"
    assert document["case_ids"] == [case]
    assert [d["id"] for d in records.list_records(dossier, "document", case_id=case)] == [
        result.document_id
    ]


def test_kind_is_guessed_without_an_override(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    path = tmp_path / "discharge.txt"
    path.write_text("Discharge summary\nWard 4", encoding="utf-8")
    [result] = import_paths(dossier, [path], pool=pool)
    assert records.get(dossier, "document", result.document_id or 0)["kind"] == "discharge_summary"


def test_bad_kind_or_case_imports_nothing(dossier: Dossier, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(ValidationError):
        import_paths(dossier, [path], kind="holiday photo")
    with pytest.raises(NotFoundError):
        import_paths(dossier, [path], case_id=99)
    gone = records.create(dossier, "case", {"title": "gone"}).id
    records.delete(dossier, "case", gone)
    with pytest.raises(NotFoundError):
        import_paths(dossier, [path], case_id=gone)
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (0,)


# --- refused without parsing ----------------------------------------------------------------


def test_refused_before_parsing(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    binary = tmp_path / "program.exe"
    binary.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    missing = tmp_path / "gone.pdf"
    results = import_paths(dossier, [empty, binary, missing], pool=pool)
    assert [r.status for r in results] == ["rejected"] * 3
    assert results[0].reason == "The file is empty."
    assert "PDF, JPEG, PNG" in (results[1].reason or "")
    assert results[2].reason == "There is no file here."
    assert all(r.document_id is None for r in results)
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (0,)
    assert vault_state(dossier) == (set(), [])


def test_sniffing_ignores_the_name(tmp_path: Path) -> None:
    png = make_png(tmp_path / "x.pdf")
    text = tmp_path / "y.jpg"
    text.write_text("just words", encoding="utf-8")
    utf16 = tmp_path / "z.bin"
    utf16.write_bytes("Befund Müller".encode("utf-16"))
    assert sniff.sniff_file(png) == sniff.PNG
    assert sniff.sniff_file(text) == sniff.TEXT
    assert sniff.sniff_file(utf16) == sniff.TEXT
    assert sniff.sniff(b"\x00\x01\x02\x03") is None
    assert sniff.sniff(b"") is None


# --- cancelling and progress ----------------------------------------------------------------


def _texts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"note {number}.txt"
        path.write_text(f"note number {number}", encoding="utf-8")
        paths.append(path)
    return paths


def test_progress_counts_every_file(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    paths = _texts(tmp_path / "in", 4)
    paths.append(paths[0])  # a duplicate
    paths.append(tmp_path / "missing.txt")  # a refusal
    seen: list[tuple[int, int, ImportResult]] = []

    results = import_paths(
        dossier, paths, pool=pool, progress=lambda done, total, r: seen.append((done, total, r))
    )

    assert [(done, total) for done, total, _ in seen] == [(n, 6) for n in range(1, 7)]
    assert sorted((r.path, r.status) for _, _, r in seen) == sorted(
        (r.path, r.status) for r in results
    )


def test_cancel_part_way(dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BATCH_SIZE", 1)  # every file committed as soon as it is read
    paths = _texts(tmp_path / "in", 5)
    stop = False

    def progress(done: int, total: int, result: ImportResult) -> None:
        nonlocal stop
        stop = True

    with SandboxPool(workers=1) as one_worker:
        results = import_paths(
            dossier, paths, pool=one_worker, progress=progress, cancelled=lambda: stop
        )

    assert [r.status for r in results] == ["imported"] + ["cancelled"] * 4
    assert all(r.document_id is None and r.reason for r in results[1:])
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (1,)
    assert dossier.db.execute(
        "SELECT COUNT(*) FROM document_page WHERE document_id != ?", [results[0].document_id]
    ).fetchone() == (0,)
    kinds = {r[0] for r in dossier.db.execute("SELECT DISTINCT kind FROM search_map")}
    assert kinds == {"person", "document"}
    assert_vault_matches_documents(dossier)


def test_cancel_before_starting(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    paths = _texts(tmp_path / "in", 3)
    results = import_paths(dossier, paths, pool=pool, cancelled=lambda: True)
    assert [r.status for r in results] == ["cancelled"] * 3
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (0,)
    assert vault_state(dossier) == (set(), [])


# --- the sandbox ----------------------------------------------------------------------------


def test_a_reader_that_takes_too_long_is_stopped_and_the_import_goes_on(
    dossier: Dossier, tmp_path: Path
) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    after = tmp_path / "after.txt"
    after.write_text("the next file", encoding="utf-8")

    started = time.monotonic()
    with SandboxPool(workers=1, timeout=1.0) as quick:
        results = import_paths(dossier, [slow, after], pool=quick)
        assert quick._idle, "a fresh worker took over after the slow one was stopped"
    elapsed = time.monotonic() - started

    assert [r.status for r in results] == ["rejected", "imported"]
    assert results[0].reason == "Reading the file took too long; it was stopped."
    assert elapsed < 8
    assert sha256(slow) not in document_hashes(dossier)
    assert_vault_matches_documents(dossier)


def test_a_worker_killed_while_reading_takes_only_its_file_down(
    dossier: Dossier, tmp_path: Path
) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    after = tmp_path / "after.txt"
    after.write_text("the next file", encoding="utf-8")
    others = {child.pid for child in multiprocessing.active_children()}
    killed: list[int] = []

    def kill_the_reader() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            mine = [c for c in multiprocessing.active_children() if c.pid not in others]
            if mine:
                time.sleep(0.8)  # let it start on the slow file
                for child in mine:
                    child.kill()
                    killed.append(child.pid or 0)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_reader)
    killer.start()
    with SandboxPool(workers=1, timeout=30) as one_worker:
        results = import_paths(dossier, [slow, after], pool=one_worker)
    killer.join()

    assert killed
    assert [r.status for r in results] == ["rejected", "imported"]
    assert results[0].reason == "The file could not be read safely: the reader stopped."
    assert sha256(slow) not in document_hashes(dossier)
    assert_vault_matches_documents(dossier)


def test_the_pool_survives_a_killed_worker(dossier: Dossier, tmp_path: Path) -> None:
    first, second = _texts(tmp_path / "in", 2)
    with SandboxPool(workers=1) as shared:
        [one] = import_paths(dossier, [first], pool=shared)
        [idle] = shared._idle
        idle.process.kill()
        idle.process.join()
        [two] = import_paths(dossier, [second], pool=shared)
    assert (one.status, two.status) == ("imported", "imported")


# --- the hostile corpus ---------------------------------------------------------------------


def test_hostile_corpus(dossier: Dossier, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    outcomes: dict[str, tuple[ImportResult, float]] = {}
    with SandboxPool() as default_pool:  # the limits the program really uses
        for name, item in corpus.items():
            started = time.monotonic()
            [result] = import_paths(dossier, [item.path], pool=default_pool)
            outcomes[name] = (result, time.monotonic() - started)

    problems = []
    for name, item in corpus.items():
        result, seconds = outcomes[name]
        if seconds > CORPUS_SECONDS:
            problems.append(f"{name}: took {seconds:.1f} s")
        document = (
            records.get(dossier, "document", result.document_id) if result.document_id else None
        )
        if item.expect == "reject":
            if result.status != "rejected" or not result.reason:
                problems.append(f"{name}: expected a refusal ({item.why}), got {result.status}")
        elif item.expect == "reject_or_ok":
            if result.status not in ("rejected", "imported"):
                problems.append(f"{name}: got {result.status}")
        elif result.status != "imported" or document is None:
            problems.append(f"{name}: expected it imported ({item.why}), got {result.reason}")
        elif item.expect == "encrypted":
            if not document["encrypted"] or pages_of(dossier, document["id"]):
                problems.append(f"{name}: expected encrypted without text, got {document}")
        elif item.expect == "text":
            if document["media_type"] != "text/plain":
                problems.append(f"{name}: expected text/plain, got {document['media_type']}")
        elif item.expect == "ok":
            if item.sniffed and document["media_type"] != item.sniffed:
                problems.append(f"{name}: media type {document['media_type']} != {item.sniffed}")
            if (
                item.sniffed == "application/pdf"
                and not "".join(pages_of(dossier, document["id"])).strip()
            ):
                problems.append(f"{name}: no text read from the PDF")
    assert problems == []

    rejected = {
        sha256(corpus[name].path)
        for name, (result, _) in outcomes.items()
        if result.status == "rejected" and corpus[name].path.stat().st_size
    }
    assert rejected.isdisjoint(document_hashes(dossier))
    imported = [r.document_id for r, _ in outcomes.values() if r.status == "imported"]
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (len(imported),)
    assert_vault_matches_documents(dossier)
    assert dossier.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_encrypted_pdf_is_stored_without_text(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    item = corpus["encrypted.pdf"]
    [result] = import_paths(dossier, [item.path], pool=pool)
    assert result.status == "imported", result.reason
    document = records.get(dossier, "document", result.document_id or 0)
    assert document["encrypted"] is True
    assert document["media_type"] == "application/pdf"
    assert pages_of(dossier, document["id"]) == []
    assert dossier.vault.path_for(document["sha256"]).read_bytes() == item.path.read_bytes()
    assert USER_PASSWORD not in str(document)


def test_zip_named_pdf_is_refused(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    """A ZIP archive holding a PDF is not a PDF, whatever its name says."""
    item = make_corpus(tmp_path / "corpus")["zip.pdf"]
    assert item.path.read_bytes().startswith(b"PK")
    assert sniff.sniff_file(item.path) is None
    [result] = import_paths(dossier, [item.path], pool=pool)
    assert result.status == "rejected"
    assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone() == (0,)


def test_a_stop_keeps_the_files_already_read_and_nothing_half_done(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    paths = _texts(tmp_path / "many", 40)
    seen: list[ImportResult] = []

    def progress(done: int, total: int, result: ImportResult) -> None:
        seen.append(result)

    results = import_paths(
        dossier, paths, pool=pool, progress=progress, cancelled=lambda: len(seen) >= 3
    )
    imported = [r for r in results if r.status == "imported"]
    assert len(imported) >= 3
    assert any(r.status == "cancelled" for r in results)
    assert {r.status for r in results} <= {"imported", "cancelled"}
    count = dossier.db.execute("SELECT COUNT(*) FROM document").fetchone()[0]
    assert count == len(imported)
    assert_vault_matches_documents(dossier)

"""The integrity check finds each problem it looks for; repair fixes what it may, never
deletes a record or a file, and says what is left to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core import records, search
from dossier.core.integrity.check import CheckCancelled, check_dossier
from dossier.core.integrity.files import thumbnail_readable
from dossier.core.integrity.findings import CheckReport
from dossier.core.integrity.inflight import import_in_flight
from dossier.core.integrity.repair import repair
from dossier.core.integrity.search_index import rebuild_search_index, search_index_problems
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from tests.integrity_helpers import (
    assert_nothing_deleted,
    files_under,
    seed_problems,
    vault_snapshot,
)


def _ids(report: CheckReport, code: str) -> set[int]:
    return {
        item.document_id
        for finding in report.findings
        if finding.code == code
        for item in finding.items
        if item.document_id is not None
    }


def _paths(report: CheckReport, code: str) -> set[str]:
    return {
        item.path or ""
        for finding in report.findings
        if finding.code == code
        for item in finding.items
    }


def test_the_example_dossier_is_in_order(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        report = check_dossier(dossier)
    assert report.ok and report.findings == []
    assert report.documents > 0 and report.files_bytes > 0
    assert not report.repairable


def test_each_seeded_problem_is_found(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
        report = check_dossier(dossier)
    assert not report.ok
    assert _ids(report, "file_damaged") == {seeded.damaged_id}
    assert report.damaged_documents == {seeded.damaged_id}
    assert _ids(report, "file_missing") == {seeded.missing_id}
    assert _ids(report, "thumbnail_missing") == {seeded.thumbnail_missing_id}
    assert _ids(report, "thumbnail_damaged") == {seeded.thumbnail_damaged_id}
    assert _paths(report, "unused_files") == {
        seeded.orphan.relative_to(demo_copy).as_posix(),
        seeded.orphan_thumbnail.relative_to(demo_copy).as_posix(),
    }
    assert _paths(report, "temporary_files") == {seeded.temp.relative_to(demo_copy).as_posix()}
    index = next(f for f in report.findings if f.code == "search_index")
    assert any(f"number {seeded.unindexed_id}:" in item.label for item in index.items)
    assert report.repairable
    for finding in report.findings:  # plain words, and something to do about each
        assert finding.message.endswith(".") and finding.advice
    missing = next(f for f in report.findings if f.code == "file_missing")
    assert "backup" in missing.advice and "add them again" in missing.advice


def test_repair_fixes_what_it_may_and_deletes_nothing(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
        counts = {
            name: len(records.list_records(dossier, name, include_deleted=True))
            for name in ("document", "case", "opinion", "note")
        }
        before_files = vault_snapshot(demo_copy)
        before = check_dossier(dossier)
        result = repair(dossier, before)
        # Only moved and rebuilt: every file is still there, or in quarantine, unchanged.
        quarantined = set(assert_nothing_deleted(demo_copy, before_files))
        assert {
            seeded.orphan.relative_to(demo_copy).as_posix(),
            seeded.orphan_thumbnail.relative_to(demo_copy).as_posix(),
            seeded.temp.relative_to(demo_copy).as_posix(),
        } <= quarantined
        assert {
            name: len(records.list_records(dossier, name, include_deleted=True)) for name in counts
        } == counts
        damaged = dossier.db.execute(
            "SELECT sha256 FROM document WHERE id = ?", [seeded.damaged_id]
        ).fetchone()[0]
        assert dossier.vault.path_for(damaged).is_file()  # left in place, for a restore
        # The thumbnails are made again, and readable.
        for document_id in (seeded.thumbnail_missing_id, seeded.thumbnail_damaged_id):
            sha = dossier.db.execute(
                "SELECT sha256 FROM document WHERE id = ?", [document_id]
            ).fetchone()[0]
            assert thumbnail_readable(dossier.vault.thumbnail_path(sha))
        assert {d.id for d in result.thumbnails.made} == {
            seeded.thumbnail_missing_id,
            seeded.thumbnail_damaged_id,
        }
        assert result.index_rebuilt
        assert search_index_problems(dossier) == []
        # What cannot be repaired is still said, with what to do.
        assert result.after.codes() == {"file_missing", "file_damaged"}
        assert not result.after.repairable
        again = check_dossier(dossier)
        assert again.codes() == {"file_missing", "file_damaged"}
    notes = list((demo_copy / "quarantine").glob("*/README.txt"))
    assert len(notes) == 1
    text = notes[0].read_text(encoding="utf-8")
    assert "Nothing was deleted" in text and "incoming-left-over" in text
    assert len(result.quarantine) == 1 and result.quarantine[0] == notes[0].parent
    summary = " ".join(result.summary())
    assert "quarantine" in summary and "small picture" in summary and "search index" in summary


def test_repair_of_a_sound_dossier_changes_nothing(demo_copy: Path) -> None:
    before_files = files_under(demo_copy / "vault")
    with open_dossier(demo_copy) as dossier:
        result = repair(dossier, check_dossier(dossier))
    assert result.summary() == ["There was nothing to repair."]
    assert result.after.ok
    assert files_under(demo_copy / "vault") == before_files
    assert not (demo_copy / "quarantine").exists()


def test_a_missing_thumbnail_of_a_missing_file_is_not_made_up(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        sha = dossier.db.execute(
            "SELECT sha256 FROM document WHERE has_thumbnail = 1 ORDER BY id"
        ).fetchone()[0]
        dossier.vault.path_for(sha).unlink()
        dossier.vault.thumbnail_path(sha).unlink()
        result = repair(dossier, check_dossier(dossier))
    assert result.thumbnails.made == []
    assert result.after.codes() == {"file_missing", "thumbnail_missing"}


def test_damaged_and_stale_search_entries_are_found_and_rebuilt(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        note = records.create(dossier, "note", {"text": "Ask about the zoledronate infusion"})
        assert [h.id for h in search.search(dossier, "zoledronate") if h.kind == "note"] == [
            note.id
        ]
        db = dossier.db
        rowid = db.execute(
            "SELECT rowid FROM search_map WHERE kind = 'note' AND ref_id = ?", [note.id]
        ).fetchone()[0]
        # The index holds words only (contentless): its entry and its kept text made stale.
        db.execute("DELETE FROM search_fts WHERE rowid = ?", [rowid])
        db.execute(
            "INSERT INTO search_fts (rowid, title, body, alt) VALUES (?, 'else', 'else', '')",
            [rowid],
        )
        db.execute("UPDATE search_map SET title = 'else', body = 'else' WHERE rowid = ?", [rowid])
        # A page of a document in the trash that is still indexed, and a half entry.
        document = records.list_records(dossier, "document")[0]
        records.delete(dossier, "document", document["id"])
        db.execute(
            "INSERT INTO search_map (kind, ref_id, page) VALUES ('document', ?, 1)",
            [document["id"]],
        )
        problems = search_index_problems(dossier)
        assert any("out of date" in p for p in problems)
        assert any("half there" in p for p in problems)
        assert search.search(dossier, "zoledronate") == []
        rebuild_search_index(dossier)
        assert search_index_problems(dossier) == []
        assert [h.id for h in search.search(dossier, "zoledronate") if h.kind == "note"] == [
            note.id
        ]
        # The document in the trash stays out of search; restored, it is found again.
        records.restore(dossier, "document", document["id"])
        assert search_index_problems(dossier) == []


def test_broken_links_between_records_are_reported_not_changed(dossier: Dossier) -> None:
    db = dossier.db
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute(
        "INSERT INTO note (case_id, text, created_at, updated_at) VALUES (99, 'x', 'a', 'a')"
    )
    db.execute("PRAGMA foreign_keys = ON")
    report = check_dossier(dossier)
    [finding] = [f for f in report.findings if f.code == "broken_links"]
    assert "note" in finding.items[0].label
    assert not finding.repairable
    repair(dossier, report)
    assert db.execute("SELECT COUNT(*) FROM note").fetchone()[0] == 1  # never deleted


def test_a_damaged_database_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    with create_dossier(folder, name="Damaged Pages") as made:
        for number in range(300):
            records.create(made, "note", {"text": f"note {number} " + "words " * 100})
        made.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray((folder / "dossier.sqlite").read_bytes())
    page = 4096
    last = len(data) // page - 2
    data[last * page : last * page + 64] = b"\xa5" * 64  # a page near the end, scribbled on
    (folder / "dossier.sqlite").write_bytes(bytes(data))
    with open_dossier(folder) as dossier:
        report = check_dossier(dossier)
    assert [f.code for f in report.findings] == ["database_damaged"]
    assert "backup" in report.findings[0].advice


def test_the_check_can_be_stopped(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier, pytest.raises(CheckCancelled):
        check_dossier(dossier, cancelled=lambda: True)


def test_progress_counts_every_byte_read(demo_copy: Path) -> None:
    seen = []
    with open_dossier(demo_copy) as dossier:
        report = check_dossier(dossier, progress=seen.append)
        total = dossier.db.execute("SELECT SUM(size) FROM document").fetchone()[0]
    files = [p for p in seen if p.total]
    assert files[-1].done == files[-1].total == total == report.files_bytes
    assert next(p.stage for p in seen if not p.total).startswith("Checking the database")


def test_unused_files_are_left_alone_while_an_import_runs(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
        with import_in_flight(dossier.vault.root):
            report = check_dossier(dossier)
            result = repair(dossier, report)
        assert "not_checked" in report.codes()
        assert "unused_files" not in report.codes()
        assert result.import_running
        assert seeded.orphan.is_file() and seeded.temp.is_file()
        # Once it has finished, they are found and moved.
        result = repair(dossier, check_dossier(dossier))
        assert not seeded.orphan.exists() and not seeded.temp.exists()


def test_quarantine_keeps_files_of_the_same_name_apart(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        stray = dossier.vault.path_for("ab" + "e" * 62)
        stray.parent.mkdir(exist_ok=True)
        for content in (b"first", b"second"):
            stray.write_bytes(content)
            repair(dossier, check_dossier(dossier))
    copies = sorted((demo_copy / "quarantine").glob("*/vault/ab/*"))
    assert sorted(c.read_bytes() for c in copies) == [b"first", b"second"]


def test_thumbnail_readable_tells_a_cut_png(tmp_path: Path, demo_copy: Path) -> None:
    thumb = next((demo_copy / "vault").glob("*/*.thumb.png"))
    assert thumbnail_readable(thumb)
    cut = tmp_path / "cut.png"
    cut.write_bytes(thumb.read_bytes()[:-30])
    assert not thumbnail_readable(cut)
    flipped = bytearray(thumb.read_bytes())
    flipped[60] ^= 0xFF
    (tmp_path / "flipped.png").write_bytes(bytes(flipped))
    assert not thumbnail_readable(tmp_path / "flipped.png")


def test_check_reads_only(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seed_problems(dossier)
        vault_before = files_under(demo_copy / "vault")
        db_rows = dossier.db.execute("SELECT COUNT(*) FROM search_map").fetchone()[0]
        check_dossier(dossier)
        assert files_under(demo_copy / "vault") == vault_before
        assert dossier.db.execute("SELECT COUNT(*) FROM search_map").fetchone()[0] == db_rows

"""The import's durability per batch and hashing by the readers (issue 21).

A batch's files are copied into the vault, then each file and each folder is fsynced once,
and only then are the batch's rows written: observed from outside, with ``os.fsync`` and
SQLite's trace of the statements the dossier runs. A file whose size no other file has is
hashed by the reader that parses it; files that share a size are still told apart.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.importer import sniff, store
from dossier.core.importer.handlers import WITH_SHA256, parse
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=2) as shared:
        yield shared


def _notes(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"note {number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_reader_asked_for_it_gives_the_hash_of_the_file_it_read(tmp_path: Path) -> None:
    (path,) = _notes(tmp_path, ["a letter from the clinic"])
    hashed = parse(path, sniff.TEXT + WITH_SHA256)
    assert hashed.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert hashed.pages == ["a letter from the clinic"]
    assert parse(path, sniff.TEXT).sha256 is None
    assert parse(path.read_bytes(), sniff.TEXT + WITH_SHA256).sha256 == hashed.sha256


def test_every_file_is_synced_once_before_its_row_is_written(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BATCH_SIZE", 3)
    paths = _notes(tmp_path / "in", [f"note {'x' * n}" for n in range(8)])
    events: list[tuple[str, object]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    dossier.db.conn.set_trace_callback(lambda sql: events.append(("sql", sql)))
    try:
        results = import_paths(dossier, paths, pool=pool)
    finally:
        dossier.db.conn.set_trace_callback(None)
    assert [r.status for r in results] == ["imported"] * 8
    for path in paths:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        inode = dossier.vault.path_for(sha).stat().st_ino
        synced = [i for i, event in enumerate(events) if event == ("fsync", inode)]
        written = next(
            i
            for i, (kind, sql) in enumerate(events)
            if kind == "sql" and "INSERT INTO document (" in str(sql) and sha in str(sql)
        )
        assert len(synced) == 1, path.name  # one fsync of each file, none per write
        assert synced[0] < written, path.name  # the file is durable before its row exists


def test_files_of_the_same_size_are_told_apart_and_duplicates_found(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    first = _notes(tmp_path / "first", ["abcd", "wxyz"])
    import_paths(dossier, first, pool=pool)
    again = _notes(tmp_path / "again", ["abce", "wxyz", "a longer note", "abce"])
    results = import_paths(dossier, again, pool=pool)
    assert [r.status for r in results] == ["imported", "duplicate", "imported", "duplicate"]
    assert results[3].document_id == results[0].document_id
    count = dossier.db.execute("SELECT COUNT(*) FROM document").fetchone()[0]
    assert count == 4

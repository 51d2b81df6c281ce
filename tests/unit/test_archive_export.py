"""Export to an archive file: written whole or not at all, and the dossier is only read.

A full disk is the operating system's answer to a write: it is injected as the
``OSError(ENOSPC)`` that ``os.write`` (and ``os.fsync``) raise, at several moments of
the export, and each time nothing is left behind and the dossier is as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.archive import ArchiveCancelled, ArchiveError, export_archive
from dossier.core.storage import Dossier


def fingerprint(folder: Path) -> dict[str, str]:
    """The content of every file of a dossier except SQLite's side files: what must not change."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm", ".lock"))
    }


def record_dump(dossier: Dossier) -> list[str]:
    return list(dossier.db.conn.iterdump())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class FullDisk:
    """``os.write`` that fails with ENOSPC once ``room`` bytes have been written."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.written = 0
        self.failed = False
        self._write = os.write

    def __call__(self, fd: int, data: Any) -> int:
        if self.written + len(data) > self.room:
            self.failed = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.written += len(data)
        return self._write(fd, data)


@pytest.fixture
def opened_demo(demo_copy: Path) -> Any:
    with Dossier.open(demo_copy) as opened:
        yield opened


@pytest.mark.parametrize("share", [0.0, 0.3, 0.9, 0.999])
def test_a_full_disk_aborts_with_a_message_and_leaves_nothing(
    opened_demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: float
) -> None:
    """The disk fills up at the first write, among the documents, in the manifest, and in
    the zip's closing directory (shares of the size of the whole archive)."""
    whole = export_archive(opened_demo, tmp_path / "whole.zip").size
    room = int(whole * share)
    out = tmp_path / "out"
    out.mkdir()
    files_before = fingerprint(opened_demo.path)
    dump_before = record_dump(opened_demo)
    disk = FullDisk(room)
    monkeypatch.setattr(os, "write", disk)
    with pytest.raises(ArchiveError) as caught:
        export_archive(opened_demo, out / "maggie.zip")
    monkeypatch.undo()
    assert disk.failed
    assert "The disk is full" in caught.value.message
    assert "your dossier was not changed" in caught.value.message
    assert leftovers(out) == []  # neither the archive nor its temporary file
    assert fingerprint(opened_demo.path) == files_before
    assert record_dump(opened_demo) == dump_before


def test_a_full_disk_at_the_final_flush_to_disk_leaves_nothing(
    opened_demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", no_room)
    with pytest.raises(ArchiveError, match="The disk is full"):
        export_archive(opened_demo, out / "a.zip")
    monkeypatch.undo()
    assert leftovers(out) == []


def test_an_existing_file_is_kept_unless_replacing_is_allowed(
    dossier: Dossier, tmp_path: Path
) -> None:
    target = tmp_path / "a.zip"
    target.write_bytes(b"an older archive")
    with pytest.raises(ArchiveError, match="There is already a file"):
        export_archive(dossier, target)
    assert target.read_bytes() == b"an older archive"
    export_archive(dossier, target, overwrite=True)
    assert target.read_bytes()[:2] == b"PK"
    assert leftovers(tmp_path) == ["a.zip", "dossier"]


@pytest.mark.parametrize(
    ("where", "words"),
    [
        (lambda d, t: d.path / "inside.zip", "outside the dossier's own folder"),
        (lambda d, t: d.path / "vault" / "x.zip", "outside the dossier's own folder"),
        (lambda d, t: t / "missing" / "a.zip", "There is no folder"),
        (lambda d, t: t, "is a folder"),
    ],
)
def test_a_place_that_cannot_hold_the_archive_is_refused(
    dossier: Dossier, tmp_path: Path, where: Callable[[Dossier, Path], Path], words: str
) -> None:
    files_before = fingerprint(dossier.path)
    with pytest.raises(ArchiveError, match=words):
        export_archive(dossier, where(dossier, tmp_path))
    assert fingerprint(dossier.path) == files_before
    assert not (tmp_path / "missing").exists()


def test_a_missing_or_damaged_file_stops_the_export(opened_demo: Dossier, tmp_path: Path) -> None:
    document = records.list_records(opened_demo, "document")[0]
    stored = opened_demo.vault.path_for(document["sha256"])
    original = stored.read_bytes()
    stored.write_bytes(original[:-1] + bytes([original[-1] ^ 0xFF]))  # one flipped byte
    with pytest.raises(ArchiveError, match="is damaged in the dossier") as damaged:
        export_archive(opened_demo, tmp_path / "a.zip")
    assert document["title"] in damaged.value.message
    stored.unlink()
    with pytest.raises(ArchiveError, match="is missing from the dossier"):
        export_archive(opened_demo, tmp_path / "a.zip")
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".zip", ".part")] == []


def test_stopping_an_export_leaves_nothing(opened_demo: Dossier, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    def progress(step: str, done: int, total: int) -> None:
        seen.append((step, done, total))

    with pytest.raises(ArchiveCancelled):
        export_archive(
            opened_demo, tmp_path / "a.zip", progress=progress, cancelled=lambda: len(seen) >= 3
        )
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []
    assert seen[0] == ("Saving the documents", 0, 20)

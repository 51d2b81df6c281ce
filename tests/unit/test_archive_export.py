"""Export to an archive file: written whole or not at all, and the dossier is only read.

A full disk is the operating system's answer to a write: it is injected as the
``OSError(ENOSPC)`` that ``os.write`` (and ``os.fsync``) raise, at several moments of
the export, and each time nothing is left behind and the dossier is as it was.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.archive import ArchiveCancelled, ArchiveError, UnreadableFiles, export_archive
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.sqldump import dump


def fingerprint(folder: Path) -> dict[str, str]:
    """The content of every file of a dossier except SQLite's side files: what must not change."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(("-wal", "-shm", ".lock"))
    }


def record_dump(dossier: Dossier) -> list[str]:
    """Everything in the database (see :mod:`tests.sqldump`)."""
    return dump(dossier.path / "dossier.sqlite")


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
    with open_dossier(demo_copy) as opened:
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


def _break_two_files(dossier: Dossier) -> tuple[dict[str, Any], dict[str, Any]]:
    """Flip one byte of the first document's file and remove the second's: (damaged, gone)."""
    damaged, gone = records.list_records(dossier, "document")[:2]
    stored = dossier.vault.path_for(damaged["sha256"])
    original = stored.read_bytes()
    stored.write_bytes(original[:-1] + bytes([original[-1] ^ 0xFF]))
    dossier.vault.path_for(gone["sha256"]).unlink()
    return damaged, gone


def test_unreadable_files_stop_the_export_and_are_all_named(
    opened_demo: Dossier, tmp_path: Path
) -> None:
    damaged, gone = _break_two_files(opened_demo)
    files_before = fingerprint(opened_demo.path)
    with pytest.raises(UnreadableFiles) as caught:
        export_archive(opened_demo, tmp_path / "a.zip")
    error = caught.value
    assert {(f.document_id, f.reason) for f in error.files} == {
        (damaged["id"], "damaged"),
        (gone["id"], "missing"),
    }
    assert damaged["title"] in error.message and gone["title"] in error.message
    assert "its file is missing from the dossier" in error.message
    assert "can be saved without them" in error.message
    assert leftovers(tmp_path) == ["demo"]
    assert fingerprint(opened_demo.path) == files_before


def test_the_export_goes_on_without_unreadable_files_when_asked(
    opened_demo: Dossier, tmp_path: Path
) -> None:
    damaged, gone = _break_two_files(opened_demo)
    files_before = fingerprint(opened_demo.path)
    result = export_archive(opened_demo, tmp_path / "a.zip", skip_unreadable=True)
    assert {(f.document_id, f.reason) for f in result.left_out} == {
        (damaged["id"], "damaged"),
        (gone["id"], "missing"),
    }
    assert result.files == 19 and leftovers(tmp_path) == ["a.zip", "demo"]
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        readme = archive.read("README.txt").decode()
        names = archive.namelist()
    missing = {m["document_id"]: m for m in manifest["missing_files"]}
    assert set(missing) == {damaged["id"], gone["id"]}
    assert missing[gone["id"]] == {
        "document_id": gone["id"],
        "title": gone["title"],
        "sha256": gone["sha256"],
        "size": gone["size"],
        "media_type": gone["media_type"],
        "reason": "missing",
        "why": "its file is missing from the dossier",
    }
    listed = {f["sha256"] for f in manifest["files"]}
    assert damaged["sha256"] not in listed and gone["sha256"] not in listed
    assert not any(damaged["sha256"] in n or gone["sha256"] in n for n in names)
    assert len(manifest["tables"]["document"]["rows"]) == 21  # the records are all there
    assert "Documents whose file is not in this archive" in readme
    assert f"\u201c{gone['title']}\u201d (document {gone['id']}" in readme
    assert "puts it back in its place" in readme
    assert fingerprint(opened_demo.path) == files_before


def test_files_known_to_be_unreadable_are_not_read_again(
    opened_demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged, _gone = _break_two_files(opened_demo)
    with pytest.raises(UnreadableFiles) as caught:
        export_archive(opened_demo, tmp_path / "a.zip")
    read: list[str] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        read.append(str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    result = export_archive(
        opened_demo, tmp_path / "a.zip", skip_unreadable=True, leave_out=caught.value.files
    )
    assert len(result.left_out) == 2
    assert not any(damaged["sha256"] in path for path in read)


def test_a_vault_file_replaced_by_a_link_is_not_followed(
    opened_demo: Dossier, tmp_path: Path
) -> None:
    document = records.list_records(opened_demo, "document")[0]
    stored = opened_demo.vault.path_for(document["sha256"])
    secret = tmp_path / "secret.txt"
    secret.write_bytes(stored.read_bytes())  # even the right content: a link is refused
    stored.unlink()
    stored.symlink_to(secret)
    result = export_archive(opened_demo, tmp_path / "a.zip", skip_unreadable=True)
    assert [(f.document_id, f.reason) for f in result.left_out] == [(document["id"], "not_a_file")]
    assert "replaced by a link" in result.left_out[0].named()


def test_stopping_an_export_leaves_nothing(opened_demo: Dossier, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    def progress(step: str, done: int, total: int) -> None:
        seen.append((step, done, total))

    with pytest.raises(ArchiveCancelled):
        export_archive(
            opened_demo, tmp_path / "a.zip", progress=progress, cancelled=lambda: len(seen) >= 3
        )
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []
    assert seen[0] == ("Saving the documents", 0, 21)

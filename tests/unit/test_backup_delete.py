"""Deleting a backup: only a backup of ours, never through a link, never the newest good
one unless asked in so many words, never while the backup folder is in use; the files only
it held are removed from the shared files/, those others need are kept."""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from dossier.core.atomic_write import AtomicWriter
from dossier.core.backup import (
    BackupError,
    NewestBackup,
    delete_backup,
    list_backups,
    make_backup,
    plan_delete,
    verify_backup,
)
from dossier.core.backup import store as store_module
from dossier.core.backup.reading import read_files
from dossier.core.backup.store import Store
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.unit.test_backup import tree

DAY = date(2025, 3, 10)


@pytest.fixture
def two(dossier: Dossier, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The dossier and two backups: the older one holds a note the newer no longer has."""
    note = tmp_path / "note.txt"
    note.write_text("Only in the older backup.\n", encoding="utf-8")
    import_paths(dossier, [note])
    folder = dossier.path
    dossier.close()
    older = make_backup(folder, today=DAY - timedelta(days=1)).backup.path
    with open_dossier(folder) as opened:
        from dossier.core import records
        from dossier.core.trash import empty_trash

        records.delete(opened, "document", records.list_records(opened, "document")[0]["id"])
        empty_trash(opened)
    newer = make_backup(folder, today=DAY).backup.path
    return folder, older, newer


def stored(store: Path) -> set[str]:
    return {p.name for p in Store(store).stored_files()}


def test_deleting_an_older_backup_removes_it_and_the_files_only_it_held(
    two: tuple[Path, Path, Path],
) -> None:
    folder, older, newer = two
    only_older = {e.sha256 for e in read_files(older) or []} - {
        e.sha256 for e in read_files(newer) or []
    }
    assert len(only_older) == 1
    plan = plan_delete(older)
    assert not plan.newest and plan.files_only_here == 1 and plan.bytes_only_here > 0
    assert plan.next_newest is not None and plan.next_newest.path == newer
    result = delete_backup(older)
    assert result.files_removed == 1
    assert not older.exists()
    assert only_older.isdisjoint(stored(newer.parent))
    assert [b.path for b in list_backups(folder)] == [newer]
    assert verify_backup(newer).good  # its files are all still there


def test_the_newest_good_backup_needs_even_newest(two: tuple[Path, Path, Path]) -> None:
    folder, older, newer = two
    before = tree(newer.parent)
    plan = plan_delete(newer)
    assert plan.newest and plan.next_newest is not None and plan.next_newest.path == older
    with pytest.raises(NewestBackup, match="newest good backup of this dossier"):
        delete_backup(newer)
    assert tree(newer.parent) == before
    delete_backup(newer, even_newest=True)
    assert [b.path for b in list_backups(folder)] == [older]
    assert verify_backup(older).good


def test_a_damaged_backup_can_be_deleted(two: tuple[Path, Path, Path]) -> None:
    folder, older, newer = two
    (older / "manifest.json").write_text("{", encoding="utf-8")
    assert not list_backups(folder)[1].good
    assert not plan_delete(older).newest
    delete_backup(older)
    assert [b.path for b in list_backups(folder)] == [newer]


def test_a_backup_with_a_list_left_half_written_can_be_deleted(
    two: tuple[Path, Path, Path],
) -> None:
    """A backup stopped while writing its lists leaves the temporary file write_bytes makes
    (this version's name and the older, shorter one): still a backup of ours."""
    folder, older, newer = two
    with AtomicWriter(older, "files.json", suffix=".tmp") as writer:
        leftover = writer.temporary.name
    (older / leftover).write_bytes(b"[")  # as if the program had been killed before the end
    (older / ".manifest.json.0123456789ab.tmp").write_bytes(b"{")
    delete_backup(older)
    assert not older.exists()
    assert [b.path for b in list_backups(folder)] == [newer]


def test_a_folder_that_is_not_a_backup_of_ours_is_not_deleted(
    two: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _folder, older, _newer = two
    holiday = older / "holiday.jpg"
    holiday.write_bytes(b"not ours")
    with pytest.raises(BackupError, match=r"holds something a backup does not \(holiday.jpg\)"):
        delete_backup(older)
    assert holiday.is_file() and (older / "manifest.json").is_file()
    holiday.unlink()
    (older / "photos").mkdir()
    with pytest.raises(BackupError, match=r"\(photos\)"):
        delete_backup(older)
    assert older.is_dir()
    renamed = tmp_path / "My documents"
    shutil.copytree(older / "photos", renamed)
    with pytest.raises(BackupError, match="not a backup made by this program"):
        delete_backup(renamed)
    assert renamed.is_dir()


def test_a_link_to_a_backup_is_not_followed(two: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _folder, older, _newer = two
    link = tmp_path / "2025-03-01_101010"
    link.symlink_to(older)
    with pytest.raises(BackupError, match="is a link to another place, not a backup"):
        delete_backup(link)
    assert (older / "manifest.json").is_file()


def test_pruning_never_deletes_through_a_link_in_files(
    two: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """files/ee is a link to a folder elsewhere whose file has a name like a stored file's."""
    _folder, older, newer = two
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bait = elsewhere / ("ee" * 32)
    bait.write_bytes(b"someone's file")
    (newer.parent / "files" / "ee").symlink_to(elsewhere)
    delete_backup(older)
    assert bait.read_bytes() == b"someone's file"


def test_a_backup_folder_in_use_is_refused(
    two: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.core.filelock import try_lock, unlock

    _folder, older, _newer = two
    monkeypatch.setattr(store_module, "_LOCK_WAIT", 0.3)
    fd = os.open(older.parent / ".lock", os.O_RDWR)  # as a backup being made holds it
    try:
        assert try_lock(fd)
        with pytest.raises(BackupError, match="Another backup or restore of this dossier"):
            delete_backup(older)
        assert older.is_dir()
    finally:
        unlock(fd)
        os.close(fd)
    delete_backup(older)
    assert not older.exists()

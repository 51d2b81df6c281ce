"""A disk filling up during a backup or a restore (the operating system's ``write`` made to
fail with ENOSPC, SQLite's own "disk full"): a clear message, no partial backup, earlier
backups and the dossier untouched."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections import namedtuple
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.core.backup import BackupError, list_backups, make_backup, restore_backup
from dossier.core.backup.store import Store
from dossier.core.sql_driver import sqlite3
from tests.unit.test_backup import add_vault_file, db_rows, store_of, tree, vault_files

DAY = date(2025, 3, 10)
NEW = [b"blood test, March: " + bytes([n]) * 6000 for n in range(3)]  # 3 x 6019 bytes


def store_state(store: Store) -> dict[str, str]:
    return {
        str(p.relative_to(store.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def fill_disk_after(monkeypatch: pytest.MonkeyPatch, budget: int) -> list[int]:
    """Make ``os.write`` fail with ENOSPC once ``budget`` bytes have been written."""
    real_write = os.write
    written = [0]

    def write(fd: int, data: Any) -> int:
        if written[0] + len(data) > budget:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written[0] += len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return written


@pytest.fixture
def backed_up(demo_copy: Path) -> tuple[Path, Store]:
    """The example dossier with one good backup, then three new files not backed up yet."""
    make_backup(demo_copy, today=DAY)
    for data in NEW:
        add_vault_file(demo_copy, data)
    return demo_copy, store_of(demo_copy)


@pytest.mark.parametrize(
    "budget",
    [0, len(NEW[0]) + 3000, sum(map(len, NEW))],
    ids=["at the first file", "in the middle of the second file", "at the file list"],
)
def test_disk_full_during_a_backup_leaves_nothing_behind(
    backed_up: tuple[Path, Store], monkeypatch: pytest.MonkeyPatch, budget: int
) -> None:
    folder, store = backed_up
    store_before, dossier_before = store_state(store), tree(folder)
    backups_before = [b.path for b in list_backups(folder)]
    with monkeypatch.context() as patch:
        fill_disk_after(patch, budget)
        with pytest.raises(BackupError, match="not enough free space") as raised:
            make_backup(folder, today=DAY + timedelta(days=1))
    assert str(store.root.parent) in raised.value.message
    assert store_state(store) == store_before  # no partial backup, no stray file
    assert not [p for p in store.root.iterdir() if p.name.startswith(".incomplete")]
    assert [b.path for b in list_backups(folder)] == backups_before
    assert tree(folder) == dossier_before
    # With space again, the next backup takes the new files.
    again = make_backup(folder, today=DAY + timedelta(days=1))
    assert again.new_files == 3


def test_sqlite_disk_full_while_copying_the_database(
    backed_up: tuple[Path, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, store = backed_up
    store_before, dossier_before = store_state(store), tree(folder)
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)
        if ".incomplete-" in str(database):  # the copy being made: its disk holds 5 pages
            conn.execute("PRAGMA max_page_count = 5")
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        with pytest.raises(BackupError, match="not enough free space"):
            make_backup(folder, today=DAY + timedelta(days=1))
    assert store_state(store) == store_before
    assert tree(folder) == dossier_before


def test_too_little_free_space_is_found_before_copying(
    backed_up: tuple[Path, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, store = backed_up
    store_before = store_state(store)
    usage = namedtuple("usage", "total used free")
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9 - 4096, 4096))
        with pytest.raises(BackupError, match="not enough free space"):
            make_backup(folder, today=DAY + timedelta(days=1))
    assert store_state(store) == store_before


def test_disk_full_during_a_restore_changes_nothing(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    add_vault_file(demo_copy, NEW[0])
    rows, files, before = db_rows(demo_copy), vault_files(demo_copy), tree(demo_copy)
    with monkeypatch.context() as patch:
        fill_disk_after(patch, backup.bytes // 2)
        with pytest.raises(BackupError, match="not enough free space"):
            restore_backup(backup.path)
    assert tree(demo_copy) == before
    assert db_rows(demo_copy) == rows and vault_files(demo_copy) == files
    assert sorted(p.name for p in demo_copy.parent.iterdir() if "demo" in p.name) == ["demo"]


def test_a_backup_drive_that_is_gone_says_so(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dossier.core.backup import set_backup_folder

    usb = tmp_path_factory.mktemp("usb") / "Backups"
    set_backup_folder(demo_copy, usb)
    shutil.rmtree(usb)  # the drive unplugged: its mount point is an empty folder
    with pytest.raises(BackupError, match="cannot be reached"):
        make_backup(demo_copy, today=DAY)
    assert not usb.exists()  # not made anew on the computer's own disk
    usb.parent.rmdir()
    usb.parent.write_bytes(b"")  # not even a folder
    with pytest.raises(BackupError, match="cannot be reached"):
        make_backup(demo_copy, today=DAY)

"""Backups of real dossiers: what a backup holds, shared files, moved and copied dossiers,
a backup folder on another drive, at most one automatic backup a day."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier import __version__
from dossier.core import paths
from dossier.core.backup import (
    IDENTITY_NAME,
    BackupError,
    auto_backup,
    backup_due,
    check_backup_folder,
    default_root,
    known_backups,
    list_backups,
    make_backup,
    newest_good_backup,
    read_identity,
    set_backup_folder,
    verify_backup,
)
from dossier.core.backup.reading import read_files
from dossier.core.backup.store import Store
from dossier.core.lock import LOCK_NAME
from dossier.core.opening import open_dossier
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay

DAY = date(2025, 3, 10)


# Helpers shared by the backup tests ------------------------------------------------------------
def db_rows(folder: Path) -> dict[str, list[Any]]:
    """Every row of every table of the dossier in ``folder``."""
    conn = sqlite3.connect(f"{(folder / 'dossier.sqlite').as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def vault_files(folder: Path) -> dict[str, str]:
    """Every stored vault file of the dossier in ``folder``: path under vault/ → SHA-256."""
    vault = folder / "vault"
    return {
        f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
        for p in vault.glob("??/*")
        if p.is_file()
    }


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its hash, but SQLite's shared-memory index (which
    any reader touches), our backup.json and the lock file (which says who uses it)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm") and p.name not in (IDENTITY_NAME, LOCK_NAME)
    }


def store_of(folder: Path) -> Store:
    identity = read_identity(folder)
    assert identity is not None
    return Store(identity.store)


def add_vault_file(folder: Path, data: bytes) -> str:
    """Put ``data`` into the vault of the (closed) dossier in ``folder``, as the vault does."""
    with open_dossier(folder) as opened:
        sha = hashlib.sha256(data).hexdigest()
        opened.vault.add_bytes(data, opened.vault.path_for(sha))
    return sha


# What a backup holds ---------------------------------------------------------------------------
def test_a_backup_holds_the_database_and_every_file_and_describes_them(demo_copy: Path) -> None:
    result = make_backup(demo_copy, today=DAY)
    info = result.backup
    assert info.good and info.path.is_dir()
    assert info.path.parent.parent == default_root() == paths.data_dir() / "backups"
    assert info.made_at.startswith("2025-03-10T")
    assert info.program_version == __version__
    assert info.person == "Margaret (Maggie) Lindqvist"
    with open_dossier(demo_copy) as opened:
        cases = opened.db.execute('SELECT count(*) FROM "case" WHERE deleted_at IS NULL')
        docs = opened.db.execute("SELECT count(*) FROM document WHERE deleted_at IS NULL")
        assert (info.cases, info.documents) == (cases.fetchone()[0], docs.fetchone()[0])
    files = vault_files(demo_copy)
    assert info.files == len(files) and files
    listed = read_files(info.path)
    assert listed is not None
    assert {f.path: f.sha256 for f in listed} == files
    store = Store(info.path.parent)
    for entry in listed:  # each file once in the store, under its content's hash
        assert (
            hashlib.sha256(store.file_path(entry.sha256).read_bytes()).hexdigest() == entry.sha256
        )
    copy = info.path / "dossier.sqlite"
    assert info.bytes == copy.stat().st_size + sum(f.size for f in listed)
    conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert db_rows(demo_copy) == db_rows(info.path)  # the copy holds every record
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {
        "cases": info.cases,
        "documents": info.documents,
        "files": info.files,
        "bytes": info.bytes,
    }
    assert verify_backup(info.path).good
    assert not [p for p in info.path.parent.iterdir() if p.name.startswith(".incomplete")]
    assert "Margaret" in (info.path.parent / "ABOUT.txt").read_text(encoding="utf-8")


def test_backups_share_their_files_and_copy_only_new_ones(demo_copy: Path) -> None:
    first = make_backup(demo_copy, today=DAY)
    store = Store(first.backup.path.parent)
    before = {p.name: p.stat().st_mtime_ns for p in store.stored_files()}
    assert first.new_files == len(before) == first.backup.files

    second = make_backup(demo_copy, today=DAY + timedelta(days=1))
    assert second.new_files == 0 and second.new_bytes == 0
    assert {p.name: p.stat().st_mtime_ns for p in store.stored_files()} == before

    sha = add_vault_file(demo_copy, b"A new letter from the hospital.\n")
    third = make_backup(demo_copy, today=DAY + timedelta(days=2))
    assert third.new_files == 1 and third.new_bytes == 32
    assert third.backup.files == first.backup.files + 1
    after = {p.name: p.stat().st_mtime_ns for p in store.stored_files()}
    assert set(after) == set(before) | {sha}
    assert all(after[name] == stamp for name, stamp in before.items())  # never written again
    assert [b.path for b in list_backups(demo_copy)] == [
        third.backup.path,
        second.backup.path,
        first.backup.path,
    ]


def test_a_damaged_file_in_the_dossier_is_reported_not_copied(dossier: Dossier) -> None:
    folder = dossier.path
    dossier.close()
    sha = add_vault_file(folder, b"scan of the knee")
    (folder / "vault" / sha[:2] / sha).write_bytes(b"scan of the kneX")  # bit rot
    info = make_backup(folder, today=DAY).backup
    assert info.good
    assert {"path": f"{sha[:2]}/{sha}", "reason": "damaged"} in info.not_included
    assert not Store(info.path.parent).file_path(sha).exists()


# Finding the backups again -------------------------------------------------------------------
def test_the_backups_of_a_moved_dossier_are_found_and_continued(demo_copy: Path) -> None:
    first = make_backup(demo_copy, today=DAY).backup
    moved = demo_copy.parent / "Maggie, moved"
    demo_copy.rename(moved)
    assert [b.path for b in list_backups(moved)] == [first.path]
    second = make_backup(moved, today=DAY + timedelta(days=1)).backup
    assert second.path.parent == first.path.parent  # the same store
    assert second.dossier_path == str(moved)


def test_a_copied_dossier_gets_backups_of_its_own(demo_copy: Path) -> None:
    original = make_backup(demo_copy, today=DAY).backup
    copy = demo_copy.parent / "copy"
    shutil.copytree(demo_copy, copy)
    copied = make_backup(copy, today=DAY).backup
    assert copied.path.parent != original.path.parent
    assert [b.path for b in list_backups(demo_copy)] == [original.path]
    assert [b.path for b in list_backups(copy)] == [copied.path]
    # The original keeps its identity when backed up again.
    again = make_backup(demo_copy, today=DAY + timedelta(days=1)).backup
    assert again.path.parent == original.path.parent


def test_backups_are_found_when_the_database_is_damaged_or_its_files_gone(
    demo_copy: Path,
) -> None:
    made = make_backup(demo_copy, today=DAY).backup
    db = demo_copy / "dossier.sqlite"
    db.write_bytes(db.read_bytes()[:5000])  # truncated
    newest = newest_good_backup(demo_copy)
    assert newest is not None and newest.path == made.path
    with pytest.raises(BackupError, match="damaged"):
        make_backup(demo_copy, today=DAY + timedelta(days=1))
    assert [b.path for b in list_backups(demo_copy)] == [made.path]  # the good one is kept
    # With backup.json gone too, this computer's registry still knows the folder.
    (demo_copy / IDENTITY_NAME).unlink()
    assert [b.path for b in list_backups(demo_copy)] == [made.path]
    shutil.rmtree(demo_copy)
    assert [b.path for b in known_backups()] == [made.path]


def test_a_registry_of_an_earlier_version_is_read_and_a_crafted_one_does_no_harm(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The registry as earlier versions wrote it (paths as text only) still finds the
    backups; entries whose id is not one, or whose folders are not full paths, are left out."""
    made = make_backup(demo_copy, today=DAY).backup
    dossier_id = made.path.parent.name
    (demo_copy / IDENTITY_NAME).unlink()
    registry = paths.config_dir() / "backups.json"
    older = {
        dossier_id: {"path": str(demo_copy), "backup_folder": None, "folders_used": []},
        "../../outside": {"path": str(tmp_path), "backup_folder": str(tmp_path)},
        "0" * 32: {"path": "relative/place", "backup_folder": "x", "path_bytes": "%%"},
    }
    registry.write_text(json.dumps({"format": 1, "dossiers": older}), encoding="utf-8")
    identity = read_identity(demo_copy)
    assert identity is not None and identity.dossier_id == dossier_id
    assert [b.path for b in list_backups(demo_copy)] == [made.path]
    assert [b.path for b in known_backups()] == [made.path]


# A backup folder on another drive -------------------------------------------------------------
def test_a_backup_folder_on_another_drive(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    earlier = make_backup(demo_copy, today=DAY).backup
    other_drive = tmp_path_factory.mktemp("usb-disk") / "Backups"
    identity = set_backup_folder(demo_copy, other_drive)
    assert identity.root == other_drive
    saved = json.loads((demo_copy / IDENTITY_NAME).read_text(encoding="utf-8"))
    assert saved["backup_folder"] == str(other_drive)
    made = make_backup(demo_copy, today=DAY + timedelta(days=1))
    assert made.backup.path.parent.parent == other_drive
    assert made.new_files == made.backup.files  # a new store: every file copied there once
    # Both are listed: the earlier one stays where it was.
    assert [b.path for b in list_backups(demo_copy)] == [made.backup.path, earlier.path]
    back = set_backup_folder(demo_copy, None)
    assert back.root == default_root() and other_drive in back.folders_used
    assert len(list_backups(demo_copy)) == 2


def test_a_backup_folder_must_be_outside_the_dossier_and_writable(demo_copy: Path) -> None:
    with pytest.raises(BackupError, match="outside the dossier"):
        check_backup_folder(demo_copy, demo_copy / "backups")
    a_file = demo_copy.parent / "note.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(BackupError, match="is a file"):
        set_backup_folder(demo_copy, a_file)
    identity = read_identity(demo_copy)
    assert identity is None or identity.backup_folder is None


# At most one automatic backup a day -----------------------------------------------------------
def test_the_automatic_backup_runs_at_most_once_a_day(dossier: Dossier) -> None:
    folder = dossier.path
    assert backup_due(folder, DAY)
    first = auto_backup(folder, DAY)
    assert first is not None and first.backup.automatic
    assert not backup_due(folder, DAY)
    assert auto_backup(folder, DAY) is None
    assert backup_due(folder, DAY + timedelta(days=1))
    second = auto_backup(folder, DAY + timedelta(days=1))
    assert second is not None
    assert len(list_backups(folder)) == 2


def test_the_date_comes_from_dossier_today(dossier: Dossier, today: PinDay) -> None:
    today("2024-02-29")
    made = make_backup(dossier.path).backup
    assert made.made_at.startswith("2024-02-29T") and made.name.startswith("2024-02-29_")
    assert not backup_due(dossier.path)


def test_a_folder_that_is_not_a_dossier_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="There is no dossier"):
        make_backup(tmp_path)
    assert not default_root().exists()

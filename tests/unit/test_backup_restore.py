"""Restoring: records and files come back identical, the dossier that was there is kept
aside, a damaged dossier is restored from its newest good backup, and nothing changes
when a restore cannot be done."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.backup import (
    IDENTITY_NAME,
    BackupError,
    describe_backup,
    list_backups,
    make_backup,
    newest_good_backup,
    read_identity,
    restore_backup,
    verify_backup,
)
from dossier.core.backup.reading import read_files
from dossier.core.backup.store import Store
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import open_dossier
from dossier.core.storage import DossierDamagedError
from dossier.core.trash import empty_trash
from tests.unit.test_backup import db_rows, tree, vault_files

DAY = date(2025, 3, 10)


def test_restore_brings_back_every_record_and_file_and_keeps_the_current_aside(
    demo_copy: Path, tmp_path: Path
) -> None:
    rows, files = db_rows(demo_copy), vault_files(demo_copy)
    backup = make_backup(demo_copy, today=DAY).backup
    # A day's changes after the backup: a new case, an import, a document deleted for good.
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Ms Lindqvist, your results are normal.\n", encoding="utf-8")
    with open_dossier(demo_copy) as opened:
        records.create(opened, "case", {"title": "Shoulder: physiotherapy or surgery?"})
        imported = import_paths(opened, [letter])
        assert imported[0].status == "imported"
        doc = records.list_records(opened, "document")[0]
        records.delete(opened, "document", doc["id"])
        empty_trash(opened)
    changed_rows, changed_files = db_rows(demo_copy), vault_files(demo_copy)
    assert changed_rows != rows and changed_files != files

    result = restore_backup(backup.path)
    assert result.path == demo_copy
    assert db_rows(demo_copy) == rows
    assert vault_files(demo_copy) == files
    with open_dossier(demo_copy) as reopened:  # a working dossier again
        assert records.get(reopened, "person", 1)["name"] == backup.person
        assert len(records.list_records(reopened, "case")) == backup.cases
    aside = result.kept_aside
    assert aside is not None and aside.name.startswith("demo.before-restore-")
    assert db_rows(aside) == changed_rows and vault_files(aside) == changed_files
    assert (demo_copy / "vault" / "tmp").is_dir()
    assert not list(demo_copy.parent.glob(".demo.restoring-*"))
    identity = read_identity(demo_copy)
    assert identity is not None and identity.store == backup.path.parent
    assert [b.path for b in list_backups(demo_copy)] == [backup.path]


def test_restore_into_a_new_folder_when_the_dossier_is_gone(
    demo_copy: Path, tmp_path: Path
) -> None:
    rows, files = db_rows(demo_copy), vault_files(demo_copy)
    backup = make_backup(demo_copy, today=DAY).backup
    shutil.rmtree(demo_copy)
    assert describe_backup(backup.path).dossier_path == str(demo_copy)
    result = restore_backup(backup.path)  # where it was
    assert result.kept_aside is None
    assert db_rows(demo_copy) == rows and vault_files(demo_copy) == files
    elsewhere = tmp_path / "new place" / "Maggie"
    restore_backup(backup.path, elsewhere)
    assert db_rows(elsewhere) == rows
    # The dossier restored where it was keeps the backups; the second is a copy of it.
    assert read_identity(elsewhere) != read_identity(demo_copy)
    assert make_backup(elsewhere, today=DAY).backup.path.parent != backup.path.parent


@pytest.mark.parametrize("damage", ["flipped bytes", "truncated"])
def test_a_damaged_dossier_is_restored_from_its_newest_good_backup(
    demo_copy: Path, damage: str
) -> None:
    older = make_backup(demo_copy, today=DAY - timedelta(days=1)).backup
    with open_dossier(demo_copy) as opened:
        records.create(opened, "note", {"text": "Asked for the MRI images."})
    rows, files = db_rows(demo_copy), vault_files(demo_copy)
    newest = make_backup(demo_copy, today=DAY).backup
    db = demo_copy / "dossier.sqlite"
    data = bytearray(db.read_bytes())
    if damage == "flipped bytes":
        for i in range(100, 400):  # the first page's table of contents
            data[i] ^= 0xFF
    else:
        data = data[: len(data) // 3]
    db.write_bytes(bytes(data))
    damaged_tree = tree(demo_copy)
    with pytest.raises(DossierDamagedError) as raised:
        open_dossier(demo_copy)
    assert raised.value.path == demo_copy

    offered = newest_good_backup(raised.value.path)
    assert offered is not None and offered.path == newest.path != older.path
    result = restore_backup(offered.path, demo_copy)
    with open_dossier(demo_copy) as reopened:
        notes = records.list_records(reopened, "note")
        assert "Asked for the MRI images." in [n["text"] for n in notes]
    assert db_rows(demo_copy) == rows and vault_files(demo_copy) == files
    assert result.kept_aside is not None and tree(result.kept_aside) == damaged_tree


def test_a_damaged_file_in_the_backup_is_taken_from_the_dossier(demo_copy: Path) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    entries = read_files(backup.path)
    assert entries
    store = Store(backup.path.parent)
    hurt = store.file_path(entries[0].sha256)
    hurt.write_bytes(b"\0" * entries[0].size)
    assert not verify_backup(backup.path).good
    files = vault_files(demo_copy)
    result = restore_backup(backup.path)
    assert result.files_from_dossier == 1
    assert vault_files(demo_copy) == files


def test_a_file_neither_the_backup_nor_the_dossier_has_is_named_and_the_rest_restored(
    demo_copy: Path,
) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    entries = read_files(backup.path)
    assert entries
    lost = next(e for e in entries if not e.path.endswith(".thumb.png"))
    Store(backup.path.parent).file_path(lost.sha256).unlink()
    (demo_copy / "vault" / lost.path).unlink()  # gone from the dossier too
    files = vault_files(demo_copy)
    result = restore_backup(backup.path)
    with open_dossier(demo_copy) as reopened:
        document = reopened.db.execute(
            "SELECT id, title, original_name FROM document WHERE sha256 = ?", [lost.sha256]
        ).fetchone()
    assert [m.as_dict() for m in result.missing] == [
        {
            "document_id": document[0],
            "title": document[1],
            "file_name": document[2],
            "path": f"vault/{lost.path}",
            "in_trash": False,
        }
    ]
    assert result.missing[0].label() == f"“{document[1]}” ({document[2]})"
    assert vault_files(demo_copy) == files  # every other file is back
    assert db_rows(demo_copy) == db_rows(result.kept_aside or demo_copy)
    assert not list(demo_copy.parent.glob(".demo.restoring-*"))


def test_a_damaged_database_copy_is_refused(demo_copy: Path) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    copy = backup.path / "dossier.sqlite"
    data = bytearray(copy.read_bytes())
    data[5000] ^= 0xFF
    copy.write_bytes(bytes(data))
    before = tree(demo_copy)
    with pytest.raises(BackupError, match="database in this backup is damaged"):
        restore_backup(backup.path)
    assert tree(demo_copy) == before


def test_a_backup_of_a_newer_program_is_refused(demo_copy: Path) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    manifest = backup.path / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["format"] = 99
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BackupError, match="newer version"):
        restore_backup(backup.path)


def test_restore_refuses_a_folder_that_holds_something_else(
    demo_copy: Path, tmp_path: Path
) -> None:
    backup = make_backup(demo_copy, today=DAY).backup
    photos = tmp_path / "Photos"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"jpeg")
    with pytest.raises(BackupError, match="not empty and holds no dossier"):
        restore_backup(backup.path, photos)
    assert [p.name for p in photos.iterdir()] == ["holiday.jpg"]
    with pytest.raises(BackupError, match="There is no backup"):
        describe_backup(tmp_path / "nothing here")
    not_a_backup = describe_backup(photos)
    assert not not_a_backup.good
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(photos, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_the_restored_dossier_keeps_its_chosen_backup_folder(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dossier.core.backup import set_backup_folder

    usb = tmp_path_factory.mktemp("usb")
    set_backup_folder(demo_copy, usb)
    backup = make_backup(demo_copy, today=DAY).backup
    restore_backup(backup.path)
    saved = json.loads((demo_copy / IDENTITY_NAME).read_text(encoding="utf-8"))
    assert saved["backup_folder"] == str(usb)
    assert hashlib.sha256((demo_copy / "dossier.sqlite").read_bytes()).hexdigest() == (
        backup.database_sha256
    )

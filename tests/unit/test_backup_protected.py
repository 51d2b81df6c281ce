"""Backups of a dossier protected with a passphrase (issue 18): encrypted with the dossier's
own key, its key file carried, a manifest naming no one; listed locked or unlocked,
verified, restored (also after a passphrase change, into another folder, with files the
backup lacks), and backups of both kinds after the dossier was protected."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.backup import (
    BackupError,
    BackupInfo,
    BackupLocked,
    delete_backup,
    describe_backup,
    list_backups,
    make_backup,
    restore_backup,
    unlock_backup,
    verify_backup,
)
from dossier.core.backup.reading import read_files
from dossier.core.backup.store import Store
from dossier.core.crypto import keyring
from dossier.core.crypto.convert import protect_dossier, unprotect_dossier
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.keyfile import WrongPassphrase, read_key_file, write_key_file
from dossier.core.crypto.protected import KEY_FILE, PassphraseNeeded, is_protected
from dossier.core.crypto.unlock import lock, new_protection, unlock
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.textpdf import write_pdf
from dossier.core.trash import empty_trash
from dossier.core.vault_read import read_stored
from tests.unit.test_backup import db_rows, vault_files

FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")
PASSPHRASE = "vier seizoenen in Zwolle"
NEW_PASSPHRASE = "a new passphrase since then"
NAME = "Ілля Rosenthal-כהן"
WORD = "Xylocardiqueen"
FOLDER = "Ілля Rosenthal-כהן lymphoma"  # a folder named as people name them
DAY = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def no_keys() -> Iterator[None]:
    keyring.forget_all()
    yield
    keyring.forget_all()


def letters(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(exist_ok=True)
    made = []
    for n in range(start, start + count):
        path = folder / f"letter-{n}.pdf"
        write_pdf(path, [f"Letter {n}: the biopsy shows {WORD} cells.", "x" * (n * 2000)])
        made.append(path)
    return made


def build(tmp_path: Path, *, protected: bool = True) -> Path:
    """A dossier of ``NAME`` with a case and three documents (protected with PASSPHRASE)."""
    folder = tmp_path / FOLDER
    protection = new_protection(PASSPHRASE, params=FAST) if protected else None
    with create_dossier(folder, name=NAME, protection=protection) as made:
        case = records.create(made, "case", {"title": f"Second opinion on {WORD}"}).id
        results = import_paths(made, letters(tmp_path / "sources", 3), case_id=case)
        assert all(r.status == "imported" for r in results), results
    return folder


def state(folder: Path) -> dict[str, Any]:
    """What a person has in the (unlocked) dossier: every row, each document's content."""
    with open_dossier(folder) as dossier:
        tables = [
            r[0]
            for r in dossier.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows = {t: sorted(map(repr, dossier.db.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        files = {
            str(sha): hashlib.sha256(read_stored(dossier.vault, str(sha), int(size))).hexdigest()
            for sha, size in dossier.db.execute("SELECT sha256, size FROM document")
        }
    return {"rows": rows, "files": files}


def raw_vault(folder: Path) -> dict[str, str]:
    """Every stored file as it is on disk (encrypted): path under vault/ → SHA-256."""
    return vault_files(folder)


def every_byte(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, path.read_bytes()


def assert_reveals_nothing(folder: Path) -> None:
    """No file below ``folder`` holds the document's word or the person's name, in any of
    the encodings a program would write them in, nor the dossier folder's name."""
    secrets = [WORD, NAME, "Rosenthal", "Ілля", "כהן", FOLDER, "lymphoma"]
    for path, data in every_byte(folder):
        for secret in secrets:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert secret.encode(encoding) not in data, (path, secret, encoding)
            escaped = json.dumps(secret).strip('"').encode("ascii", "backslashreplace")
            assert escaped not in data, (path, secret)


def add_changes(folder: Path, tmp_path: Path) -> None:
    """A day's changes after a backup: a case, a new document, one deleted for good."""
    with open_dossier(folder) as opened:
        records.create(opened, "case", {"title": "Shoulder: physiotherapy or surgery?"})
        assert import_paths(opened, letters(tmp_path / "more", 1, start=7))[0].status == "imported"
        first = records.list_records(opened, "document")[0]
        records.delete(opened, "document", first["id"])
        empty_trash(opened)


def store_of(info: BackupInfo) -> Store:
    return Store(info.path.parent)


# Making and restoring ----------------------------------------------------------------------------
def test_a_protected_backup_is_encrypted_names_no_one_and_restores_whole(tmp_path: Path) -> None:
    folder = build(tmp_path)
    before, raw_before = state(folder), raw_vault(folder)
    result = make_backup(folder, today=DAY)
    info = result.backup
    assert info.good and info.protected and not info.locked
    assert info.person == NAME and info.dossier_path == str(folder)  # unlocked: shown
    assert (info.cases, info.documents, info.files) == (1, 3, 6)  # files and thumbnails

    # The backup folder, every byte of it: nothing of the person, the words or the folder.
    assert_reveals_nothing(info.path.parent.parent)
    manifest = json.loads((info.path / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == 2 and manifest["person"] == ""
    assert "dossier_path" not in manifest and "backup_folder" not in manifest
    assert manifest["protected"]["key_id"] == read_key_file(folder).key_id
    assert (info.path / KEY_FILE).read_bytes() == (folder / KEY_FILE).read_bytes()
    assert "protected with a passphrase" in (info.path.parent / "ABOUT.txt").read_text("utf-8")
    # The database copy is encrypted (no SQLite header), the files as they are in the vault,
    # each kept under the SHA-256 of what is stored.
    assert not (info.path / "dossier.sqlite").read_bytes().startswith(b"SQLite format 3")
    listed = read_files(info.path)
    assert listed is not None
    assert {e.path: e.sha256 for e in listed} == raw_before
    for stored in store_of(info).stored_files():
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == stored.name
    assert verify_backup(info.path).good

    add_changes(folder, tmp_path)
    assert state(folder) != before
    restored = restore_backup(info.path)
    assert restored.path == folder and restored.key_file == "current"
    assert state(folder) == before and raw_vault(folder) == raw_before
    assert restored.kept_aside is not None and is_protected(restored.kept_aside)
    # Opened again from its passphrase alone.
    lock(folder)
    with pytest.raises(PassphraseNeeded):
        open_dossier(folder)
    unlock(folder, PASSPHRASE)
    assert state(folder) == before


def test_a_later_backup_copies_only_new_files_and_a_locked_dossier_is_not_backed_up(
    tmp_path: Path,
) -> None:
    folder = build(tmp_path)
    first = make_backup(folder, today=DAY - timedelta(days=1))
    assert first.new_files == 6
    second = make_backup(folder, today=DAY)
    assert second.new_files == 0 and second.backup.files == 6
    lock(folder)
    with pytest.raises(PassphraseNeeded):
        make_backup(folder, today=DAY)
    assert len(list_backups(folder)) == 2


def test_backups_are_listed_locked_and_unlocked(tmp_path: Path) -> None:
    folder = build(tmp_path)
    made = make_backup(folder, today=DAY).backup
    keyring.forget_all()  # the program started afresh: nothing unlocked
    [locked] = list_backups(folder)
    assert locked.good and locked.protected and locked.locked
    assert locked.person == "" and locked.dossier_path == "" and locked.backup_folder is None
    assert (locked.cases, locked.documents, locked.made_at) == (1, 3, made.made_at)
    shown = locked.as_dict()
    assert shown["protected"] and shown["locked"] and shown["person"] == ""
    assert verify_backup(locked.path).good  # its hashes, without the key
    with pytest.raises(BackupLocked):
        restore_backup(locked.path, tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere").exists()

    key = unlock_backup(locked.path, PASSPHRASE)  # the backup's own key file
    with pytest.raises(WrongPassphrase):
        unlock_backup(locked.path, "not the passphrase")
    opened = describe_backup(locked.path, key)
    assert opened.person == NAME and opened.dossier_path == str(folder)
    assert verify_backup(locked.path, key).good  # with SQLite's check too

    unlock(folder, PASSPHRASE)  # the dossier unlocked: its backups show whose they are
    [listed] = list_backups(folder)
    assert not listed.locked and listed.person == NAME


def test_restore_after_a_passphrase_change_keeps_the_current_key_file(tmp_path: Path) -> None:
    folder = build(tmp_path)
    before = state(folder)
    backup = make_backup(folder, today=DAY).backup
    key = unlock(folder, PASSPHRASE)
    write_key_file(folder, read_key_file(folder).with_passphrase(key, NEW_PASSPHRASE, FAST))
    add_changes(folder, tmp_path)
    current_key_file = (folder / KEY_FILE).read_bytes()

    result = restore_backup(backup.path)
    assert result.key_file == "current" and result.as_dict()["key_file"] == "current"
    assert (folder / KEY_FILE).read_bytes() == current_key_file
    lock(folder)
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)
    unlock(folder, NEW_PASSPHRASE)
    assert state(folder) == before
    # The backup's own key file still opens with the passphrase of its day.
    assert unlock_backup(backup.path, PASSPHRASE) == key


def test_restored_elsewhere_or_over_another_key_the_backup_brings_its_key_file(
    tmp_path: Path,
) -> None:
    folder = build(tmp_path)
    before = state(folder)
    backup = make_backup(folder, today=DAY).backup
    keyring.forget_all()
    key = unlock_backup(backup.path, PASSPHRASE)
    elsewhere = tmp_path / "restored" / "copy"
    result = restore_backup(backup.path, elsewhere, key=key)
    assert result.key_file == "backup" and result.kept_aside is None
    assert (elsewhere / KEY_FILE).read_bytes() == (backup.path / KEY_FILE).read_bytes()
    assert state(elsewhere) == before  # the key it was restored with is remembered
    lock(elsewhere)
    unlock(elsewhere, PASSPHRASE)
    assert state(elsewhere) == before

    # The dossier given a new master key since (protection taken away, then given anew):
    # the backup's key file comes back, with the passphrase of its day.
    unlock(folder, PASSPHRASE)
    unprotect_dossier(folder)
    protect_dossier(folder, new_protection(NEW_PASSPHRASE, params=FAST))
    result = restore_backup(backup.path, folder, key=key)
    assert result.key_file == "backup"
    assert state(folder) == before  # the keyring holds the restored dossier's key now
    lock(folder)
    with pytest.raises(WrongPassphrase):
        unlock(folder, NEW_PASSPHRASE)
    unlock(folder, PASSPHRASE)
    assert state(folder) == before
    assert result.kept_aside is not None
    unlock(result.kept_aside, NEW_PASSPHRASE)  # the dossier that was there, as it was


# Backups of both kinds ---------------------------------------------------------------------------
def test_backups_made_before_and_after_protecting_restore_as_they_were(tmp_path: Path) -> None:
    folder = build(tmp_path, protected=False)
    plain_rows, plain_files = db_rows(folder), vault_files(folder)
    plain = make_backup(folder, today=DAY - timedelta(days=1)).backup
    assert not plain.protected and plain.person == NAME  # as before protection came

    protect_dossier(folder, new_protection(PASSPHRASE, params=FAST))
    protected_state = state(folder)
    protected = make_backup(folder, today=DAY).backup
    assert protected.protected and protected.files == plain.files
    keyring.forget_all()
    listed = {b.path: b for b in list_backups(folder)}
    assert not listed[plain.path].locked and listed[plain.path].person == NAME
    assert listed[protected.path].locked and listed[protected.path].person == ""
    # The plain backup's files are the plain ones, the protected one's the encrypted ones.
    assert not {e.sha256 for e in read_files(plain.path) or []} & {
        e.sha256 for e in read_files(protected.path) or []
    }

    # The older, unprotected backup comes back as it was made: unprotected, no key file;
    # the protected dossier is kept aside, protected.
    result = restore_backup(plain.path)
    assert result.key_file is None and result.protection_removed
    assert result.as_dict()["protection_removed"] is True
    assert not (folder / KEY_FILE).exists() and not is_protected(folder)
    assert db_rows(folder) == plain_rows and vault_files(folder) == plain_files
    with open_dossier(folder) as reopened:  # without any passphrase
        assert records.get(reopened, "person", 1)["name"] == NAME
    assert result.kept_aside is not None and is_protected(result.kept_aside)

    # And the protected backup over the unprotected dossier: its key file comes back.
    with pytest.raises(BackupLocked):
        restore_backup(protected.path)
    key = unlock_backup(protected.path, PASSPHRASE)
    again = restore_backup(protected.path, key=key)
    assert again.key_file == "backup" and not again.protection_removed
    lock(folder)
    unlock(folder, PASSPHRASE)
    assert state(folder) == protected_state


# Checks and damage -------------------------------------------------------------------------------
def test_damage_is_found_and_the_dossier_s_own_copies_fill_in(tmp_path: Path) -> None:
    folder = build(tmp_path)
    before = state(folder)
    backup = make_backup(folder, today=DAY).backup
    store = store_of(backup)
    entries = read_files(backup.path) or []
    document = next(e for e in entries if not e.path.endswith(".thumb.png"))
    stored = store.file_path(document.sha256)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0xFF
    stored.chmod(0o644)
    stored.write_bytes(bytes(data))
    checked = verify_backup(backup.path)
    assert not checked.good and "(1)" in (checked.problem or "")
    # The restore takes that file from the dossier (the same key, the same bytes).
    result = restore_backup(backup.path)
    assert result.files_from_dossier == 1 and not result.missing
    assert state(folder) == before


def test_a_file_the_backup_left_out_comes_from_the_dossier_when_it_decrypts(
    tmp_path: Path,
) -> None:
    folder = build(tmp_path)
    before = state(folder)
    backup = make_backup(folder, today=DAY).backup
    entries = read_files(backup.path) or []
    left_out = next(e for e in entries if not e.path.endswith(".thumb.png"))
    # A backup that did not list one document's file (it could not be read that day).
    files = json.loads((backup.path / "files.json").read_text("utf-8"))
    files["files"] = [f for f in files["files"] if f["path"] != left_out.path]
    (backup.path / "files.json").write_text(json.dumps(files), "utf-8")
    manifest = json.loads((backup.path / "manifest.json").read_text("utf-8"))
    manifest["counts"]["files"] -= 1
    manifest["counts"]["bytes"] -= left_out.size
    (backup.path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert describe_backup(backup.path).good

    result = restore_backup(backup.path)
    assert result.files_from_dossier == 1 and not result.missing
    assert state(folder) == before

    # Now the dossier's copy is altered: it does not decrypt, so it is named as missing.
    stored = folder / "vault" / left_out.path
    data = bytearray(stored.read_bytes())
    data[-5] ^= 0xFF
    stored.write_bytes(bytes(data))
    result = restore_backup(backup.path)
    assert result.files_from_dossier == 0
    assert [m.path for m in result.missing] == [left_out.path]
    assert not (folder / "vault" / left_out.path).exists()


def test_an_altered_description_or_key_file_is_refused(tmp_path: Path) -> None:
    folder = build(tmp_path)
    backup = make_backup(folder, today=DAY).backup
    manifest_path = backup.path / "manifest.json"
    original = manifest_path.read_bytes()
    manifest = json.loads(original)
    sealed = manifest["protected"]["sealed"]
    data = bytearray(base64.b64decode(sealed["data"]))
    data[3] ^= 0x01
    sealed["data"] = base64.b64encode(bytes(data)).decode("ascii")
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    altered = describe_backup(backup.path)  # the dossier is unlocked: it is opened
    assert not altered.good and "sealed" in (altered.problem or "")
    manifest_path.write_bytes(original)

    key_copy = backup.path / KEY_FILE
    key_copy.write_bytes(key_copy.read_bytes().replace(b'"key_id"', b'"key_iD"'))
    checked = verify_backup(backup.path)
    assert not checked.good and "key file" in (checked.problem or "")
    keyring.forget_all()
    with pytest.raises(BackupError, match="key file"):
        unlock_backup(backup.path, PASSPHRASE)
    # With the dossier's key at hand, its current key file stands in for the damaged one.
    unlock(folder, PASSPHRASE)
    assert restore_backup(backup.path).key_file == "current"


def test_a_protected_backup_can_be_deleted_and_its_files_pruned(tmp_path: Path) -> None:
    folder = build(tmp_path)
    older = make_backup(folder, today=DAY - timedelta(days=1)).backup
    newest = make_backup(folder, today=DAY).backup
    assert delete_backup(older.path).files_removed == 0  # the newest shares them
    assert not older.path.exists()
    result = delete_backup(newest.path, even_newest=True)
    assert result.files_removed == 6 and not list(store_of(newest).stored_files())


def test_an_unprotected_backup_is_written_as_before(demo_copy: Path) -> None:
    info = make_backup(demo_copy, today=DAY).backup
    manifest = json.loads((info.path / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == 1 and "protected" not in manifest
    assert manifest["person"] == info.person and manifest["dossier_path"] == str(demo_copy)
    files = json.loads((info.path / "files.json").read_text("utf-8"))
    assert files["format"] == 1 and "names" not in files
    assert not (info.path / KEY_FILE).exists()
    assert not info.protected and not info.locked
    result = restore_backup(info.path)
    assert result.key_file is None and not result.protection_removed

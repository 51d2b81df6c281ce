"""Putting a backup back: staged beside the dossier, checked, then swapped in, all or nothing.

A backup is untrusted input (it may come from another computer's drive): it is restored
only when every field and every name in it passed the checks of :mod:`.reading`, and it
is read without following a link. Nothing is taken from it but the database copy and the
vault files it lists, each written under a name made here from checked parts.

The database copy (its SHA-256 and SQLite's integrity check) and every file (its SHA-256)
are checked while they are copied into ``.<name>.restoring-…`` beside the target. A file
whose copy in the backup is missing or damaged is taken from the dossier's own vault when
that one still matches; a document file neither has is left out and named in the result
(:mod:`.missing`). Only when everything is in place is the current dossier folder renamed
to ``<name>.before-restore-<date>-<time>`` (kept, never deleted) and the staged folder
renamed to the dossier's name. Whatever fails before that leaves the dossier exactly as
it was.

A protected dossier's backup (:mod:`.protected`) is restored only with its master key
(given, or that of a dossier unlocked here; :class:`.protected.BackupLocked` otherwise):
its database copy is checked with it, its files come back as they were stored
(encrypted, checked against the SHA-256 of those bytes), and a key file is staged with
them. When the dossier being replaced has the same master key (its passphrase changed
since), its current key file is kept, so its current passphrase still opens it; else the
backup's (the passphrase of the day it was made). An unprotected dossier's backup
restored where a protected dossier is now comes back as it was made: unprotected, with no
key file (the protected dossier is kept aside, as any, and the result says so).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import clock
from ..crypto import keyring
from ..crypto.protected import KEY_FILE, is_protected
from ..errors import ReadOnlyDossier
from ..i18n import tr
from ..lock import acquire
from ..read_only import cannot_write_in
from ..safe_files import fsync_folder
from ..sql_driver import sqlite3
from ..storage import DB_NAME, VAULT_NAME, is_dossier
from ..unfinished import Work, begin_folder
from ..untrusted import Untrusted
from . import registry
from .errors import BackupCancelled, BackupError, is_disk_full, os_problem
from .files import Unreadable, copy_inside, read_json, remove_tree, write_bytes, write_json
from .identity import IDENTITY_NAME, Identity, ensure_identity, identity_from, is_copy
from .manifest import DB_COPY_NAME, BackupInfo, FileEntry
from .missing import Document, MissingFile, documents
from .protected import backup_key_file, dossier_key_file, needed_key
from .reading import MAX_FILE_BYTES, files_problem, load_files, read_backup
from .store import Store
from .verify import check_database

if TYPE_CHECKING:
    from ..crypto.keys import MasterKey

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
_SPACE_MARGIN = 1 << 20
# An encrypted file: the content, 16 bytes a 64 KiB chunk and a header (crypto.stream).
_ENCRYPTED_MOST = MAX_FILE_BYTES + (MAX_FILE_BYTES >> 12) + (1 << 16)


@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the restored dossier
    kept_aside: Path | None  # where the dossier that was there before now is
    backup: BackupInfo
    files_from_dossier: int  # files whose backup copy was damaged, taken from the dossier
    missing: tuple[MissingFile, ...] = field(default=())  # document files neither had
    pictures_missing: int = 0  # small pictures neither had (check --repair makes them)
    # A protected dossier's: whose key file it has, "current" (the dossier's that was
    # there, same master key: its current passphrase opens it) or "backup" (the one in the
    # backup: the passphrase of the day it was made). None: restored unprotected.
    key_file: str | None = None
    # An unprotected backup restored in place of a protected dossier: not protected now.
    protection_removed: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "kept_aside": str(self.kept_aside) if self.kept_aside else None,
            "backup": self.backup.as_dict(),
            "files_from_dossier": self.files_from_dossier,
            "missing_files": [m.as_dict() for m in self.missing],
            "pictures_missing": self.pictures_missing,
            "protected": self.key_file is not None,
            "key_file": self.key_file,
            "protection_removed": self.protection_removed,
        }


def describe_backup(folder: Path | str, key: MasterKey | None = None) -> BackupInfo:
    """What the backup in ``folder`` holds (a quick check; nothing is written). ``key``:
    to open a protected dossier's backup (see :func:`.reading.read_backup`)."""
    folder = Path(folder).absolute()
    if not folder.is_dir():
        raise BackupError(tr("There is no backup at {path}.", path=folder))
    return read_backup(folder, key)


def unlock_backup(folder: Path | str, passphrase: str) -> MasterKey:
    """The master key of the protected dossier's backup in ``folder``, opened with the
    passphrase of its key file (the dossier's passphrase on the day it was made). Nothing
    is remembered: pass the key on (:func:`restore_backup`, :func:`describe_backup`).

    :class:`~dossier.core.crypto.keyfile.WrongPassphrase` when it is not that passphrase;
    :class:`BackupError` when it is not a protected dossier's backup or its key file is
    missing or damaged."""
    info = describe_backup(folder)
    if not info.protected:
        raise BackupError(tr("This backup is not of a dossier protected with a passphrase."))
    found = backup_key_file(info)
    if found is None:
        raise BackupError(
            tr(
                "The key file in this backup ({name}) is missing or damaged, so its passphrase "
                "cannot open it. The dossier's current passphrase does, while the dossier has "
                "the same key.",
                name=KEY_FILE,
            )
        )
    key = found[1].unlock(passphrase)
    if key.key_id() != info.key_id:  # a key file made to look like this backup's
        raise refused(tr("its key file ({name}) is not its own.", name=KEY_FILE))
    return key


def restore_backup(
    backup: Path | str,
    target: Path | str | None = None,
    *,
    key: MasterKey | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RestoreResult:
    """Restore the backup in ``backup`` as the dossier in ``target``.

    ``target`` defaults to the folder the backup was made from. A dossier there is kept
    aside under a new name, never deleted. ``key``: the master key of a protected
    dossier's backup, when no dossier unlocked here has it (:func:`unlock_backup`).
    Raises :class:`BackupError` in plain words, having changed nothing
    (:class:`.protected.BackupLocked` without the key of a protected dossier's backup,
    :class:`~dossier.core.errors.ReadOnlyDossier` when ``target`` is on a drive that
    cannot be written to).
    """
    info = describe_backup(backup, key)
    if not info.good:
        raise refused(info.problem or "")
    master = needed_key(info, key)  # before the target: a locked one names no folder
    folder = Path(target if target is not None else info.dossier_path).absolute()
    _check_target(folder)
    problem = check_database(info, master)
    if problem:
        raise refused(problem)
    lock = acquire(folder, "command") if is_dossier(folder) else None
    try:
        staged = _stage(info, folder, master, progress, cancel)
    finally:
        if lock is not None:
            lock.release()  # before the renames: a folder with an open file cannot be renamed everywhere
    try:
        aside = _swap(staged.stage, folder)
    except OSError as exc:
        remove_tree(staged.stage)
        staged.work.forget()
        raise os_problem(exc, folder.parent) from None
    staged.work.moved_to(folder)
    if master is not None:  # the key that opens it now (another, perhaps, than before)
        keyring.remember(folder, master)
    else:
        keyring.forget(folder)
    with contextlib.suppress(OSError):
        ensure_identity(folder, person="" if info.protected else info.person)
    return RestoreResult(
        folder,
        aside,
        info,
        staged.from_dossier,
        tuple(staged.missing),
        staged.pictures_missing,
        staged.key_file,
        staged.protection_removed,
    )


def refused(problem: str) -> BackupError:
    return BackupError(
        tr("This backup cannot be restored: {problem} Nothing was changed.", problem=problem)
    )


def _check_target(folder: Path) -> None:
    if any(place.is_dir() and cannot_write_in(place) for place in (folder.parent, folder)):
        raise ReadOnlyDossier(
            tr(
                "The folder {path} is on a drive or in a folder that cannot be written to "
                "(such as a CD or a write-protected USB stick), so the backup cannot be "
                "restored there. Nothing was changed. Restore it into a folder you can "
                "write to.",
                path=folder,
            )
        )
    if folder.exists() and not folder.is_dir():
        raise BackupError(
            tr("{path} is a file. Choose a folder to restore the dossier into.", path=folder)
        )
    if folder.is_dir() and not is_dossier(folder) and any(folder.iterdir()):
        raise BackupError(
            tr(
                "The folder {path} is not empty and holds no dossier. Choose a new or empty "
                "folder, or the dossier's own folder.",
                path=folder,
            )
        )


@dataclass
class _Staged:
    stage: Path
    work: Work
    from_dossier: int = 0
    missing: list[MissingFile] = field(default_factory=list)
    pictures_missing: int = 0
    key_file: str | None = None
    protection_removed: bool = False


def _stage(
    info: BackupInfo,
    folder: Path,
    key: MasterKey | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> _Staged:
    """Copy and check everything into a new folder beside ``folder``, registered as
    unfinished work (ours, should the program be killed) until it is swapped in."""
    try:
        # Again: it may have changed since it was described.
        entries = load_files(info.path, keyed=info.protected)
    except Unreadable:
        raise refused(tr("The list of files in this backup is missing or damaged.")) from None
    except Untrusted as exc:
        raise refused(files_problem(exc)) from None
    store = Store(info.path.parent)
    total = info.database_size + sum(e.size for e in entries)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(folder.parent).free < total + _SPACE_MARGIN:
            raise BackupError(_no_space(folder))
        stage = folder.parent / f".{folder.name}.restoring-{secrets.token_hex(4)}"
        work = begin_folder("restore", stage, about=folder, target=folder)  # ours, if killed
    except OSError as exc:
        raise os_problem(exc, folder.parent) from None
    copier = _Copier(total, progress, cancel)
    staged = _Staged(stage, work)
    try:
        with store.lock(reading=True):
            try:
                sha = copier.copy(info.path, DB_COPY_NAME, info.database_size, stage / DB_NAME)
            except Unreadable:
                sha = ""
            if sha != info.database_sha256:
                raise refused(tr("its database copy changed while it was read."))
            (stage / VAULT_NAME / "tmp").mkdir(parents=True)
            lacking: set[str] = set()
            for entry in entries:
                where = copier.copy_entry(store, entry, folder, stage)
                if where is None:
                    lacking.add(entry.path)
                staged.from_dossier += where == "dossier"
            _files_of_records(staged, copier, folder, lacking, key)
            _stage_key_file(staged, info, folder)
            write_json(stage / IDENTITY_NAME, _identity_for(info, folder).as_json())
            fsync_folder(stage)
    except OSError as exc:
        remove_tree(stage)
        work.forget()
        if is_disk_full(exc):
            raise BackupError(_no_space(folder)) from None
        raise os_problem(exc, folder.parent) from None
    except BaseException:
        remove_tree(stage)
        work.forget()
        raise
    return staged


def _files_of_records(
    staged: _Staged, copier: _Copier, folder: Path, lacking: set[str], key: MasterKey | None
) -> None:
    """Name the documents whose file is still not in the stage, after one more try in the
    dossier's vault for those the backup did not list (left out when it was made)."""
    try:
        records = documents(staged.stage / DB_NAME, key)
    except sqlite3.Error:
        raise refused(tr("its database copy is not a dossier's.")) from None
    for document in records:
        target = staged.stage / VAULT_NAME / document.path if document.path else None
        if target is None or target.is_file():
            continue
        found = document.path not in lacking and (
            _from_dossier(copier, document, folder, target)
            if key is None
            else _encrypted_from_dossier(copier, document, folder, target, key)
        )
        if found:
            staged.from_dossier += 1
            continue
        staged.missing.append(document.missing())
    pictures = {f"{p}.thumb.png" for p in (d.path for d in records) if p}
    staged.pictures_missing = len(lacking & pictures)
    staged.missing.extend(d.missing() for d in records if not d.path)


def _from_dossier(copier: _Copier, document: Document, folder: Path, target: Path) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = FileEntry(document.path, document.sha256, min(document.size, MAX_FILE_BYTES))
    return copier.try_source(folder, f"{VAULT_NAME}/{entry.path}", entry, target)


def _encrypted_from_dossier(
    copier: _Copier, document: Document, folder: Path, target: Path, key: MasterKey
) -> bool:
    """The encrypted file of ``document`` from the dossier's vault (same key), copied as
    it is and kept only when it decrypts, chunk by chunk, to the document's content."""
    from ..vault import Vault
    from ..vault_read import StoredFileRefused, stored_chunks

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        copier.copy(folder, f"{VAULT_NAME}/{document.path}", _ENCRYPTED_MOST, target)
    except Unreadable:
        return False
    try:
        for _chunk in stored_chunks(
            Vault(target.parent.parent, key), document.sha256, document.size
        ):
            pass
    except StoredFileRefused:
        target.unlink()
        return False
    return True


def _stage_key_file(staged: _Staged, info: BackupInfo, folder: Path) -> None:
    """The key file of the restored dossier, in the stage (see the module)."""
    replaced_protected = is_dossier(folder) and is_protected(folder)
    if not info.protected:
        staged.protection_removed = replaced_protected
        return
    current = dossier_key_file(folder, info.key_id) if replaced_protected else None
    chosen = current or backup_key_file(info)
    if chosen is None:
        raise refused(tr("its key file ({name}) is missing or damaged.", name=KEY_FILE))
    write_bytes(staged.stage / KEY_FILE, chosen[0])
    staged.key_file = "current" if current is not None else "backup"


class _Copier:
    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress
        self.cancel = cancel

    def copy(self, folder: Path, name: str, most: int, target: Path) -> str:
        """Copy the file ``name`` below ``folder`` (never through a link, at most ``most``
        bytes and one) to ``target``; its SHA-256. Unreadable for the source's problems."""
        if self.cancel is not None and self.cancel():
            raise BackupCancelled(tr("The restore was stopped. Nothing was changed."))
        start = self.done

        def advance(count: int) -> None:
            self.done += count
            if self.progress is not None:
                self.progress(self.done, self.total)

        try:
            return copy_inside(folder, name, most, target, advance)
        except BaseException:
            self.done = start
            raise

    def copy_entry(self, store: Store, entry: FileEntry, folder: Path, stage: Path) -> str | None:
        """Copy one file into the stage from the backup, else from the dossier; which, or None."""
        target = stage / VAULT_NAME / entry.path  # a checked name: "ab/<sha256>[.thumb.png]"
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.try_source(store.root, store.file_name(entry.sha256), entry, target):
            return "backup"
        if self.try_source(folder, f"{VAULT_NAME}/{entry.path}", entry, target):
            return "dossier"
        return None

    def try_source(self, folder: Path, name: str, entry: FileEntry, target: Path) -> bool:
        """Copy ``name`` below ``folder`` to ``target`` if it is ``entry``'s content."""
        try:
            if self.copy(folder, name, entry.size, target) == entry.sha256:
                return True
        except Unreadable:
            return False
        target.unlink()
        return False


def _identity_for(info: BackupInfo, folder: Path) -> Identity:
    """The restored dossier keeps its identity, unless the dossier it came from still lives
    elsewhere (then it is a copy, with a new id).

    Only this computer's own records are trusted for it: the backup's id only when the
    backup lies in the folder named by it (where its backups are), the backup folder
    setting from the dossier being replaced, else from this computer's registry.
    """
    dossier_id = info.dossier_id if info.path.parent.name == info.dossier_id else None
    settings = identity_from(read_json(folder / IDENTITY_NAME))
    if settings is None and dossier_id is not None:
        known = registry.entry(dossier_id)
        settings = identity_from({**known, "dossier_id": dossier_id}) if known else None
    chosen = settings.backup_folder if settings is not None else None
    used = settings.folders_used if settings is not None else ()
    identity = Identity(dossier_id or uuid.uuid4().hex, chosen, used)
    if dossier_id is not None and is_copy(folder, identity):
        return Identity(uuid.uuid4().hex, chosen, used)
    return identity


def _swap(stage: Path, folder: Path) -> Path | None:
    """Put ``folder`` aside (if it is a dossier) and ``stage`` in its place; where it went."""
    aside = None
    if folder.is_dir() and is_dossier(folder):
        stamp = clock.now().strftime("%Y-%m-%d-%H%M%S")
        aside = folder.with_name(f"{folder.name}.before-restore-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = folder.with_name(f"{folder.name}.before-restore-{stamp}-{n}")
        os.rename(folder, aside)
    elif folder.is_dir():
        folder.rmdir()  # empty (checked before)
    try:
        os.rename(stage, folder)
    except OSError:
        if aside is not None:
            os.rename(aside, folder)
        raise
    fsync_folder(folder.parent)
    return aside


def _no_space(folder: Path) -> str:
    return tr(
        "There is not enough free space on the drive of {path} to restore the backup. "
        "Nothing was changed. Free some space and try again.",
        path=folder.parent,
    )


__all__ = ["RestoreResult", "describe_backup", "restore_backup", "unlock_backup"]

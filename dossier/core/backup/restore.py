"""Putting a backup back: staged beside the dossier, checked, then swapped in, all or nothing.

The database copy (its SHA-256 and SQLite's integrity check) and every file (its SHA-256)
are checked while they are copied into ``.<name>.restoring-…`` beside the target. A file
whose copy in the backup is damaged is taken from the dossier's own vault when that one
still matches. Only when everything is in place is the current dossier folder renamed to
``<name>.before-restore-<date>-<time>`` (kept, never deleted) and the staged folder renamed
to the dossier's name. Whatever fails before that leaves the dossier exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..i18n import tr
from ..lock import acquire
from ..storage import DB_NAME, VAULT_NAME, is_dossier
from ..unfinished import Work, begin_folder
from .errors import BackupCancelled, BackupError, is_disk_full, os_problem
from .files import copy_file, fsync_dir, read_json, remove_tree, write_json
from .identity import IDENTITY_NAME, Identity, ensure_identity, is_copy
from .manifest import DB_COPY_NAME, BackupInfo, FileEntry, read_backup, read_files
from .store import Store
from .verify import check_database

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
_SPACE_MARGIN = 1 << 20


@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the restored dossier
    kept_aside: Path | None  # where the dossier that was there before now is
    backup: BackupInfo
    files_from_dossier: int  # files whose backup copy was damaged, taken from the dossier

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "kept_aside": str(self.kept_aside) if self.kept_aside else None,
            "backup": self.backup.as_dict(),
            "files_from_dossier": self.files_from_dossier,
        }


def describe_backup(folder: Path | str) -> BackupInfo:
    """What the backup in ``folder`` holds (a quick check; nothing is written)."""
    folder = Path(folder).absolute()
    if not folder.is_dir():
        raise BackupError(tr("There is no backup at {path}.", path=folder))
    return read_backup(folder)


def restore_backup(
    backup: Path | str,
    target: Path | str | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RestoreResult:
    """Restore the backup in ``backup`` as the dossier in ``target``.

    ``target`` defaults to the folder the backup was made from. A dossier there is kept
    aside under a new name, never deleted. Raises :class:`BackupError` in plain words,
    having changed nothing.
    """
    info = describe_backup(backup)
    if not info.good:
        raise BackupError(tr("This backup cannot be restored: {problem}", problem=info.problem))
    folder = Path(target if target is not None else info.dossier_path).absolute()
    _check_target(folder)
    problem = check_database(info)
    if problem:
        raise BackupError(tr("This backup cannot be restored: {problem}", problem=problem))
    lock = acquire(folder, "command") if is_dossier(folder) else None
    try:
        staged = _stage(info, folder, progress, cancel)
    finally:
        if lock is not None:
            lock.release()  # before the renames: a folder with an open file cannot be renamed everywhere
    stage, from_dossier, work = staged
    try:
        aside = _swap(stage, folder)
    except OSError as exc:
        remove_tree(stage)
        work.forget()
        raise os_problem(exc, folder.parent) from None
    work.moved_to(folder)
    with contextlib.suppress(OSError):
        ensure_identity(folder, person=info.person)
    return RestoreResult(folder, aside, info, from_dossier)


def _check_target(folder: Path) -> None:
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


def _stage(
    info: BackupInfo, folder: Path, progress: Progress | None, cancel: Cancel | None
) -> tuple[Path, int, Work]:
    """Copy and check everything into a new folder beside ``folder``; it, the count of
    files taken from the dossier's own vault, and its registration as unfinished work."""
    entries = read_files(info.path) or []
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
    try:
        with store.lock():
            sha = copier.copy(info.path / DB_COPY_NAME, stage / DB_NAME)
            if sha != info.database_sha256:
                raise BackupError(
                    tr("This backup cannot be restored: its database copy changed while read.")
                )
            (stage / VAULT_NAME / "tmp").mkdir(parents=True)
            bad: list[str] = []
            from_dossier = 0
            for entry in entries:
                where = copier.copy_entry(store, entry, folder, stage)
                if where is None:
                    bad.append(entry.path)
                from_dossier += where == "dossier"
            if bad:
                raise BackupError(
                    tr(
                        "Some files of this backup are missing or damaged ({n}), so it was not "
                        "restored. Nothing was changed. Try an older backup.",
                        n=len(bad),
                    )
                )
            write_json(stage / IDENTITY_NAME, _identity_for(info, folder).as_json())
            fsync_dir(stage)
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
    return stage, from_dossier, work


class _Copier:
    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total = total
        self.done = 0
        self.progress = progress
        self.cancel = cancel

    def copy(self, source: Path, target: Path) -> str:
        if self.cancel is not None and self.cancel():
            raise BackupCancelled(tr("The restore was stopped. Nothing was changed."))
        start = self.done

        def advance(count: int) -> None:
            self.done += count
            if self.progress is not None:
                self.progress(self.done, self.total)

        try:
            return copy_file(source, target, advance)
        except BaseException:
            self.done = start
            raise

    def copy_entry(self, store: Store, entry: FileEntry, folder: Path, stage: Path) -> str | None:
        """Copy one file into the stage from the backup, else from the dossier; which, or None."""
        target = stage / VAULT_NAME / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        sources = [("backup", store.file_path(entry.sha256))]
        sources += [("dossier", folder / VAULT_NAME / entry.path)]
        for name, source in sources:
            try:
                if self.copy(source, target) == entry.sha256:
                    return name
            except FileNotFoundError:
                continue
            target.unlink()
        return None


def _identity_for(info: BackupInfo, folder: Path) -> Identity:
    """The restored dossier keeps its identity (and its current backup folder setting),
    unless the dossier it came from still lives elsewhere: then it is a copy, with a new id."""
    current = read_json(folder / IDENTITY_NAME)
    chosen = current.get("backup_folder") if isinstance(current, dict) else info.backup_folder
    used = current.get("folders_used") if isinstance(current, dict) else []
    identity = Identity(
        info.dossier_id,
        Path(chosen) if isinstance(chosen, str) and chosen else None,
        tuple(Path(p) for p in used if isinstance(p, str)) if isinstance(used, list) else (),
    )
    if is_copy(folder, identity):
        return Identity(uuid.uuid4().hex, identity.backup_folder, identity.folders_used)
    return identity


def _swap(stage: Path, folder: Path) -> Path | None:
    """Put ``folder`` aside (if it is a dossier) and ``stage`` in its place; where it went."""
    aside = None
    if folder.is_dir() and is_dossier(folder):
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
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
    fsync_dir(folder.parent)
    return aside


def _no_space(folder: Path) -> str:
    return tr(
        "There is not enough free space on the drive of {path} to restore the backup. "
        "Nothing was changed. Free some space and try again.",
        path=folder.parent,
    )


__all__ = ["RestoreResult", "describe_backup", "restore_backup"]

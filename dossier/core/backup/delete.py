"""Deleting one backup when a person asks (rotation removes old ones by itself).

Only a backup of ours is deleted: a real folder (not a link) named as backups are,
holding nothing but what a backup holds, removed without following any link inside it.
The store's lock is held meanwhile, so a backup being made or restored there is waited
for a moment, then the deletion is refused. The files in the shared ``files/`` that no
remaining backup lists are then removed, as rotation does (:func:`.rotation.prune_files`).

The newest good backup is deleted only when asked for in so many words (``even_newest``):
it is the one a damaged dossier would be restored from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import tr
from .errors import BackupError
from .files import real_folder
from .manifest import (
    BACKUP_NAME_RE,
    DB_COPY_NAME,
    FILES_NAME,
    KEY_COPY_NAME,
    MANIFEST_NAME,
    BackupInfo,
)
from .reading import read_backup, read_files
from .rotation import discard, prune_files
from .store import Store

_OURS = {MANIFEST_NAME, FILES_NAME, DB_COPY_NAME, KEY_COPY_NAME}
# files.write_bytes (12 hex digits in versions before 16)
_OUR_TEMP = re.compile(
    r"^\.(manifest\.json|files\.json|dossier\.key)\.[0-9a-f]{12}([0-9a-f]{4})?\.tmp\Z"
)


class NewestBackup(BackupError):
    """The backup to delete is the newest good one; nothing was deleted."""


@dataclass(frozen=True)
class DeletePlan:
    """What deleting a backup would remove."""

    backup: BackupInfo
    newest: bool  # the newest good backup in its backup folder
    next_newest: BackupInfo | None  # the newest good one that would be left
    files_only_here: int  # files in files/ that no other backup lists
    bytes_only_here: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "backup": self.backup.as_dict(),
            "newest": self.newest,
            "next_newest": str(self.next_newest.path) if self.next_newest else None,
            "files_only_here": self.files_only_here,
            "bytes_only_here": self.bytes_only_here,
        }


@dataclass(frozen=True)
class DeleteResult:
    plan: DeletePlan
    files_removed: int  # from files/

    def as_dict(self) -> dict[str, Any]:
        return {**self.plan.as_dict(), "deleted": True, "files_removed": self.files_removed}


def plan_delete(folder: Path | str) -> DeletePlan:
    """What deleting the backup in ``folder`` would remove (nothing is changed).

    Raises :class:`BackupError` when ``folder`` is not a backup of ours.
    """
    folder = Path(folder).absolute()
    _check_ours(folder)
    store = Store(folder.parent)
    backups = store.backups()
    good = [b for b in backups if b.good]
    this = next((b for b in backups if b.path == folder), None) or read_backup(folder)
    newest = bool(good) and good[0].path == folder
    left = next((b for b in good if b.path != folder), None)
    mine = {e.sha256: e.size for e in read_files(folder) or []}
    for other in store.backup_folders():
        if other != folder:
            files = read_files(other)
            if files is None:  # then nothing is pruned (rotation's rule)
                mine = {}
                break
            for entry in files:
                mine.pop(entry.sha256, None)
    on_disk = {p.name for p in store.stored_files()}
    only_here = {sha: size for sha, size in mine.items() if sha in on_disk}
    return DeletePlan(this, newest, left, len(only_here), sum(only_here.values()))


def delete_backup(folder: Path | str, *, even_newest: bool = False) -> DeleteResult:
    """Delete the backup in ``folder``, then the files no other backup needs.

    Raises :class:`NewestBackup` for the newest good backup unless ``even_newest``, and
    :class:`BackupError` when it is not a backup of ours or is in use; nothing is deleted then.
    """
    folder = Path(folder).absolute()
    _check_ours(folder)
    store = Store(folder.parent)
    try:
        with store.lock():
            plan = plan_delete(folder)
            if plan.newest and not even_newest:
                raise NewestBackup(
                    tr(
                        "This is the newest good backup of this dossier: if the dossier were "
                        "damaged now, it is the one to restore. It was not deleted.",
                    )
                )
            discard(folder)
            removed = prune_files(store)
    except OSError as exc:
        raise _not_deleted(folder, exc) from None
    return DeleteResult(plan, removed)


def _check_ours(folder: Path) -> None:
    if os.path.islink(folder):
        raise BackupError(
            tr("{path} is a link to another place, not a backup. Nothing was deleted.", path=folder)
        )
    if not folder.exists():
        raise BackupError(tr("There is no backup at {path}. Nothing was deleted.", path=folder))
    if not real_folder(folder) or not BACKUP_NAME_RE.match(folder.name):
        raise BackupError(
            tr(
                "{path} is not a backup made by this program (its name is not one the program "
                "gives backups). Nothing was deleted.",
                path=folder,
            )
        )
    try:
        names = [(e.name, e.is_dir(follow_symlinks=False)) for e in os.scandir(folder)]
    except OSError as exc:
        raise _not_deleted(folder, exc) from None
    other = next(
        (n for n, is_dir in names if is_dir or not (n in _OURS or _OUR_TEMP.match(n))), None
    )
    if other is not None:
        raise BackupError(
            tr(
                "The folder {path} holds something a backup does not ({name}), so the "
                "program does not delete it. Nothing was deleted.",
                path=folder,
                name=other,
            )
        )


def _not_deleted(folder: Path, exc: OSError) -> BackupError:
    return BackupError(
        tr(
            "The backup in {path} could not be deleted ({reason}). Nothing was deleted.",
            path=folder,
            reason=exc.strerror or exc,
        )
    )

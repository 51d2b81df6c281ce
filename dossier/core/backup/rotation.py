"""Which backups to keep: every backup of the latest day, then the newest of each of the
last 7 days and of the last 4 weeks.

Days and weeks are counted among the days (and ISO weeks) that *have* a backup, so a
dossier opened once a month still keeps seven backups rather than one. The newest good
backup is always kept. Damaged backups are neither counted nor removed (they are listed,
so a person can see them). Files in the store that no backup lists any more are removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from .files import remove_tree
from .manifest import BackupInfo
from .reading import read_files
from .store import INCOMPLETE_PREFIX, Store

KEEP_DAILY = 7
KEEP_WEEKLY = 4


def choose_kept(
    backups: Iterable[BackupInfo], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[Path]:
    """The paths of the good backups to keep."""
    good = sorted((b for b in backups if b.good), key=lambda b: (b.made_at, b.name), reverse=True)
    # All of the latest day's (so a backup made by hand never replaces this morning's one).
    kept = {b.path for b in good if b.made_on == good[0].made_on}
    days: set[object] = set()
    weeks: set[object] = set()
    for backup in good:
        day = backup.made_on
        if day not in days and len(days) < daily:
            days.add(day)
            kept.add(backup.path)
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            kept.add(backup.path)
    return kept


def rotate(store: Store, *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Remove the good backups not to keep, then the files no backup lists (lock held).

    Returns the backups removed.
    """
    backups = store.backups()
    kept = choose_kept(backups, daily=daily, weekly=weekly)
    removed = [b.path for b in backups if b.good and b.path not in kept]
    for folder in removed:
        with contextlib.suppress(OSError):
            discard(folder)
    prune_files(store)
    return removed


def discard(folder: Path) -> None:
    """Remove the backup in ``folder`` (lock held). Out of sight first (one rename), so a
    crash never leaves half a backup looking whole."""
    doomed = folder.with_name(f"{INCOMPLETE_PREFIX}old-{folder.name}")
    os.rename(folder, doomed)
    remove_tree(doomed)


def prune_files(store: Store) -> int:
    """Remove the store's files that no backup lists; how many were removed.

    Nothing is removed when the file list of any backup cannot be read.
    """
    listed: set[str] = set()
    for folder in store.backup_folders():
        files = read_files(folder)
        if files is None:
            return 0
        listed.update(f.sha256 for f in files)
    count = 0
    for path in list(store.stored_files()):
        if path.name not in listed:
            with contextlib.suppress(OSError):
                path.unlink()
                count += 1
    return count

"""The two files SQLite keeps beside a dossier's database in WAL mode, and what they tell.

``dossier.sqlite-wal`` (the journal) holds the latest changes until SQLite folds them into
the database; ``dossier.sqlite-shm`` is its index, shared by every connection. SQLite
makes both when the first connection opens the dossier and removes both when the last one
closes cleanly.

Two facts of SQLite's design are used here:

* The index is read and written in pages of 32 KiB (``WALINDEX_PGSZ``), and no connection
  reads or writes the journal before the first page exists. The first connection truncates
  an existing ``-shm`` to 3 bytes and then grows it to a page. So a ``-shm`` smaller than a
  page has never indexed a journal: nothing that was in a journal can have been lost with
  it. An open that failed on a full disk leaves exactly that (3 bytes, and an empty
  ``-wal``), which earlier versions of the program then took for a lost journal.
* Every connection that uses the index holds a shared POSIX lock on its byte 128 (the
  "DMS" lock, ``UNIX_SHM_DMS``) for as long as it is open; only a connection alone with
  the file can lock that byte exclusively.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

WAL_INDEX_PAGE = 32768
_DMS_BYTE = 128  # UNIX_SHM_DMS: (22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK, with 8 locks
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def side_file(db_path: Path, suffix: str) -> Path:
    """``dossier.sqlite-wal`` (suffix ``-wal``) or ``dossier.sqlite-shm`` beside ``db_path``."""
    return db_path.with_name(db_path.name + suffix)


class SideFiles:
    """Which of the two files were there at one moment (before an opening), and whether
    the program may write beside the database at all. (A plain class: see ReadOnly.)"""

    __slots__ = ("cannot_write", "shm", "wal", "wal_empty")

    def __init__(self, wal: bool, shm: bool, wal_empty: bool, cannot_write: bool) -> None:
        self.wal = wal
        self.shm = shm
        self.wal_empty = wal_empty  # no journal, or one without a single change in it
        self.cannot_write = cannot_write  # a read-only drive or folder

    @classmethod
    def of(cls, db_path: Path, *, cannot_write: bool = False) -> SideFiles:
        wal = _size(side_file(db_path, "-wal"))
        shm = _size(side_file(db_path, "-shm")) is not None
        return cls(wal is not None, shm, not wal, cannot_write)


def journal_lost(db_path: Path) -> bool:
    """True when the index (``-shm``) is there without its journal (``-wal``) and had
    indexed one: the last session did not close and its latest changes are gone.

    An index smaller than one page never indexed a journal (see the module's docstring):
    it is what an opening that failed (a full disk) left, not a sign of lost changes.
    """
    shm_size = _size(side_file(db_path, "-shm"))
    if shm_size is None or _size(side_file(db_path, "-wal")) is not None:
        return False
    return shm_size >= WAL_INDEX_PAGE


def remove_left_by_failed_open(db_path: Path, before: SideFiles) -> None:
    """After an opening that failed, remove the ``-wal`` and ``-shm`` it made, so nothing
    is left that a later opening could mistake for something else.

    Only files that were not there ``before``, and only while they hold nothing: an empty
    journal, and an index never filled (under a page, all zero bytes). And only when no
    other connection uses them: the index's DMS byte is locked exclusively first (a
    connection in another process holds it shared). Another connection of this process
    cannot be told apart that way (POSIX locks of one process do not conflict), but one
    that had opened the dossier would have filled the index, and then nothing is removed.
    """
    wal, shm = side_file(db_path, "-wal"), side_file(db_path, "-shm")
    ours = [wal] if not before.wal and _size(wal) == 0 else []
    if not before.shm and _never_filled(shm):
        ours.append(shm)
    if not ours:
        return
    with _alone_with(shm) as alone:
        if alone:
            for path in ours:
                with contextlib.suppress(OSError):
                    path.unlink()


def _size(path: Path) -> int | None:
    """The size of a regular file at ``path`` (not following a link); None when absent."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _never_filled(shm: Path) -> bool:
    size = _size(shm)
    if size is None or size >= WAL_INDEX_PAGE:
        return False
    try:
        fd = os.open(shm, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return False
    try:
        return not os.read(fd, WAL_INDEX_PAGE).strip(b"\0")
    finally:
        os.close(fd)


@contextlib.contextmanager
def _alone_with(shm: Path) -> Iterator[bool]:
    """Yields True while no connection of another process uses the index ``shm`` (or there
    is no index, so no connection can use the journal either)."""
    if sys.platform == "win32":  # a file another program has open cannot be removed there
        yield True
        return
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR | _NOFOLLOW)
    except FileNotFoundError:
        yield True
        return
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _DMS_BYTE)
            alone = True
        except OSError:
            alone = False
        yield alone
    finally:
        os.close(fd)  # also lets go of the lock


__all__ = [
    "WAL_INDEX_PAGE",
    "SideFiles",
    "journal_lost",
    "remove_left_by_failed_open",
    "side_file",
]

"""Why a dossier could not be opened, in plain words, and told apart by cause.

Only a database that SQLite finds damaged (or that is not the dossier it should be) is
called damaged: that is what makes the window offer a backup. A full disk, a busy file or
a drive that fails to read are said as such, with "nothing was changed", because the
dossier itself is fine and a restore would be the wrong advice.
"""

from __future__ import annotations

import errno
from pathlib import Path

from .errors import DossierOpenError
from .i18n import tr
from .sql_driver import error_code, sqlite3

_SQLITE_ERROR, _SQLITE_BUSY, _SQLITE_LOCKED = 1, 5, 6
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_CANTOPEN = 10, 11, 14
_SQLITE_NOTADB = 26
# An I/O error with less free space than this on the drive is the disk being full: SQLite
# reports a failed growth of its index (-shm) as "disk I/O error", not as "disk full".
_FULL_BELOW = 64 * 1024


class DossierDamagedError(DossierOpenError):
    """The dossier's database is damaged (so a backup may be offered); ``path``: its folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            tr(
                "The dossier in {path} is damaged and cannot be opened. "
                "Nothing was changed. Restore it from a backup.",
                path=folder,
            )
        )
        self.path = folder


class DossierDiskFullError(DossierOpenError):
    """The disk of the dossier is full, so it could not be opened; it is not damaged."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            tr(
                "The disk that holds the dossier in {path} is full, so the dossier cannot be "
                "opened. It is not damaged, and nothing was changed. Free some space on that "
                "disk, then open it again.",
                path=folder,
            )
        )
        self.path = folder


def problem_opening(folder: Path, exc: sqlite3.Error) -> DossierOpenError:
    """The plain error for an SQLite error met while opening the dossier in ``folder``."""
    from .backup.errors import sqlite_full  # the one test for SQLite's "disk full"

    code = error_code(exc) or _SQLITE_ERROR
    if sqlite_full(exc) or (code == _SQLITE_IOERR and _little_space(folder)):
        return DossierDiskFullError(folder)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DossierOpenError(
            tr(
                "The dossier in {path} is busy in another program right now. Nothing was "
                "changed. Try again in a moment.",
                path=folder,
            )
        )
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return DossierOpenError(
            tr(
                "The dossier in {path} could not be read from its drive ({reason}). Nothing "
                "was changed. If it is on a removable drive, check that it is connected, "
                "then try again.",
                path=folder,
                reason=str(exc),
            )
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_ERROR):
        return DossierDamagedError(folder)
    return DossierOpenError(
        tr(
            "The dossier in {path} cannot be opened ({reason}). Nothing was changed.",
            path=folder,
            reason=str(exc),
        )
    )


def problem_creating(
    folder: Path, exc: BaseException, *, disk_full: bool = False
) -> DossierOpenError:
    """The plain error for a failure while a new dossier was being made in ``folder`` (what
    was made of it has been removed by then); ``disk_full``: the caller knows it was."""
    if isinstance(exc, DossierOpenError):
        exc = exc.__cause__ if isinstance(exc.__cause__, BaseException) else exc
    full = disk_full or (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT))
    if isinstance(exc, sqlite3.Error) and not full:
        from .backup.errors import sqlite_full

        code = error_code(exc) or _SQLITE_ERROR
        full = sqlite_full(exc) or (code == _SQLITE_IOERR and _little_space(folder.parent))
    if full:
        return DossierOpenError(
            tr(
                "The disk is full, so no dossier could be made in {path}. Nothing was left "
                "behind. Free some space on that disk, or choose another place.",
                path=folder,
            )
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DossierOpenError(
        tr(
            "No dossier could be made in {path} ({reason}). Nothing was left behind.",
            path=folder,
            reason=reason,
        )
    )


def _little_space(folder: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < _FULL_BELOW
    except OSError:
        return False


__all__ = ["DossierDamagedError", "DossierDiskFullError", "problem_opening"]

"""What goes wrong with a backup or a restore, in plain words."""

from __future__ import annotations

import errno
from pathlib import Path

from ..errors import DossierError
from ..i18n import tr
from ..sql_driver import error_code, sqlite3

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_ACCESS = {errno.EACCES, errno.EPERM, errno.EROFS}
_GONE = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO, errno.EIO}


class BackupError(DossierError):
    """A backup or a restore that could not be done. Nothing was changed."""


class BackupCancelled(BackupError):
    """The person stopped the backup or restore; nothing was changed."""


def disk_full(where: Path) -> str:
    return tr(
        "There is not enough free space on the drive of {where}. "
        "Free some space or choose another backup folder.",
        where=where,
    )


def unreachable(where: Path) -> str:
    return tr(
        "The backup folder {where} cannot be reached. If it is on another drive, "
        "check that the drive is connected.",
        where=where,
    )


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in _FULL


def os_problem(exc: OSError, where: Path) -> BackupError:
    """A plain message for an operating-system error met while writing in ``where``."""
    if exc.errno in _FULL:
        return BackupError(disk_full(where))
    if exc.errno in _NO_ACCESS:
        return BackupError(
            tr("The program may not write in {where}. Choose another backup folder.", where=where)
        )
    if exc.errno in _GONE:
        return BackupError(unreachable(where))
    return BackupError(
        tr("The files in {where} could not be written: {reason}", where=where, reason=_reason(exc))
    )


def sqlite_full(exc: sqlite3.Error) -> bool:
    """True when SQLite stopped because the disk (or its size limit) is full."""
    return error_code(exc) == sqlite3.SQLITE_FULL


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

"""Why a bundle for the second doctor was not made, in plain words: a place that cannot
take it, a full disk (and how much room it needs), a USB stick pulled out while it was
being written. Whatever the reason, nothing was left at the place chosen."""

from __future__ import annotations

import errno
from pathlib import Path

from ..errors import DossierError
from ..i18n import tr
from ..sizes import human_size

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_ACCESS = {errno.EACCES, errno.EPERM, errno.EROFS}
# What a drive that was pulled out, or stopped answering, reports to the writes still
# going to it (Linux: EIO, then ENODEV or ENOENT once it is gone; macOS: ENXIO).
_GONE = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, errno.ENOTDIR, errno.ESTALE}
_TOO_LARGE = {errno.EFBIG}


class BundleError(DossierError):
    """A bundle that was not made; the message says why. Nothing was left at its place."""


class BundleCancelled(BundleError):
    """The person stopped the bundle; nothing was left behind."""

    def __init__(self) -> None:
        super().__init__(tr("Stopped. No bundle was made, and nothing was left behind."))


def not_enough_room(where: Path, needed: int, free: int) -> BundleError:
    return BundleError(
        tr(
            "There is not enough room on the drive of {where} for this bundle: it needs "
            "about {needed}, and {free} is free. Free some space or choose another place; "
            "nothing was written.",
            where=where,
            needed=human_size(needed),
            free=human_size(free),
        )
    )


def stick_removed(where: Path) -> BundleError:
    return BundleError(
        tr(
            "The USB stick or drive of {where} was removed or stopped answering while the "
            "bundle was being written. Nothing was left on it; put it back and try again.",
            where=where,
        )
    )


def disk_problem(exc: OSError, target: Path, needed: int) -> BundleError:
    """The operating system's error ``exc``, met while writing the bundle ``target``
    (about ``needed`` bytes), in plain words."""
    where = target.parent
    if exc.errno in _FULL:
        return BundleError(
            tr(
                "The drive of {where} became full while the bundle was being written: it "
                "needs about {needed}. Free some space or choose another place; nothing "
                "was left there.",
                where=where,
                needed=human_size(needed),
            )
        )
    if exc.errno in _NO_ACCESS:
        return BundleError(
            tr(
                "The bundle cannot be written in {where}: this place may not be written to. "
                "Choose another place; nothing was left there.",
                where=where,
            )
        )
    if exc.errno in _TOO_LARGE:
        return BundleError(
            tr(
                "The drive of {where} cannot hold a file this large (a USB stick formatted "
                "as FAT32 takes at most 4 GB a file). Write the bundle as a folder instead "
                "of a zip file; nothing was left there.",
                where=where,
            )
        )
    if exc.errno in _GONE or not _reachable(where):
        return stick_removed(where)
    return BundleError(
        tr(
            "The bundle could not be written in {where}: the computer reported "
            "\u201c{problem}\u201d. Nothing was left there.",
            where=where,
            problem=exc.strerror or type(exc).__name__,
        )
    )


def _reachable(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:
        return False


def is_gone(exc: OSError, where: Path) -> bool:
    """Whether ``exc`` says the drive of ``where`` is no longer there."""
    return exc.errno in (_GONE - {errno.ENOENT, errno.ENOTDIR}) or not _reachable(where)


__all__ = [
    "BundleCancelled",
    "BundleError",
    "disk_problem",
    "is_gone",
    "not_enough_room",
    "stick_removed",
]

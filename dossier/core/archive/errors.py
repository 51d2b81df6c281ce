"""Why an archive could not be made or used, in plain words."""

from __future__ import annotations

import errno

from ..errors import DossierError
from ..i18n import tr


class ArchiveError(DossierError):
    """An export or a rebuild that did not happen; the message says why and what is left."""


class ArchiveRejected(ArchiveError):
    """An archive file that cannot be used: damaged, unsafe, or not one of ours."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            tr("This archive cannot be used: {reason} Nothing was changed.", reason=reason)
        )
        self.reason = reason


class ArchiveCancelled(ArchiveError):
    """The person stopped the work; nothing was left behind."""

    def __init__(self) -> None:
        super().__init__(tr("Stopped. Nothing was changed."))


def disk_message(exc: OSError, *, outcome: str) -> str:
    """An operating-system error in plain words, after ``outcome`` ("The archive was not saved.")."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return tr("{outcome} The disk is full: free some space and try again.", outcome=outcome)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("{outcome} This place cannot be written to: permission denied.", outcome=outcome)
    return tr(
        "{outcome} The computer reported: {problem}.",
        outcome=outcome,
        problem=exc.strerror or type(exc).__name__,
    )

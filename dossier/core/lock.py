"""One program at a time changes a dossier: an advisory lock on a file in its folder.

The window holds the lock while it shows a dossier; a command that changes a dossier
(import, add, edit…) holds it while it runs. Commands that only read (list, show, search,
print) take no lock, so they work while the window is open: SQLite lets readers and one
writer share the database.

The lock is ``dossier.lock`` in the dossier folder, locked with ``flock`` (POSIX) or
``msvcrt.locking`` (Windows). The operating system releases it when its holder ends,
however it ends, so a lock whose holder died never blocks anyone. The file itself stays;
it says who holds the lock (a window or a command), for the message a refused program
shows.

Within one process the lock is shared: taking it again for a dossier this process already
holds succeeds at once (a worker thread, reopening the dossier shown), and it is freed when
the last holder lets go.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from .errors import DossierOpenError
from .filelock import try_lock, unlock
from .i18n import tr
from .storage import DB_NAME

LOCK_NAME = "dossier.lock"
Holder = Literal["window", "command"]
_WINDOWS_LOCK_OFFSET = 1 << 30  # Windows locks are mandatory: lock a byte far past the text
_NO_ACCESS = (errno.EACCES, errno.EPERM, errno.EROFS)


class DossierInUse(DossierOpenError):
    """Another program (a window or a command) is using the dossier right now."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass
class _Shared:
    fd: int | None  # None: the folder cannot be written to, so there is nothing to guard
    holder: Holder
    count: int


_held: dict[str, _Shared] = {}
_guard = threading.Lock()


class DossierLock:
    """A hold on a dossier's lock; :meth:`release` (or leaving a ``with``) lets go."""

    def __init__(self, key: str, folder: Path, holder: Holder) -> None:
        self._key = key
        self.folder = folder
        self.holder = holder
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    def release(self) -> None:
        """Let go of this hold; the lock is freed when the process's last hold goes."""
        with _guard:
            if self._released:
                return
            self._released = True
            shared = _held[self._key]
            shared.count -= 1
            if shared.count:
                return
            del _held[self._key]
            if shared.fd is not None:
                unlock(shared.fd, _WINDOWS_LOCK_OFFSET)
                os.close(shared.fd)

    def __enter__(self) -> DossierLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def acquire(folder: Path | str, holder: Holder) -> DossierLock:
    """Take the lock of the dossier in ``folder`` for a ``holder``, without waiting.

    Raises :class:`DossierInUse` when another process holds it, and
    :class:`~dossier.core.errors.DossierOpenError` when ``folder`` is not a dossier
    (nothing is written then).
    """
    path = Path(folder).absolute()
    _require_dossier(path)
    key = os.path.realpath(path)
    with _guard:
        shared = _held.get(key)
        if shared is None:
            shared = _Shared(_take(path / LOCK_NAME, holder), holder, 0)
            _held[key] = shared
        shared.count += 1
    return DossierLock(key, path, holder)


def holder_of(folder: Path | str) -> Holder | None:
    """Who holds the dossier's lock in another process right now, if anyone (a test aid
    and a courtesy for messages; the answer may be stale as soon as it is given)."""
    path = Path(folder).absolute()
    if os.path.realpath(path) in _held or not (path / LOCK_NAME).is_file():
        return None
    try:
        probe = acquire(path, "command")
    except DossierInUse as exc:
        return exc.holder or "command"
    probe.release()
    return None


def _require_dossier(path: Path) -> None:
    if not path.is_dir():
        raise DossierOpenError(tr("There is no dossier at {path}.", path=path))
    if not (path / DB_NAME).is_file():
        raise DossierOpenError(
            tr("The folder {path} is not a dossier (it has no {name}).", path=path, name=DB_NAME)
        )


def _take(lock_path: Path, holder: Holder) -> int | None:
    """Open and lock ``lock_path``; its file descriptor, or None where nothing can be written."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if exc.errno in _NO_ACCESS:  # a read-only folder: no program can change it anyway
            return None
        raise DossierOpenError(
            tr(
                "The dossier in {path} cannot be opened: {reason}",
                path=lock_path.parent,
                reason=exc.strerror or exc,
            )
        ) from None
    if not try_lock(fd, _WINDOWS_LOCK_OFFSET):
        os.close(fd)
        current = _read_holder(lock_path)
        raise DossierInUse(_busy_message(holder, current), current)
    with contextlib.suppress(OSError):  # who holds it: a courtesy for others' messages
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{holder} {os.getpid()}\n".encode())
    return fd


def _busy_message(wanted: Holder, holder: Holder | None) -> str:
    if holder == "window" and wanted == "window":
        return tr(
            "This dossier is open in another Second Opinion Dossier window. Close it there first."
        )
    if holder == "window":
        return tr(
            "This dossier is open in a Second Opinion Dossier window. Close it there first, "
            "then run the command again. Commands that only read (list, show, search, print) "
            "work while it is open."
        )
    return tr(
        "This dossier is being changed by another Second Opinion Dossier program right now "
        "(a window or a command such as an import). Try again when it has finished."
    )


def _read_holder(lock_path: Path) -> Holder | None:
    try:
        with lock_path.open("rb") as handle:
            word = handle.read(64).split(b" ", 1)[0]
    except OSError:
        return None
    if word == b"window":
        return "window"
    if word == b"command":
        return "command"
    return None


__all__ = ["LOCK_NAME", "DossierInUse", "DossierLock", "Holder", "acquire", "holder_of"]

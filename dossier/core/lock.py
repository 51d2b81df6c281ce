"""One program at a time changes a dossier: an advisory lock on a file in its folder.

The window holds the lock while it shows a dossier; a command that changes a dossier
(import, add, edit…) holds it while it runs. Commands that only read (list, show, search,
print) take no lock, so they work while the window is open: SQLite lets readers and one
writer share the database.

The lock is ``dossier.lock`` in the dossier folder, locked with ``flock`` (POSIX) or
``msvcrt.locking`` (Windows). The operating system releases it when its holder ends,
however it ends, so a lock whose holder died never blocks anyone. The file itself stays;
it says who holds the lock (a window or a command), for the message a refused program
shows. It is opened without following a link (``O_NOFOLLOW``), and anything there that is
not a plain file (a link, a folder, a pipe) is refused: the holder's line is never written
through a link to some other file.

On POSIX the lock is also taken, first, on the dossier folder itself (``flock`` on the
folder, opened read-only). A person can delete ``dossier.lock`` while a window holds it,
and a lock on a deleted file guards nothing: the next program would make a new file and
lock that. The folder cannot be removed without removing the dossier, so its lock holds.
Considered and not chosen:

* a lock on ``dossier.sqlite``: SQLite places its own POSIX (``fcntl``) locks on that
  file. On a local Linux file system ``flock`` and ``fcntl`` locks are independent, but on
  NFS ``flock`` is emulated with a whole-file ``fcntl`` lock, which would block every
  other program's SQLite locks (the readers beside the window), and closing any of this
  process's descriptors of the file would silently drop it;
* checking at each writing transaction that the locked file is still ``dossier.lock``:
  cheap, but a second program that started after the deletion has already locked a new
  file by then; only the first program would notice, and it would be the one refused.

Where a folder cannot be locked (Windows, where an open file cannot be deleted anyway;
NFS, where ``flock`` on a folder fails), ``dossier.lock`` alone guards, as before.

Within one process the lock is shared: taking it again for a dossier this process already
holds succeeds at once (a worker thread, reopening the dossier shown), and it is freed when
the last holder lets go.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from .errors import DossierOpenError
from .filelock import NO_FOLLOW, NOT_A_PLAIN_FILE, open_lock_file, try_lock, unlock
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
    fds: tuple[int, ...]  # locked: the folder (where it can be) and dossier.lock; () when the
    holder: Holder  # folder cannot be written to, so there is nothing to guard
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
            _let_go(shared.fds)

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


def _take(lock_path: Path, holder: Holder) -> tuple[int, ...]:
    """Lock the dossier folder (where it can be), then ``lock_path``; the descriptors held,
    or none where the folder cannot be written to (no program can change it then)."""
    folder_fd = _lock_folder(lock_path.parent)
    if folder_fd is False:
        current = _read_holder(lock_path)
        raise DossierInUse(_busy_message(holder, current), current)
    held = () if folder_fd is None else (folder_fd,)
    try:
        fd = _open_lock_file(lock_path)
    except BaseException:
        _let_go(held)
        raise
    if fd is None:
        _let_go(held)
        return ()
    if not try_lock(fd, _WINDOWS_LOCK_OFFSET):
        os.close(fd)
        _let_go(held)
        current = _read_holder(lock_path)
        raise DossierInUse(_busy_message(holder, current), current)
    with contextlib.suppress(OSError):  # who holds it: a courtesy for others' messages
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{holder} {os.getpid()}\n".encode())
    return (*held, fd)


def _lock_folder(folder: Path) -> int | Literal[False] | None:
    """Lock the folder itself: its descriptor; False when another program holds it; None
    where a folder cannot be opened for that (Windows: ``dossier.lock`` alone guards)."""
    if sys.platform == "win32":
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    if not try_lock(fd):
        os.close(fd)
        return False
    return fd


def _open_lock_file(lock_path: Path) -> int | None:
    """Open ``dossier.lock`` for locking, never through a link; None where the folder
    cannot be written to. Anything there that is not a plain file is refused."""
    try:
        return open_lock_file(lock_path)
    except OSError as exc:
        if exc.errno in _NO_ACCESS:  # a read-only folder: no program can change it anyway
            return None
        if exc.errno in NOT_A_PLAIN_FILE:
            raise _not_a_plain_file(lock_path) from None
        raise DossierOpenError(
            tr(
                "The dossier in {path} cannot be opened: {reason}",
                path=lock_path.parent,
                reason=exc.strerror or exc,
            )
        ) from None


def _not_a_plain_file(lock_path: Path) -> DossierOpenError:
    return DossierOpenError(
        tr(
            "The dossier in {path} cannot be opened: its lock file ({name}) is not a plain "
            "file (it is a link, a folder or something else). Nothing was changed. Remove "
            "{name} from the dossier folder; the program makes it again.",
            path=lock_path.parent,
            name=LOCK_NAME,
        )
    )


def _let_go(fds: tuple[int, ...]) -> None:
    for fd in reversed(fds):
        unlock(fd, _WINDOWS_LOCK_OFFSET)
        os.close(fd)


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
    """Who the lock file says holds it; read without following a link and without waiting
    (a pipe put there would otherwise block)."""
    try:
        fd = os.open(lock_path, os.O_RDONLY | NO_FOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        word = os.read(fd, 64).split(b" ", 1)[0]
    except OSError:
        return None
    finally:
        os.close(fd)
    if word == b"window":
        return "window"
    if word == b"command":
        return "command"
    return None


__all__ = ["LOCK_NAME", "DossierInUse", "DossierLock", "Holder", "acquire", "holder_of"]

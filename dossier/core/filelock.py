"""An exclusive, non-blocking lock on an open file, released by the OS when its holder ends.

``flock`` on POSIX; on Windows ``msvcrt.locking`` on one byte at ``offset`` (Windows
locks are mandatory, so a lock file whose text others read locks a byte far past it).
A file system without locks (some network drives) counts as locked: there is nothing
to guard with, and refusing would make the dossier unusable there.

:func:`open_lock_file` opens a lock file without following a link: a link put in its
place (to some file elsewhere) must never be written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

# Never through a link, never inherited by a child process, never waiting on a pipe.
NO_FOLLOW = (
    getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)
# What opening without following gives for a link (ELOOP; EMLINK on BSD), a folder, a socket.
NOT_A_PLAIN_FILE = frozenset(
    {errno.ELOOP, errno.EISDIR, errno.ENXIO, getattr(errno, "EFTYPE", errno.ELOOP)}
)


def open_lock_file(path: Path) -> int:
    """Open ``path`` for reading and writing (made if missing), never through a link.

    Raises OSError: with an errno in :data:`NOT_A_PLAIN_FILE` when something other than a
    plain file is there (a link, a folder, a pipe).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | NO_FOLLOW, 0o644)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    return fd


if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int, offset: int = 0) -> bool:
        """Take the lock if it is free; False when another holder has it."""
        os.lseek(fd, offset, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int, offset: int = 0) -> None:
        os.lseek(fd, offset, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int, offset: int = 0) -> bool:
        """Take the lock if it is free; False when another holder has it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            # No locks here; or none on what was opened read-only, such as a folder (NFS
            # emulates flock with fcntl locks, which need a file open for writing).
            return exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF)
        return True

    def unlock(fd: int, offset: int = 0) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


__all__ = ["NOT_A_PLAIN_FILE", "NO_FOLLOW", "open_lock_file", "try_lock", "unlock"]

"""An exclusive, non-blocking lock on an open file, released by the OS when its holder ends.

``flock`` on POSIX; on Windows ``msvcrt.locking`` on one byte at ``offset`` (Windows
locks are mandatory, so a lock file whose text others read locks a byte far past it).
A file system without locks (some network drives) counts as locked: there is nothing
to guard with, and refusing would make the dossier unusable there.
"""

from __future__ import annotations

import contextlib
import os
import sys

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
    import errno
    import fcntl

    def try_lock(fd: int, offset: int = 0) -> bool:
        """Take the lock if it is free; False when another holder has it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            return exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)
        return True

    def unlock(fd: int, offset: int = 0) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


__all__ = ["try_lock", "unlock"]

"""Imports in flight: while one runs, vault files may exist whose rows are not committed yet.

An import holds a *shared* lock on ``vault/.in-flight.lock`` from before its first
vault file to after its last commit (or its clean-up), and leaves a marker file in
``vault/tmp`` for that time. The sweep and the repair move files without a row only while they hold the
lock *exclusively*: then no import runs, in this process or any other, so a file without a
row really is left over and not on its way in.

A marker still there when nobody holds the lock means an import was interrupted (the
program was killed, the power cut): that is what makes the start-up sweep look at the
vault at all, so opening a dossier stays as quick as listing one nearly empty folder.

Locks are ``flock`` (POSIX) or ``LockFileEx`` (Windows): the operating system frees them
when their holder dies, however it dies. Locks of different opens conflict even within
one process, so an import on a worker thread also keeps the window's check away.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".in-flight.lock"
MARKER_PREFIX = ".import-"
TMP_NAME = "tmp"
_NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)


def tmp_folder(vault_root: Path) -> Path:
    return vault_root / TMP_NAME


def is_marker(name: str) -> bool:
    """A marker of an import: this module's own files in ``vault/tmp``."""
    return name.startswith(MARKER_PREFIX)


def markers(vault_root: Path) -> list[Path]:
    """The markers of imports that are running, or were interrupted."""
    try:
        names = os.listdir(tmp_folder(vault_root))
    except OSError:
        return []
    return [tmp_folder(vault_root) / n for n in names if n.startswith(MARKER_PREFIX)]


@contextlib.contextmanager
def import_in_flight(vault_root: Path) -> Iterator[None]:
    """Held by an import for as long as vault files may lack their rows.

    Waits while a sweep or a repair holds the lock exclusively (they are short). The marker
    is made durable before the first file can reach the vault, so even after a power cut
    the next opening knows it has to look.
    """
    folder = tmp_folder(vault_root)
    folder.mkdir(parents=True, exist_ok=True)
    fd = _open(vault_root / LOCK_NAME)
    try:
        _lock(fd, exclusive=False, wait=True)
        marker = folder / f"{MARKER_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
        marker.touch()
        _fsync_dir(folder)
        try:
            yield
        finally:
            marker.unlink(missing_ok=True)
    finally:
        os.close(fd)  # closing frees the lock


@contextlib.contextmanager
def no_import_in_flight(vault_root: Path) -> Iterator[bool]:
    """Try, without waiting, to make sure no import runs; yields whether that is so.

    While the block runs with True, no import can start (they wait). False: an import is
    running (or the folder cannot be locked, so it cannot be known).
    """
    try:
        vault_root.mkdir(parents=True, exist_ok=True)
        fd = _open(vault_root / LOCK_NAME)
    except OSError:  # a read-only dossier: nothing can be moved anyway
        yield False
        return
    try:
        try:
            got = _lock(fd, exclusive=True, wait=False)
        except OSError:
            got = False
        yield got
    finally:
        os.close(fd)


def remove_stale_markers(vault_root: Path) -> None:
    """Forget interrupted imports (call only inside ``no_import_in_flight`` with True)."""
    for marker in markers(vault_root):
        with contextlib.suppress(OSError):
            marker.unlink()


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows)
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2

    def _lock(fd: int, *, exclusive: bool, wait: bool) -> bool:
        flags = (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0) | (
            0 if wait else _LOCKFILE_FAIL_IMMEDIATELY
        )
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        overlapped = _Overlapped()
        kernel32 = ctypes.windll.kernel32
        return bool(kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(overlapped)))

else:
    import fcntl

    def _lock(fd: int, *, exclusive: bool, wait: bool) -> bool:
        """Lock ``fd``; False when ``wait`` is off and someone else holds it.

        On a file system without locks an import goes ahead unlocked (True), while a
        sweep cannot be sure and does nothing (its caller turns the OSError into False).
        """
        operation = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB)
        try:
            fcntl.flock(fd, operation)
        except BlockingIOError:
            return False
        except OSError as exc:
            if exc.errno in _NO_LOCKS and not exclusive:
                return True
            raise
        return True

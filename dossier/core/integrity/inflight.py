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

The lock file, the markers and ``vault/tmp`` are opened, made and removed through
:mod:`..safe_files`: never through a link someone put in their place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from .. import safe_files
from ..errors import DossierError
from ..i18n import tr

LOCK_NAME = ".in-flight.lock"
MARKER_PREFIX = ".import-"
TMP_NAME = "tmp"
_NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)


def tmp_folder(vault_root: Path) -> Path:
    return vault_root / TMP_NAME


def is_marker(name: str) -> bool:
    """A marker of an import: this module's own files in ``vault/tmp``."""
    return name.startswith(MARKER_PREFIX)


def _inside(vault_root: Path, *names: str) -> PurePosixPath:
    """``vault/names…`` relative to the dossier folder (the root of the safe walks)."""
    return PurePosixPath(vault_root.name, *names)


def markers(vault_root: Path) -> list[Path]:
    """The markers of imports that are running, or were interrupted."""
    try:
        names = safe_files.list_folder(vault_root.parent, _inside(vault_root, TMP_NAME))
    except OSError:  # missing, or a link in place of vault/tmp: nothing of ours is there
        return []
    return [tmp_folder(vault_root) / n for n in names if n.startswith(MARKER_PREFIX)]


@contextlib.contextmanager
def import_in_flight(vault_root: Path) -> Iterator[None]:
    """Held by an import for as long as vault files may lack their rows.

    Waits while a sweep or a repair holds the lock exclusively (they are short). The marker
    is made durable before the first file can reach the vault, so even after a power cut
    the next opening knows it has to look.
    """
    root, tmp = vault_root.parent, _inside(vault_root, TMP_NAME)
    try:
        safe_files.make_folders(root, tmp)
        fd = _open(vault_root)
    except safe_files.UnsafePath as exc:
        raise DossierError(
            tr(
                "Nothing was added: {problem} Check the dossier: its repair moves the link "
                "to the quarantine folder.",
                problem=exc.strerror,
            )
        ) from None
    try:
        _lock(fd, exclusive=False, wait=True)
        marker = tmp / f"{MARKER_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"
        os.close(safe_files.open_file(root, marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        safe_files.fsync_folder(root, tmp)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                safe_files.remove(root, marker)
    finally:
        os.close(fd)  # closing frees the lock


@contextlib.contextmanager
def no_import_in_flight(vault_root: Path) -> Iterator[bool]:
    """Try, without waiting, to make sure no import runs; yields whether that is so.

    While the block runs with True, no import can start (they wait). False: an import is
    running (or the folder cannot be locked, so it cannot be known).
    """
    try:
        safe_files.make_folders(vault_root.parent, vault_root.name)
        fd = _open(vault_root)
    except OSError:  # a read-only dossier (nothing can be moved anyway), or a linked vault
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
            safe_files.remove(vault_root.parent, _inside(vault_root, TMP_NAME, marker.name))


def _open(vault_root: Path) -> int:
    """The lock file ``vault/.in-flight.lock``, opened (made if missing), never a link."""
    flags = os.O_RDWR | os.O_CREAT
    return safe_files.open_file(vault_root.parent, _inside(vault_root, LOCK_NAME), flags)


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

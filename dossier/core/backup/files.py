"""Reading and writing the files of backups, never through a link.

Writing: a file is always written under a new name (``O_EXCL``, which never follows a
link), fsynced and hashed on the way; callers rename it to its final name once it is
complete and checked, and a rename replaces a link rather than writing through it
(:func:`write_bytes` does all of that through :mod:`..atomic_write`). The folders
written into are checked to be real folders, not links (:func:`real_folder`).

Reading: a backup may come from another computer's drive, so what is read in it (and
in a dossier folder, and in the program's settings) is opened step by step below a
known folder without following a link at any step, must be a regular file (a link, a
folder, a device or a pipe is refused), and is read no further than its listed size.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import safe_files
from ..atomic_write import write_all, write_atomically
from ..hashing import new_sha256, sha256_chunks
from ..i18n import tr
from ..untrusted import Untrusted, parse_json
from ..vault import CHUNK

Progress = Callable[[int], None]  # bytes written since the last call

_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
SMALL_JSON = 1 << 20  # backup.json and the like: a few hundred bytes in truth

__all__ = [
    "Unreadable",
    "copy_inside",
    "load_json",
    "read_chunks",
    "read_inside",
    "read_json",
    "real_folder",
    "remove_tree",
    "sha256_inside",
    "write_bytes",
    "write_chunks",
    "write_json",
]


class Unreadable(Exception):
    """A file to be read is missing (``reason`` "missing"), is a link or not a regular
    file ("not a file"), or could not be read ("unreadable")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Writing -------------------------------------------------------------------------------
def write_chunks(target: Path, chunks: Iterable[bytes], on_write: Progress | None = None) -> str:
    """Write ``chunks`` to the new file ``target`` (fsynced); the SHA-256 of what was written.

    A failed write (a full disk) removes the half-written file and raises the OSError.
    """
    digest = new_sha256()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    fd = os.open(target, flags, 0o644)
    try:
        for chunk in chunks:
            digest.update(chunk)
            write_all(fd, chunk)
            if on_write is not None:
                on_write(len(chunk))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise
    os.close(fd)
    return digest.hexdigest()


def write_bytes(target: Path, data: bytes) -> None:
    """Put ``data`` in ``target``: a new file ``.<name>.<random>.tmp``, fsynced, then
    renamed over it, the folder fsynced (a link there is replaced, never written through)."""
    write_atomically(target.parent, target.name, data, mode=0o644, links="replace", suffix=".tmp")


def write_json(target: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``target`` (as :func:`write_bytes`)."""
    write_bytes(target, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))


def real_folder(path: Path) -> bool:
    """True when ``path`` is a folder itself, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and what is in it, as far as possible (links inside are removed,
    never followed)."""
    shutil.rmtree(folder, ignore_errors=True)


# Reading -------------------------------------------------------------------------------
def read_chunks(source: Path) -> Iterator[bytes]:
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def read_inside(folder: Path, name: str, most: int) -> Iterator[bytes]:
    """The chunks of the regular file ``name`` ("files/ab/abcd…") below ``folder``, opened
    without following a link at any step below ``folder``; at most ``most`` + 1 bytes
    (so a file larger than listed reads as different). Raises :class:`Unreadable`."""
    fd = _open_inside(folder, name)
    try:
        left = most + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(CHUNK, left))
            except OSError:
                raise Unreadable("unreadable") from None
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
    finally:
        os.close(fd)


def copy_inside(
    folder: Path, name: str, most: int, target: Path, on_write: Progress | None = None
) -> str:
    """Copy the file ``name`` below ``folder`` (as :func:`read_inside`) to the new file
    ``target``; the SHA-256 of the bytes copied. :class:`Unreadable` for the source's
    problems, OSError for the target's."""
    return write_chunks(target, read_inside(folder, name, most), on_write)


def sha256_inside(folder: Path, name: str, most: int) -> str:
    """The SHA-256 of the file ``name`` below ``folder`` (as :func:`read_inside`)."""
    return sha256_chunks(read_inside(folder, name, most))


def load_json(folder: Path, name: str, *, most: int, max_values: int) -> Any:
    """The JSON in the file ``name`` below ``folder``, read as :func:`read_inside` and
    parsed within bounds. Raises :class:`Unreadable`, or :class:`Untrusted` saying why."""
    data = b"".join(read_inside(folder, name, most))
    if len(data) > most:
        from .manifest import size_text  # here: manifest reads its files through this module

        raise Untrusted(
            tr("it is larger than {size}, more than this program reads", size=size_text(most))
        )
    return parse_json(data, max_values=max_values)


def read_json(path: Path, most: int = SMALL_JSON) -> Any:
    """The JSON in ``path`` (never read through a link); None when it is missing,
    unreadable, too large or not JSON."""
    try:
        return load_json(path.parent, path.name, most=most, max_values=most // 4)
    except (Unreadable, Untrusted):
        return None


def _open_inside(folder: Path, name: str) -> int:
    """The regular file ``name`` below ``folder``, opened without following a link at any
    step (:func:`dossier.core.safe_files.open_file`); :class:`Unreadable` says why not."""
    try:
        return safe_files.open_file(folder, name)
    except FileNotFoundError:
        raise Unreadable("missing") from None
    except safe_files.UnsafePath:
        raise Unreadable("not a file") from None
    except OSError as exc:
        raise Unreadable("not a file" if exc.errno in _NOT_A_FILE else "unreadable") from None


_NOT_A_FILE = {errno.ENOTDIR, errno.EISDIR}

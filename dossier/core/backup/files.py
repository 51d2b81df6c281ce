"""Writing files for backups: each byte through ``os.write``, fsynced, hashed on the way.

A file is always written under a new name (``O_EXCL``), so nothing is overwritten in
place; callers rename it to its final name once it is complete and checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..vault import CHUNK, sha256_file

Progress = Callable[[int], None]  # bytes written since the last call

__all__ = [
    "copy_file",
    "fsync_dir",
    "read_chunks",
    "read_json",
    "remove_tree",
    "sha256_file",
    "write_chunks",
    "write_json",
]


def write_chunks(target: Path, chunks: Iterable[bytes], on_write: Progress | None = None) -> str:
    """Write ``chunks`` to the new file ``target`` (fsynced); the SHA-256 of what was written.

    A failed write (a full disk) removes the half-written file and raises the OSError.
    """
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        for chunk in chunks:
            digest.update(chunk)
            view = memoryview(chunk)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if on_write is not None:
                on_write(len(chunk))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        target.unlink(missing_ok=True)
        raise
    os.close(fd)
    return digest.hexdigest()


def read_chunks(source: Path) -> Iterator[bytes]:
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def copy_file(source: Path, target: Path, on_write: Progress | None = None) -> str:
    """Copy ``source`` to the new file ``target``; the SHA-256 of the bytes copied."""
    return write_chunks(target, read_chunks(source), on_write)


def write_json(target: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``target``: a new file, fsynced, then renamed over it."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    data = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    write_chunks(tmp, [data])
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def read_json(path: Path) -> Any:
    """The JSON in ``path``; None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def fsync_dir(folder: Path) -> None:
    """Make renames into ``folder`` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and what is in it, as far as possible (used on our own temp folders)."""
    shutil.rmtree(folder, ignore_errors=True)

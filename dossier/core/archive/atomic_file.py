"""A new file written beside its target under a temporary name, fsynced, then renamed.

The bytes go through ``os.write`` on a file descriptor of our own (buffered), so what
the operating system says (a full disk, a removed drive) reaches the caller as the
``OSError`` it is. Until :meth:`AtomicFile.publish`, the target is untouched; after a
failure :meth:`AtomicFile.discard` removes the temporary file, so no partial file stays.
The temporary file is registered as the program's unfinished work (:mod:`...unfinished`),
so one left by a killed export is recognised and removed at the next start or export.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..unfinished import begin_file

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

BUFFER = 1 << 20


class _Descriptor(io.RawIOBase):
    """The least a buffered writer needs of a file: write, seek and tell on a descriptor."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        return os.write(self.fd, data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self.fd, offset, whence)

    def tell(self) -> int:
        return os.lseek(self.fd, 0, os.SEEK_CUR)

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self.fd)
            finally:
                super().close()


class AtomicFile:
    """``stream`` writes the new content of ``target``; nothing shows there until published.
    ``about``: the dossier it is made from (for ``check`` to name a leftover)."""

    def __init__(self, target: Path, *, about: Path) -> None:
        self.target = target
        name = f".{target.name}.{secrets.token_hex(4)}.part"
        self.work, fd = begin_file("export", target.parent / name, about=about)
        self.temporary = self.work.path
        self._raw = _Descriptor(fd)
        self.stream = io.BufferedWriter(self._raw, buffer_size=BUFFER)
        self.published = False

    def publish(self) -> None:
        """Flush, fsync, close, rename onto the target and fsync its folder."""
        self.stream.flush()
        os.fsync(self._raw.fd)
        self.stream.close()
        os.replace(self.temporary, self.target)
        self.published = True
        self.work.forget()
        fsync_folder(self.target.parent)

    def discard(self) -> None:
        """Close without raising and remove the temporary file (after a failure)."""
        if self.published:
            return
        with contextlib.suppress(Exception):
            self.stream.close()  # flushing again may fail as the write did
        with contextlib.suppress(Exception):
            self._raw.close()
        self.work.remove()

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None or not self.published:
            self.discard()


def fsync_folder(folder: Path) -> None:
    """Make a rename into ``folder`` durable (where the platform allows opening folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames are durable already
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

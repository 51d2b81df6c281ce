"""A file replaced as a whole or not at all, and bytes written so that a full disk says so.

Every file the program replaces (its settings, the list of recent dossiers, a printed
report, a saved copy, a backup's lists, an archive) is written the same way:

* under a temporary name in the target's own folder, a new file (``O_EXCL``, never
  through a link: :func:`dossier.core.safe_files.new_file`), readable by its owner only
  unless a ``mode`` says otherwise;
* the bytes go through ``os.write`` on the file's own descriptor (:func:`write_all`,
  buffered by :func:`buffered`), so what the operating system says (a full disk, a
  removed drive) reaches the caller as the ``OSError`` it is;
* :meth:`AtomicWriter.commit` flushes, fsyncs the file, renames it over the target and
  fsyncs the folder (:func:`dossier.core.safe_files.fsync_folder`), so after a power cut
  the target is the old file or the new one, never a part of either;
* leaving the ``with`` block without committing, or with an error, removes the temporary
  file: no partial file is left behind.

A link at the target is someone else's: it is refused (``links="refuse"``, the default),
or, where the program owns the name outright, replaced by the file itself
(``links="replace"``); it is never written through either way.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from pathlib import Path, PurePath
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Literal, Self

from . import safe_files
from .safe_files import Relative, UnsafePath

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

BUFFER = 1 << 20
Links = Literal["refuse", "replace"]


def write_all(fd: int, data: ReadableBuffer) -> None:
    """Write all of ``data`` with the operating system's own ``write`` (it may take less)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


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


def buffered(fd: int) -> io.BufferedWriter:
    """A buffered stream writing to ``fd`` through ``os.write``; closing it closes ``fd``."""
    return io.BufferedWriter(_Descriptor(fd), buffer_size=BUFFER)


class AtomicWriter:
    """A new version of ``root/relative``, written under a temporary name in its folder.

    ``stream`` takes the bytes; :meth:`commit` makes them the target (see the module's
    text). ``durable=False`` skips the fsyncs (for files that can be made again). ``mode``:
    the new file's permissions (less the umask). ``links``: what to do with a link at
    the target. ``suffix`` ends the temporary file's name.
    """

    def __init__(
        self,
        root: Path,
        relative: Relative,
        *,
        durable: bool = True,
        mode: int = 0o600,
        links: Links = "refuse",
        suffix: str = "",
    ) -> None:
        *folders, self.name = safe_files.parts_of(relative)
        self.root = Path(root)
        self.folder = PurePath(*folders) if folders else None
        self.durable = durable
        self.links = links
        where = safe_files.make_folders(self.root, self.folder) if self.folder else self.root
        self.target = where / self.name
        self._check_target()
        fd, self.temporary = self._new_temporary(mode, suffix)
        self.stream: BinaryIO = buffered(fd)
        self.committed = False

    # The temporary file: a subclass may make and remove it otherwise (registered, say).
    def _new_temporary(self, mode: int, suffix: str) -> tuple[int, Path]:
        prefix = f".{self.name[:40]}."
        return safe_files.new_file(self.root, self.folder, prefix, mode, make=False, suffix=suffix)

    def _remove_temporary(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            safe_files.remove(self.root, self._relative(self.temporary.name))

    def _committed(self) -> None:
        """Called once the new file is the target."""

    def _relative(self, name: str) -> PurePath:
        return self.folder / name if self.folder else PurePath(name)

    def _check_target(self) -> None:
        relative = self._relative(self.name)
        found = safe_files.look(self.root, relative)
        on_the_way = len(found.at) < len(relative.parts)  # a linked folder: never replaced
        if found.kind == "link" and (self.links == "refuse" or on_the_way):
            raise UnsafePath("link", self.root.joinpath(*found.at))
        if found.kind == "folder":
            where = str(self.root.joinpath(*found.at))
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), where)
        if found.kind == "other":
            raise UnsafePath("not_file", self.root.joinpath(*found.at))

    def commit(self) -> Path:
        """Flush, fsync, rename over the target, fsync its folder; the target's path."""
        self.stream.flush()
        if self.durable:
            os.fsync(self.stream.fileno())
        self.stream.close()
        self._check_target()
        safe_files.rename(
            self.root, self._relative(self.temporary.name), self._relative(self.name), replace=True
        )
        self.committed = True
        self._committed()
        if self.durable:
            safe_files.fsync_folder(self.root, self.folder)
        return self.target

    def discard(self) -> None:
        """Close without raising and remove the temporary file (unless committed)."""
        if self.committed:
            return
        with contextlib.suppress(Exception):
            self.stream.close()  # flushing again may fail as the write did
        self._remove_temporary()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()


def write_atomically(
    root: Path,
    relative: Relative,
    data: bytes,
    *,
    durable: bool = True,
    mode: int = 0o600,
    links: Links = "refuse",
    suffix: str = "",
) -> Path:
    """Replace ``root/relative`` with ``data`` as a whole (see :class:`AtomicWriter`)."""
    with AtomicWriter(
        root, relative, durable=durable, mode=mode, links=links, suffix=suffix
    ) as writer:
        writer.stream.write(data)
        return writer.commit()


def write_beside(target: Path, data: bytes, *, mode: int = 0o600) -> Path:
    """:func:`write_atomically` for a file the person named (a printed report, a saved
    copy): its own folder is the root, so only the file itself must not be a link."""
    return write_atomically(target.parent, target.name, data, mode=mode)


__all__ = ["AtomicWriter", "buffered", "write_all", "write_atomically", "write_beside"]

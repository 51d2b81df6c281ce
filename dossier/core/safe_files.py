"""Files in the program's own folders, read and written without ever following a link.

A dossier folder, a backup folder and the program's settings folder hold only what the
program put there. A symbolic link found inside one of them was made by someone else, and
following it would let them choose which file the program overwrites (a lock or a marker
pointing at a file of the person's) or copies out (a vault file pointing at a private file
elsewhere, printed into a consultation packet). So below a *root* (the folder itself, as
the person or the platform named it: a link on the way *to* the root is theirs to make)
nothing is followed:

* each folder on the way is opened with ``O_DIRECTORY | O_NOFOLLOW``, relative to the one
  above it (``dir_fd``), so a linked folder cannot lead out, not even one swapped in
  meanwhile;
* the file itself is opened with ``O_NOFOLLOW | O_CLOEXEC`` (``O_EXCL`` where it must be
  new; ``O_NONBLOCK`` so that a pipe cannot hang the open), after ``lstat`` and before any
  byte is read or written ``fstat`` must say it is a regular file;
* anything else is refused with :class:`UnsafePath`, an ``OSError`` with a plain message,
  and nothing is changed.

Where the platform has no ``dir_fd`` or ``O_NOFOLLOW`` (Windows), every step is checked
with ``lstat`` before the open and the file with ``fstat`` after it (``st_dev`` and
``st_ino`` must match), and the folders on the way are looked at again after the open, so a
link swapped in between is still noticed.

What to use (``root`` a folder, ``relative`` a path below it such as ``"vault/ab/abc…"``):

* :func:`open_file` with any ``os.open`` flags; :func:`open_for_reading`,
  :func:`open_for_writing` (a new file: ``O_EXCL``) as Python file objects;
* :func:`make_folders`: ``mkdir -p`` below the root, refusing a link on the way;
  :func:`new_folder`: a folder that must be new;
* :func:`new_file` (a new file with a random name), :func:`rename`, :func:`remove`,
  :func:`list_folder`, :func:`fsync_folder` and :func:`look` (what is at a path, without
  following anything: the regular file's ``stat``, nothing, or the first link on the way).

A whole file replaced at once is written by :mod:`.atomic_write`, on top of this module.
:func:`fsync_folder` is the program's one way to make renames into a folder durable, for
its own folders and for the ones a person named alike (``relative`` left out).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, Literal

from .i18n import tr

Relative = str | PurePath
_BINARY = getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)  # Windows
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT: Windows links and junctions
# Where the operating system can walk folder by folder without following links.
WALK_BY_DESCRIPTOR: bool = bool(
    _NOFOLLOW
    and _DIRECTORY
    and {os.open, os.stat, os.mkdir, os.rename, os.unlink} <= os.supports_dir_fd
    and os.listdir in os.supports_fd
)
# errno values for "O_NOFOLLOW met a link" (Linux: ELOOP; the BSDs: EMLINK; some: EFTYPE).
_LINK_ERRNOS = {errno.ELOOP, errno.EMLINK, getattr(errno, "EFTYPE", errno.ELOOP)}

Problem = Literal["link", "not_file", "not_folder", "changed"]


class UnsafePath(OSError):
    """A link, or something that is not a regular file or a folder, where the program
    expects its own file or folder. ``problem`` says which; ``where`` is the path."""

    def __init__(self, problem: Problem, where: Path) -> None:
        message = {
            "link": tr(
                "{path} is a link, which Second Opinion Dossier did not make; "
                "it never reads or writes through links.",
                path=where,
            ),
            "not_file": tr(
                "{path} is not an ordinary file (perhaps a folder or a pipe).", path=where
            ),
            "not_folder": tr("{path} is not a folder.", path=where),
            "changed": tr("{path} was replaced while it was being opened.", path=where),
        }[problem]
        super().__init__(errno.ELOOP if problem == "link" else errno.EINVAL, message)
        self.problem: Problem = problem
        self.where = where

    def __str__(self) -> str:
        return str(self.strerror)


def is_link(info: os.stat_result) -> bool:
    """True for a symbolic link, and on Windows for any reparse point (junctions too)."""
    attributes = getattr(info, "st_file_attributes", 0)
    return stat.S_ISLNK(info.st_mode) or bool(attributes & _REPARSE_POINT)


def parts_of(relative: Relative) -> tuple[str, ...]:
    """The names of ``relative``, each one a plain name (no ``..``, no root, no drive)."""
    path = PurePath(relative)
    if path.is_absolute() or path.drive or path.root:
        raise ValueError(f"not a relative path: {relative!r}")
    parts = path.parts
    if not parts or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a plain path below a folder: {relative!r}")
    return parts


# --- folders on the way ----------------------------------------------------------------


class _Folder:
    """A folder at or below the root, reached without following a link."""

    def __init__(self, path: Path, fd: int | None, chain: list[tuple[Path, int, int]]) -> None:
        self.path = path
        self.fd = fd  # an open descriptor (WALK_BY_DESCRIPTOR), else None
        self.chain = chain  # the folders below the root, to look at again (Windows)

    def name(self, name: str) -> str | Path:
        return name if self.fd is not None else self.path / name

    def look(self, name: str) -> os.stat_result | None:
        """``lstat`` of ``name`` in this folder; None when there is nothing."""
        try:
            return os.stat(self.name(name), dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def recheck(self) -> None:
        """Without descriptors: each folder on the way must still be the one walked."""
        for path, device, inode in self.chain:
            try:
                info = os.lstat(path)
            except OSError:
                raise UnsafePath("changed", path) from None
            if is_link(info) or (info.st_dev, info.st_ino) != (device, inode):
                raise UnsafePath("changed", path)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _root_folder(root: Path, make: bool) -> _Folder:
    if make:
        root.mkdir(parents=True, exist_ok=True)  # the way to the root is the person's own
    if not WALK_BY_DESCRIPTOR:
        if not root.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(root))
        return _Folder(root, None, [])
    return _Folder(root, os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC), [])


def _step(folder: _Folder, name: str, make: bool) -> _Folder:
    """The folder ``name`` inside ``folder`` (made when missing and ``make``)."""
    path = folder.path / name
    info = folder.look(name)
    if info is None and make:
        with contextlib.suppress(FileExistsError):  # made meanwhile: looked at below
            os.mkdir(folder.name(name), dir_fd=folder.fd)
        info = folder.look(name)
    if info is None:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    if is_link(info):
        raise UnsafePath("link", path)
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath("not_folder", path)
    if folder.fd is None:
        return _Folder(path, None, [*folder.chain, (path, info.st_dev, info.st_ino)])
    try:
        fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder.fd)
    except OSError as exc:
        if exc.errno in _LINK_ERRNOS or exc.errno == errno.ENOTDIR:
            raise UnsafePath("changed", path) from None
        raise
    return _Folder(path, fd, [])


@contextlib.contextmanager
def _walk(root: Path, parts: Sequence[str], *, make: bool = False) -> Iterator[_Folder]:
    """The folder ``root/parts…``, every step below ``root`` taken without following."""
    folder = _root_folder(Path(root), make)
    try:
        for name in parts:
            inner = _step(folder, name, make)
            folder.close()
            folder = inner
        yield folder
    finally:
        folder.close()


# --- files ------------------------------------------------------------------------------


def _require_regular(info: os.stat_result, where: Path) -> None:
    if is_link(info):
        raise UnsafePath("link", where)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath("not_file", where)


def _open_in(folder: _Folder, name: str, flags: int, mode: int) -> int:
    where = folder.path / name
    before = folder.look(name)
    if before is not None:
        if flags & os.O_CREAT and flags & os.O_EXCL:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(where))
        _require_regular(before, where)
    elif not flags & os.O_CREAT:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(where))
    extra = _NOFOLLOW | _CLOEXEC | _NONBLOCK | _NOCTTY | _BINARY
    try:
        fd = os.open(folder.name(name), flags | extra, mode, dir_fd=folder.fd)
    except OSError as exc:
        if _NOFOLLOW and exc.errno in _LINK_ERRNOS:
            raise UnsafePath("link", where) from None
        raise
    try:
        opened = os.fstat(fd)
        _require_regular(opened, where)
        if before is not None and (before.st_dev, before.st_ino) != (opened.st_dev, opened.st_ino):
            raise UnsafePath("changed", where)
        if folder.fd is None:  # no O_NOFOLLOW to rely on: look at the name again
            again = folder.look(name)
            if again is None or is_link(again) or again.st_ino != opened.st_ino:
                raise UnsafePath("changed", where)
            folder.recheck()
        if _NONBLOCK and not flags & os.O_NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_file(root: Path, relative: Relative, flags: int = os.O_RDONLY, mode: int = 0o644) -> int:
    """``os.open`` of the regular file ``root/relative``, never through a link.

    ``flags`` as for ``os.open`` (``O_CREAT``, ``O_EXCL``, ``O_TRUNC``, ``O_RDWR``…); the
    folders on the way must exist. Raises :class:`UnsafePath` for a link or anything that
    is not a regular file, ``FileNotFoundError``/``FileExistsError`` as ``os.open`` would.
    """
    *folders, name = parts_of(relative)
    with _walk(root, folders) as folder:
        return _open_in(folder, name, flags, mode)


def open_for_reading(root: Path, relative: Relative) -> BinaryIO:
    """The regular file ``root/relative`` opened for reading, never through a link."""
    return os.fdopen(open_file(root, relative, os.O_RDONLY), "rb")


def open_for_writing(
    root: Path, relative: Relative, *, exclusive: bool = True, make: bool = True
) -> BinaryIO:
    """``root/relative`` opened for writing, never through a link.

    With ``exclusive`` (the default) the file must be new (``O_EXCL``); otherwise an
    existing regular file is emptied. ``make`` makes the folders on the way.
    """
    *folders, name = parts_of(relative)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    with _walk(root, folders, make=make) as folder:
        return os.fdopen(_open_in(folder, name, flags, 0o644), "wb")


def new_file(
    root: Path,
    folder: Relative | None,
    prefix: str,
    mode: int = 0o600,
    *,
    make: bool = True,
    suffix: str = "",
) -> tuple[int, Path]:
    """A new, empty file with a random name (``prefix``, 16 hex digits, ``suffix``) in
    ``root/folder`` (``None``: the root itself; made if missing, unless ``make`` is off),
    opened for writing: its descriptor and path. Like ``tempfile.mkstemp`` (readable by
    its owner only), without links."""
    parts = parts_of(folder) if folder else ()
    with _walk(root, parts, make=make) as where:
        for _attempt in range(100):
            name = f"{prefix}{os.urandom(8).hex()}{suffix}"
            try:
                fd = _open_in(where, name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            except FileExistsError:
                continue
            return fd, where.path / name
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(Path(root, *parts)))


def make_folders(root: Path, relative: Relative) -> Path:
    """Make ``root/relative`` and the folders on the way (``mkdir -p``), refusing a link."""
    with _walk(root, parts_of(relative), make=True) as folder:
        return folder.path


def new_folder(root: Path, relative: Relative) -> Path:
    """Make the folder ``root/relative``, which must be new (``FileExistsError``
    otherwise); the folders on the way are made too, none of them followed if a link."""
    *folders, name = parts_of(relative)
    with _walk(root, folders, make=True) as folder:
        os.mkdir(folder.name(name), dir_fd=folder.fd)
        return folder.path / name


def fsync_folder(root: Path, relative: Relative | None = None) -> None:
    """Make renames into ``root/relative`` durable (where a folder can be opened at all)."""
    with contextlib.suppress(OSError), _walk(root, parts_of(relative) if relative else ()) as f:
        if f.fd is not None:
            os.fsync(f.fd)


def list_folder(root: Path, relative: Relative | None = None) -> list[str]:
    """The names in the folder ``root/relative`` (reached without following a link)."""
    with _walk(root, parts_of(relative) if relative else ()) as folder:
        return os.listdir(folder.fd if folder.fd is not None else folder.path)


def remove(root: Path, relative: Relative) -> bool:
    """Remove the name ``root/relative`` (a file, or a link itself: never what it points
    to), the folders on the way reached without following. False when it was not there."""
    *folders, name = parts_of(relative)
    try:
        with _walk(root, folders) as folder:
            info = folder.look(name)
            if info is None:
                return False
            if stat.S_ISDIR(info.st_mode) and not is_link(info):
                raise UnsafePath("not_file", folder.path / name)
            os.unlink(folder.name(name), dir_fd=folder.fd)
    except FileNotFoundError:
        return False
    return True


def rename(root: Path, source: Relative, target: Relative, *, replace: bool = False) -> None:
    """Move the name ``source`` to ``target``, both below ``root``, moving a link itself
    (never what it points to). The folders on the way are reached without following, and
    those of ``target`` are made. Without ``replace`` an existing ``target`` is refused
    (``FileExistsError``); with it, only a regular file or a link may be replaced."""
    *source_folders, source_name = parts_of(source)
    *target_folders, target_name = parts_of(target)
    with (
        _walk(root, source_folders) as here,
        _walk(root, target_folders, make=True) as there,
    ):
        if here.look(source_name) is None:
            where = here.path / source_name
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(where))
        existing = there.look(target_name)
        if existing is not None:
            if not replace:
                where = there.path / target_name
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(where))
            if not (is_link(existing) or stat.S_ISREG(existing.st_mode)):
                raise UnsafePath("not_file", there.path / target_name)
        if here.fd is None:
            here.recheck()
            there.recheck()
            os.replace(here.path / source_name, there.path / target_name)
        else:
            os.rename(source_name, target_name, src_dir_fd=here.fd, dst_dir_fd=there.fd)


@dataclass(frozen=True)
class Look:
    """What is at a path below a root, found without following anything.

    ``kind``: ``"file"`` (a regular file) or ``"folder"`` (``info`` is its ``lstat``),
    ``"missing"``, ``"link"`` (a link, at ``at``: the path itself or a folder on the way),
    ``"other"`` (a pipe, a device…, or a file on the way where a folder was expected).
    """

    kind: Literal["file", "folder", "missing", "link", "other"]
    at: tuple[str, ...] = ()  # the parts of the path up to what was found
    info: os.stat_result | None = None


def look(root: Path, relative: Relative) -> Look:
    """What is at ``root/relative``: a regular file, a folder, nothing, or the first link
    (or other thing) on the way, so a caller can name it, or move exactly it, and never follow it."""
    parts = parts_of(relative)
    try:
        folder = _root_folder(Path(root), False)
    except FileNotFoundError:
        return Look("missing")
    try:
        for depth, name in enumerate(parts):
            info = folder.look(name)
            at = parts[: depth + 1]
            if info is None:
                return Look("missing", at)
            if is_link(info):
                return Look("link", at, info)
            if depth == len(parts) - 1:
                if stat.S_ISREG(info.st_mode):
                    return Look("file", at, info)
                return Look("folder" if stat.S_ISDIR(info.st_mode) else "other", at, info)
            if not stat.S_ISDIR(info.st_mode):
                return Look("other", at, info)
            inner = _step(folder, name, False)
            folder.close()
            folder = inner
    except FileNotFoundError:
        return Look("missing", parts)
    finally:
        folder.close()
    return Look("missing", parts)  # not reached: the loop returns at the last part


__all__ = [
    "WALK_BY_DESCRIPTOR",
    "Look",
    "UnsafePath",
    "fsync_folder",
    "is_link",
    "list_folder",
    "look",
    "make_folders",
    "new_file",
    "new_folder",
    "open_file",
    "open_for_reading",
    "open_for_writing",
    "parts_of",
    "remove",
    "rename",
]

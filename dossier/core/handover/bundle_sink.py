"""Where the pieces of a bundle are written while it is made: a new folder, or a zip file,
both inside the hidden work folder beside the place chosen (:mod:`.bundle_write`).

Both take the same pieces: bytes (the contents list), a paper printed to a file, a
document's file from the vault, an imaging study as a disc. A vault file is read through
the checked reader (:mod:`..vault_read`: a regular file of the vault, never a link, of the
recorded size and SHA-256); one that cannot be used is left out, and why is returned,
never a part of it kept. In the folder every file is new (``O_EXCL``, never through a
link) and fsynced when written, every folder once at the end. A zip entry cannot be taken
back once begun, so a vault file is read through once, checked, before it goes in.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeVar

from .. import safe_files
from ..atomic_write import buffered
from ..errors import DossierError
from ..i18n import tr
from ..imaging.disc_layout import disc_images, lay_out_disc
from ..media_types import JPEG, PNG
from ..storage import Dossier
from ..vault import Vault
from ..vault_read import StoredFileRefused, stored_chunks
from .bundle_errors import BundleError

T = TypeVar("T")
Tick = Callable[[], None]  # called often while copying: raises when the person stopped
FILE_MODE = 0o100644 << 16  # a zip entry for a regular file, readable by all
_PACKED_ALREADY = {JPEG, PNG}


class FolderSink:
    """The bundle as a new folder ``root`` (made here).

    Nothing is ever made again by its path: a folder that disappeared (a USB stick pulled
    out, whose empty mount point may stay) must not be written anew on the computer's own
    disk. Before each file, and at the end, the folder must still be the one made here.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        os.mkdir(root, 0o755)
        self._identity = _identity(root)
        self._folders: set[PurePosixPath] = set()

    def check(self) -> None:
        """FileNotFoundError when the folder is gone, or is another one now."""
        still_there(self.root, self._identity)

    def _folder(self, relative: PurePosixPath) -> Path:
        """``root/relative``, each folder made one by one (never its parents by path)."""
        self.check()
        where = self.root
        for name in relative.parts:
            where = where / name
            with contextlib.suppress(FileExistsError):
                os.mkdir(where, 0o755)
            self._folders.add(PurePosixPath(where.relative_to(self.root).as_posix()))
        return where

    def _open(self, path: PurePosixPath) -> IO[bytes]:
        self._folder(path.parent)
        return safe_files.open_for_writing(self.root, path, make=False)

    def add_bytes(self, path: PurePosixPath, data: bytes) -> None:
        with self._open(path) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    def add_printed(self, path: PurePosixPath, make: Callable[[Path], T]) -> T:
        folder = self._folder(path.parent)
        result = make(folder / path.name)
        _fsync_file(folder / path.name)
        return result

    def add_stored(
        self,
        path: PurePosixPath,
        vault: Vault,
        sha256: str,
        size: int,
        tick: Tick,
        *,
        media_type: str | None = None,
    ) -> StoredFileRefused | None:
        try:
            with self._open(path) as out:
                try:
                    for chunk in stored_chunks(vault, sha256, size):
                        out.write(chunk)
                        tick()
                    out.flush()
                    os.fsync(out.fileno())
                except StoredFileRefused as refused:
                    out.close()
                    safe_files.remove(self.root, path)
                    return refused
        except BaseException:
            with contextlib.suppress(OSError, ValueError):
                safe_files.remove(self.root, path)
            raise
        return None

    def add_disc(
        self, path: PurePosixPath, dossier: Dossier, study: dict[str, Any], tick: Tick
    ) -> str | None:
        """The study's disc in the folder ``path``; why it could not be copied, or None."""
        try:
            images = disc_images(dossier, [study])
        except DossierError as exc:
            return exc.message
        folder = self._folder(path)
        placed = lay_out_disc(dossier, [study], images, folder)
        try:
            self.check()  # pydicom makes its folders by path: not on a vanished drive
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        for each in placed:
            relative = PurePosixPath(*each.path.relative_to(self.root).parts)
            each.path.unlink()
            problem = self.add_stored(
                relative, dossier.vault, each.image["sha256"], each.image["size"], tick
            )
            if problem is not None:
                shutil.rmtree(folder)
                self._folders = {f for f in self._folders if not f.is_relative_to(path)}
                return image_problem(problem)
            self._folders.update(relative.parents)
        _fsync_file(folder / "DICOMDIR")
        return None

    def finish(self) -> Path:
        """Make every folder's new names durable; the folder to rename into place."""
        self.check()
        for folder in sorted(self._folders, key=lambda f: len(f.parts), reverse=True):
            if folder.parts:
                safe_files.fsync_folder(self.root, folder)
        safe_files.fsync_folder(self.root)
        return self.root

    def close(self) -> None:
        """Nothing to let go of (the work folder is removed with it)."""


class ZipSink:
    """The bundle as a new zip file ``path``; ``scratch``: a folder for the pieces that are
    made as files first (the papers, a disc's DICOMDIR)."""

    def __init__(self, path: Path, scratch: Path) -> None:
        self.path = path
        self.scratch = scratch
        os.mkdir(scratch, 0o700)
        self._identity = _identity(scratch)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644
        )
        self.stream = buffered(fd)
        self.archive = zipfile.ZipFile(self.stream, "w", allowZip64=True)
        self.stamp = time.localtime()[:6]
        self._closed = False

    def _info(self, path: PurePosixPath, *, packed: bool = False, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path.as_posix(), date_time=self.stamp)
        info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
        info.external_attr = FILE_MODE
        info.file_size = size  # tells zipfile whether the entry needs ZIP64
        return info

    def add_bytes(self, path: PurePosixPath, data: bytes) -> None:
        self.archive.writestr(self._info(path), data)

    def add_printed(self, path: PurePosixPath, make: Callable[[Path], T]) -> T:
        out = self.scratch / f"paper{len(os.listdir(self.scratch))}.pdf"
        try:
            result = make(out)
            self._add_file(path, out)
        finally:
            with contextlib.suppress(OSError):
                out.unlink()
        return result

    def _add_file(self, path: PurePosixPath, source: Path) -> None:
        with safe_files.open_for_reading(source.parent, source.name) as handle:
            size = os.fstat(handle.fileno()).st_size
            with self.archive.open(self._info(path, size=size), "w") as entry:
                shutil.copyfileobj(handle, entry, 1 << 20)

    def add_stored(
        self,
        path: PurePosixPath,
        vault: Vault,
        sha256: str,
        size: int,
        tick: Tick,
        *,
        media_type: str | None = None,
    ) -> StoredFileRefused | None:
        try:
            for _chunk in stored_chunks(vault, sha256, size):  # checked before it goes in
                tick()
        except StoredFileRefused as refused:
            return refused
        info = self._info(path, packed=media_type in _PACKED_ALREADY, size=size)
        with self.archive.open(info, "w") as entry:
            for chunk in _changed_meanwhile(stored_chunks(vault, sha256, size)):
                entry.write(chunk)
                tick()
        return None

    def add_disc(
        self, path: PurePosixPath, dossier: Dossier, study: dict[str, Any], tick: Tick
    ) -> str | None:
        try:
            images = disc_images(dossier, [study])
        except DossierError as exc:
            return exc.message
        still_there(self.scratch, self._identity)
        folder = self.scratch / f"disc{len(os.listdir(self.scratch))}"
        os.mkdir(folder, 0o700)
        try:
            placed = lay_out_disc(dossier, [study], images, folder)
            still_there(self.scratch, self._identity)  # not made again on a vanished drive
            for each in placed:  # every image checked before any of the disc goes in
                for _chunk in stored_chunks(
                    dossier.vault, each.image["sha256"], each.image["size"]
                ):
                    tick()
        except StoredFileRefused as refused:
            shutil.rmtree(folder, ignore_errors=True)
            return image_problem(refused)
        try:
            self._add_file(path / "DICOMDIR", folder / "DICOMDIR")
            for each in placed:
                inside = path.joinpath(*each.path.relative_to(folder).parts)
                info = self._info(inside, size=int(each.image["size"]))
                chunks = stored_chunks(dossier.vault, each.image["sha256"], each.image["size"])
                with self.archive.open(info, "w") as entry:
                    for chunk in _changed_meanwhile(chunks):
                        entry.write(chunk)
                        tick()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return None

    def finish(self) -> Path:
        """Close the zip and make it durable; the file to rename into place."""
        self.archive.close()
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        self._closed = True
        return self.path

    def close(self) -> None:
        """Let go of the file after a failure (the work folder is removed with it)."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self.archive.close()
        with contextlib.suppress(Exception):
            self.stream.close()


def _changed_meanwhile(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """A vault file read the second time: checked the first time, so a refusal now means
    it was changed while the bundle was being written, which stops the bundle."""
    try:
        yield from chunks
    except StoredFileRefused as refused:
        raise BundleError(
            tr(
                "A file of the dossier changed while the bundle was being written ({reason}), "
                "so no bundle was made. Try again.",
                reason=refused.message,
            )
        ) from None


def image_problem(refused: StoredFileRefused) -> str:
    return tr(
        "An image of this study is missing or damaged in the dossier: {reason}",
        reason=refused.message,
    )


def _identity(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_dev, info.st_ino


def still_there(path: Path, identity: tuple[int, int]) -> None:
    """FileNotFoundError unless ``path`` is still the folder of ``identity``."""
    if _identity(path) != identity:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))  # Windows fsyncs no other
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


Sink = FolderSink | ZipSink

__all__ = ["FolderSink", "Sink", "ZipSink", "image_problem"]

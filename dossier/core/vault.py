"""Content-addressed file store: ``vault/ab/abcdef…`` named by SHA-256.

Every file reaches the vault as a temporary file in the vault, fsynced, then
renamed to its final name; the folder is fsynced after. A file that is already
there (same content, same name) is never written again, so nothing is ever
overwritten in place. All file access of the dossier goes through this module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import DossierError
from .i18n import tr

CHUNK = 1 << 20
THUMB_SUFFIX = ".thumb.png"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's content, read in chunks."""
    import hashlib  # here: loading OpenSSL's hashes costs start-up time

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Vault:
    def __init__(self, root: Path) -> None:
        self.root = root

    def ensure(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "tmp").mkdir(exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def thumbnail_path(self, sha256: str) -> Path:
        return self.path_for(sha256).with_name(sha256 + THUMB_SUFFIX)

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_file(self, source: Path, sha256: str, *, sync_folder: bool = True) -> Path:
        """Copy ``source`` into the vault under ``sha256``, checking the content on the way.

        Raises :class:`DossierError` when the file changed since it was hashed.
        """
        target = self.path_for(sha256)
        if target.is_file():
            return target
        import hashlib

        digest = hashlib.sha256()

        def chunks() -> Iterator[bytes]:
            with source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    yield chunk

        tmp = self._write_temp(chunks())
        if digest.hexdigest() != sha256:
            tmp.unlink(missing_ok=True)
            raise DossierError(
                tr("The file {name} changed while it was being added. Try again.", name=source.name)
            )
        self._publish(tmp, target, sync_folder=sync_folder)
        return target

    def sync_folders(self, folders: set[Path]) -> None:
        """Make renames into ``folders`` durable (after ``add_file(..., sync_folder=False)``)."""
        for folder in folders:
            _fsync_dir(folder)

    def add_bytes(self, data: bytes, target: Path, *, durable: bool = True) -> Path:
        """Store ``data`` at ``target`` (inside the vault) unless a file is already there."""
        if target.is_file():
            return target
        self._publish(self._write_temp(iter([data]), durable=durable), target, sync_folder=durable)
        return target

    def add_thumbnail(self, sha256: str, png: bytes) -> Path:
        """Thumbnails can be made again from their file, so they skip the fsyncs (still atomic)."""
        return self.add_bytes(png, self.thumbnail_path(sha256), durable=False)

    def remove(self, sha256: str) -> None:
        """Delete a file and its thumbnail (used only when the trash is emptied)."""
        for path in (self.path_for(sha256), self.thumbnail_path(sha256)):
            path.unlink(missing_ok=True)

    def stored_hashes(self) -> Iterator[str]:
        """Every content hash that has a file in the vault."""
        for folder in self.root.iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                for entry in folder.iterdir():
                    if _SHA_RE.match(entry.name):
                        yield entry.name

    def _write_temp(self, chunks: Iterator[bytes], *, durable: bool = True) -> Path:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: it costs start-up time (it loads random and shutil)

        fd, name = tempfile.mkstemp(dir=tmp_dir, prefix="incoming-")
        try:
            try:
                for chunk in chunks:
                    _write_all(fd, chunk)
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:  # a full disk, a read error…: no partial file is left behind
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)

    def _publish(self, tmp: Path, target: Path, *, sync_folder: bool = True) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():  # the same content arrived meanwhile: keep the first copy
                tmp.unlink()
                return
            os.rename(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if sync_folder:
            _fsync_dir(target.parent)


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` with the operating system's own ``write`` (it may take less)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows); the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

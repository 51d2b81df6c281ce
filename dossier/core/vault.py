"""Content-addressed file store: ``vault/ab/abcdef…`` named by SHA-256.

Every file reaches the vault as a temporary file in the vault, fsynced, then
renamed to its final name; the folder is fsynced after. A file that is already
there (same content, same name) is never written again, so nothing is ever
overwritten in place. All file access of the dossier goes through this module
and :mod:`.vault_read` (reading), both on top of :mod:`.safe_files`: no folder or
file of the vault is ever reached through a link, so nothing the program writes can
land outside the dossier, and nothing it reads can come from outside it.

In a dossier protected with a passphrase (a vault given the dossier's master ``key``),
every file and thumbnail is encrypted on its way in (AES-256-GCM in chunks,
:mod:`.crypto.stream`) and stored under a keyed name: the HMAC of its SHA-256
(:meth:`Vault.name_for`), so the names say nothing of the content to someone who has a
copy of a document and wonders whether the dossier holds it. The database, which is
encrypted too, keeps the SHA-256 of the plaintext. Nothing is written in plain text on
the way: the bytes are encrypted before they reach the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import safe_files
from .atomic_write import write_all
from .errors import DossierError
from .hashing import new_sha256
from .i18n import tr

CHUNK = 1 << 20
THUMB_SUFFIX = ".thumb.png"
TMP_NAME = "tmp"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")

if TYPE_CHECKING:
    from .crypto.keys import MasterKey
    from .crypto.stream import FileCipher


class Vault:
    """The vault of the dossier in ``root.parent``; every path below it is walked from
    there without following links (``vault/`` itself must not be a link either)."""

    def __init__(self, root: Path, key: MasterKey | None = None) -> None:
        self.root = root
        self.folder = root.parent  # the dossier folder: the root of every safe walk
        self.name = root.name
        self.key = key  # the master key of a protected dossier (None: files in plain)
        self._cipher: FileCipher | None = None

    @property
    def cipher(self) -> FileCipher | None:
        """What encrypts and decrypts the files of a protected dossier (None: in plain);
        made at its first use, so opening a dossier does not load AES-GCM yet."""
        if self.key is not None and self._cipher is None:
            from .crypto.stream import FileCipher

            self._cipher = FileCipher(self.key.file_key)
        return self._cipher

    def name_for(self, sha256: str) -> str:
        """The name the file with this SHA-256 has in the vault: the hash itself, or, in a
        protected dossier, its keyed hash."""
        if not _SHA_RE.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return sha256 if self.key is None else self.key.vault_name(sha256)

    def ensure(self) -> None:
        """Make ``vault/`` and ``vault/tmp``. A link in place of either is left for the
        check to report (reads and writes through it are refused), so opening goes on."""
        with contextlib.suppress(safe_files.UnsafePath):
            safe_files.make_folders(self.folder, f"{self.name}/{TMP_NAME}")

    def path_for(self, sha256: str) -> Path:
        """Where the file with this SHA-256 is stored (see :meth:`name_for`)."""
        name = self.name_for(sha256)
        return self.root / name[:2] / name

    def relative(self, path: Path) -> PurePosixPath:
        """``path`` (in the vault) relative to the dossier folder: ``vault/ab/abc…``."""
        return PurePosixPath(path.relative_to(self.folder).as_posix())

    def relative_for(self, sha256: str) -> PurePosixPath:
        return self.relative(self.path_for(sha256))

    def thumbnail_path(self, sha256: str) -> Path:
        path = self.path_for(sha256)
        return path.with_name(path.name + THUMB_SUFFIX)

    def has(self, sha256: str) -> bool:
        """True when the file is in the vault as a regular file (a link does not count)."""
        return safe_files.look(self.folder, self.relative_for(sha256)).kind == "file"

    def size_of(self, sha256: str) -> int:
        """The size of the stored file's content (a regular file in the vault, never a
        link's target; decrypted, in a protected dossier)."""
        found = safe_files.look(self.folder, self.relative_for(sha256))
        if found.kind != "file" or found.info is None:
            raise DossierError(tr("The file could not be stored in the dossier's vault."))
        if self.cipher is None:
            return found.info.st_size
        # The decrypted size, from the encrypted file's header and last chunk (checked).
        with safe_files.open_for_reading(self.folder, self.relative_for(sha256)) as handle:
            return self.cipher.open_reader(handle, "", found.info.st_size).plaintext_size

    def add_file(
        self, source: Path, sha256: str, *, sync_folder: bool = True, durable: bool = True
    ) -> Path:
        """Copy ``source`` into the vault under ``sha256``, checking the content on the way.

        Raises :class:`DossierError` when the file changed since it was hashed. With
        ``durable=False`` neither the file nor its folder is fsynced: the caller makes a
        batch of files durable at once (:meth:`sync_files`) before anything refers to them.
        """
        target = self.path_for(sha256)
        if self.has(sha256):
            return target
        digest = new_sha256()

        def chunks() -> Iterator[bytes]:
            with source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    yield chunk

        tmp = self._write_temp(chunks(), durable=durable)
        if digest.hexdigest() != sha256:
            self._drop_temp(tmp)
            raise DossierError(
                tr("The file {name} changed while it was being added. Try again.", name=source.name)
            )
        self._publish(tmp, target, sync_folder=sync_folder and durable)
        return target

    def add_copy(self, source: Path, *, durable: bool = True) -> tuple[str, int]:
        """Copy ``source`` into the vault, named by the SHA-256 computed on the way (one
        pass over the file); returns (sha256, size). With ``durable=False`` the file is not
        fsynced and its folder not synced: the caller makes a batch durable at once
        (:meth:`sync_files`)."""
        digest = new_sha256()
        size = 0

        def chunks() -> Iterator[bytes]:
            nonlocal size
            with source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    yield chunk

        tmp = self._write_temp(chunks(), durable=durable)
        sha = digest.hexdigest()
        self._publish(tmp, self.path_for(sha), sync_folder=durable)
        return sha, size

    def sync_files(self, hashes: set[str]) -> None:
        """Make files added with ``durable=False`` durable, with their folders."""
        for sha in sorted(hashes):
            fd = safe_files.open_file(self.folder, self.relative_for(sha))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        self.sync_folders({self.path_for(sha).parent for sha in hashes})

    def sync_folders(self, folders: set[Path]) -> None:
        """Make renames into ``folders`` durable (after ``add_file(..., sync_folder=False)``)."""
        for folder in folders:
            safe_files.fsync_folder(self.folder, self.relative(folder))

    def add_bytes(self, data: bytes, target: Path, *, durable: bool = True) -> Path:
        """Store ``data`` at ``target`` (inside the vault) unless a file is already there."""
        if safe_files.look(self.folder, self.relative(target)).kind == "file":
            return target
        self._publish(self._write_temp(iter([data]), durable=durable), target, sync_folder=durable)
        return target

    def add_chunks(self, chunks: Iterable[bytes], target: Path, *, durable: bool = True) -> Path:
        """Store the content ``chunks`` give at ``target`` (inside the vault) unless a file
        is already there: copying a vault into another (protecting a dossier)."""
        if safe_files.look(self.folder, self.relative(target)).kind == "file":
            return target
        self._publish(self._write_temp(chunks, durable=durable), target, sync_folder=durable)
        return target

    def add_thumbnail(self, sha256: str, png: bytes) -> Path:
        """Thumbnails can be made again from their file, so they skip the fsyncs (still atomic)."""
        return self.add_bytes(png, self.thumbnail_path(sha256), durable=False)

    def remove(self, sha256: str) -> None:
        """Delete a file and its thumbnail (used only when the trash is emptied): the names
        only, so a link in their place goes, never what it points to."""
        for path in (self.path_for(sha256), self.thumbnail_path(sha256)):
            # A folder in its place, or a linked folder on the way, is kept.
            with contextlib.suppress(safe_files.UnsafePath):
                safe_files.remove(self.folder, self.relative(path))

    def stored_names(self) -> Iterator[str]:
        """The name of every regular file in the vault that is named as a document's file
        (its SHA-256, or the keyed hash of it in a protected dossier)."""
        for folder in sorted(os.scandir(self.root), key=lambda e: e.name):
            if len(folder.name) == 2 and folder.is_dir(follow_symlinks=False):
                for entry in os.scandir(folder.path):
                    if _SHA_RE.match(entry.name) and entry.is_file(follow_symlinks=False):
                        yield entry.name

    def _write_temp(self, chunks: Iterable[bytes], *, durable: bool = True) -> Path:
        if self.cipher is not None:  # encrypted before any byte reaches the disk
            chunks = self.cipher.encrypt_chunks(chunks, "")
        fd, name = safe_files.new_file(self.folder, f"{self.name}/{TMP_NAME}", "incoming-")
        try:
            try:
                for chunk in chunks:
                    write_all(fd, chunk)
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:  # a full disk, a read error…: no partial file is left behind
            self._drop_temp(name)
            raise
        return name

    def _drop_temp(self, tmp: Path) -> None:
        with contextlib.suppress(OSError):
            safe_files.remove(self.folder, self.relative(tmp))

    def _publish(self, tmp: Path, target: Path, *, sync_folder: bool = True) -> None:
        """Rename ``tmp`` to ``target``. A regular file already there is the same content
        arrived meanwhile: the first copy is kept. A link there (someone else's) is replaced
        by the file itself: the link goes, what it points to is never touched."""
        try:
            found = safe_files.look(self.folder, self.relative(target))
            if found.kind == "file":
                self._drop_temp(tmp)
                return
            safe_files.rename(self.folder, self.relative(tmp), self.relative(target), replace=True)
        except BaseException:
            self._drop_temp(tmp)
            raise
        if sync_folder:
            safe_files.fsync_folder(self.folder, self.relative(target.parent))

"""The folder holding one dossier's backups: the backups, and the files they share.

::

    <backup folder>/<dossier id>/
        ABOUT.txt                  what this folder is, in words
        files/ab/abcdef…           every vault file of every backup, once, named by SHA-256
        2025-03-04_101502/         one backup: manifest.json, files.json, dossier.sqlite
        .incomplete-…/             a backup being made (removed if it fails)

One program at a time works in a store: :meth:`Store.lock` (an OS lock on ``.lock``,
released by the OS however its holder ends).

A store may be on another computer's drive, so nothing in it is followed through a link:
only real folders count as backups or as folders of ``files/``, and the program writes
only into real folders (:meth:`Store.file_folder`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from ..filelock import try_lock, unlock
from ..i18n import tr
from ..untrusted import SHA256_RE
from .errors import BackupError
from .files import real_folder, remove_tree, write_bytes
from .manifest import BACKUP_NAME_RE, BackupInfo
from .reading import read_backup

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
INCOMPLETE_PREFIX = ".incomplete-"
_LOCK_WAIT = 10.0  # seconds to wait for another backup of the same dossier to end


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def files_dir(self) -> Path:
        return self.root / "files"

    def file_name(self, sha256: str) -> str:
        """Where the content ``sha256`` is kept, relative to the store ("files/ab/ab12…")."""
        if not SHA256_RE.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return f"files/{sha256[:2]}/{sha256}"

    def file_path(self, sha256: str) -> Path:
        return self.root / self.file_name(sha256)

    def has_file(self, sha256: str, size: int) -> bool:
        path = self.file_path(sha256)
        try:
            found = os.lstat(path)
        except OSError:
            return False
        inside = real_folder(self.files_dir) and real_folder(path.parent)
        return inside and stat.S_ISREG(found.st_mode) and found.st_size == size

    def file_folder(self, sha256: str) -> Path:
        """The folder of ``files/`` for ``sha256``, made if needed; refused (BackupError)
        when it or ``files/`` is a link, so nothing is ever written out of the store."""
        path = self.file_path(sha256).parent
        for folder in (self.files_dir, path):
            with contextlib.suppress(FileExistsError):
                folder.mkdir()
            if not real_folder(folder):
                raise BackupError(_not_a_folder(folder))
        return path

    def stored_files(self) -> Iterator[Path]:
        """Every file in ``files/`` named by a SHA-256 (never inside a link)."""
        if not real_folder(self.files_dir):
            return
        for folder in self.files_dir.iterdir():
            if len(folder.name) == 2 and real_folder(folder):
                for entry in folder.iterdir():
                    if SHA256_RE.match(entry.name):
                        yield entry

    def backup_folders(self) -> list[Path]:
        """Every finished backup folder (a real folder, not a link), oldest first."""
        if not self.root.is_dir():
            return []
        return sorted(
            p for p in self.root.iterdir() if BACKUP_NAME_RE.match(p.name) and real_folder(p)
        )

    def backups(self) -> list[BackupInfo]:
        """Every backup here (good or not), newest first."""
        found = [read_backup(p) for p in self.backup_folders()]
        return sorted(found, key=lambda b: (b.made_at, b.name), reverse=True)

    def new_temp(self) -> Path:
        folder = self.root / f"{INCOMPLETE_PREFIX}{secrets.token_hex(6)}"
        folder.mkdir(parents=True)
        return folder

    def clean_incomplete(self) -> None:
        """Remove what failed or stopped backups left (call with the lock held)."""
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.name.startswith(INCOMPLETE_PREFIX):
                    remove_tree(entry)

    def write_about(self, person: str | None) -> None:
        """``ABOUT.txt``: whose backups these are; ``person`` None for a dossier protected
        with a passphrase, whose backups name no one."""
        if person is None:
            text = tr(
                "This folder holds backups of a dossier protected with a passphrase, made by "
                "Second Opinion Dossier; they are encrypted, as the dossier is. To put one "
                "back, open the program and choose Dossier > Restore from a backup…, or run: "
                "dossier restore BACKUP_FOLDER --dossier DOSSIER_FOLDER (its passphrase is "
                "asked for)\n"
                "Each dated folder is one backup; 'files' holds the documents they share. "
                "Do not change files here by hand.\n"
            )
        else:
            text = tr(
                "This folder holds backups of the dossier of {person}, made by Second Opinion "
                "Dossier. To put one back, open the program and choose Dossier > Restore from a "
                "backup…, or run: dossier restore BACKUP_FOLDER --dossier DOSSIER_FOLDER\n"
                "Each dated folder is one backup; 'files' holds the documents they share. "
                "Do not change files here by hand.\n",
                person=person,
            )
        about = self.root / "ABOUT.txt"
        with contextlib.suppress(OSError):
            if about.is_symlink() or not about.is_file() or about.read_text("utf-8") != text:
                write_bytes(about, text.encode("utf-8"))  # a link there is replaced

    @contextlib.contextmanager
    def lock(self, *, reading: bool = False) -> Iterator[None]:
        """Hold this store's lock (waiting a few seconds for another backup to end).

        ``reading``: only to read (a restore); on a drive that cannot be written (a CD, a
        read-only share) no one else can change the store either, so no lock is needed.
        """
        if not reading:
            self.root.mkdir(parents=True, exist_ok=True)
        if not real_folder(self.root):
            raise BackupError(_not_a_folder(self.root))
        try:
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
        except OSError as exc:
            if reading and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                yield
                return
            if exc.errno != errno.ELOOP:
                raise
            raise BackupError(_not_a_folder(self.root / ".lock")) from None
        try:
            deadline = time.monotonic() + _LOCK_WAIT
            while not try_lock(fd):
                if time.monotonic() > deadline:
                    raise BackupError(
                        tr(
                            "Another backup or restore of this dossier is under way. "
                            "Try again in a minute."
                        )
                    )
                time.sleep(0.1)
            try:
                yield
            finally:
                unlock(fd)
        finally:
            os.close(fd)


def _not_a_folder(path: Path) -> str:
    return tr(
        "{path} is a link to another place, where the program keeps its own files. "
        "Nothing was written there. Remove that link (or choose another backup folder).",
        path=path,
    )

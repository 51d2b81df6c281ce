"""The folder holding one dossier's backups: the backups, and the files they share.

::

    <backup folder>/<dossier id>/
        ABOUT.txt                  what this folder is, in words
        files/ab/abcdef…           every vault file of every backup, once, named by SHA-256
        2025-03-04_101502/         one backup: manifest.json, files.json, dossier.sqlite
        .incomplete-…/             a backup being made (removed if it fails)

One program at a time works in a store: :meth:`Store.lock` (an OS lock on ``.lock``,
released by the OS however its holder ends).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from ..filelock import try_lock, unlock
from ..i18n import tr
from .errors import BackupError
from .files import remove_tree
from .manifest import BACKUP_NAME_RE, BackupInfo, read_backup

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
INCOMPLETE_PREFIX = ".incomplete-"
_LOCK_WAIT = 10.0  # seconds to wait for another backup of the same dossier to end


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def files_dir(self) -> Path:
        return self.root / "files"

    def file_path(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.files_dir / sha256[:2] / sha256

    def has_file(self, sha256: str, size: int) -> bool:
        try:
            return self.file_path(sha256).stat().st_size == size
        except OSError:
            return False

    def stored_files(self) -> Iterator[Path]:
        if not self.files_dir.is_dir():
            return
        for folder in self.files_dir.iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                for entry in folder.iterdir():
                    if _SHA_RE.match(entry.name):
                        yield entry

    def backup_folders(self) -> list[Path]:
        """Every finished backup folder, oldest first."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if BACKUP_NAME_RE.match(p.name) and p.is_dir())

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

    def write_about(self, person: str) -> None:
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
            if not about.is_file() or about.read_text(encoding="utf-8") != text:
                about.write_text(text, encoding="utf-8")

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold this store's lock (waiting a few seconds for another backup to end)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
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

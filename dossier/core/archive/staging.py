"""The folder a dossier is rebuilt in, beside its target, renamed onto it when complete.

Everything a rebuild writes goes inside the staging folder (a hidden folder named after
the target), in a ``dossier`` folder of its own. On failure the staging folder is
removed, together with any parent folders made for the target; on success the dossier
is renamed to the target in one step, and the staging folder, then empty but for its
marker, removed. The staging folder is registered as the program's unfinished work
(:mod:`...unfinished`), with its marker beside the dossier rather than in it, so one
left by a killed rebuild is recognised and removed at the next start or opening of an
archive.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from ..i18n import tr
from ..safe_files import fsync_folder
from ..unfinished import FOLDER_MARKS, begin_folder
from .errors import ArchiveError

STAGING_MARK = FOLDER_MARKS["import-archive"]


def check_target(target: Path) -> None:
    """Refuse a target that is a file, a link, or a folder that is not empty."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ArchiveError(
            tr(
                "There is already a file at {path}. Choose a new folder for the dossier.",
                path=target,
            )
        )
    if target.is_dir() and any(target.iterdir()):
        raise ArchiveError(
            tr(
                "The folder {path} is not empty. Choose a new or empty folder for the dossier.",
                path=target,
            )
        )


def existing_ancestor(path: Path) -> Path:
    """The nearest folder above ``path`` that exists (to ask how much space it has)."""
    for parent in path.parents:
        if parent.is_dir():
            return parent
    return Path(path.anchor or ".")


class Staging:
    """A new, empty staging folder beside ``target``."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self._made: list[Path] = []  # parent folders made here, deepest first
        for parent in target.parents:
            if parent.exists():
                break
            self._made.append(parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        name = f".{target.name}{STAGING_MARK}{secrets.token_hex(4)}"
        self.work = begin_folder("import-archive", target.parent / name, about=target, mode=0o700)
        self.folder = self.work.path / "dossier"  # where the new dossier is built
        self.folder.mkdir(mode=0o700)

    def publish(self) -> None:
        """Rename the new dossier onto the target (missing, or an empty folder)."""
        check_target(self.target)
        if self.target.is_dir():
            self.target.rmdir()
        os.rename(self.folder, self.target)
        fsync_folder(self.target.parent)
        with contextlib.suppress(OSError):  # else the next start removes it
            self.work.remove()

    def remove(self) -> None:
        """Take away the staging folder and the parent folders made for the target."""
        with contextlib.suppress(OSError):
            self.work.remove()
        for folder in self._made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty

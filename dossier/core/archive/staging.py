"""The folder a dossier is rebuilt in, beside its target, renamed onto it when complete.

Everything a rebuild writes goes inside the staging folder (a hidden folder named after
the target). On failure the folder is removed, together with any parent folders made
for the target; on success it is renamed to the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..i18n import tr
from .atomic_file import fsync_folder
from .errors import ArchiveError

STAGING_MARK = ".importing-"


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
        self.folder = Path(
            tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{STAGING_MARK}")
        )

    def publish(self) -> None:
        """Rename the staging folder onto the target (missing, or an empty folder)."""
        check_target(self.target)
        if self.target.is_dir():
            self.target.rmdir()
        os.rename(self.folder, self.target)
        fsync_folder(self.target.parent)

    def remove(self) -> None:
        """Take away the staging folder and the parent folders made for the target."""
        shutil.rmtree(self.folder, ignore_errors=True)
        for folder in self._made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty

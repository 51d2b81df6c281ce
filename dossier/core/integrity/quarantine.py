"""The quarantine: where files that do not belong in the vault are moved, never deleted.

Each sweep or repair that moves something makes one folder
``quarantine/<date>_<time>/`` inside the dossier; a file keeps its place below it
(``quarantine/2025-03-14_10-20-00/vault/ab/abcdef…``) and ``README.txt`` there says, in
plain words, what each file is and why it was moved. Moving is a rename within the dossier
folder: it needs no free space and cannot lose the file half way. It never follows a link
(:mod:`..safe_files`): a link is moved itself, what it points to stays where it is, and the
quarantine folder, its ``README.txt`` and the folders on the way are never reached through
a link either.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from .. import clock, safe_files
from ..atomic_write import write_atomically
from ..i18n import tr

QUARANTINE_NAME = "quarantine"
NOTE_NAME = "README.txt"


@dataclass(frozen=True)
class Moved:
    """One file moved into quarantine: where it was and where it is now (both absolute)."""

    source: Path
    target: Path
    reason: str


class SweepResult:
    """What a sweep (:mod:`.sweep`) moved into quarantine (possibly nothing). Kept here,
    beside :class:`Moved`, so that the open dossier can hold one (``Dossier.swept``)
    without its module depending on the sweep."""

    def __init__(self) -> None:
        self.moved: list[Moved] = []


class Quarantine:
    """A quarantine folder for one sweep or repair, made when the first file is moved."""

    def __init__(self, dossier_folder: Path) -> None:
        self.dossier_folder = dossier_folder
        self.folder: Path | None = None
        self.moved: list[Moved] = []

    def move(self, path: Path, reason: str) -> Moved:
        """Move ``path`` (inside the dossier folder) into the quarantine, keeping its place."""
        folder = self._folder()
        relative = path.relative_to(self.dossier_folder)
        target = _free_name(folder / relative)
        # Never replaces (the name is free, and rename refuses one that is not) and never
        # follows: a link is moved as the link it is.
        safe_files.rename(self.dossier_folder, relative, target.relative_to(self.dossier_folder))
        moved = Moved(path, target, reason)
        self.moved.append(moved)
        return moved

    def write_note(self) -> None:
        """Say in ``README.txt`` what the files are (best effort: the files are moved already)."""
        if self.folder is None or not self.moved:
            return
        lines = [
            tr(
                "Second Opinion Dossier moved these files here on {when}.",
                when=clock.now().strftime("%Y-%m-%d %H:%M"),
            ),
            tr(
                "They did not belong where they were (each line below says why), so they "
                "were moved here. Nothing was deleted. You can keep this folder, look at the "
                "files, or delete it once you are sure you do not need them."
            ),
            "",
        ]
        for moved in self.moved:
            lines.append(f"{moved.target.relative_to(self.folder)}: {moved.reason}")
        note = (self.folder / NOTE_NAME).relative_to(self.dossier_folder)
        with contextlib.suppress(OSError):
            data = ("\n".join(lines) + "\n").encode("utf-8")
            write_atomically(self.dossier_folder, note, data)

    def _folder(self) -> Path:
        if self.folder is None:
            stamp = clock.now().strftime("%Y-%m-%d_%H-%M-%S")
            name, number = stamp, 1
            while True:
                try:
                    self.folder = safe_files.new_folder(
                        self.dossier_folder, f"{QUARANTINE_NAME}/{name}"
                    )
                    break
                except FileExistsError:
                    number += 1
                    name = f"{stamp}-{number}"
        assert self.folder is not None
        return self.folder


def _free_name(target: Path) -> Path:
    candidate, number = target, 1
    while os.path.lexists(candidate):
        number += 1
        candidate = target.with_name(f"{target.name}-{number}")
    return candidate

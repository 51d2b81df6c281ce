"""Which files of a disc (or of its folder) are DICOM files, judged by content.

A disc's ``DICOMDIR`` lists its images; it is read in a sandboxed reader, and each path it
gives is looked up inside the disc, one plain name at a time, never through a link and
never outside it (a path with ".." or a drive is ignored). Without a ``DICOMDIR`` (or with
one that cannot be read), every file is opened and judged by its first bytes: many hold
no extension. Anything else on the disc (the hospital's viewer program, autorun files, a
read-me) is counted, never opened further and never run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DossierError
from ..i18n import tr
from ..importer.pool import SandboxPool
from .header import PREAMBLE, is_dicom
from .worker import DICOMDIR, WARM

MAX_ENTRIES = 200_000  # files and folders looked at on one disc
MAX_FILES = 50_000  # DICOM files taken from one disc
MAX_FILE_BYTES = 1 << 30
_BAD_PARTS = frozenset({"", ".", ".."})


@dataclass
class DiscFiles:
    root: Path
    files: list[Path] = field(default_factory=list)
    ignored: int = 0  # files that are not DICOM images
    listed: bool = False  # found through the disc's DICOMDIR
    missing: int = 0  # listed in the DICOMDIR but not on the disc
    note: str | None = None  # why the DICOMDIR was not used


def is_dicom_file(path: Path) -> bool:
    """A regular file (not a link) that starts as a DICOM file does."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_FILE_BYTES:
            return False
        with path.open("rb") as handle:
            return is_dicom(handle.read(PREAMBLE + 4))
    except OSError:
        return False


def holds_dicom(folder: Path, *, look_at: int = 2_000) -> bool:
    """Whether ``folder`` looks like an imaging disc: a DICOMDIR at its top, or a DICOM
    file among the first ``look_at`` files."""
    if _dicomdir(folder) is not None:
        return True
    seen = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_dicom_file(Path(root, name)):
                return True
            seen += 1
            if seen >= look_at:
                return False
    return False


def find_files(
    root: Path, pool: SandboxPool, cancelled: Callable[[], bool] = lambda: False
) -> DiscFiles:
    """The DICOM files of the disc at ``root`` (a folder)."""
    if not root.is_dir() or root.is_symlink():
        raise DossierError(tr("Choose the disc itself or the folder that holds its files."))
    found = DiscFiles(root)
    dicomdir = _dicomdir(root)
    if dicomdir is not None:
        # The other readers start meanwhile, ready for the files' tags.
        tasks = [(0, dicomdir, DICOMDIR)] + [(n, dicomdir, WARM) for n in range(1, pool.size)]
        outcomes = list(pool.run(tasks, cancelled=cancelled))
        outcome = next((o for o in outcomes if o[0][2] == DICOMDIR), None)
        if outcome is not None and isinstance(outcome[1], list):
            _from_list(found, outcome[1])
            if found.files:
                return found
            found.note = tr("The disc's list of files (DICOMDIR) names no image on it.")
        else:
            found.note = tr(
                "The disc's list of files (DICOMDIR) could not be read: {reason}",
                reason=outcome[1] if outcome else "",
            )
        found.files, found.missing, found.listed = [], 0, False
    _walk(found, cancelled)
    return found


def _dicomdir(root: Path) -> Path | None:
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.name.upper() in ("DICOMDIR", "DICOMDIR.") and entry.is_file(
                    follow_symlinks=False
                ):
                    return Path(entry.path)
    except OSError:
        return None
    return None


def _from_list(found: DiscFiles, listed: list[list[str]]) -> None:
    found.listed = True
    seen: set[Path] = set()
    cache: dict[Path, dict[str, str]] = {}
    for parts in listed[:MAX_FILES]:
        path = _look_up(found.root, parts, cache)
        if path is None or path in seen:
            found.missing += path is None
            continue
        seen.add(path)
        if is_dicom_file(path):
            found.files.append(path)
        else:
            found.ignored += 1


def _look_up(root: Path, parts: list[str], cache: dict[Path, dict[str, str]]) -> Path | None:
    """The file a DICOMDIR's path names, found inside ``root`` name by name, whatever the
    case of its letters (discs are often read with lower-case names); None when a part is
    not a plain name, or is a link, or is not there."""
    here = root
    for index, part in enumerate(parts):
        if part in _BAD_PARTS or any(c in part for c in "/\\:\x00"):
            return None
        if here not in cache:
            try:
                with os.scandir(here) as entries:
                    cache[here] = {
                        entry.name.upper(): entry.name
                        for entry in entries
                        if not entry.is_symlink()
                    }
            except OSError:
                return None
        name = cache[here].get(part.upper())
        if name is None:
            return None
        here = here / name
        last = index == len(parts) - 1
        try:
            mode = os.lstat(here).st_mode
        except OSError:
            return None
        if (last and not stat.S_ISREG(mode)) or (not last and not stat.S_ISDIR(mode)):
            return None
    return here


def _walk(found: DiscFiles, cancelled: Callable[[], bool]) -> None:
    entries = 0
    for root, dirs, files in os.walk(found.root):  # never follows links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        entries += len(dirs) + len(files)
        if entries > MAX_ENTRIES:
            raise DossierError(
                tr(
                    "This folder holds more than {n} files: it is not an imaging disc. "
                    "Choose the disc's own folder.",
                    n=MAX_ENTRIES,
                )
            )
        if cancelled():
            return
        for name in sorted(files):
            path = Path(root, name)
            if name.upper() in ("DICOMDIR", "DICOMDIR."):
                continue
            if is_dicom_file(path):
                if len(found.files) >= MAX_FILES:
                    raise DossierError(
                        tr("The disc holds more than {n} images: too many to add.", n=MAX_FILES)
                    )
                found.files.append(path)
            else:
                found.ignored += 1


__all__ = ["MAX_FILES", "DiscFiles", "find_files", "holds_dicom", "is_dicom_file"]

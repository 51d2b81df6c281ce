"""Files in the vault that no record uses, and temporary files left by an interrupted import.

Look for them only while no import is in flight (:mod:`.inflight`): during an import a
file sits in the vault for a moment before its row is committed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..i18n import tr
from ..storage import Dossier
from ..vault import THUMB_SUFFIX
from .inflight import TMP_NAME, is_marker

LeftoverKind = Literal["file", "thumbnail", "unknown", "temp"]
_FOLDER_RE = re.compile(r"^[0-9a-f]{2}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Leftover:
    path: Path
    kind: LeftoverKind

    @property
    def reason(self) -> str:
        return reason_for(self.kind)


def reason_for(kind: LeftoverKind) -> str:
    return {
        "file": tr("a document file that no record of the dossier uses"),
        "thumbnail": tr("the small picture of a document that is not in the dossier"),
        "unknown": tr("a file that the dossier did not put there"),
        "temp": tr("part of a file, left when adding files was interrupted"),
    }[kind]


def known_hashes(dossier: Dossier) -> set[str]:
    """The content hash of every document, those in the trash included."""
    return {str(row[0]) for row in dossier.db.execute("SELECT sha256 FROM document")}


def find_leftovers(dossier: Dossier) -> list[Leftover]:
    """Every file of the vault without a record, and every leftover temporary file."""
    known = known_hashes(dossier)
    root = dossier.vault.root
    found: list[Leftover] = []
    try:
        folders = sorted(e.name for e in os.scandir(root) if e.is_dir(follow_symlinks=False))
    except OSError:
        return found
    for name in folders:
        if name == TMP_NAME:
            found += _temp_files(root / TMP_NAME)
        elif _FOLDER_RE.match(name):
            found += _unused_in(root / name, known)
    return found


def _unused_in(folder: Path, known: set[str]) -> list[Leftover]:
    found: list[Leftover] = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                continue  # the dossier never makes folders here; leave them be
            kind = _kind(entry.name, folder.name, known, entry.is_symlink())
            if kind is not None:
                found.append(Leftover(Path(entry.path), kind))
    return found


def _kind(name: str, folder: str, known: set[str], symlink: bool) -> LeftoverKind | None:
    if symlink:
        return "unknown"
    sha = name.removesuffix(THUMB_SUFFIX)
    if not _SHA_RE.match(sha) or sha[:2] != folder:
        return "unknown"
    if sha in known:
        return None
    return "thumbnail" if name.endswith(THUMB_SUFFIX) else "file"


def _temp_files(folder: Path) -> list[Leftover]:
    with os.scandir(folder) as entries:
        return [
            Leftover(Path(entry.path), "temp")
            for entry in sorted(entries, key=lambda e: e.name)
            if not is_marker(entry.name) and not entry.is_dir(follow_symlinks=False)
        ]

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

from .. import safe_files
from ..i18n import tr
from ..imaging.files import used_hashes
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
    """The vault name of every document's and stored image's file, those in the trash
    included (the content hash, or its keyed hash in a protected dossier)."""
    return {dossier.vault.name_for(sha) for sha in used_hashes(dossier)}


def find_leftovers(dossier: Dossier) -> list[Leftover]:
    """Every file of the vault without a record, and every leftover temporary file.

    A name that belongs to a document (its file, its thumbnail, the two-letter folder
    they are in) is never a leftover, whatever is there: the check of the documents' files
    reports it (once), and repair never moves a document's own file. Nothing is listed
    through a link: a linked ``vault/`` (or a linked folder in it) is reported as itself.
    """
    known = known_hashes(dossier)
    vault = dossier.vault
    top = safe_files.look(vault.folder, vault.name)
    if top.kind in ("link", "other", "file"):  # while documents use it, their check names it
        return [] if known else [Leftover(vault.root, "unknown")]
    try:
        entries = sorted(os.scandir(vault.root), key=lambda e: e.name)
    except OSError:
        return []
    claimed = {sha[:2] for sha in known}
    found: list[Leftover] = []
    for entry in entries:
        folder = entry.is_dir(follow_symlinks=False)
        if entry.name in claimed and not folder:
            continue  # a link (or a file) in place of a documents' folder: theirs to report
        if entry.is_symlink():
            found.append(Leftover(Path(entry.path), "unknown"))
        elif not folder:
            continue  # the vault's own bookkeeping (the in-flight lock)
        elif entry.name == TMP_NAME:
            found += _temp_files(Path(entry.path))
        elif _FOLDER_RE.match(entry.name):
            found += _unused_in(Path(entry.path), known)
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
    sha = name.removesuffix(THUMB_SUFFIX)
    named = bool(_SHA_RE.match(sha)) and sha[:2] == folder
    if named and sha in known:
        return None  # a document's own name: the check of its file says what is there
    if symlink or not named:
        return "unknown"
    return "thumbnail" if name.endswith(THUMB_SUFFIX) else "file"


def _temp_files(folder: Path) -> list[Leftover]:
    with os.scandir(folder) as entries:
        return [
            Leftover(Path(entry.path), "temp")
            for entry in sorted(entries, key=lambda e: e.name)
            if not is_marker(entry.name) and not entry.is_dir(follow_symlinks=False)
        ]

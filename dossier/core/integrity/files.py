"""Every document's file in the vault, with its SHA-256, and its thumbnail.

Files are read in chunks and their hash compared with the one the document was stored
under; a thumbnail must be a complete, readable PNG.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import tr
from ..storage import Dossier
from ..vault import CHUNK
from .database_checks import MAX_ITEMS, restore_advice
from .findings import Finding, Item, counted

Step = Callable[[int], None]  # told how many bytes were read since the last call


@dataclass(frozen=True)
class DocumentFile:
    """What a document says about its file."""

    id: int
    title: str
    sha256: str
    size: int
    media_type: str
    has_thumbnail: bool
    in_trash: bool

    @property
    def label(self) -> str:
        if self.in_trash:
            return tr("“{title}” (document {id}, in the trash)", title=self.title, id=self.id)
        return tr("“{title}” (document {id})", title=self.title, id=self.id)


@dataclass
class FileState:
    """Per document: what is wrong with its file, and with its thumbnail."""

    missing: list[DocumentFile]
    damaged: list[DocumentFile]
    thumbnail_missing: list[DocumentFile]
    thumbnail_damaged: list[DocumentFile]

    def intact(self, document: DocumentFile) -> bool:
        return document not in self.missing and document not in self.damaged


def documents(dossier: Dossier) -> list[DocumentFile]:
    rows = dossier.db.execute(
        "SELECT id, title, sha256, size, media_type, has_thumbnail, deleted_at "
        "FROM document ORDER BY id"
    ).fetchall()
    return [
        DocumentFile(int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), bool(r[5]), bool(r[6]))
        for r in rows
    ]


def file_of(dossier: Dossier, document: DocumentFile) -> Path | None:
    try:
        return dossier.vault.path_for(document.sha256)
    except ValueError:  # not a SHA-256 at all: no file can be found for it
        return None


def thumbnail_of(dossier: Dossier, document: DocumentFile) -> Path | None:
    try:
        return dossier.vault.thumbnail_path(document.sha256)
    except ValueError:
        return None


def examine(
    dossier: Dossier,
    docs: list[DocumentFile],
    *,
    hashes: bool = True,
    step: Step = lambda _n: None,
) -> FileState:
    """Look at every document's file (its hash too when ``hashes``) and its thumbnail."""
    state = FileState([], [], [], [])
    for document in docs:
        path = file_of(dossier, document)
        if path is None or not path.is_file():
            state.missing.append(document)
        elif hashes and not _hash_matches(path, document, step):
            state.damaged.append(document)
        if document.has_thumbnail:
            thumb = thumbnail_of(dossier, document)
            if thumb is None or not thumb.is_file():
                state.thumbnail_missing.append(document)
            elif not thumbnail_readable(thumb):
                state.thumbnail_damaged.append(document)
    return state


def _hash_matches(path: Path, document: DocumentFile, step: Step) -> bool:
    try:
        if path.stat().st_size != document.size:
            step(document.size)
            return False
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                step(len(chunk))
    except OSError:  # unreadable (a failing disk): as good as damaged
        return False
    return digest.hexdigest() == document.sha256


def thumbnail_readable(path: Path) -> bool:
    """True when ``path`` is a complete PNG (every chunk's checksum is right)."""
    from PIL import Image

    try:
        with Image.open(path, formats=["PNG"]) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file: all mean "damaged"
        return False
    return True


def file_findings(state: FileState) -> list[Finding]:
    found: list[Finding] = []
    if state.missing:
        found.append(
            Finding(
                "file_missing",
                counted(
                    len(state.missing),
                    tr("One document has lost its file: it is not in the vault."),
                    tr("{n} documents have lost their file: it is not in the vault."),
                ),
                tr(
                    "The details of these documents are kept. If you still have the original "
                    "files, add them again (Import files…): the dossier puts each one back in "
                    "its place. Otherwise: {restore}",
                    restore=restore_advice(),
                ),
                _items(dossier_files=state.missing),
            )
        )
    if state.damaged:
        found.append(
            Finding(
                "file_damaged",
                counted(
                    len(state.damaged),
                    tr("One document has a damaged file: it is no longer what was stored."),
                    tr("{n} documents have a damaged file: it is no longer what was stored."),
                ),
                restore_advice(),
                _items(dossier_files=state.damaged),
            )
        )
    if state.thumbnail_missing:
        found.append(
            Finding(
                "thumbnail_missing",
                counted(
                    len(state.thumbnail_missing),
                    tr("One document has lost its small picture (thumbnail)."),
                    tr("{n} documents have lost their small picture (thumbnail)."),
                ),
                tr("Repair makes new ones from the documents."),
                _items(dossier_files=state.thumbnail_missing),
            )
        )
    if state.thumbnail_damaged:
        found.append(
            Finding(
                "thumbnail_damaged",
                counted(
                    len(state.thumbnail_damaged),
                    tr("One document has a damaged small picture (thumbnail)."),
                    tr("{n} documents have a damaged small picture (thumbnail)."),
                ),
                tr(
                    "Repair makes new ones from the documents; the damaged ones are moved "
                    "to the quarantine folder."
                ),
                _items(dossier_files=state.thumbnail_damaged),
            )
        )
    return found


def _items(*, dossier_files: list[DocumentFile]) -> tuple[Item, ...]:
    return tuple(
        Item(d.label, d.id, f"vault/{d.sha256[:2]}/{d.sha256}") for d in dossier_files[:MAX_ITEMS]
    )

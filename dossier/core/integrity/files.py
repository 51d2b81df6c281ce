"""Every document's file in the vault, with its SHA-256, and its thumbnail.

Files are read in chunks and their hash compared with the one the document was stored
under; a thumbnail must be a complete, readable PNG. Nothing is followed: a link (or a
folder, a pipe…) in place of a document's file, or of a folder on the way to it, is
reported once, as the document's file replaced, with the path of exactly that link, so
repair can move it and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .. import safe_files
from ..i18n import ntr, tr
from ..storage import Dossier
from ..vault_read import StoredFileRefused, open_vault_file, stored_chunks
from .database_checks import MAX_ITEMS, restore_advice
from .findings import Finding, Item

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


@dataclass(frozen=True)
class Replaced:
    """A document whose file is not a regular file of the vault: ``path`` (relative to the
    dossier folder, with "/") is what stands in its way: the link (or folder, pipe…) in
    its place, or a linked folder on the way to it."""

    document: DocumentFile
    path: str


@dataclass
class FileState:
    """Per document: what is wrong with its file, and with its thumbnail."""

    missing: list[DocumentFile]
    damaged: list[DocumentFile]
    thumbnail_missing: list[DocumentFile]
    thumbnail_damaged: list[DocumentFile]
    replaced: list[Replaced]

    def intact(self, document: DocumentFile) -> bool:
        return (
            document not in self.missing
            and document not in self.damaged
            and all(r.document != document for r in self.replaced)
        )


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
    state = FileState([], [], [], [], [])
    vault = dossier.vault
    for document in docs:
        path = file_of(dossier, document)
        found = safe_files.look(vault.folder, vault.relative(path)) if path else None
        if found is None or found.kind == "missing":
            state.missing.append(document)
        elif found.kind != "file":
            state.replaced.append(Replaced(document, "/".join(found.at)))
            continue  # its thumbnail is behind the same link, or beside what replaced it
        elif hashes and not _hash_matches(dossier, document, step):
            state.damaged.append(document)
        if document.has_thumbnail:
            thumb = thumbnail_of(dossier, document)
            seen = safe_files.look(vault.folder, vault.relative(thumb)) if thumb else None
            if thumb is None or seen is None or seen.kind == "missing":
                state.thumbnail_missing.append(document)
            elif seen.kind != "file" or not _stored_thumbnail_readable(dossier, thumb):
                state.thumbnail_damaged.append(document)  # a link is moved and made again
    return state


def _hash_matches(dossier: Dossier, document: DocumentFile, step: Step) -> bool:
    """Read the file through the vault's checked reader (size, then SHA-256)."""
    read = 0
    try:
        for chunk in stored_chunks(dossier.vault, document.sha256, document.size):
            read += len(chunk)
            step(len(chunk))
    except StoredFileRefused:  # another size, another content, or unreadable
        step(max(0, document.size - read))  # the progress still reaches its total
        return False
    return True


def thumbnail_readable(source: Path | BinaryIO) -> bool:
    """True when ``source`` is a complete PNG (every chunk's checksum is right)."""
    from PIL import Image

    try:
        with Image.open(source, formats=["PNG"]) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file: all mean "damaged"
        return False
    return True


def _stored_thumbnail_readable(dossier: Dossier, path: Path) -> bool:
    """:func:`thumbnail_readable` for a thumbnail of the vault, never read through a link."""
    try:
        with open_vault_file(dossier.vault, path) as handle:
            return thumbnail_readable(handle)
    except StoredFileRefused:
        return False


def file_findings(state: FileState) -> list[Finding]:
    found: list[Finding] = []
    if state.missing:
        found.append(
            Finding(
                "file_missing",
                ntr(
                    "One document has lost its file: it is not in the dossier folder.",
                    "{n} documents have lost their file: it is not in the dossier folder.",
                    len(state.missing),
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
                ntr(
                    "One document has a damaged file: it is no longer what was stored.",
                    "{n} documents have a damaged file: it is no longer what was stored.",
                    len(state.damaged),
                ),
                restore_advice(),
                _items(dossier_files=state.damaged),
            )
        )
    if state.replaced:
        found.append(
            Finding(
                "file_replaced",
                ntr(
                    "The file of one document has been replaced by a link (or by something "
                    "else that is not an ordinary file).",
                    "The files of {n} documents have been replaced by links (or by "
                    "something else that is not an ordinary file).",
                    len(state.replaced),
                ),
                tr(
                    "The program never reads through a link, so these documents cannot be "
                    "shown, printed or copied. Repair moves the links to the quarantine folder "
                    "inside the dossier (what they point to is not touched). Then add the "
                    "original files again (Import files…): the dossier puts each one back in "
                    "its place. Otherwise: {restore}",
                    restore=restore_advice(),
                ),
                tuple(
                    Item(r.document.label, r.document.id, r.path)
                    for r in state.replaced[:MAX_ITEMS]
                ),
            )
        )
    if state.thumbnail_missing:
        found.append(
            Finding(
                "thumbnail_missing",
                ntr(
                    "One document has lost its small picture (thumbnail).",
                    "{n} documents have lost their small picture (thumbnail).",
                    len(state.thumbnail_missing),
                ),
                tr("Repair makes new ones from the documents."),
                _items(dossier_files=state.thumbnail_missing),
            )
        )
    if state.thumbnail_damaged:
        found.append(
            Finding(
                "thumbnail_damaged",
                ntr(
                    "One document has a damaged small picture (thumbnail).",
                    "{n} documents have a damaged small picture (thumbnail).",
                    len(state.thumbnail_damaged),
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

"""Making thumbnails again from their documents' files.

Each file is read by the same sandboxed readers as an import (a damaged file cannot hang
or crash the program). The readers never see the vault itself: each file is first copied,
checked (a regular file of the vault, never a link, of the recorded size and SHA-256: see
:mod:`..vault_read`), into a private temporary folder, and the copy is read and removed.
In a dossier protected with a passphrase nothing decrypted is written: each file is read,
checked and decrypted in memory, and its content goes to the reader through its pipe
(:func:`..importer.pool.source_for`). A damaged thumbnail (or a link in its place) is
moved to quarantine first, never deleted.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import tr
from ..importer.handlers import Source
from ..importer.pool import Outcome, SandboxPool, Task, source_for
from ..storage import Dossier
from ..vault_read import StoredFileRefused, copy_stored
from .files import DocumentFile, thumbnail_of
from .quarantine import Quarantine


@dataclass
class ThumbnailsResult:
    made: list[DocumentFile] = field(default_factory=list)
    failed: list[tuple[DocumentFile, str]] = field(default_factory=list)  # and why


def rebuild_thumbnails(
    dossier: Dossier,
    docs: list[DocumentFile],
    quarantine: Quarantine,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> ThumbnailsResult:
    """Make the thumbnail of each of ``docs`` (whose files are intact) again."""
    result = ThumbnailsResult()
    if not docs:
        return result
    by_id = {d.id: d for d in docs}
    with _private_folder(dossier) as private:

        def tasks() -> Iterator[Task]:
            """A checked copy (or the decrypted content) of each file, made only when a
            reader is free for it."""
            for document in docs:
                source: Source
                try:
                    if private is None:  # protected: in memory only
                        source = source_for(dossier.vault, document.sha256, document.size)
                    else:
                        source = Path(private, str(document.id))
                        copy_stored(dossier.vault, document.sha256, document.size, source)
                except StoredFileRefused as exc:
                    result.failed.append((document, _why(exc)))
                    continue
                yield (document.id, source, document.media_type)

        with SandboxPool(workers=min(2, len(docs))) as pool:
            for (document_id, source, _media), outcome in pool.run(tasks(), cancelled=cancelled):
                if isinstance(source, Path):
                    source.unlink(missing_ok=True)
                _store(dossier, by_id[document_id], outcome, quarantine, result)
    return result


def _private_folder(dossier: Dossier) -> contextlib.AbstractContextManager[str | None]:
    """A private temporary folder for the copies; none for a protected dossier (nothing
    decrypted is ever written)."""
    if dossier.vault.cipher is not None:
        return contextlib.nullcontext()
    return tempfile.TemporaryDirectory(prefix="dossier-thumbnails-")


def _store(
    dossier: Dossier,
    document: DocumentFile,
    outcome: Outcome,
    quarantine: Quarantine,
    result: ThumbnailsResult,
) -> None:
    if isinstance(outcome, str):
        result.failed.append((document, outcome))
        return
    png = outcome.thumbnail
    if png is None:
        result.failed.append((document, tr("no small picture can be made of it.")))
        return
    thumb = thumbnail_of(dossier, document)
    assert thumb is not None  # its file was found under the same hash
    if os.path.lexists(thumb):  # damaged, or a link in its place: moved as it is
        quarantine.move(thumb, tr("a damaged small picture, made again"))
    dossier.vault.add_thumbnail(document.sha256, png)
    result.made.append(document)


def _why(refused: StoredFileRefused) -> str:
    if refused.problem == "missing":
        return tr("its file is missing.")
    if refused.problem == "replaced":
        return tr("its file has been replaced by a link.")
    return tr("its file is damaged.")

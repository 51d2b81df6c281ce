"""Making thumbnails again from their documents' files.

Each file is read by the same sandboxed readers as an import (a damaged file cannot hang
or crash the program). A damaged thumbnail is moved to quarantine first, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..importer.pool import SandboxPool, Task
from ..storage import Dossier
from .files import DocumentFile, file_of, thumbnail_of
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
    from ..i18n import tr

    result = ThumbnailsResult()
    by_id = {d.id: d for d in docs}
    tasks: list[Task] = []
    for document in docs:
        path = file_of(dossier, document)
        if path is None or not path.is_file():
            result.failed.append((document, tr("its file is missing.")))
            continue
        tasks.append((document.id, path, document.media_type))
    if not tasks:
        return result
    with SandboxPool(workers=min(2, len(tasks))) as pool:
        for (document_id, _path, _media_type), outcome in pool.run(tasks, cancelled=cancelled):
            document = by_id[document_id]
            if isinstance(outcome, str):
                result.failed.append((document, outcome))
                continue
            if outcome.thumbnail is None:
                result.failed.append((document, tr("no small picture can be made of it.")))
                continue
            thumb = thumbnail_of(dossier, document)
            assert thumb is not None  # its file was found under the same hash
            if thumb.exists():
                quarantine.move(thumb, tr("a damaged small picture, made again"))
            dossier.vault.add_thumbnail(document.sha256, outcome.thumbnail)
            result.made.append(document)
    return result

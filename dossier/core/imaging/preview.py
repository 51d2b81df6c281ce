"""The images of a series, in order, and one of them drawn for the screen.

Drawing decodes untrusted pixel data, so it happens in a sandboxed reader process
(:mod:`.render`), kept warm by :class:`ImageReader` so that choosing a slice shows it at
once. Only files kept in the vault can be drawn; each is looked at (a regular file of the
recorded size, never a link) before its path goes to the reader (in a dossier protected
with a passphrase, its content, decrypted in memory, goes through the reader's pipe).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import DossierError
from ..i18n import tr
from ..importer.pool import SandboxPool, source_for
from ..storage import Dossier
from ..vault_read import StoredFileRefused, stored_state

RENDER_TIMEOUT = 20.0
RENDER_MEMORY = 1536 << 20


@dataclass(frozen=True)
class Slice:
    file_id: int
    frame: int  # 0 for a file of one image
    sha256: str | None
    size: int


@dataclass(frozen=True)
class Drawn:
    width: int
    height: int
    format: str  # "gray8" or "rgb888"
    data: bytes


def series_slices(dossier: Dossier, series_id: int) -> list[Slice]:
    """Every image of a series in scanning order (a file of several frames gives each)."""
    rows = dossier.db.execute(
        "SELECT id, frames, sha256, size FROM imaging_file WHERE series_id = ? "
        "ORDER BY number IS NULL, number, position, id",
        [series_id],
    ).fetchall()
    slices: list[Slice] = []
    for file_id, frames, sha, size in rows:
        for frame in range(max(1, min(int(frames or 1), 5_000))):
            slices.append(Slice(int(file_id), frame, sha, int(size)))
    return slices


def middle(slices: list[Slice]) -> int:
    """The index of the series' representative image: its middle slice."""
    return len(slices) // 2


class ImageReader:
    """Draws images in one sandboxed reader, started on first use and kept until closed."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._pool: SandboxPool | None = None

    def draw(self, item: Slice) -> Drawn:
        """The image, or :class:`DossierError` saying in plain words why it cannot be shown."""
        if item.sha256 is None:
            raise DossierError(
                tr("This image was only listed, not kept in the dossier: look at the disc itself.")
            )
        problem = stored_state(self.dossier.vault, item.sha256, item.size)
        if problem is not None:
            raise DossierError(problem.message)
        try:  # its path; in a protected dossier, its content decrypted in memory
            source = source_for(self.dossier.vault, item.sha256, item.size)
        except StoredFileRefused as exc:
            raise DossierError(exc.message) from None
        if self._pool is None:
            # At the program's own priority, not below it as the import's readers are: the
            # window waits for this reader's answer (a slice being looked at).
            self._pool = SandboxPool(
                workers=1,
                reader="imaging",
                timeout=RENDER_TIMEOUT,
                memory_limit=RENDER_MEMORY,
                give_way=False,
            )
        what = json.dumps({"frame": item.frame})
        outcome: Any = None
        for _task, result in self._pool.run([(item.file_id, source, what)]):
            outcome = result
        if not isinstance(outcome, dict):
            raise DossierError(str(outcome or tr("The image could not be drawn.")))
        return Drawn(
            int(outcome["width"]), int(outcome["height"]), str(outcome["format"]), outcome["data"]
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


__all__ = ["Drawn", "ImageReader", "Slice", "middle", "series_slices"]

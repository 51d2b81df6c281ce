"""Thumbnails for the document grid: read from the vault off the UI thread, kept in a cache.

The importer stores a small PNG beside each file (``vault.thumbnail_path``). The
grid asks :meth:`ThumbnailProvider.pixmap` for a record; a cached thumbnail is
returned at once, otherwise a calm placeholder, and the PNG is decoded and scaled
on a worker thread. :attr:`ready` announces it, so the view repaints that tile.
Only thumbnails the view actually paints are ever loaded. A thumbnail is read as a
regular file of the vault (:mod:`dossier.core.vault_read`), never through a link.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap

from ...core.i18n import tr
from ...core.vault import Vault
from ...core.vault_read import StoredFileRefused, open_vault_file
from .. import tasks

TILE_IMAGE = QSize(120, 160)  # the space a thumbnail gets in a grid tile
MAX_THUMBNAIL_BYTES = 16 << 20  # the program makes them small; a bigger one is not read


def load_scaled(vault: Vault, path: Path, size: QSize) -> QImage | None:
    """Decode the thumbnail at ``path`` and scale it to fit ``size`` (runs on a worker
    thread); None when it is not a regular file of the vault, or not a picture."""
    try:
        with open_vault_file(vault, path) as handle:
            data = handle.read(MAX_THUMBNAIL_BYTES + 1)
    except (StoredFileRefused, OSError):
        return None
    if len(data) > MAX_THUMBNAIL_BYTES:
        return None
    # Decoded from the bytes by Qt alone: a device made in Python must not be read on this
    # worker thread (each read would wait for Python's lock while holding Qt's).
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if image.width() > size.width() or image.height() > size.height():
        image = image.scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def kind_word(media_type: str | None) -> str:
    """A short plain word for a file type, shown on placeholders."""
    if media_type == "application/pdf":
        return tr("PDF")
    if media_type and media_type.startswith("image/"):
        return tr("Picture")
    if media_type and media_type.startswith("text/"):
        return tr("Text")
    return tr("File")


class ThumbnailProvider(QObject):
    """Thumbnails by content hash, loaded lazily and cached (least recently used dropped)."""

    ready = Signal(str)  # the SHA-256 whose thumbnail has just been loaded

    def __init__(
        self,
        vault: Vault,
        parent: QObject | None = None,
        *,
        size: QSize = TILE_IMAGE,
        capacity: int = 600,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.size = size
        self.capacity = capacity
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._loading: set[str] = set()
        self._failed: set[str] = set()
        self._placeholders: dict[tuple[str, bool], QPixmap] = {}

    def pixmap(self, record: Mapping[str, Any]) -> QPixmap:
        """The thumbnail of a document record, or a placeholder while it loads (or if none)."""
        sha = record.get("sha256")
        if isinstance(sha, str) and record.get("has_thumbnail") and sha not in self._failed:
            cached = self._cache.get(sha)
            if cached is not None:
                self._cache.move_to_end(sha)
                return cached
            self._request(sha)
        return self.placeholder(record.get("media_type"), bool(record.get("encrypted")))

    def cached(self, sha: str) -> bool:
        return sha in self._cache

    def _request(self, sha: str) -> None:
        if sha in self._loading:
            return
        self._loading.add(sha)
        vault, path, size = self.vault, self.vault.thumbnail_path(sha), self.size
        tasks.start(
            lambda _task: load_scaled(vault, path, size),
            done=partial(self._loaded, sha),
            failed=partial(self._not_loaded, sha),
            owner=self,
            name="thumbnail",
            lane=tasks.THUMBNAILS,
        )

    def _loaded(self, sha: str, image: QImage | None) -> None:
        self._loading.discard(sha)
        if image is None:
            self._failed.add(sha)
        else:
            self._cache[sha] = QPixmap.fromImage(image)
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        self.ready.emit(sha)

    def _not_loaded(self, sha: str, _error: BaseException) -> None:
        self._loaded(sha, None)

    def placeholder(self, media_type: str | None, locked: bool = False) -> QPixmap:
        """A plain sheet of paper with the file type written on it."""
        key = (kind_word(media_type), locked)
        cached = self._placeholders.get(key)
        if cached is not None:
            return cached
        width = round(self.size.height() * 0.72)
        height = self.size.height()
        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        sheet = QRectF(1.5, 1.5, width - 3, height - 3)
        painter.setPen(QPen(QColor(150, 150, 150), 1))
        painter.setBrush(QColor(250, 250, 248))
        painter.drawRoundedRect(sheet, 4, 4)
        painter.setPen(QPen(QColor(205, 205, 205), 2))
        for row in range(6):
            y = 24 + row * 12
            right = width - 16 if row % 3 != 2 else width * 0.55
            painter.drawLine(14, y, round(right), y)
        font = QFont(painter.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(110, 110, 110))
        label = key[0]
        if locked:
            label += "\n" + tr("Password protected")
        painter.drawText(
            sheet.adjusted(6, height * 0.55, -6, -6),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            label,
        )
        painter.end()
        self._placeholders[key] = pixmap
        return pixmap

"""The series of a study, each with its representative (middle) slice as a picture, its
description, body part and number of images. Choosing one shows it in the viewer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from ...core.i18n import tr
from ...core.imaging.preview import Slice, middle
from .slice_loader import THUMBNAIL, Shown, SliceLoader, Wanted
from .study_text import series_details, series_title

SERIES_ROLE = Qt.ItemDataRole.UserRole + 1


def placeholder(text: str = "") -> QPixmap:
    """A dark square where a series' picture goes until it is drawn (or cannot be)."""
    picture = QPixmap(THUMBNAIL, THUMBNAIL)
    picture.fill(QColor(12, 12, 12))
    if text:
        painter = QPainter(picture)
        painter.setPen(QColor(220, 220, 220))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(picture.rect().adjusted(6, 6, -6, -6), int(flags), text)
        painter.end()
    return picture


def framed(image: QImage) -> QPixmap:
    """The drawn picture on its dark square, so every series' picture has one size."""
    picture = placeholder()
    painter = QPainter(picture)
    x = (THUMBNAIL - image.width()) // 2
    y = (THUMBNAIL - image.height()) // 2
    painter.drawImage(x, y, image)
    painter.end()
    return picture


def _icon(picture: QPixmap) -> QIcon:
    """The picture as it is, chosen or not (not tinted with the selection's colour)."""
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(picture, mode)
    return icon


class SeriesList(QListWidget):
    """One row per series; :attr:`series_chosen` gives its id when one is chosen."""

    series_chosen = Signal(object)  # the series id, or None

    def __init__(self, loader: SliceLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesList")
        self.setAccessibleName(tr("Series of this study"))
        self.loader = loader
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.setWordWrap(True)
        self.setSpacing(4)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._representative: dict[int, Slice] = {}
        self.currentItemChanged.connect(self._on_current)
        loader.ready.connect(self._ready)

    def set_series(
        self, series: Sequence[Mapping[str, Any]], slices: Mapping[int, Sequence[Slice]]
    ) -> None:
        """List ``series`` (a study's, as the core gives them) with the slices of each."""
        self.blockSignals(True)
        self.clear()
        self._representative = {}
        self.loader.forget_thumbnails()
        for entry in series:
            series_id = int(entry["id"])
            item = QListWidgetItem(f"{series_title(entry)}\n{series_details(entry)}")
            item.setData(SERIES_ROLE, series_id)
            item.setSizeHint(QSize(-1, THUMBNAIL + 12))
            own = slices.get(series_id) or []
            if own:
                representative = own[middle(list(own))]
                self._representative[series_id] = representative
                found = self.loader.thumbnail(representative)
                item.setIcon(_icon(self._picture(found)))
            else:
                item.setIcon(_icon(placeholder(tr("No image"))))
            self.addItem(item)
        self.blockSignals(False)

    def choose(self, series_id: int) -> bool:
        for row in range(self.count()):
            item = self.item(row)
            if item is not None and item.data(SERIES_ROLE) == series_id:
                self.setCurrentItem(item)
                return True
        return False

    def current_series(self) -> int | None:
        item = self.currentItem()
        return int(item.data(SERIES_ROLE)) if item is not None else None

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.series_chosen.emit(int(current.data(SERIES_ROLE)) if current is not None else None)

    def _ready(self, wanted: Wanted, shown: Shown) -> None:
        if not wanted.thumbnail:
            return
        for row in range(self.count()):
            item = self.item(row)
            series_id = item.data(SERIES_ROLE) if item is not None else None
            if item is not None and self._representative.get(series_id) == wanted.item:
                item.setIcon(_icon(self._picture(shown)))

    @staticmethod
    def _picture(found: Shown | None) -> QPixmap:
        if found is None:
            return placeholder()
        if isinstance(found, QImage):
            return framed(found)
        return placeholder(tr("No picture"))

    def has_picture(self, series_id: int) -> bool:
        """Whether the series' picture has been drawn (tests and the screen catalogue)."""
        representative = self._representative.get(series_id)
        return representative is not None and isinstance(
            self.loader.cached(Wanted(representative, thumbnail=True)), QImage
        )


__all__ = ["SeriesList"]

"""A series in the viewer: its slices one at a time, chosen with the mouse wheel, the keys
or the slider, with "Slice 5 of 12" beside the slider.

A slice already drawn appears at once; another is asked of the loader, and the newest
request is the only one drawn, so scrolling fast never queues work behind the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ...core.i18n import tr
from ...core.imaging.preview import Slice, middle
from .slice_loader import AHEAD, Shown, SliceLoader, Wanted
from .slice_view import SliceView


class SeriesViewer(QWidget):
    """The slices of one series, and the controls to go through them."""

    slice_shown = Signal(int)  # the index now chosen (drawn or on its way)

    def __init__(self, loader: SliceLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.slices: list[Slice] = []
        self.index = 0
        self._direction = 1
        self.series_id: int | None = None
        self.view = SliceView()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("sliceSlider")
        self.slider.setAccessibleName(tr("Slice"))
        self.slider.setMinimum(1)
        self.slider.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.position = QLabel()
        self.position.setObjectName("slicePosition")
        self.hint = QLabel(tr("Scroll with the mouse wheel or the arrow keys."))
        self.hint.setObjectName("sliceHint")
        self.hint.setWordWrap(True)
        font = self.hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.hint.setFont(font)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.position)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.view.step.connect(lambda n: self.go_to(self.index + n))
        self.view.page.connect(lambda n: self.go_to(self.index + n * self.page_size()))
        self.view.jump.connect(lambda end: self.go_to(0 if end == "first" else self.count() - 1))
        loader.ready.connect(self._ready)
        self.show_series(None, [])

    def count(self) -> int:
        return len(self.slices)

    def page_size(self) -> int:
        """Page Up and Page Down go a tenth of the series (at least one slice)."""
        return max(1, self.count() // 10)

    def show_series(
        self, series_id: int | None, slices: Sequence[Slice], at: int | None = None
    ) -> None:
        """Show the series' slices from ``at`` (its middle one without it)."""
        self.series_id = series_id
        self.slices = list(slices)
        self.index = -1
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(1, self.count()))
        self.slider.setEnabled(self.count() > 1)
        self.slider.setPageStep(self.page_size())
        self.slider.blockSignals(False)
        self.slider.setVisible(bool(self.slices))
        self.hint.setVisible(self.count() > 1)
        if not self.slices:
            self.position.clear()
            self.view.show_message(
                tr("Choose a series to see its images.")
                if series_id is None
                else tr("This series holds no image.")
            )
            return
        self.view.clear()  # not the last series' image while this one's is drawn
        self.go_to(middle(self.slices) if at is None else at)

    def go_to(self, index: int) -> None:
        """Show slice ``index`` (from 0), kept within the series."""
        if not self.slices:
            return
        index = max(0, min(self.count() - 1, index))
        if index == self.index:
            return
        self._direction = 1 if index >= self.index else -1
        self.index = index
        self.slider.blockSignals(True)
        self.slider.setValue(index + 1)
        self.slider.blockSignals(False)
        # Translators: where the viewer is in a series: "Slice 5 of 12".
        self.position.setText(tr("Slice {n} of {total}", n=index + 1, total=self.count()))
        self.view.setAccessibleName(
            tr("Image, slice {n} of {total}", n=index + 1, total=self.count())
        )
        found = self.loader.show(self.slices[index], self._ahead(index))
        if found is not None:
            self._put(found)
        elif self.view.image is None:
            self.view.show_message(tr("Drawing the image…"))
        self.slice_shown.emit(index)

    def _ahead(self, index: int) -> list[Slice]:
        steps = range(1, AHEAD + 1)
        near = [index + self._direction * s for s in steps] + [index - self._direction]
        return [self.slices[i] for i in near if 0 <= i < self.count()]

    def _ready(self, wanted: Wanted, shown: Shown) -> None:
        if wanted.thumbnail or not self.slices or not 0 <= self.index < self.count():
            return
        if wanted.item == self.slices[self.index]:
            self._put(shown)

    def _put(self, shown: Shown) -> None:
        if isinstance(shown, QImage):
            self.view.show_image(shown)
        else:
            self.view.show_message(shown)

    def shown_image(self) -> QImage | None:
        """The image on screen now (None while it is drawn, or when it cannot be)."""
        return self.view.image


__all__ = ["SeriesViewer"]

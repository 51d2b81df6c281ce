"""A record form that scrolls while its Save and Undo my typing buttons stay in sight.

An opinion has twelve aspects: its form is taller than any window. The pane scrolls the
fields and keeps the buttons pinned below them; after a save it goes back to the top, so
the next click lands on the field the person sees.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from .record_form import RecordForm

__all__ = ["FormPane"]


class FormPane(QWidget):
    """``form`` in a scroll area, its button bar pinned under it."""

    def __init__(self, form: RecordForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("formScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(form)
        bar = form.button_bar
        bar.setContentsMargins(8, 4, 8, 4)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(line)
        layout.addWidget(bar)
        form.saved.connect(lambda _change: self.to_top())
        form.loaded.connect(self.to_top)

    def to_top(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)

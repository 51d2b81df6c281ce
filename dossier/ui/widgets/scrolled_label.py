"""A wrapped label that scrolls when its place is too low for all of it.

A long word-wrapped label in a column shares the height with a list below it: with large
text on a screen 768 pixels high, the column had too little room for both and the label
lost its last lines. In a :class:`ScrolledLabel` it asks for all the height its text needs
at its width, and when the column cannot give that, it shows a scroll bar instead of
cutting the text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

__all__ = ["ScrolledLabel"]


class ScrolledLabel(QScrollArea):
    """Holds ``label`` (word-wrapped); as high as its text at the width given, or less."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setWordWrap(True)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAccessibleName(label.accessibleName())

    def _text_height(self) -> int:
        width = max(1, self.viewport().width() if self.isVisible() else self.width())
        return self.label.heightForWidth(width) if self.label.text() else 0

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(0, self._text_height()))

    def minimumSizeHint(self) -> QSize:
        lines = self.label.fontMetrics().lineSpacing() * 3  # at least three lines in sight
        return QSize(super().minimumSizeHint().width(), min(lines, self._text_height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # another width: another height for the text

    def refit(self) -> None:
        """The label's text changed: ask for its new height."""
        self.updateGeometry()

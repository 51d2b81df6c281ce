"""A check box whose words wrap onto more lines: a long choice in a longer language (Dutch,
the pseudo-language) stays whole in a narrow dialog, where a QCheckBox's one line is cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

__all__ = ["CheckLabel", "wrapped_check"]


class CheckLabel(QLabel):
    """The words of ``box``, wrapped; clicking them ticks the box, as its own words do."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)  # its &mnemonic goes to the box
        self.setTextFormat(Qt.TextFormat.PlainText)
        box.setAccessibleName(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


def wrapped_check(box: QCheckBox, text: str) -> QWidget:
    """``box`` (without words of its own) and ``text`` beside it, wrapping: one row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(CheckLabel(text, box), 1)
    return row

"""Labels the dialogs share: a wrapped line of plain text, and a bold heading over it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..imaging.reading_side import window_side


def text_label(text: str, name: str = "") -> QLabel:
    """A wrapped line of plain text, starting where the window's language starts."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return window_side(label)


def heading_label(text: str, name: str = "") -> QLabel:
    """A dialog's heading: a :func:`text_label`, bold and 1.2 times the usual size."""
    label = text_label(text, name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    return label


__all__ = ["heading_label", "text_label"]

"""A bold heading, larger than the text around it, for the Documents page's parts."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def heading(text: str, scale: float) -> QLabel:
    """A bold label ``scale`` times the size of the usual text."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label

"""Labels that start where the window's text starts, whatever their own script.

A label lines up by its own text: a study's name in Latin letters ("CT THORAX") would stand
at the left of a Hebrew window. These labels are set to the window's side instead, as the
welcome page's title is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...core.i18n import is_right_to_left


def window_side(
    label: QLabel, *, vertical: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter
) -> QLabel:
    """Align ``label`` to the side the window's language starts from (right in Hebrew). (Not
    at the top: an indent then adds to the top edge too.)"""
    side = Qt.AlignmentFlag.AlignRight if is_right_to_left() else Qt.AlignmentFlag.AlignLeft
    label.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | vertical)
    return label


__all__ = ["window_side"]

"""Dialogs of wrapped text that are wide enough to read and tall enough for every line,
whatever the size of the text: a window sizes itself by its widest line, and a wrapped
label asks for its height only once its width is known."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def wide_enough(dialog: QDialog, characters: int) -> None:
    """At least ``characters`` average characters wide (in the dialog's font)."""
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * characters)


def tall_enough(dialog: QDialog) -> None:
    """As tall as its lines need at its width (call once it is laid out: when shown)."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(dialog.width())
    if needed > dialog.height():
        screen = dialog.screen().availableGeometry().height() - 40
        dialog.resize(dialog.width(), min(needed, screen))


__all__ = ["tall_enough", "wide_enough"]

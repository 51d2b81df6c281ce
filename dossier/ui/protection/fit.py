"""Dialogs as tall as their wrapped lines need.

A dialog's minimum size counts a word-wrapped label as one line, so when a message
appears (or the passphrase boxes of the New dossier dialog) in a narrow dialog, Qt would
squash the boxes instead of growing the dialog. :func:`keep_fitting` grows it whenever
its layout changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def needed_height(widget: QWidget) -> int:
    """The height ``widget``'s content needs at its present width."""
    layout = widget.layout()
    if layout is None:
        return widget.height()
    layout.activate()
    needed = (
        layout.totalHeightForWidth(widget.width())
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    return max(needed, layout.totalMinimumSize().height())


def fit_height(widget: QWidget, *, shrink: bool = True) -> None:
    """Make ``widget`` as tall as its content needs (only taller when not ``shrink``)."""
    needed = needed_height(widget)
    if needed > widget.height() or (shrink and needed != widget.height()):
        widget.resize(widget.width(), needed)


class _Fitter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.waiting = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and not self.waiting:
            self.waiting = True
            QTimer.singleShot(0, self, self._grow)
        return False

    def _grow(self) -> None:
        self.waiting = False
        if self.widget.isVisible():
            fit_height(self.widget, shrink=False)


def keep_fitting(widget: QWidget) -> None:
    """Grow ``widget`` (a dialog) to its content whenever its layout changes."""
    _Fitter(widget)

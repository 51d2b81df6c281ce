"""Work that can wait until the window has painted for the first time.

Keyboard shortcuts are the main such work: registering the first one makes PySide build
the Python enums of the whole ``Qt`` namespace, about 20 ms that a person would otherwise
wait through before seeing the window. They are set a moment later, once it is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs callables once ``widget`` has painted for the first time (at once after that)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.done = False
        self._pending: list[tuple[QObject | None, Callable[[], object]]] = []
        widget.installEventFilter(self)

    def call(self, work: Callable[[], object], owner: QObject | None = None) -> None:
        """Run ``work`` after the first paint, unless ``owner`` is gone by then."""
        if self.done:
            work()
        else:
            self._pending.append((owner, work))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.flush)
        return False

    def flush(self) -> None:
        """Run what waits now (the first paint calls this; so may a test or a hidden window)."""
        self.done = True
        pending, self._pending = self._pending, []
        for owner, work in pending:
            if owner is None or shiboken6.isValid(owner):  # a view closed meanwhile: skip
                work()


def now_or_after(
    waiter: AfterFirstPaint | None, work: Callable[[], object], owner: QObject
) -> None:
    """``work`` (a method of ``owner``) after the first paint when there is a waiter, else now."""
    if waiter is None:
        work()
    else:
        waiter.call(work, owner)


__all__ = ["AfterFirstPaint", "now_or_after"]

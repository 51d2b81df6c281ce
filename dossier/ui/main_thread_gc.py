"""Python's garbage is collected on the window's thread only.

A reference cycle that holds a Qt object (a widget and a helper that knows it, a lambda
connected to a signal) must be freed on the thread the object lives in. Python collects
cycles in whichever thread happens to allocate when a generation fills up: a packet being
made on a worker thread once collected a closed window's widgets there, and the program
crashed (a segmentation fault in the test run of 6 December 2026). As Anki does, automatic
collection is switched off, and a timer on the window's thread collects each generation
when Python's own counts say it is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["MainThreadGarbage"]

CHECK_MS = 500  # how often the counts are looked at
_alive: list[int] = [0]  # collectors living: Python's own collection comes back with the last


class MainThreadGarbage(QObject):
    """While it lives, garbage is collected only here, on ``parent``'s (the UI) thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        _alive[0] += 1
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start()
        self.destroyed.connect(_enable)

    def collect_if_due(self) -> int:
        """Collect, once, the oldest generation Python would have collected by now (with
        the younger ones); how many objects were found unreachable."""
        due = -1
        for generation, (count, threshold) in enumerate(
            zip(gc.get_count(), self.threshold, strict=True)
        ):
            if count <= threshold:
                break
            due = generation
        return gc.collect(due) if due >= 0 else 0


def _enable() -> None:
    _alive[0] -= 1
    if _alive[0] == 0:  # the last one is gone: back to Python's own collection
        gc.enable()

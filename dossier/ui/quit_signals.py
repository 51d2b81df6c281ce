"""Closing the window cleanly when the system asks the program to stop (SIGTERM, Ctrl+C).

The handlers are installed as soon as the window's start begins, before the dossier is
opened (and locked): a stop asked for while the window is still being made is kept and
acted on once it exists, instead of interrupting its construction with a traceback.

Python runs a signal handler only when it gets control, which it rarely does while Qt
waits for events. A short timer gives it that chance; the handler then closes the main
window exactly as the Quit menu does: settings saved, the day's backup made, the
dossier's lock released.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QTimer

POLL_MS = 300


class StopSignals:
    """SIGTERM and SIGINT caught from now on; :meth:`attach` says what closes the window."""

    def __init__(self) -> None:
        self.asked: int | None = None
        self._close: Callable[[], object] | None = None
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, self._handler)

    def _handler(self, number: int, _frame: FrameType | None) -> None:
        if self.asked is None:
            self.asked = number
            if self._close is not None:
                QTimer.singleShot(0, self._close)

    def attach(self, owner: QObject, close: Callable[[], object]) -> QTimer:
        """Call ``close`` (once, from the event loop) on a stop signal, also one that came
        before this call; returns the timer that lets Python look at pending signals."""
        timer = QTimer(owner)
        timer.setInterval(POLL_MS)
        timer.timeout.connect(lambda: None)
        timer.start()
        self._close = close
        if self.asked is not None:
            QTimer.singleShot(0, close)
        return timer


__all__ = ["StopSignals"]

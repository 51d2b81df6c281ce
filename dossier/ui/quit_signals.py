"""Closing the window cleanly when the system asks the program to stop (SIGTERM, Ctrl+C).

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


def close_on_signals(owner: QObject, close: Callable[[], object]) -> QTimer:
    """Call ``close`` (once, from the event loop) on SIGTERM or SIGINT; returns the timer."""
    timer = QTimer(owner)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: None)  # lets Python look at pending signals
    timer.start()
    asked: list[int] = []

    def handler(number: int, _frame: FrameType | None) -> None:
        if not asked:
            asked.append(number)
            QTimer.singleShot(0, close)

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, handler)
    return timer


__all__ = ["close_on_signals"]

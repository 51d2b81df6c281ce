"""Run plain functions on a private thread pool; hand their results back on the UI thread.

The functions touch no QObject: each one's result (or exception) goes into a
thread-safe queue, which a timer on the UI thread drains while work is in flight.
So nothing is ever emitted on an object that may already be gone, and the pool,
a child of the runner, waits for its last task when the runner is destroyed.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer

T = TypeVar("T")
_Delivery = tuple[Callable[[Any], None] | None, Any]


class BackgroundRunner(QObject):
    """``submit(fn, on_done, on_error)``: ``fn()`` runs off the UI thread; callbacks run on it."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 1, poll_ms: int = 15):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, threads))
        self._pool.setExpiryTimeout(2000)
        self._results: queue.SimpleQueue[_Delivery] = queue.SimpleQueue()
        self._in_flight = 0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._drain)

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        results = self._results

        def job() -> None:
            try:
                value = work()
            except Exception as exc:  # handed to on_error on the UI thread
                results.put((on_error, exc))
            else:
                results.put((on_done, value))

        self._in_flight += 1
        self._pool.start(job)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has run (tests, shutdown); then deliver their results."""
        finished = self._pool.waitForDone(msecs)
        self._drain()
        return bool(finished)

    def _drain(self) -> None:
        while True:
            try:
                callback, value = self._results.get_nowait()
            except queue.Empty:
                break
            self._in_flight -= 1
            if callback is not None:
                callback(value)
        if self._in_flight <= 0:
            self._in_flight = 0
            self._timer.stop()

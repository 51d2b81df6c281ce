"""Work that can wait until the window, and the page it opens on, have painted.

Keyboard shortcuts are the main such work: registering the first one makes PySide build
the Python enums of the whole ``Qt`` namespace, about 20 ms that a person would otherwise
wait through before seeing the window. They are set a moment later, once it is on screen.
A window whose first page is made just after its first paint (the Overview) says so with
:meth:`AfterFirstPaint.expect_page`: the waiting work then runs once that page has painted
too, so the page a person opened the program to see comes before the tooltips, the tray
icon and the list of recent dossiers.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# However the page fares (never made, never painted), the waiting work runs this long after
# the window's first paint at the latest.
LATEST_MS = 1500


class AfterFirstPaint(QObject):
    """Runs callables once ``widget`` has painted for the first time (at once after that)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.done = False
        self._pending: list[tuple[QObject | None, Callable[[], object]]] = []
        self._waiting: set[QObject] = {widget}  # what must paint before the work runs
        self._page_expected = False
        widget.installEventFilter(self)

    def call(self, work: Callable[[], object], owner: QObject | None = None) -> None:
        """Run ``work`` after the first paint, unless ``owner`` is gone by then."""
        if self.done:
            work()
        else:
            self._pending.append((owner, work))

    def expect_page(self) -> None:
        """The work waits for a page too: the one given to :meth:`page_made` next."""
        if not self.done:
            self._page_expected = True

    def page_made(self, page: QWidget | None) -> None:
        """The expected page is made (None: it will not be): the work waits for its paint."""
        if not self._page_expected:
            return
        self._page_expected = False
        if page is not None and not self.done:
            self._waiting.add(page)
            page.installEventFilter(self)
        self._ready()

    def on_page_built(self, _key: str, page: QWidget) -> None:
        """:meth:`page_made`, for a view's ``page_built`` signal."""
        self.page_made(page)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._waiting:
            watched.removeEventFilter(self)
            if watched is self.parent():  # the window: whatever comes of the page, not later
                QTimer.singleShot(LATEST_MS, self, self.flush)
            self._waiting.discard(watched)
            self._ready()
        return False

    def _ready(self) -> None:
        if not self._waiting and not self._page_expected and not self.done:
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        """Run what waits now (the first paint calls this; so may a test or a hidden window)."""
        if self.done and not self._pending:
            return
        self.done = True
        pending, self._pending = self._pending, []
        for owner, work in pending:
            if owner is None or shiboken6.isValid(owner):  # a view closed meanwhile: skip
                work()


def now_or_after(
    waiter: AfterFirstPaint | None, work: Callable[[], object], owner: QObject | None
) -> None:
    """``work`` (a method of ``owner``) after the first paint when there is a waiter, else now."""
    if waiter is None:
        work()
    else:
        waiter.call(work, owner)


__all__ = ["AfterFirstPaint", "now_or_after"]

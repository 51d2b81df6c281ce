"""Pages in a stack (a ``QStackedWidget``, or a ``QTabWidget``'s tabs) asking only for the
room of the page shown.

Qt's stack asks for the largest minimum size of all its pages: once a wide page had been
shown (Documents, with its filters, in Russian with large text), the window stayed wider
than the screen on every page. Here a hidden page asks for no room at all: its size policy
is "ignored" while it is hidden, and its own again when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QTabWidget, QWidget

__all__ = ["ShownPageSize"]

_OWN = "ownSizePolicy"  # the page's own size policy, kept on it while it is hidden
_HIDDEN = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)


class ShownPageSize(QObject):
    """Keeps ``stack`` as small as its page shown allows; :meth:`refresh` after adding one."""

    def __init__(self, stack: QStackedWidget | QTabWidget) -> None:
        super().__init__(stack)
        self._stack = stack
        stack.currentChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, _index: int = -1) -> None:
        shown = self._stack.currentWidget()
        for index in range(self._stack.count()):
            page = self._stack.widget(index)
            if page is not None:
                _size_as(page, shown=page is shown)
        self._stack.updateGeometry()


def _size_as(page: QWidget, *, shown: bool) -> None:
    own = page.property(_OWN)
    if own is None:  # first seen: its own policy is the one it has
        own = page.sizePolicy()
        page.setProperty(_OWN, own)
    page.setSizePolicy(own if shown else _HIDDEN)

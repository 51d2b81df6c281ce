"""A hand that acts on a modal dialog as it opens: the call that opens it runs the
dialog's own loop, so the hand waits for it on a timer. Shared by the window's tests. Not
a test module."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

W = TypeVar("W", bound=QWidget)


class DialogHand:
    """Acts on the modal dialog of ``kind`` once it is shown (by a call that runs its own
    loop). What goes wrong there closes the dialog, so that call returns, and
    :meth:`check` raises it."""

    def __init__(self, kind: type[W], then: Callable[[W], None], seconds: float = 20) -> None:
        self.kind, self.then = kind, then
        self.handled = False
        self.failure: BaseException | None = None
        self.deadline = time.monotonic() + seconds
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, self.kind) and dialog.isVisible()):
            if time.monotonic() < self.deadline:
                QTimer.singleShot(20, self._look)
            return
        self.handled = True
        try:
            self.then(dialog)
        except BaseException as failure:
            self.failure = failure
            if isinstance(dialog, QDialog):
                dialog.done(QDialog.DialogCode.Rejected)  # past a dialog's own "are you sure"
            dialog.hide()

    def check(self) -> None:
        if self.failure is not None:
            raise self.failure
        assert self.handled, f"no {self.kind.__name__} opened"

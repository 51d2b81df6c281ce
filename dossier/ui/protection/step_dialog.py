"""What Protect with a Passphrase… and Remove Protection… share: a heading, what it means,
how it is done, the passphrase part, a busy line and the buttons; the work on a worker
thread, during which the dialog neither closes nor starts it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QLayout, QVBoxLayout, QWidget

from .. import tasks
from ..widgets.common import cancel_and_ok
from ..widgets.labels import heading_label, text_label
from .busy_line import BusyLine
from .fit import keep_fitting


class StepDialog(QDialog):
    """The skeleton; a subclass gives its passphrase part (:meth:`_body`) and locks it
    while busy (:meth:`_lock`)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        name: str,
        title: str,
        heading: str,
        about: str,
        about_name: str,
        how: str,
        ok_text: str,
        ok_name: str,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.task: tasks.Task | None = None
        self.about = text_label(about, about_name)
        self.how = text_label(how)
        body = self._body()
        self.busy = BusyLine()
        self.buttons, self.ok = cancel_and_ok(self, ok_text, ok_name)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading_label(heading))
        layout.addWidget(self.about)
        layout.addWidget(self.how)
        if isinstance(body, QLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)
        keep_fitting(self)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(44 * em)

    def _body(self) -> QWidget | QLayout:
        raise NotImplementedError

    def _lock(self, busy: bool) -> None:
        raise NotImplementedError

    def _start(
        self,
        work: Callable[[], Any],
        busy_text: str,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        name: str,
    ) -> None:
        """Run ``work`` on a worker with ``busy_text`` said; ``done`` or ``failed`` after."""

        def finished(result: Any) -> None:
            self._busy(False)
            done(result)

        def refused(error: BaseException) -> None:
            self._busy(False)
            failed(error)

        self._busy(True, busy_text)
        self.task = tasks.start(
            lambda _task: work(), done=finished, failed=refused, owner=self, name=name
        )

    def _busy(self, busy: bool, text: str = "") -> None:
        if busy:
            self.busy.start(text)
        else:
            self.task = None
            self.busy.stop()
        self._lock(busy)
        self.ok.setEnabled(not busy)

    def reject(self) -> None:
        if self.task is None:
            super().reject()


__all__ = ["StepDialog"]

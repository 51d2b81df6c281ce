"""A dialog that checks a typed passphrase on a worker thread (Argon2id takes about half a
second on purpose): meanwhile the box is read-only and Enter does nothing; a refusal is
said under the box and the dialog stays open for another try; closed meanwhile, the check
ends without effect. The archive's and the backup's passphrase prompts are such dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ...core.i18n import tr
from .. import tasks
from ..protection.busy_line import BusyLine
from ..protection.passphrase_field import PassphraseField
from ..widgets.labels import text_label
from ..widgets.record_form import FIELD_ERROR_STYLE


class PassphraseCheckDialog(QDialog):
    """A subclass makes :attr:`field` and lays it out with :attr:`problem` and :attr:`busy`
    (made by :meth:`_check_parts`), starts the check with :meth:`_check`, and says what a
    refusal means (:meth:`_refusal`) and what the right passphrase does (:meth:`_opened`)."""

    field: PassphraseField

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: tasks.Task | None = None  # the check running now
        self._given_up = False

    def _check_parts(self, problem_name: str) -> tuple[QLabel, BusyLine]:
        """The line saying what is wrong (hidden until then) and the busy line."""
        self.problem = text_label("", problem_name)
        self.problem.setStyleSheet(FIELD_ERROR_STYLE)
        self.problem.hide()
        self.busy = BusyLine()
        return self.problem, self.busy

    def checking(self) -> bool:
        # (Its task's state, not only whether there is one: once the dialog is closed, the
        # check's answer may never come back to it.)
        return self.task is not None and self.task.running

    def _check(self, work: Callable[[str], Any], empty: str, name: str) -> None:
        """Run ``work(passphrase)`` on a worker; ``empty`` is said when nothing was typed."""
        if self.checking():
            return
        passphrase = self.field.text()
        if not passphrase:
            self.show_problem(empty)
            return
        self.problem.hide()
        self._set_checking(True)

        def opened(result: Any) -> None:
            self._set_checking(False)
            if not self._given_up:
                self._opened(passphrase, result)

        self.task = tasks.start(
            lambda _task: work(passphrase), done=opened, failed=self._failed, owner=self, name=name
        )

    def _opened(self, passphrase: str, result: Any) -> None:
        raise NotImplementedError

    def _refusal(self, error: BaseException) -> str:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        self._set_checking(False)
        self.show_problem(self._refusal(error))

    def show_problem(self, text: str) -> None:
        """Say ``text`` under the box, what was typed selected for the next try."""
        self.problem.setText(text)
        self.problem.show()
        self.field.select_all()

    def _set_checking(self, checking: bool) -> None:
        if checking:
            self.busy.start(tr("Checking the passphrase…"))
        else:
            self.task = None
            self.busy.stop()
        # Read-only, not disabled: a disabled box would hand the focus to Cancel, and the
        # next Enter would cancel. (Enter meanwhile is ignored: see :meth:`_check`.)
        self.field.line.setReadOnly(checking)

    def reject(self) -> None:
        self._given_up = True  # a check still running ends without effect
        super().reject()


__all__ = ["PassphraseCheckDialog"]

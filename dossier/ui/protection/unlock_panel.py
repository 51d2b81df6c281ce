"""Unlocking a protected dossier: its passphrase, or the recovery key from its sheet and
then a new passphrase. Shown in the dialog that opens a dossier and on the lock screen.

The checks run on a worker thread (:mod:`dossier.ui.tasks`): the passphrase is stretched
with Argon2id, tuned to take about half a second, and the window keeps painting meanwhile,
with a moving bar. A wrong passphrase or a typing slip in the recovery key is said in
the panel itself, which stays open for another try.

``expected``: the lock screen's case, where the dossier is open already. The passphrase
is then only checked against the key file, and must give the very key the dossier is
open with (a key file swapped meanwhile does not open the lock screen); nothing is put
into or taken out of the program's keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.crypto.keyfile import WrongPassphrase, WrongRecoveryKey, read_key_file
from ...core.crypto.keys import MasterKey
from ...core.crypto.recovery import RecoveryKeyError, parse_recovery_key
from ...core.crypto.unlock import set_passphrase, unlock, unlock_with_recovery
from ...core.i18n import tr
from .. import tasks
from ..widgets.record_form import FIELD_ERROR_STYLE
from .busy_line import BusyLine, failure_text
from .new_passphrase import NewPassphrase
from .passphrase_field import PassphraseField
from .recovery_entry import RecoveryKeyEntry

PASSPHRASE, RECOVERY, NEW = "passphrase", "recovery", "new"


def check_passphrase(folder: Path, passphrase: str, expected: MasterKey | None) -> MasterKey:
    """The master key ``passphrase`` opens (kept for the program's openings when nothing
    is ``expected``); :class:`WrongPassphrase` when it opens none, or another."""
    if expected is None:
        return unlock(folder, passphrase)
    if read_key_file(folder).unlock(passphrase) != expected:
        raise WrongPassphrase()
    return expected


def check_recovery(folder: Path, typed: str, expected: MasterKey | None) -> MasterKey:
    """The master key the recovery key ``typed`` opens (see :func:`check_passphrase`)."""
    if expected is None:
        return unlock_with_recovery(folder, typed)
    if read_key_file(folder).unlock_with_recovery(parse_recovery_key(typed)) != expected:
        raise WrongRecoveryKey()
    return expected


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _link_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFlat(True)
    button.setAutoDefault(False)
    font = QFont(button.font())
    font.setUnderline(True)
    button.setFont(font)
    return button


class UnlockPanel(QWidget):
    """The passphrase box (or the recovery key's boxes, then a new passphrase), what went
    wrong, and a moving bar while it is checked. :meth:`submit` tries what is typed."""

    unlocked = Signal()  # the dossier may be shown
    busy_changed = Signal(bool)
    step_changed = Signal(str)  # PASSPHRASE, RECOVERY or NEW

    def __init__(
        self, folder: Path, *, expected: MasterKey | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder).absolute()
        self.expected = expected
        self.key: MasterKey | None = None  # once unlocked
        self.task: tasks.Task | None = None
        self.step = PASSPHRASE

        self.passphrase = PassphraseField(tr("Passphrase"))
        self.passphrase.line.setObjectName("passphrase")
        self.passphrase.returnPressed.connect(self.submit)
        self.error = _words("")
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet(FIELD_ERROR_STYLE)
        self.error.hide()
        self.recovery_button = _link_button(
            tr("Forgot the passphrase? Use the recovery key"), "useRecoveryKey"
        )
        self.recovery_button.clicked.connect(lambda: self.show_step(RECOVERY))
        first = QWidget()
        layout = QVBoxLayout(first)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("Passphrase")))
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.recovery_button)

        self.recovery = RecoveryKeyEntry()
        self.recovery.returnPressed.connect(self.submit)
        back = self.passphrase_button = _link_button(
            tr("Use the passphrase instead"), "usePassphrase"
        )
        back.clicked.connect(lambda: self.show_step(PASSPHRASE))
        second = QWidget()
        layout = QVBoxLayout(second)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            _words(
                tr(
                    "Type the recovery key from the recovery sheet: 8 groups of 6 digits. "
                    "A group with a typing error is marked in red."
                )
            )
        )
        layout.addWidget(self.recovery)
        layout.addStretch(1)
        layout.addWidget(back)

        self.new_passphrase = NewPassphrase()
        self.new_passphrase.returnPressed.connect(self.submit)
        third = QWidget()
        layout = QVBoxLayout(third)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            _words(
                tr(
                    "The recovery key is right. Now choose a new passphrase: from now on the "
                    "dossier opens with it. Your recovery sheet keeps working."
                )
            )
        )
        layout.addWidget(self.new_passphrase)
        layout.addStretch(1)

        self.pages = QStackedWidget()
        self._pages = {PASSPHRASE: first, RECOVERY: second, NEW: third}
        for page in self._pages.values():
            self.pages.addWidget(page)
        self.busy = BusyLine()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.busy)
        self.show_step(PASSPHRASE)

    # Steps -------------------------------------------------------------------------------
    def show_step(self, step: str) -> None:
        self.step = step
        # Only the page shown counts for the size: no empty room for the larger ones.
        for key, page in self._pages.items():
            policy = QSizePolicy.Policy.Preferred if key == step else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(self._pages[step])
        self.pages.updateGeometry()
        self.error.hide()
        focus = {PASSPHRASE: self.passphrase, RECOVERY: self.recovery, NEW: self.new_passphrase}
        focus[step].setFocus()
        self.step_changed.emit(step)

    def submit(self) -> None:
        """Try what is typed (on a worker); :attr:`unlocked` once it opens the dossier."""
        if self.task is not None:
            return
        folder, expected = self.folder, self.expected
        if self.step == PASSPHRASE:
            passphrase = self.passphrase.text()
            if not passphrase:
                self._say(tr("Type the passphrase first."))
                return
            self._run(
                lambda _t: check_passphrase(folder, passphrase, expected),
                tr("Checking the passphrase…"),
                self._opened,
            )
        elif self.step == RECOVERY:
            typed = self.recovery.text()
            self._run(
                lambda _t: check_recovery(folder, typed, expected),
                tr("Checking the recovery key…"),
                self._recovered,
            )
        else:
            chosen = self.new_passphrase.check()
            key = self.key
            if chosen is None or key is None:
                return
            self._run(
                lambda _t: set_passphrase(folder, key, chosen),
                tr("Setting the new passphrase…"),
                lambda _none: self._finish(),
            )

    def _opened(self, key: MasterKey) -> None:
        self.key = key
        self._finish()

    def _recovered(self, key: MasterKey) -> None:
        self.key = key
        self.show_step(NEW)

    def _finish(self) -> None:
        self.unlocked.emit()

    # Work --------------------------------------------------------------------------------
    def _run(
        self, work: Callable[[tasks.Task], Any], words: str, then: Callable[[Any], None]
    ) -> None:
        self.error.hide()
        self._set_busy(True, words)

        def done(value: Any) -> None:
            self._set_busy(False)
            then(value)

        self.task = tasks.start(work, done=done, failed=self._failed, owner=self, name="unlock")

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        text = failure_text(error)
        if self.step == RECOVERY:
            bad = error.bad_groups if isinstance(error, RecoveryKeyError) else ()
            self.recovery.mark(bad, text)
        elif self.step == NEW:
            self.new_passphrase.show_problem(text)
            self.new_passphrase.first.select_all()
        else:
            self._say(text)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.select_all()

    def _set_busy(self, busy: bool, words: str = "") -> None:
        if not busy:
            self.task = None
            self.busy.stop()
        else:
            self.busy.start(words)
        # Read-only rather than off: the focus stays in the box (a box switched off would
        # hand it to the Cancel button, which the next Return would press).
        for line in (
            self.passphrase.line,
            self.new_passphrase.first.line,
            self.new_passphrase.second.line,
            *self.recovery.boxes,
        ):
            line.setReadOnly(busy)
        for button in (self.recovery_button, self.passphrase_button):
            button.setEnabled(not busy)
        self.busy_changed.emit(busy)

"""Dossier → Change Passphrase…: the current passphrase, then the new one twice.

The current one is checked against the key file (it must give the key the dossier is open
with), then the master key is wrapped under the new one (``set_passphrase``: nothing is
re-encrypted, and the recovery sheet keeps working). Both steps stretch a passphrase with
Argon2id, so they run on a worker thread, with a moving bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.crypto.keyfile import WrongPassphrase
from ...core.crypto.keys import MasterKey
from ...core.crypto.unlock import set_passphrase
from ...core.i18n import tr
from .. import tasks
from ..widgets.common import cancel_and_ok
from ..widgets.record_form import FIELD_ERROR_STYLE
from .busy_line import BusyLine, failure_text
from .fit import keep_fitting
from .new_passphrase import NewPassphrase
from .passphrase_field import PassphraseField
from .unlock_panel import check_passphrase


class ChangePassphraseDialog(QDialog):
    """Accepted once the dossier in ``folder`` (open with ``key``) has its new passphrase."""

    def __init__(self, folder: Path, key: MasterKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(tr("Change the passphrase"))
        self.folder, self.key = folder, key
        self.task: tasks.Task | None = None
        intro = QLabel(
            tr(
                "Type the passphrase the dossier opens with now, then the new one twice. "
                "Your recovery sheet keeps working."
            )
        )
        intro.setWordWrap(True)
        self.current = PassphraseField(tr("Current passphrase"))
        self.current.line.setObjectName("currentPassphrase")
        self.new = NewPassphrase()
        self.new.returnPressed.connect(self.accept)
        self.current.returnPressed.connect(self.new.setFocus)
        self.current_error = QLabel()
        self.current_error.setObjectName("currentError")
        self.current_error.setWordWrap(True)
        self.current_error.setStyleSheet(FIELD_ERROR_STYLE)
        self.current_error.hide()
        # One form, so the boxes line up: the current passphrase above the new ones.
        self.new.form.insertRow(0, tr("Current passphrase"), self.current)
        self.new.form.insertRow(1, self.current_error)
        self.busy = BusyLine()
        self.buttons, self.ok = cancel_and_ok(self, tr("Change the passphrase"), "changeOk")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.new)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)  # once in the dialog: before, the dialog would not know
        keep_fitting(self)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(44 * em)
        self.current.setFocus()

    def accept(self) -> None:
        if self.task is not None:
            return
        current = self.current.text()
        if not current:
            self._wrong_current(tr("Type the current passphrase first."))
            return
        self.current_error.hide()
        chosen = self.new.check()
        if chosen is None:
            return
        folder, key = self.folder, self.key

        def change(_task: tasks.Task) -> None:
            check_passphrase(folder, current, key)
            set_passphrase(folder, key, chosen)

        self._busy(True)
        self.task = tasks.start(
            change, done=self._changed, failed=self._failed, owner=self, name="passphrase"
        )

    def _changed(self, _none: object) -> None:
        self._busy(False)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, WrongPassphrase):
            self._wrong_current(
                tr("This is not the passphrase the dossier opens with now. Nothing was changed.")
            )
        else:
            self.new.show_problem(failure_text(error))

    def _wrong_current(self, text: str) -> None:
        self.current_error.setText(text)
        self.current_error.show()
        self.current.select_all()

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(tr("Setting the new passphrase…"))
        else:
            self.task = None
            self.busy.stop()
        for part in (self.current, self.new, self.ok):
            part.setEnabled(not busy)

    def reject(self) -> None:
        if self.task is None:  # a change under way is finished first
            super().reject()

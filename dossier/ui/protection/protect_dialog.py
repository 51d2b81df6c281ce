"""Dossier → Protect with a Passphrase…: what it means, then the new passphrase twice.

Accepted once the new key is made (``new_protection``: Argon2id, tuned to about half a
second, so on a worker thread with a moving bar); :attr:`ProtectDialog.protection` is it.
The dossier itself is changed afterwards, by :mod:`.conversion`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...core.crypto.unlock import Protection, new_protection
from ...core.i18n import tr
from .. import tasks
from .busy_line import BusyLine, failure_text
from .fit import keep_fitting
from .new_passphrase import NewPassphrase


class ProtectDialog(QDialog):
    """The explanation (the New dossier dialog's words) and the passphrase twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protectDialog")
        self.setWindowTitle(tr("Protect with a passphrase"))
        self.protection: Protection | None = None
        self.task: tasks.Task | None = None
        heading = QLabel(tr("Protect this dossier with a passphrase"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.explanation = QLabel(
            tr(
                "Then nobody can read the dossier without the passphrase, also not someone "
                "who copies its folder. Next you print a recovery sheet that opens it too. "
                "If you forget the passphrase and lose the recovery sheet, nobody can open "
                "the dossier, not even us."
            )
        )
        self.explanation.setObjectName("protectExplanation")
        self.explanation.setWordWrap(True)
        self.how = QLabel(
            tr(
                "Every file of the dossier is encrypted now, which can take a few minutes. "
                "The dossier is closed meanwhile and opens again when it is done."
            )
        )
        self.how.setWordWrap(True)
        self.passphrase = NewPassphrase()
        self.passphrase.returnPressed.connect(self.accept)
        self.busy = BusyLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            tr("Protect the dossier"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("protectOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.how)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)
        keep_fitting(self)
        em = self.fontMetrics().horizontalAdvance("m")
        self.setMinimumWidth(44 * em)
        self.passphrase.setFocus()

    def accept(self) -> None:
        if self.task is not None:
            return
        chosen = self.passphrase.check()
        if chosen is None:
            return
        self._busy(True)
        self.task = tasks.start(
            lambda _task: new_protection(chosen),
            done=self._made,
            failed=self._failed,
            owner=self,
            name="protect",
        )

    def _made(self, protection: Protection) -> None:
        self._busy(False)
        self.protection = protection
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.passphrase.show_problem(failure_text(error))

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(tr("Making the key…"))
        else:
            self.task = None
            self.busy.stop()
        self.passphrase.set_enabled(not busy)
        self.ok.setEnabled(not busy)

    def reject(self) -> None:
        if self.task is None:
            super().reject()

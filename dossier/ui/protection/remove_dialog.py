"""Dossier → Remove Protection…: what it means, said plainly, and the passphrase again.

The passphrase is checked with ``unlock`` (Argon2id, about half a second: on a worker
thread with a moving bar); a wrong one is said in place and the dialog stays open. The
dossier itself is changed afterwards, by :mod:`.conversion`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...core.crypto.keyfile import WrongPassphrase
from ...core.crypto.unlock import unlock
from ...core.i18n import tr
from .. import tasks
from ..widgets.record_form import FIELD_ERROR_STYLE
from .busy_line import BusyLine, failure_text
from .fit import keep_fitting
from .passphrase_field import PassphraseField


class RemoveProtectionDialog(QDialog):
    """Accepted once the passphrase typed opens the dossier in ``folder``."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("removeProtectionDialog")
        self.setWindowTitle(tr("Remove the protection"))
        self.folder = folder
        self.task: tasks.Task | None = None
        heading = QLabel(tr("Remove the passphrase from this dossier?"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.warning = QLabel(
            tr(
                "Afterwards the dossier opens without a passphrase: anyone who uses this "
                "computer, or has a copy of the dossier's folder, can read it. The recovery "
                "sheet is then of no more use."
            )
        )
        self.warning.setObjectName("removeWarning")
        self.warning.setWordWrap(True)
        self.how = QLabel(
            tr(
                "Every file of the dossier is decrypted now, which can take a few minutes. "
                "The dossier is closed meanwhile and opens again when it is done."
            )
        )
        self.how.setWordWrap(True)
        self.passphrase = PassphraseField(tr("Passphrase"))
        self.passphrase.line.setObjectName("passphrase")
        self.passphrase.returnPressed.connect(self.accept)
        self.error = QLabel()
        self.error.setObjectName("removeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(FIELD_ERROR_STYLE)
        self.error.hide()
        self.busy = BusyLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            tr("Remove the protection"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("removeOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.how)
        asked = QVBoxLayout()  # the words and the box together, the error under them
        asked.setSpacing(4)
        asked.addWidget(QLabel(tr("To go on, type the dossier's passphrase:")))
        asked.addWidget(self.passphrase)
        asked.addWidget(self.error)
        layout.addLayout(asked)
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
        typed = self.passphrase.text()
        if not typed:
            self._say(tr("Type the passphrase first."))
            return
        folder = self.folder
        self.error.hide()
        self._busy(True)
        self.task = tasks.start(
            lambda _task: unlock(folder, typed),
            done=self._checked,
            failed=self._failed,
            owner=self,
            name="unlock",
        )

    def _checked(self, _key: object) -> None:
        self._busy(False)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, WrongPassphrase):
            self._say(tr("This is not the dossier's passphrase. Nothing was changed."))
        else:
            self._say(failure_text(error))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.select_all()

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(tr("Checking the passphrase…"))
        else:
            self.task = None
            self.busy.stop()
        self.passphrase.line.setReadOnly(busy)
        self.ok.setEnabled(not busy)

    def reject(self) -> None:
        if self.task is None:
            super().reject()

"""Dossier → Remove Protection…: what it means, said plainly, and the passphrase again.

The passphrase is checked with ``unlock`` (Argon2id, about half a second: on a worker
thread with a moving bar); a wrong one is said in place and the dialog stays open. The
dossier itself is changed afterwards, by :mod:`.conversion`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from ...core.crypto.keyfile import WrongPassphrase
from ...core.crypto.unlock import unlock
from ...core.i18n import tr
from ..widgets.record_form import FIELD_ERROR_STYLE
from .busy_line import failure_text
from .passphrase_field import PassphraseField
from .step_dialog import StepDialog


class RemoveProtectionDialog(StepDialog):
    """Accepted once the passphrase typed opens the dossier in ``folder``."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        self.folder = folder
        super().__init__(
            parent,
            name="removeProtectionDialog",
            title=tr("Remove the protection"),
            heading=tr("Remove the passphrase from this dossier?"),
            about=tr(
                "Afterwards the dossier opens without a passphrase: anyone who uses this "
                "computer, or has a copy of the dossier's folder, can read it. The recovery "
                "sheet is then of no more use."
            ),
            about_name="removeWarning",
            how=tr(
                "Every file of the dossier is decrypted now, which can take a few minutes. "
                "The dossier is closed meanwhile and opens again when it is done."
            ),
            ok_text=tr("Remove the protection"),
            ok_name="removeOk",
        )
        self.warning = self.about
        self.passphrase.setFocus()

    def _body(self) -> QLayout:
        self.passphrase = PassphraseField(tr("Passphrase"))
        self.passphrase.line.setObjectName("passphrase")
        self.passphrase.returnPressed.connect(self.accept)
        self.error = QLabel()
        self.error.setObjectName("removeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(FIELD_ERROR_STYLE)
        self.error.hide()
        asked = QVBoxLayout()  # the words and the box together, the error under them
        asked.setSpacing(4)
        asked.addWidget(QLabel(tr("To go on, type the dossier's passphrase:")))
        asked.addWidget(self.passphrase)
        asked.addWidget(self.error)
        return asked

    def accept(self) -> None:
        if self.task is not None:
            return
        typed = self.passphrase.text()
        if not typed:
            self._say(tr("Type the passphrase first."))
            return
        folder = self.folder
        self.error.hide()
        self._start(
            lambda: unlock(folder, typed),
            tr("Checking the passphrase…"),
            done=self._checked,
            failed=self._failed,
            name="unlock",
        )

    def _checked(self, _key: object) -> None:
        super().accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphrase):
            self._say(tr("This is not the dossier's passphrase. Nothing was changed."))
        else:
            self._say(failure_text(error))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.select_all()

    def _lock(self, busy: bool) -> None:
        self.passphrase.line.setReadOnly(busy)

"""Dossier → Protect with a Passphrase…: what it means, then the new passphrase twice.

Accepted once the new key is made (``new_protection``: Argon2id, tuned to about half a
second, so on a worker thread with a moving bar); :attr:`ProtectDialog.protection` is it.
The dossier itself is changed afterwards, by :mod:`.conversion`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core.crypto.unlock import Protection, new_protection
from ...core.i18n import tr
from .busy_line import failure_text
from .new_passphrase import NewPassphrase
from .protection_choice import protection_explanation
from .step_dialog import StepDialog


class ProtectDialog(StepDialog):
    """The explanation (the New dossier dialog's words) and the passphrase twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.protection: Protection | None = None
        super().__init__(
            parent,
            name="protectDialog",
            title=tr("Protect with a passphrase"),
            heading=tr("Protect this dossier with a passphrase"),
            about=protection_explanation(),
            about_name="protectExplanation",
            how=tr(
                "Every file of the dossier is encrypted now, which can take a few minutes. "
                "The dossier is closed meanwhile and opens again when it is done."
            ),
            ok_text=tr("Protect the dossier"),
            ok_name="protectOk",
        )
        self.explanation = self.about
        self.passphrase.setFocus()

    def _body(self) -> QWidget:
        self.passphrase = NewPassphrase()
        self.passphrase.returnPressed.connect(self.accept)
        return self.passphrase

    def accept(self) -> None:
        if self.task is not None:
            return
        chosen = self.passphrase.check()
        if chosen is None:
            return
        self._start(
            lambda: new_protection(chosen),
            tr("Making the key…"),
            done=self._made,
            failed=self._failed,
            name="protect",
        )

    def _made(self, protection: Protection) -> None:
        self.protection = protection
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.passphrase.show_problem(failure_text(error))

    def _lock(self, busy: bool) -> None:
        self.passphrase.set_enabled(not busy)

"""The part of the New dossier dialog that offers to protect it with a passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ...core.i18n import tr
from .new_passphrase import NewPassphrase


def protection_explanation() -> str:
    """What protecting a dossier means, in plain words (also Protect with a Passphrase…'s)."""
    return tr(
        "Then nobody can read the dossier without the passphrase, also not someone "
        "who copies its folder. Next you print a recovery sheet that opens it too. "
        "If you forget the passphrase and lose the recovery sheet, nobody can open "
        "the dossier, not even us."
    )


class ProtectionChoice(QWidget):
    """A tick box, what it means in plain words, and the passphrase twice when ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(tr("Protect this dossier with a passphrase (recommended)"))
        self.box.setObjectName("protect")
        self.explanation = QLabel(protection_explanation())
        self.explanation.setObjectName("protectExplanation")
        self.explanation.setWordWrap(True)
        self.passphrase = NewPassphrase()
        self.passphrase.hide()
        self.box.toggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.explanation)
        layout.addWidget(self.passphrase)

    def _toggled(self, checked: bool) -> None:
        self.passphrase.setVisible(checked)
        if checked:
            self.passphrase.setFocus()

    def chosen(self) -> bool:
        return self.box.isChecked()

    def check(self) -> str | None:
        """The passphrase when protection is chosen and both are right (else None, with
        the reason shown under them)."""
        return self.passphrase.check() if self.chosen() else None

    def set_enabled(self, enabled: bool) -> None:
        self.box.setEnabled(enabled)
        self.passphrase.set_enabled(enabled)

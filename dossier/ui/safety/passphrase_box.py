"""A box for an archive's passphrase: dots while typing, and a button to show what was typed.

(The same shape as the protection window's PassphraseField, being written beside this in
dossier/ui/protection/; once that is in, the archive windows can share it.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...core.i18n import tr


class PassphraseBox(QWidget):
    """A passphrase box (no echo) with "Show" beside it; :attr:`line` is the box."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setEchoMode(QLineEdit.EchoMode.Password)
        self.line.setAccessibleName(accessible_name)
        em = self.fontMetrics().horizontalAdvance("m")
        self.line.setMinimumWidth(18 * em)
        self.show_button = QPushButton(tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setAutoDefault(False)  # Enter keeps pressing the dialog's own button
        self.show_button.setAccessibleName(tr("Show the passphrase"))
        self.show_button.toggled.connect(self._toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.line)

    def _toggled(self, shown: bool) -> None:
        self.line.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText(tr("Hide") if shown else tr("Show"))
        self.show_button.setAccessibleName(
            tr("Hide the passphrase") if shown else tr("Show the passphrase")
        )

    def text(self) -> str:
        return self.line.text()

    def select_all(self) -> None:
        """Select what was typed, with the focus here: the next key types it anew."""
        self.line.setFocus()
        self.line.selectAll()


__all__ = ["PassphraseBox"]

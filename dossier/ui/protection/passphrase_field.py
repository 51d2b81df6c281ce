"""A box for a passphrase: dots while typing, and a button to show what was typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...core.i18n import tr


class PassphraseField(QWidget):
    """A passphrase box (no echo) with "Show" beside it; :attr:`line` is the box."""

    returnPressed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setEchoMode(QLineEdit.EchoMode.Password)
        self.line.setAccessibleName(accessible_name)
        self.line.returnPressed.connect(self.returnPressed)
        em = self.fontMetrics().horizontalAdvance("m")
        self.line.setMinimumWidth(20 * em)
        self.show_button = QPushButton(tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setAutoDefault(False)
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

    def clear(self) -> None:
        self.line.clear()

    def select_all(self) -> None:
        """Select what was typed, with the focus here: the next key types it anew."""
        self.line.setFocus()
        self.line.selectAll()

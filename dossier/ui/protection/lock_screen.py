"""What the window shows while it is locked: no name, no record, only the way back in.

The dossier stays open behind it (its backups and the reading of scans go on); the
passphrase typed here is checked against the dossier's key file and must give the key
the dossier is open with. The recovery key works here too, followed by a new passphrase.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.crypto.keys import MasterKey
from ...core.i18n import tr
from .unlock_panel import NEW, PASSPHRASE, RECOVERY, UnlockPanel

LARGER = 1.25


class LockScreen(QWidget):
    """The lock screen of the dossier in ``folder``, open with ``key``."""

    unlocked = Signal()
    close_requested = Signal()

    def __init__(self, folder: Path, key: MasterKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        larger = QFont(self.font())  # a calm, large screen: the whole window is free
        larger.setPointSizeF(larger.pointSizeF() * LARGER)
        self.setFont(larger)
        heading = QLabel(tr("The dossier is locked"))
        heading.setObjectName("lockHeading")
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.8)
        heading.setFont(font)
        heading.setWordWrap(True)
        words = QLabel(
            tr(
                "Nothing in it is shown until its passphrase is typed again. Everything you "
                "did is saved."
            )
        )
        words.setWordWrap(True)
        self.panel = UnlockPanel(folder, expected=key)
        self.panel.unlocked.connect(self.unlocked)
        self.unlock_button = QPushButton(tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        em = self.fontMetrics().horizontalAdvance("m")
        self.unlock_button.setMinimumSize(10 * em, 44)
        self.unlock_button.clicked.connect(self.panel.submit)
        self.close_button = QPushButton(tr("Close the dossier"))
        self.close_button.setObjectName("closeLocked")
        self.close_button.setMinimumSize(10 * em, 44)
        self.close_button.clicked.connect(self.close_requested)
        self.panel.step_changed.connect(self._step_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        box = QWidget()
        box.setObjectName("lockBox")
        box.setMaximumWidth(44 * em)
        inner = QVBoxLayout(box)
        inner.setSpacing(14)
        inner.addWidget(heading)
        inner.addWidget(words)
        inner.addSpacing(8)
        inner.addWidget(self.panel)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.panel.passphrase)
        self.panel.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_changed(self, step: str) -> None:
        self.unlock_button.setText(
            {
                PASSPHRASE: tr("Unlock"),
                RECOVERY: tr("Check the recovery key"),
                NEW: tr("Set the passphrase and unlock"),
            }[step]
        )

"""The records request letter as text the person can change before printing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import tr


class LetterEditor(QWidget):
    """A plain-text editor pre-filled with the suggested wording, and a way back to it."""

    def __init__(self, suggest: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterEditor")
        self._suggest = suggest
        self._suggested = ""
        hint = QLabel(
            tr(
                "Change the wording as you wish. Leave a blank line between paragraphs; "
                "the signature line is added below the letter."
            )
        )
        hint.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("letterText")
        self.edit.setAccessibleName(tr("Letter text"))
        self.edit.setTabChangesFocus(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.edit.setFont(font)
        self.edit.setMinimumSize(520, 360)
        label = QLabel(tr("&Letter:"))
        label.setBuddy(self.edit)
        self.reset_button = QPushButton(tr("Restore the suggested wording"))
        self.reset_button.setObjectName("restoreLetter")
        self.reset_button.setAccessibleName(tr("Restore the suggested wording"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.restore)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addStretch(1)
        row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.edit, 1)

    def restore(self) -> None:
        """Fill the editor with the suggested wording (for the case chosen now)."""
        self._suggested = self._suggest()
        self.edit.setPlainText(self._suggested)

    def refresh(self) -> None:
        """After another case was chosen: new wording, unless the person has changed it."""
        if not self.is_edited():
            self.restore()

    def is_edited(self) -> bool:
        return bool(self._suggested) and self.edit.toPlainText() != self._suggested

    def text(self) -> str:
        return self.edit.toPlainText()

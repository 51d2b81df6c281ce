"""The notes of appointment mode: what was said, what happens next (the outcome)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.i18n import tr


class NotesPanel(QWidget):
    """A heading and a large box for the appointment's outcome; Tab leaves the box."""

    def __init__(self, outcome: str, heading_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(tr("&Notes: what was said, what happens next"))
        label.setFont(heading_font)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(tr("Notes and outcome of the appointment"))
        self.notes.setPlainText(outcome)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 5)
        label.setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label)
        layout.addWidget(self.notes)


__all__ = ["NotesPanel"]

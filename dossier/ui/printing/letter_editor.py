"""A letter (the records request, the three letters of a case) as text the person can change
before printing; laid out as the letter's language reads (a Hebrew letter from the right,
whatever the window's language)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import is_right_to_left, tr


class _LetterText(QPlainTextEdit):
    """The editor: room for a good part of the letter at first, yet small enough that
    the dialog fits a small screen in large text (it scrolls)."""

    def sizeHint(self) -> QSize:
        return QSize(520, 360)


class LetterEditor(QWidget):
    """A plain-text editor pre-filled with the suggested wording, and a way back to it."""

    def __init__(
        self,
        suggest: Callable[[], str],
        parent: QWidget | None = None,
        language: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterEditor")
        self._suggest = suggest
        self._language = language  # the letter's, when not the window's
        self._suggested = ""
        hint = QLabel(
            tr(
                "Change the wording as you wish. Leave a blank line between paragraphs; "
                "the signature line is added below the letter."
            )
        )
        hint.setWordWrap(True)
        self.edit = _LetterText()
        self.edit.setObjectName("letterText")
        self.edit.setAccessibleName(tr("Letter text"))
        self.edit.setTabChangesFocus(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.edit.setFont(font)
        self.edit.setMinimumSize(520, self.edit.fontMetrics().lineSpacing() * 6)
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
        self._align()
        self.edit.setPlainText(self._suggested)

    def _align(self) -> None:
        """Each line from the side the letter's language starts on: a Hebrew letter's from
        the right, its Latin names and addresses too (each line still ordered by its own
        words). A plain text editor would put them all on the left."""
        language = self._language() if self._language is not None else None
        option = self.edit.document().defaultTextOption()
        if is_right_to_left(language):
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        else:
            option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        self.edit.document().setDefaultTextOption(option)

    def refresh(self) -> None:
        """After another case was chosen: new wording, unless the person has changed it."""
        if not self.is_edited():
            self.restore()

    def is_edited(self) -> bool:
        return bool(self._suggested) and self.edit.toPlainText() != self._suggested

    def text(self) -> str:
        return self.edit.toPlainText()

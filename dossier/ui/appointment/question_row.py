"""One question in appointment mode: its number and text, the "Asked" tick, the answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .answer_edit import AnswerEdit


class QuestionRow(QFrame):
    """One question: its number and text, the "Asked" tick and the answer box."""

    def __init__(self, number: int, question: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.question_id = int(question["id"])
        self.setObjectName(f"question_{self.question_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel(self.tr("%1.").replace("%1", str(number)))
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("000."))
        self.text = QLabel(question["text"])
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.font())  # the mode's large font, from the parent
        bold.setBold(True)
        self.text.setFont(bold)
        self.number.setFont(bold)
        details = []
        if question.get("priority") == "high":
            details.append(self.tr("Important"))
        if question.get("category"):
            details.append(str(question["category"]))
        self.details = QLabel(" · ".join(details))
        self.details.setVisible(bool(details))
        self.asked = QCheckBox(self.tr("Asked"))
        self.asked.setObjectName("asked")
        self.asked.setChecked(bool(question.get("asked")))
        # A big tick. The style sheet is on the checkbox only (on the dialog it would
        # stop the large font from reaching widgets added later), and a widget with a
        # style sheet of its own needs its font set.
        self.asked.setFont(QFont(self.font()))
        tick = int(self.asked.fontMetrics().height() * 1.3)
        self.asked.setStyleSheet(
            f"QCheckBox {{ spacing: {tick // 2}px; }}"
            f" QCheckBox::indicator {{ width: {tick}px; height: {tick}px; }}"
        )
        self.asked.setAccessibleName(self.tr("Question %1 asked").replace("%1", str(number)))
        self.answer = AnswerEdit()
        self.answer.setObjectName("answer")
        self.answer.setPlainText(question.get("answer") or "")
        self.answer.setPlaceholderText(self.tr("The answer, in a few words…"))
        self.answer.setAccessibleName(self.tr("Answer to question %1").replace("%1", str(number)))
        self.answer.setAccessibleDescription(question["text"])

        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        top.addWidget(self.asked, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.addLayout(top)
        body.addWidget(self.details)
        body.addWidget(self.answer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)


__all__ = ["QuestionRow"]

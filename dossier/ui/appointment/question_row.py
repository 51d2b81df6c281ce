"""One question in appointment mode: its number and text, the "Asked" tick, the answer,
who gave it, and the button that takes the question off the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from .answer_edit import AnswerEdit


class QuestionRow(QFrame):
    """One question: its number and text, the "Asked" tick, the answer box, who answered
    (one of ``contacts``: (id, name) pairs) and "Take off the list"."""

    def __init__(
        self,
        number: int,
        question: dict[str, Any],
        contacts: list[tuple[int, str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.question_id = int(question["id"])
        self.setObjectName(f"question_{self.question_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Translators: the number of a question in the list, as "3.".
        self.number = QLabel(tr("{number}.", number=number))
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
            details.append(tr("Important"))
        if question.get("category"):
            details.append(str(question["category"]))
        self.details = QLabel(" · ".join(details))
        self.details.setVisible(bool(details))
        self.asked = QCheckBox(tr("Asked"))
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
        self.asked.setAccessibleName(tr("Question {number} asked", number=number))
        self.answer = AnswerEdit()
        self.answer.setObjectName("answer")
        self.answer.setPlainText(question.get("answer") or "")
        self.answer.setPlaceholderText(tr("The answer, in a few words…"))
        self.answer.setAccessibleName(tr("Answer to question {number}", number=number))
        self.answer.setAccessibleDescription(question["text"])

        self.by = QComboBox()
        self.by.setObjectName("answeredBy")
        self.by.addItem(tr("(none)"), None)  # as in every form
        for contact_id, name in contacts:
            self.by.addItem(name, contact_id)
        self.by.setAccessibleName(tr("Who answered question {number}", number=number))
        self.show_answerer(question.get("answered_by_id"))
        by_label = QLabel(tr("Answered by"))
        by_label.setBuddy(self.by)
        self.take_off = QPushButton(tr("Take off the list"))
        self.take_off.setObjectName("takeOff")
        self.take_off.setAutoDefault(False)
        self.take_off.setToolTip(tr("Not for this appointment. The question stays with the case."))
        self.take_off.setAccessibleName(tr("Take question {number} off the list", number=number))
        bottom = QHBoxLayout()
        bottom.addWidget(by_label)
        bottom.addWidget(self.by)
        bottom.addStretch(1)
        bottom.addWidget(self.take_off)

        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        top.addWidget(self.asked, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.addLayout(top)
        body.addWidget(self.details)
        body.addWidget(self.answer)
        body.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)

    def show_answerer(self, contact_id: object) -> None:
        """Show ``contact_id`` as who answered (no one, if it is not listed), quietly."""
        index = self.by.findData(contact_id) if contact_id is not None else 0
        blocked = self.by.blockSignals(True)
        self.by.setCurrentIndex(max(0, index))
        self.by.blockSignals(blocked)

    def answerer(self) -> int | None:
        """The contact chosen as who answered, if any."""
        value = self.by.currentData()
        return int(value) if value is not None else None


__all__ = ["QuestionRow"]

"""The questions of appointment mode, in order, and the line that adds one on the fly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .question_row import QuestionRow


class QuestionRows(QWidget):
    """One :class:`QuestionRow` a question, numbered; Enter in an answer moves to the next.

    What is done with a tick, an answer or a new question is the mode's: the rows
    only say so, with the question's id.
    """

    asked_toggled = Signal(int, bool)  # question id, ticked
    answer_edited = Signal(QuestionRow)
    add_requested = Signal()
    moved_to = Signal(QWidget)  # the box Enter moved to, to scroll into view

    def __init__(self, heading_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(10)
        self.empty = QLabel(
            self.tr("There are no questions for this appointment yet. Add one below.")
        )
        self.empty.setWordWrap(True)
        self.list_box.addWidget(self.empty)

        self.new_question = QLineEdit()
        self.new_question.setObjectName("newQuestion")
        self.new_question.setPlaceholderText(self.tr("A new question, then Enter…"))
        self.new_question.setAccessibleName(self.tr("New question"))
        self.new_question.returnPressed.connect(self.add_requested)
        self.add_button = QPushButton(self.tr("Add a question"))
        self.add_button.setObjectName("addQuestion")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_requested)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_question, 1)
        add_row.addWidget(self.add_button)

        label = QLabel(self.tr("Questions, in order"))
        label.setFont(heading_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label)
        layout.addLayout(self.list_box)
        layout.addLayout(add_row)

    def add_row(self, question: dict[str, Any]) -> QuestionRow:
        """A row for ``question`` at the end, numbered after the others."""
        row = QuestionRow(len(self.rows) + 1, question, self)
        qid = row.question_id
        row.asked.toggled.connect(lambda on, q=qid: self.asked_toggled.emit(q, on))
        row.answer.textChanged.connect(lambda r=row: self.answer_edited.emit(r))
        row.answer.next_requested.connect(lambda r=row: self._next_after(r))
        self.rows.append(row)
        self.list_box.addWidget(row)
        self.empty.hide()
        return row

    def tab_chain(self) -> list[QWidget]:
        """The boxes in the order Tab visits them."""
        chain: list[QWidget] = []
        for row in self.rows:
            chain += [row.asked, row.answer]
        return [*chain, self.new_question, self.add_button]

    def _next_after(self, row: QuestionRow) -> None:
        index = self.rows.index(row)
        target: QWidget = (
            self.rows[index + 1].answer if index + 1 < len(self.rows) else self.new_question
        )
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.moved_to.emit(target)


__all__ = ["QuestionRows"]

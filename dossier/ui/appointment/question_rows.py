"""The questions of appointment mode, in order (those assigned to the appointment, then the
case's other open ones under a heading of their own), and the line that adds one on the fly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import tr
from .question_row import QuestionRow


class QuestionRows(QWidget):
    """One :class:`QuestionRow` a question, numbered; Enter in an answer moves to the next.

    What is done with a tick, an answer or a new question is the mode's: the rows
    only say so, with the question's id.
    """

    asked_toggled = Signal(int, bool)  # question id, ticked
    answer_edited = Signal(QuestionRow)
    answerer_chosen = Signal(QuestionRow)
    take_off_requested = Signal(int)  # question id
    add_requested = Signal()
    moved_to = Signal(QWidget)  # the box Enter moved to, to scroll into view

    def __init__(self, heading_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        self.contacts: list[tuple[int, str]] = []
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(10)
        self.others_heading = QLabel(tr("Also open in this case"))
        self.others_heading.setObjectName("othersHeading")
        self.others_heading.setFont(heading_font)
        self.others_heading.setToolTip(
            tr(
                "Questions of the case not yet asked. Take off the list those that are "
                "not for this appointment."
            )
        )
        self.others_heading.hide()
        self.empty = QLabel(
            tr("There are no open questions for this appointment or its case. Add one below.")
        )
        self.empty.setWordWrap(True)
        self.list_box.addWidget(self.empty)

        self.new_question = QLineEdit()
        self.new_question.setObjectName("newQuestion")
        self.new_question.setPlaceholderText(tr("A new question, then Enter…"))
        self.new_question.setAccessibleName(tr("New question"))
        self.new_question.returnPressed.connect(self.add_requested)
        self.add_button = QPushButton(tr("Add a question"))
        self.add_button.setObjectName("addQuestion")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_requested)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_question, 1)
        add_row.addWidget(self.add_button)

        label = QLabel(tr("Questions, in order"))
        label.setFont(heading_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(label)
        layout.addLayout(self.list_box)
        layout.addLayout(add_row)

    def show_questions(self, questions: list[dict[str, Any]], first_other: int) -> None:
        """Show ``questions`` in order, those from ``first_other`` on under the heading of
        the case's other open questions (none, when it is their number)."""
        for row in self.rows:
            self.list_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self.list_box.removeWidget(self.others_heading)
        self.others_heading.hide()
        for index, question in enumerate(questions):
            if index == first_other:
                self.list_box.addWidget(self.others_heading)
                self.others_heading.show()
            self.add_row(question)
        self.empty.setVisible(not self.rows)

    def add_row(self, question: dict[str, Any]) -> QuestionRow:
        """A row for ``question`` at the end, numbered after the others."""
        row = QuestionRow(len(self.rows) + 1, question, self.contacts, self)
        qid = row.question_id
        row.asked.toggled.connect(lambda on, q=qid: self.asked_toggled.emit(q, on))
        row.answer.textChanged.connect(lambda r=row: self.answer_edited.emit(r))
        row.answer.next_requested.connect(lambda r=row: self._next_after(r))
        row.by.currentIndexChanged.connect(lambda _i, r=row: self.answerer_chosen.emit(r))
        row.take_off.clicked.connect(lambda _c=False, q=qid: self.take_off_requested.emit(q))
        self.rows.append(row)
        self.list_box.addWidget(row)
        row.show()  # at once, not at the next turn of the event loop: it can take the focus
        self.empty.hide()
        return row

    def row_of(self, question_id: int) -> QuestionRow | None:
        return next((row for row in self.rows if row.question_id == question_id), None)

    def tab_chain(self) -> list[QWidget]:
        """The boxes in the order Tab visits them."""
        chain: list[QWidget] = []
        for row in self.rows:
            chain += [row.asked, row.answer, row.by, row.take_off]
        return [*chain, self.new_question, self.add_button]

    def _next_after(self, row: QuestionRow) -> None:
        index = self.rows.index(row)
        target: QWidget = (
            self.rows[index + 1].answer if index + 1 < len(self.rows) else self.new_question
        )
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.moved_to.emit(target)


__all__ = ["QuestionRows"]

"""Small dialogs of the comparison: a question, a next step, a source, the decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..formatting import date_text
from ..widgets.date_field import DateField


def _valid_date(field: DateField) -> bool:
    return not field.text() or field.read() is not None


class _Dialog(QDialog):
    """A titled dialog with an explanation on top, a form, OK and Cancel."""

    def __init__(self, title: str, intro: str, ok: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget, name: str) -> None:
        widget.setAccessibleName(name)
        self.form.addRow(label, widget)

    def problem(self) -> str:
        """What keeps the dialog from being accepted, or ""."""
        return ""

    def _check_and_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()


class QuestionDialog(_Dialog):
    """The question made from an aspect, to change before it is added; an appointment."""

    def __init__(
        self,
        text: str,
        appointments: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Ask at the next appointment"),
            tr(
                "This question is written from what the opinions say. Change it into your "
                "own words if you like; it is added to your list of questions."
            ),
            tr("Add the question"),
            parent,
        )
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("questionText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        self.add_row(tr("Question:"), self.text, tr("The question"))
        self.appointment = QComboBox()
        self.appointment.setObjectName("questionAppointment")
        self.appointment.addItem(tr("Not for a particular appointment yet"), None)
        for appointment_id, label in appointments:
            self.appointment.addItem(label, appointment_id)
        self.add_row(tr("For:"), self.appointment, tr("For which appointment"))

    def question(self) -> str:
        return self.text.toPlainText().strip()

    def appointment_id(self) -> int | None:
        data = self.appointment.currentData()
        return int(data) if data is not None else None

    def problem(self) -> str:
        return "" if self.question() else tr("Write the question first.")


class StepDialog(_Dialog):
    """A next step made from an aspect: its title and the date it is due."""

    def __init__(self, title: str, due_on: str | None, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Add a next step"),
            tr(
                "A next step is something to do, with the date you want it done by. "
                "It appears with your deadlines and on the Calendar page."
            ),
            tr("Add the next step"),
            parent,
        )
        self.title = QLineEdit(title)
        self.title.setObjectName("stepTitle")
        self.add_row(tr("What to do:"), self.title, tr("What to do"))
        self.due = DateField()
        self.due.setObjectName("stepDue")
        self.due.set_text(due_on)
        self.add_row(tr("Done by:"), self.due, tr("Done by (date)"))

    def step_title(self) -> str:
        return self.title.text().strip()

    def due_on(self) -> str | None:
        return self.due.text() or None

    def problem(self) -> str:
        if not self.step_title():
            return tr("Write what to do first.")
        if not _valid_date(self.due):
            return tr(
                "This is not a date: write it as {example}, or pick it from the calendar.",
                example=self.due.example(),
            )
        return ""


class SourceDialog(_Dialog):
    """Which document (and page) an opinion's words on one aspect come from."""

    def __init__(
        self,
        what: str,
        documents: list[dict[str, Any]],
        preferred: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Add a source"),
            what,
            tr("Add the source"),
            parent,
        )
        self.document = QComboBox()
        self.document.setObjectName("sourceDocument")
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(30)
        self._pages: dict[int, int | None] = {}
        for document in documents:
            label = str(document["title"])
            if document.get("document_date"):
                label += f" ({date_text(document['document_date'])})"
            self.document.addItem(label, int(document["id"]))
            self._pages[int(document["id"])] = document.get("page_count")
        if preferred is not None:
            index = self.document.findData(preferred)
            if index >= 0:
                self.document.setCurrentIndex(index)
        self.add_row(tr("Document:"), self.document, tr("Document"))
        self.page = QSpinBox()
        self.page.setObjectName("sourcePage")
        self.page.setMinimum(0)
        self.page.setSpecialValueText(tr("whole document"))
        self.add_row(tr("Page:"), self.page, tr("Page"))
        self.document.currentIndexChanged.connect(lambda _i: self._limit_pages())
        self._limit_pages()
        self.page.setValue(1 if self.page.maximum() >= 1 else 0)
        if not documents:
            self.error.setText(
                tr(
                    "No documents are filed under this case yet. Import the written report "
                    "on the Documents page first."
                )
            )
            self.error.show()
            self.ok_button.setEnabled(False)

    def _limit_pages(self) -> None:
        data = self.document.currentData()
        pages = self._pages.get(int(data)) if data is not None else None
        self.page.setMaximum(int(pages) if pages else 9999)

    def citation(self) -> dict[str, Any]:
        return {
            "document_id": int(self.document.currentData()),
            "page": self.page.value() or None,
        }

    def problem(self) -> str:
        return "" if self.document.currentData() is not None else tr("Pick a document.")


class DecisionDialog(_Dialog):
    """The decision: which option, why, when, and who took part."""

    def __init__(
        self,
        decision: dict[str, str | None],
        deadline: str | None,
        today: str,
        parent: QWidget | None = None,
    ) -> None:
        intro = tr(
            "Write down what you decided and why, in your own words. It stays with the "
            "case, so you can look back on it later."
        )
        if deadline:
            intro += " " + tr("You wanted to decide by {date}.", date=date_text(deadline))
        super().__init__(tr("Record the decision"), intro, tr("Record it"), parent)
        self.choice = QPlainTextEdit(decision.get("text") or "")
        self.choice.setObjectName("decisionText")
        self.choice.setTabChangesFocus(True)
        self.choice.setMinimumHeight(70)
        self.choice.setPlaceholderText(tr("For example: breast-conserving surgery"))
        self.add_row(tr("What was decided:"), self.choice, tr("What was decided"))
        self.reason = QPlainTextEdit(decision.get("reason") or "")
        self.reason.setObjectName("decisionReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(90)
        self.add_row(tr("Why:"), self.reason, tr("Reasons for the decision"))
        self.decided_on = DateField()
        self.decided_on.setObjectName("decisionDate")
        self.decided_on.set_text(decision.get("decided_on") or today)
        self.add_row(tr("Date:"), self.decided_on, tr("Date of the decision"))
        self.participants = QLineEdit(decision.get("participants") or "")
        self.participants.setObjectName("decisionParticipants")
        self.participants.setPlaceholderText(tr("For example: me, my partner, Dr. A"))
        self.add_row(tr("Who took part:"), self.participants, tr("Who took part"))

    def values(self) -> dict[str, Any]:
        return {
            "decision": self.choice.toPlainText().strip(),
            "reason": self.reason.toPlainText().strip() or None,
            "decided_on": self.decided_on.text() or None,
            "participants": self.participants.text().strip() or None,
        }

    def problem(self) -> str:
        if not self.choice.toPlainText().strip():
            return tr("Write down which option was chosen.")
        if not _valid_date(self.decided_on):
            return tr(
                "This is not a date: write it as {example}, or pick it from the calendar.",
                example=self.decided_on.example(),
            )
        return ""

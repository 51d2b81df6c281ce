"""Appointment mode: the companion's screen during the consultation.

Large text, the appointment's questions in order, a big "Asked" tick and an answer
box for each, a new question added on the fly, and a notes field for what came out
of it. Everything is saved as it is typed: half a second after the last key, when
the focus moves on, and when the mode closes. Each save goes through the session,
so it can be undone like any other edit: one save is one undo step, however many
answers and notes it holds. Leaving asks for confirmation only when something could
not be saved.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core import records
from ..core.errors import DossierError
from ..core.records import Change
from ..core.storage import Dossier
from .formatting import datetime_text
from .session import Session

FONT_SCALE = 1.6
SAVE_DELAY_MS = 500
Key = tuple[str, int]  # (entity, record id)


class AnswerEdit(QPlainTextEdit):
    """A text box where Enter moves on (Shift+Enter starts a new line) and Tab leaves."""

    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._fit)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.next_requested.emit()
            return
        if enter:  # Shift+Enter: a new line, not a paragraph separator
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        """Two lines at least, growing with the text up to eight."""
        lines = max(2, min(8, self.document().lineCount()))
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * self.document().documentMargin()
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setFixedHeight(int(height))


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


class AppointmentMode(QDialog):
    """Full-window mode for one appointment. Open it with :func:`open_appointment_mode`."""

    def __init__(
        self, session: Session, appointment_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("appointmentMode")
        self.appointment = records.get(session.dossier, "appointment", appointment_id)
        self.questions: dict[int, dict[str, Any]] = {}
        self.rows: list[QuestionRow] = []
        self._pending: dict[Key, dict[str, Any]] = {}
        self._failed: dict[Key, str] = {}
        self._leaving = False
        self._answerer = self._live_contact(self.appointment.get("contact_id"))
        self.setWindowTitle(self.tr("Appointment mode"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)

        self.timer = QTimer(self)
        self.timer.setObjectName("saveTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)

        heading = QLabel(self._heading())
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        heading_font = QFont(font)
        heading_font.setBold(True)
        heading_font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(heading_font)
        about = QLabel(self._about())
        about.setObjectName("about")
        about.setWordWrap(True)
        about.setVisible(bool(about.text()))
        self.status = QLabel(self.tr("Everything you type is saved at once."))
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Saving"))
        self.leave_button = QPushButton(self.tr("Leave appointment mode"))
        self.leave_button.setObjectName("leave")
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.accept)
        hint = QLabel(
            self.tr(
                "Enter: next question · Shift+Enter: new line · Tab: next box · "
                "Esc: leave (everything is saved)"
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

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
        self.new_question.returnPressed.connect(self.add_question)
        self.add_button = QPushButton(self.tr("Add a question"))
        self.add_button.setObjectName("addQuestion")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_question)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_question, 1)
        add_row.addWidget(self.add_button)

        notes_label = QLabel(self.tr("&Notes: what was said, what happens next"))
        notes_label.setFont(heading_font)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes and outcome of the appointment"))
        self.notes.setPlainText(self.appointment.get("outcome") or "")
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 5)
        self.notes.textChanged.connect(self._notes_edited)
        self.notes.installEventFilter(self)
        notes_label.setBuddy(self.notes)

        content = QWidget()
        content.setObjectName("content")
        self.content = content
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 12, 24, 24)
        inner.setSpacing(14)
        questions_label = QLabel(self.tr("Questions, in order"))
        questions_label.setFont(heading_font)
        inner.addWidget(questions_label)
        inner.addLayout(self.list_box)
        inner.addLayout(add_row)
        inner.addSpacing(8)
        inner.addWidget(notes_label)
        inner.addWidget(self.notes)
        inner.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("questionsScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(content)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        header = QVBoxLayout()
        header.setContentsMargins(24, 16, 24, 4)
        header.addLayout(top)
        header.addWidget(about)
        header.addWidget(self.status)
        header.addWidget(hint)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(line)
        layout.addWidget(self.scroller, 1)

        questions = [
            q
            for q in records.list_records(
                session.dossier, "question", case_id=self.appointment.get("case_id")
            )
            if q.get("appointment_id") == appointment_id
        ]
        for question in questions:
            self._add_row(question)
        self._fix_tab_order()
        if self.rows:
            self.rows[0].answer.setFocus()
        else:
            self.new_question.setFocus()

    def _live_contact(self, contact_id: int | None) -> int | None:
        """The contact, if it is not in the trash (a link to it would be refused)."""
        if contact_id is None:
            return None
        try:
            records.get(self.session.dossier, "contact", contact_id)
        except DossierError:
            return None
        return contact_id

    # Text shown ---------------------------------------------------------------------
    def _heading(self) -> str:
        appointment = self.appointment
        who = ""
        if appointment.get("contact_id") is not None:
            try:
                contact = records.get(
                    self.session.dossier, "contact", appointment["contact_id"], include_deleted=True
                )
                who = str(contact["name"])
            except DossierError:
                who = ""
        when = datetime_text(appointment["starts_at"])
        text = (
            self.tr("Appointment with %1, %2").replace("%1", who).replace("%2", when)
            if who
            else self.tr("Appointment, %1").replace("%1", when)
        )
        return text

    def _about(self) -> str:
        appointment = self.appointment
        lines = []
        if appointment.get("location"):
            lines.append(self.tr("Where: %1").replace("%1", appointment["location"]))
        if appointment.get("purpose"):
            lines.append(self.tr("Why: %1").replace("%1", appointment["purpose"]))
        return "\n".join(lines)

    # Rows ----------------------------------------------------------------------------
    def _add_row(self, question: dict[str, Any]) -> QuestionRow:
        self.questions[int(question["id"])] = dict(question)
        row = QuestionRow(len(self.rows) + 1, question, self.content)
        qid = row.question_id
        row.asked.toggled.connect(lambda on, q=qid: self._asked_toggled(q, on))
        row.answer.textChanged.connect(lambda q=qid, r=row: self._answer_edited(q, r))
        row.answer.next_requested.connect(lambda r=row: self._next_after(r))
        row.answer.installEventFilter(self)
        self.rows.append(row)
        self.list_box.addWidget(row)
        self.empty.hide()
        return row

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.leave_button]
        for row in self.rows:
            chain += [row.asked, row.answer]
        chain += [self.new_question, self.add_button, self.notes]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _next_after(self, row: QuestionRow) -> None:
        index = self.rows.index(row)
        target: QWidget = (
            self.rows[index + 1].answer if index + 1 < len(self.rows) else self.new_question
        )
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroller.ensureWidgetVisible(target)

    # Edits ----------------------------------------------------------------------------
    def _asked_toggled(self, question_id: int, on: bool) -> None:
        self._queue(("question", question_id), {"asked": on})
        self.save_now()  # a tick is saved at once

    def _answer_edited(self, question_id: int, row: QuestionRow) -> None:
        text = row.answer.toPlainText()
        data: dict[str, Any] = {"answer": text}
        stored = self.questions[question_id]
        if text.strip() and not stored.get("answered_by_id") and self._answerer is not None:
            data["answered_by_id"] = self._answerer  # the doctor of the appointment
        self._queue(("question", question_id), data)
        if text.strip() and not row.asked.isChecked():
            row.asked.setChecked(True)  # an answer means it was asked; saves at once
        self.timer.start()

    def _notes_edited(self) -> None:
        self._queue(
            ("appointment", int(self.appointment["id"])), {"outcome": self.notes.toPlainText()}
        )
        self.timer.start()

    def _queue(self, key: Key, data: dict[str, Any]) -> None:
        self._pending.setdefault(key, {}).update(data)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._pending:
            self.save_now()
        return super().eventFilter(watched, event)

    # Saving ----------------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        return bool(self._pending) or bool(self._failed)

    def save_now(self) -> bool:
        """Write everything typed so far, as one undo step; True when all of it is stored."""
        with self.session.grouped(self.tr("changes in appointment mode")):
            return self._save_pending()

    def _save_pending(self) -> bool:
        self.timer.stop()
        pending, self._pending = self._pending, {}
        saved = False
        for key, data in pending.items():
            entity, record_id = key
            stored = self.questions.get(record_id, {}) if entity == "question" else self.appointment
            changes = {
                name: value for name, value in data.items() if _differs(value, stored.get(name))
            }
            if not changes:
                self._failed.pop(key, None)
                continue
            refused: list[DossierError] = []
            change = self.session.apply(_update(entity, record_id, changes), refused.append)
            if change is None:
                self._failed[key] = refused[0].message
                self._pending.setdefault(key, {}).update(data)  # kept for the next try
                continue
            self._failed.pop(key, None)
            saved = True
            if change.after is not None:
                if entity == "question":
                    self.questions[record_id] = change.after
                else:
                    self.appointment = change.after
        if self._failed:
            self._show_failure()
            return False
        if saved:
            self._show_saved()
        return True

    def _show_saved(self) -> None:
        time = QTime.currentTime().toString("HH:mm")
        self.status.setText(self.tr("Saved at %1.").replace("%1", time))

    def _show_failure(self) -> None:
        message = next(iter(self._failed.values()))
        self.status.setText(
            self.tr("Not saved: %1 Your text stays here; copy it somewhere if it matters.").replace(
                "%1", message
            )
        )

    def add_question(self) -> QuestionRow | None:
        text = self.new_question.text().strip()
        if not text:
            self.new_question.setFocus()
            return None
        data = {
            "case_id": self.appointment.get("case_id"),
            "appointment_id": self.appointment["id"],
            "text": text,
        }
        change = self.session.apply(
            lambda d: records.create(d, "question", data),
            lambda error: self.status.setText(
                self.tr("The question was not added: %1").replace("%1", error.message)
            ),
        )
        if change is None:
            return None
        assert change.after is not None
        self.new_question.clear()
        row = self._add_row(change.after)
        self._fix_tab_order()
        self._show_saved()
        row.answer.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self, lambda: self.scroller.ensureWidgetVisible(row))
        return row

    # Leaving -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Leave (Esc, the button, closing the window): save first; ask only if that failed."""
        if self._leaving:
            return
        if not self.save_now() and not self._confirm_leave():
            return
        self._leaving = True
        try:
            super().done(result)
        finally:
            self._leaving = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible():
            super().closeEvent(event)  # goes through done()
            return
        self.save_now()
        event.accept()

    def _confirm_leave(self) -> bool:
        box = QMessageBox(self)
        box.setObjectName("confirmLeave")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Not everything was saved"))
        box.setText(self.tr("Some of what you typed could not be saved."))
        box.setInformativeText(
            "\n".join(self._failed.values())
            + "\n\n"
            + self.tr("If you leave now, it is lost. Stay to copy it somewhere else.")
        )
        stay = box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("Leave without saving"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        left = box.clickedButton() is leave
        box.deleteLater()
        return left


def _update(entity: str, record_id: int, data: dict[str, Any]) -> Callable[[Dossier], Change]:
    return lambda dossier: records.update(dossier, entity, record_id, data)


def _differs(typed: Any, stored: Any) -> bool:
    if isinstance(typed, bool) or isinstance(stored, bool):
        return bool(typed) != bool(stored)
    if isinstance(typed, str) or isinstance(stored, str):
        return (typed or "").strip() != (stored or "").strip()
    return bool(typed != stored)


def open_appointment_mode(
    session: Session, appointment_id: int, parent: QWidget | None = None
) -> AppointmentMode:
    """Show appointment mode for ``appointment_id``, filling the screen, over ``parent``."""
    mode = AppointmentMode(session, appointment_id, parent)
    mode.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    mode.setWindowModality(Qt.WindowModality.ApplicationModal)
    mode.showMaximized()
    return mode


__all__ = ["AppointmentMode", "QuestionRow", "open_appointment_mode"]

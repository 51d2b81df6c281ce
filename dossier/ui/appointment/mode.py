"""Appointment mode: the companion's screen during the consultation.

Large text (it can fill the whole screen: F11), the questions to ask in order (those
assigned to the appointment, then the case's other open ones, each with one button to
take it off the list), a big "Asked" tick, an answer box and who answered for each, a
new question added on the fly, and a notes field for what came out of it. Everything is saved as it is typed: half a second after the last key, when
the focus moves on, and when the mode closes. Each save goes through the session,
so it can be undone like any other edit: one save is one undo step, however many
answers and notes it holds. Leaving asks for confirmation only when something could
not be saved.

This window puts the parts together and decides when to save; what is saved and
how an answer counts are the core's (``core.appointment_questions``,
``core.pending_edits``).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QVBoxLayout, QWidget

from ...core import records
from ...core.appointment_questions import (
    added_question,
    answer_changes,
    answerer,
    assigned,
    has_answer,
    put_back,
    questions_for,
    set_aside,
)
from ...core.bidi import isolate
from ...core.clip import clip_line
from ...core.clock import now
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.locale_format import short_time
from ...core.pending_edits import Key, PendingEdits, update
from ..session import Session
from .header import AppointmentHeader
from .leave_dialog import confirm_leave
from .notes_panel import NotesPanel
from .question_row import QuestionRow
from .question_rows import QuestionRows

FONT_SCALE = 1.6
SAVE_DELAY_MS = 500


class AppointmentMode(QDialog):
    """Full-window mode for one appointment. Open it with :func:`open_appointment_mode`."""

    def __init__(
        self, session: Session, appointment_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("appointmentMode")
        appointment = records.get(session.dossier, "appointment", appointment_id)
        self._key: Key = ("appointment", int(appointment["id"]))
        self.edits = PendingEdits()  # what is typed, until it is saved
        self.edits.remember(self._key, appointment)
        self._leaving = False
        self._answerer = answerer(session.dossier, appointment)
        self.setWindowTitle(tr("Appointment mode"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)
        heading_font = QFont(font)
        heading_font.setBold(True)
        heading_font.setPointSizeF(font.pointSizeF() * 1.15)

        self.timer = QTimer(self)
        self.timer.setObjectName("saveTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)

        self.header = AppointmentHeader(session.dossier, appointment, heading_font)
        self.status = self.header.status
        self.leave_button = self.header.leave_button
        self.leave_button.clicked.connect(self.accept)
        self.full_screen_button = self.header.full_screen_button
        self.full_screen_button.clicked.connect(self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        self.put_back_button = self.header.put_back_button
        self.put_back_button.clicked.connect(self.put_back)
        self._taken_off: tuple[int, dict[str, Any]] | None = None  # what "Put it back" undoes

        self.question_rows = QuestionRows(heading_font)
        self.question_rows.contacts = [
            (int(c["id"]), str(c["name"])) for c in records.list_records(session.dossier, "contact")
        ]
        self.question_rows.asked_toggled.connect(self._asked_toggled)
        self.question_rows.answer_edited.connect(self._answer_edited)
        self.question_rows.answerer_chosen.connect(self._answerer_chosen)
        self.question_rows.take_off_requested.connect(self.take_off)
        self.question_rows.add_requested.connect(self.add_question)
        self.question_rows.moved_to.connect(self._scroll_to)
        self.new_question = self.question_rows.new_question

        self.notes_panel = NotesPanel(appointment.get("outcome") or "", heading_font)
        self.notes = self.notes_panel.notes
        self.notes.textChanged.connect(self._notes_edited)
        self.notes.installEventFilter(self)

        content = QWidget()
        content.setObjectName("content")
        self.content = content
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 12, 24, 24)
        inner.setSpacing(14)
        inner.addWidget(self.question_rows)
        inner.addSpacing(8)
        inner.addWidget(self.notes_panel)
        inner.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("questionsScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(content)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(line)
        layout.addWidget(self.scroller, 1)

        self._load_questions()
        self._focus_row(0)

    @property
    def appointment(self) -> dict[str, Any]:
        """The appointment as last saved."""
        return self.edits.stored(self._key)

    @property
    def rows(self) -> list[QuestionRow]:
        """The questions shown, in order."""
        return self.question_rows.rows

    # Rows ----------------------------------------------------------------------------
    def _load_questions(self) -> None:
        """Show the questions to ask, as stored now."""
        questions = questions_for(self.session.dossier, self.appointment)
        first_other = next(
            (i for i, q in enumerate(questions) if not assigned(q, self.appointment)),
            len(questions),
        )
        for question in questions:
            self.edits.remember(("question", int(question["id"])), question)
        self.question_rows.show_questions(questions, first_other)
        for row in self.rows:
            row.answer.installEventFilter(self)
        self._fix_tab_order()

    def _add_row(self, question: dict[str, Any]) -> QuestionRow:
        self.edits.remember(("question", int(question["id"])), question)
        row = self.question_rows.add_row(question)
        row.answer.installEventFilter(self)
        return row

    def _focus_row(self, index: int) -> None:
        """The focus in the answer of the row ``index`` (the last, if there are fewer), or
        on the new question when there are none."""
        if self.rows:
            row = self.rows[min(index, len(self.rows) - 1)]
            row.answer.setFocus(Qt.FocusReason.OtherFocusReason)
            QTimer.singleShot(0, self, lambda: self.scroller.ensureWidgetVisible(row))
        else:
            self.new_question.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fix_tab_order(self) -> None:
        chain = [self.leave_button, *self.question_rows.tab_chain(), self.notes]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _scroll_to(self, widget: QWidget) -> None:
        self.scroller.ensureWidgetVisible(widget)

    # Edits ----------------------------------------------------------------------------
    def _asked_toggled(self, question_id: int, on: bool) -> None:
        self.edits.queue(("question", question_id), {"asked": on})
        self.save_now()  # a tick is saved at once

    def _answer_edited(self, row: QuestionRow) -> None:
        text = row.answer.toPlainText()
        key: Key = ("question", row.question_id)
        changes = answer_changes(text, self.edits.stored(key), self._answerer)
        if row.answerer() is not None:  # chosen, or shown as stored: that stands
            changes.pop("answered_by_id", None)
        elif "answered_by_id" in changes:
            row.show_answerer(changes["answered_by_id"])
        self.edits.queue(key, changes)
        if has_answer(text) and not row.asked.isChecked():
            row.asked.setChecked(True)  # an answer means it was asked; saves at once
        self.timer.start()

    def _answerer_chosen(self, row: QuestionRow) -> None:
        self.edits.queue(("question", row.question_id), {"answered_by_id": row.answerer()})
        self.timer.start()

    def _notes_edited(self) -> None:
        self.edits.queue(self._key, {"outcome": self.notes.toPlainText()})
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.edits.waiting:
            self.save_now()
        return super().eventFilter(watched, event)

    # Saving ----------------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        return self.edits.has_unsaved()

    def save_now(self) -> bool:
        """Write everything typed so far, as one undo step; True when all of it is stored."""
        with self.session.grouped(tr("changes in appointment mode")):
            return self._save_pending()

    def _save_pending(self) -> bool:
        self.timer.stop()
        saved = self.edits.save(self.session.apply)
        if self.edits.failures:
            self._show_failure()
            return False
        if saved:
            self._show_saved()
        return True

    def _show_saved(self) -> None:
        self.status.setText(tr("Saved at {time}.", time=short_time(now())))

    def _show_failure(self) -> None:
        message = self.edits.failures[0]
        self.status.setText(
            tr(
                "Not saved: {reason} Your text stays here; copy it somewhere if it matters.",
                reason=message,
            )
        )

    def add_question(self) -> QuestionRow | None:
        text = self.new_question.text().strip()
        if not text:
            self.new_question.setFocus()
            return None
        data = added_question(self.appointment, text)
        change = self.session.apply(
            lambda d: records.create(d, "question", data),
            lambda error: self.status.setText(
                tr("The question was not added: {reason}", reason=error.message)
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

    # The list -----------------------------------------------------------------------------
    def take_off(self, question_id: int) -> None:
        """Take a question off this appointment's list (one undo step); "Put it back" (or
        undo) returns it. It stays the case's question."""
        if not self.save_now():
            return
        before = self.edits.stored(("question", question_id))
        index = next((i for i, r in enumerate(self.rows) if r.question_id == question_id), 0)
        change = self.session.apply(
            update("question", question_id, set_aside(before, self.appointment)),
            self._show_refusal,
        )
        if change is None:
            return
        self._taken_off = (question_id, put_back(before))
        self._load_questions()
        self.status.setText(
            tr(
                "Taken off the list: “{question}”. It stays with the case.",
                question=isolate(_short(str(before.get("text") or ""))),
            )
        )
        self.put_back_button.show()
        self._focus_row(index)

    def put_back(self) -> None:
        """Return the question last taken off the list to it."""
        if self._taken_off is None:
            return
        question_id, fields = self._taken_off
        if not self.save_now():
            return
        change = self.session.apply(update("question", question_id, fields), self._show_refusal)
        if change is None:
            return
        self._taken_off = None
        self.put_back_button.hide()
        self._load_questions()
        self._show_saved()
        row = self.question_rows.row_of(question_id)
        self._focus_row(self.rows.index(row) if row is not None else 0)

    def _show_refusal(self, error: DossierError) -> None:
        self.status.setText(tr("Not saved: {reason}", reason=error.message))

    def toggle_full_screen(self) -> None:
        """Fill the whole screen, or go back to the window's size."""
        if self.isFullScreen():
            self.showMaximized()
            self.full_screen_button.setText(tr("Full screen"))
        else:
            self.showFullScreen()
            self.full_screen_button.setText(tr("Leave full screen"))

    # Leaving -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Leave (Esc, the button, closing the window): save first; ask only if that failed."""
        if self._leaving:
            return
        if not self.save_now() and not confirm_leave(self, self.edits.failures):
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


def _short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to about ``limit`` characters."""
    return clip_line(text, limit)


def open_appointment_mode(
    session: Session, appointment_id: int, parent: QWidget | None = None
) -> AppointmentMode:
    """Show appointment mode for ``appointment_id``, filling the screen, over ``parent``."""
    mode = AppointmentMode(session, appointment_id, parent)
    mode.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    mode.setWindowModality(Qt.WindowModality.ApplicationModal)
    mode.showMaximized()
    return mode


__all__ = ["FONT_SCALE", "AppointmentMode", "open_appointment_mode"]

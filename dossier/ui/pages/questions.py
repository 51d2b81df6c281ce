"""Questions to ask, per case and per appointment, put in order by dragging them.

A new order is written through the session as one step (``core.questions.reorder``),
so one Ctrl+Z puts the old order back. Move up and Move down (Alt+Up, Alt+Down) do
the same from the keyboard. Priority and category can be changed in the list
itself (double-click or F2) or in the form beside it.

The page puts together its parts: the filters (:mod:`..questions.filters`), the list
(:mod:`..questions.question_list`, over :class:`..models.questions.QuestionsModel`)
and the form; what follows here is what the buttons do and how the page follows changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.records import Change
from ..models.questions import QuestionsModel
from ..questions.filters import QuestionFilters
from ..questions.question_list import QuestionList
from ..session import Session
from ..widgets.common import page_title, push_button, title_row
from ..widgets.form_pane import FormPane
from ..widgets.record_form import RecordForm, fit_form

FORM_FIELDS = (
    "text",
    "case_id",
    "appointment_id",
    "priority",
    "category",
    "asked",
    "answer",
    "answered_by_id",
)


class QuestionsPage(QWidget):
    """The questions list with its filters and form, and the way into appointment mode."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

        heading = page_title(tr("Questions"))
        intro = QLabel(
            tr(
                "Write down what you want to ask, most important first. Drag a question "
                "to change the order (or use Move up and Move down)."
            )
        )
        intro.setWordWrap(True)
        self.filters = QuestionFilters(session)
        self.case_filter = self.filters.case_filter
        self.appointment_filter = self.filters.appointment_filter
        self.unanswered = self.filters.unanswered

        self.new_button = push_button("new", tr("New question"), self._new_clicked)
        self.up_button = push_button("up", tr("Move up"), lambda: self.move_current(-1))
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.setToolTip(tr("Move the question up (Alt+Up)"))
        self.down_button = push_button("down", tr("Move down"), lambda: self.move_current(1))
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.setToolTip(tr("Move the question down (Alt+Down)"))
        self.delete_button = push_button("delete", tr("Move to trash"), self.delete_current)
        self.mode_button = push_button(
            "appointmentMode", tr("Start appointment mode"), self.start_appointment_mode
        )

        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.model = QuestionsModel(session, self)
        self.table = QuestionList(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.form = RecordForm(session, "question", fields=FORM_FIELDS)
        self.form.setObjectName("questionForm")
        self.form.saved.connect(self._on_saved)
        self.form_pane = FormPane(self.form)
        fit_form(self.form, self.form_pane.scroll_area)

        self.splitter = QSplitter()
        self.splitter.setObjectName("questionsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([740, 360])

        top = title_row(heading, [self.new_button, self.delete_button, self.mode_button])
        filters = QHBoxLayout()
        filters.addWidget(self.filters, 1)
        filters.addStretch(0)
        filters.addWidget(self.up_button)
        filters.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.apply_filters)
        # Rows come and go with every change, not only with the filters: the hint and the
        # column widths follow them (the hint stayed above a list of five questions).
        self.model.modelReset.connect(self._resize_columns)
        self.model.rowsInserted.connect(self._resize_columns)
        self.model.rowsRemoved.connect(self._resize_columns)
        session.changed.connect(self._on_change)
        session.reloaded.connect(self._on_reloaded)
        self.apply_filters()
        self.new_question()

    # Filters --------------------------------------------------------------------------
    def apply_filters(self) -> None:
        keep = self.selected_id()
        self.model.set_filters(
            case_id=self.filters.case_id(),
            appointment=self.filters.appointment(),
            unanswered_only=self.filters.unanswered_only(),
        )
        self._resize_columns()
        shown = self.form.record["id"] if self.form.record is not None else keep
        if shown is not None and not self.select_question(shown):
            self.new_question()  # the question in the form is no longer in the list
        self._update_buttons()

    def set_appointment(self, appointment_id: int) -> None:
        """Show the questions for one appointment (its case chosen too)."""
        self.filters.show_appointment(appointment_id)
        self.apply_filters()

    def _resize_columns(self) -> None:
        self.table.fit_columns(
            all_cases=self.filters.case_id() is None,
            one_appointment=isinstance(self.filters.appointment(), int),
        )
        empty = self.model.rowCount() == 0
        self.empty_hint.setVisible(empty)
        if empty:
            self.empty_hint.setText(
                tr("No unanswered questions here.")
                if self.unanswered.isChecked()
                else tr("No questions here yet. Add one with New question.")
            )

    # Selection ----------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        return self.table.selected_id()

    def select_question(self, question_id: int) -> bool:
        return self.table.select_question(question_id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            record = self.model.record(current.row())
            if self.form.record is None or self.form.record["id"] != record["id"]:
                self.form.set_record(record)
        self._update_buttons()

    def _on_saved(self, change: Change) -> None:
        self.select_question(change.id)

    def _on_change(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if touched & {"case", "appointment", "contact"}:
            self.filters.refill()
            self.apply_filters()
        if "question" not in touched:
            self._update_buttons()
            return
        shown = self.form.record["id"] if self.form.record is not None else None
        if shown is not None and (change.id == shown or ("question", shown) in change.also):
            try:
                fresh = records.get(self.session.dossier, "question", shown)
            except DossierError:  # to the trash, or its adding undone
                self.new_question()
                return
            self._refresh_form(fresh)
        if shown is not None and self.selected_id() != shown:
            self.select_question(shown)
        self._update_buttons()

    def _refresh_form(self, fresh: dict[str, Any]) -> None:
        """Show the stored question again, keeping what is being typed in other fields."""
        form = self.form
        if not form.revert_button.isEnabled():  # nothing typed: show it as stored
            form.set_record(fresh)
            return
        old = form.record or {}
        for name, editor in form.editors.items():
            if old.get(name) != fresh.get(name):
                editor.set_value(fresh.get(name))
        form.record = fresh

    def _on_reloaded(self) -> None:
        self.filters.refill()
        self.apply_filters()

    def chosen_appointment(self) -> int | None:
        """The appointment for appointment mode: the one filtered on, else the question's."""
        value = self.filters.appointment()
        if isinstance(value, int):
            return value
        record = self.form.record
        if record is not None and record.get("appointment_id") is not None:
            return int(record["appointment_id"])
        return None

    def _update_buttons(self) -> None:
        row = self.table.current_row()
        self.delete_button.setEnabled(self.form.record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.model.all_records()) - 1)
        has_appointment = self.chosen_appointment() is not None
        self.mode_button.setEnabled(has_appointment)
        self.mode_button.setToolTip(
            tr("Large text for the consultation: tick questions and write the answers")
            if has_appointment
            else tr("Choose an appointment above, or a question for an appointment, first")
        )

    # Actions ------------------------------------------------------------------------------
    def new_question(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        defaults: dict[str, Any] = {}
        appointment = self.filters.appointment()
        case_id = self.filters.case_id()
        if isinstance(appointment, int):
            defaults["appointment_id"] = appointment
            if case_id is None:
                try:
                    case_id = records.get(self.session.dossier, "appointment", appointment).get(
                        "case_id"
                    )
                except DossierError:
                    case_id = None
        if case_id is not None:
            defaults["case_id"] = case_id
        self.form.set_record(None, **defaults)
        self._update_buttons()

    def _new_clicked(self) -> None:
        self.new_question()
        self.form.editors["text"].widget.setFocus()

    def move_current(self, step: int) -> bool:
        question_id = self.selected_id()
        if question_id is None:
            return False
        row = self.table.currentIndex().row()
        target = row + step if step < 0 else row + step + 1
        if not 0 <= target <= len(self.model.all_records()):
            return False
        moved = self.model.move_ids([question_id], target)
        self.select_question(question_id)
        self.table.setFocus()
        return moved

    def delete_current(self) -> Change | None:
        record = self.form.record
        if record is None:
            return None
        record_id = record["id"]
        change = self.session.apply(
            lambda d: records.delete(d, "question", record_id),
            lambda error: self.form.show_message(error.message),
        )
        if change is None:
            return None
        self.new_question()
        return change

    def start_appointment_mode(self) -> QWidget | None:
        appointment_id = self.chosen_appointment()
        if appointment_id is None:
            return None
        from ..appointment.mode import AppointmentMode, open_appointment_mode

        mode: AppointmentMode = open_appointment_mode(self.session, appointment_id, self.window())
        return mode


__all__ = ["QuestionsPage"]

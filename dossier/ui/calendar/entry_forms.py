"""Beside the Calendar page's list: the chosen appointment or deadline in its form, or a line
saying how to choose one."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from ...core import records
from ...core.agenda import Kind
from ...core.i18n import tr
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.doctor_place import fill_place_from_doctor
from ..widgets.record_form import RecordForm, fit_form

KINDS: tuple[Kind, ...] = ("appointment", "task")
APPOINTMENT_FIELDS = (
    "starts_at",
    "contact_id",
    "location",
    "purpose",
    "companion",
    "case_id",
    "preparation",
    "outcome",
)
TASK_FIELDS = ("title", "due_on", "kind", "case_id", "done", "done_on", "notes")


class EntryForms(QStackedWidget):
    """The appointment form, the deadline form, or the placeholder: one at a time."""

    saved = Signal(object)  # the Change of a form's save

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("details")
        self.appointment_form = RecordForm(session, "appointment", fields=APPOINTMENT_FIELDS)
        self.appointment_form.setObjectName("appointmentForm")
        self.task_form = RecordForm(session, "task", fields=TASK_FIELDS)
        self.task_form.setObjectName("taskForm")
        self.task_form.heading.setText(tr("New deadline"))
        for form in (self.appointment_form, self.task_form):
            form.saved.connect(self.saved)
        fill_place_from_doctor(self.appointment_form, "location")
        self.placeholder = QLabel(
            tr(
                "Choose an appointment or a deadline in the list to see it here, "
                "or add a new one with the buttons above."
            )
        )
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.placeholder.setContentsMargins(12, 12, 12, 12)
        self.addWidget(self.placeholder)
        self._scrolls: dict[str, QScrollArea] = {}
        for kind, form in zip(KINDS, (self.appointment_form, self.task_form), strict=True):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            fit_form(form, scroll)
            self._scrolls[kind] = scroll
            self.addWidget(scroll)

    def form_of(self, kind: str) -> RecordForm:
        return self.appointment_form if kind == "appointment" else self.task_form

    def show_form(self, kind: str | None) -> None:
        """The form for ``kind`` ("appointment" or "task"), or the placeholder for None."""
        self.setCurrentWidget(self.placeholder if kind is None else self._scrolls[kind])

    def close_form(self) -> bool:
        """Show the placeholder instead of the form, unless the form holds unsaved typing
        (then it stays, and False is returned)."""
        key = self.current_key()
        if key is not None and self.form_of(key[0]).revert_button.isEnabled():
            return False
        self.show_form(None)
        return True

    def current_key(self) -> tuple[Kind, int] | None:
        """The appointment or deadline in the form shown, if it is a saved one."""
        for kind in KINDS:
            if self.currentWidget() is self._scrolls[kind]:
                record = self.form_of(kind).record
                return (kind, int(record["id"])) if record is not None else None
        return None

    def new_appointment(self, day: date) -> None:
        """An empty appointment form on ``day`` at 9:00, the time selected to be typed over."""
        self.appointment_form.set_record(None, **self._new_appointment(day))
        self.show_form("appointment")
        field = self.appointment_form.editors["starts_at"].widget
        assert isinstance(field, DateField)
        field.line.setFocus()
        field.select_time()  # typing replaces the suggested time

    def new_deadline(self, day: date) -> None:
        """An empty deadline form due on ``day``, the title ready to be typed."""
        self.task_form.set_record(None, **self._new_deadline(day))
        self.task_form.heading.setText(tr("New deadline"))
        self.show_form("task")
        self.task_form.editors["title"].widget.setFocus()

    def follow_day(self, day: date) -> None:
        """A new appointment or deadline not yet typed into takes ``day``."""
        if self.currentWidget() is self._scrolls["appointment"]:
            form = self.appointment_form
            if form.record is None and not form.revert_button.isEnabled():
                form.set_record(None, **self._new_appointment(day))
        elif self.currentWidget() is self._scrolls["task"]:
            form = self.task_form
            if form.record is None and not form.revert_button.isEnabled():
                form.set_record(None, **self._new_deadline(day))
                form.heading.setText(tr("New deadline"))

    def _new_appointment(self, day: date) -> dict[str, Any]:
        return {"starts_at": f"{day.isoformat()}T09:00", **self._the_open_case()}

    def _new_deadline(self, day: date) -> dict[str, Any]:
        return {"due_on": day.isoformat(), **self._the_open_case()}

    def _the_open_case(self) -> dict[str, Any]:
        """With one open case, a new appointment or deadline belongs to it (it can be
        changed); with several, the person chooses."""
        live = records.list_records(self.session.dossier, "case", equal={"status": "open"})
        return {"case_id": live[0]["id"]} if len(live) == 1 else {}

"""Calendar: appointments and deadlines together, in a month view and a list, with their forms.

The month view marks every day that holds something (bold, underlined, a dot for an
appointment, a small square for a deadline, "!" for an overdue one) and names it in
a tooltip. The list shows what is overdue and coming first, past things greyed; a
day chosen in the month view shows that day. Beside them, the chosen appointment or
deadline in its form.

The page puts together its parts (:mod:`dossier.ui.calendar`): the month view, the list
and the forms. What follows here is what is chosen, and how the page follows changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from ...core import records
from ...core.agenda import Entry, Kind, agenda
from ...core.clock import today
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.records import Change
from ..calendar.entry_forms import EntryForms
from ..calendar.entry_list import SCOPE_ALL, SCOPE_COMING, SCOPE_DAY, EntryList
from ..calendar.month_view import MonthView, as_date, as_qdate, month_side
from ..session import Session
from ..widgets.common import page_title, push_button, title_row


class CalendarPage(QWidget):
    """Appointments and deadlines: month view, list, and the chosen one in its form."""

    SCOPE_COMING, SCOPE_DAY, SCOPE_ALL = SCOPE_COMING, SCOPE_DAY, SCOPE_ALL

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._quiet = False  # set while the page itself moves the selection
        self._all: list[Entry] = []

        heading = page_title(tr("Calendar"))

        self.new_appointment_button = push_button(
            "newAppointment", tr("New appointment"), self.new_appointment
        )
        self.new_deadline_button = push_button("newDeadline", tr("New deadline"), self.new_deadline)
        self.done_button = push_button("done", tr("Mark as done"), self.toggle_done)
        self.mode_button = push_button(
            "appointmentMode", tr("Start appointment mode"), self.start_appointment_mode
        )
        self.mode_button.setToolTip(
            tr("Large text for the consultation: tick questions and write the answers")
        )
        self.delete_button = push_button("delete", tr("Move to trash"), self.delete_current)

        # Month view ---------------------------------------------------------------
        self.month = MonthView()
        self.month.selectionChanged.connect(self._on_day_chosen)
        self.month.clicked.connect(lambda _day: self._on_day_chosen())

        # List and forms -------------------------------------------------------------
        self.entry_list = EntryList(session)
        self.scope = self.entry_list.scope
        self.scope.currentIndexChanged.connect(lambda _i: self._on_scope_chosen())
        self.list_title = self.entry_list.title
        self.model = self.entry_list.model
        self.table = self.entry_list.table
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.details = EntryForms(session)
        self.details.saved.connect(self._on_saved)
        self.appointment_form = self.details.appointment_form
        self.task_form = self.details.task_form
        self.placeholder = self.details.placeholder

        month_row = QHBoxLayout()
        month_row.addWidget(self.month, 3)
        month_row.addLayout(month_side(self.go_to_today), 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(month_row)
        left_layout.addSpacing(6)
        left_layout.addWidget(self.entry_list, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([700, 400])

        top = title_row(
            heading,
            [
                self.new_appointment_button,
                self.new_deadline_button,
                self.done_button,
                self.mode_button,
                self.delete_button,
            ],
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        session.changed.connect(self._on_change)
        session.reloaded.connect(self.reload)
        self.reload()
        self._update_buttons()

    # What is shown ---------------------------------------------------------------
    def chosen_day(self) -> date:
        return as_date(self.month.selectedDate())

    def reload(self) -> None:
        """Read appointments and deadlines again; keep the chosen one chosen."""
        self._all = agenda(self.session.dossier, today())
        self.month.set_marks(self._all, self.model.describe)
        self._fill_list()

    def _fill_list(self) -> None:
        keep = self.current_key()
        self._quiet = True
        try:
            self.entry_list.show_entries(self._all, self.chosen_day(), keep)
        finally:
            self._quiet = False
        self._update_buttons()

    def current_entry(self) -> Entry | None:
        return self.entry_list.current_entry()

    def current_key(self) -> tuple[Kind, int] | None:
        """The appointment or deadline in the form (it may be hidden from the list)."""
        return self.details.current_key()

    def select(self, kind: str, record_id: int) -> bool:
        """Show an appointment or deadline: in the list (on its day if need be) and its form."""
        row = self.model.row_of((kind, record_id))
        if row is None:
            entry = next((e for e in self._all if e.key == (kind, record_id)), None)
            if entry is None:
                return False
            self._quiet = True
            try:
                if entry.day is not None:
                    self.month.setSelectedDate(as_qdate(entry.day))
                    self.scope.setCurrentIndex(self.SCOPE_DAY)
                else:
                    self.scope.setCurrentIndex(self.SCOPE_ALL)
            finally:
                self._quiet = False
            self._fill_list()
            row = self.model.row_of((kind, record_id))
        self.entry_list.select_row(row)
        return row is not None

    # Reactions ------------------------------------------------------------------
    def _on_day_chosen(self) -> None:
        if self._quiet:
            return
        if self.scope.currentIndex() != self.SCOPE_DAY:
            self.scope.setCurrentIndex(self.SCOPE_DAY)  # fills the list
        else:
            self._fill_list()
            self._forget_hidden()
        self.details.follow_day(self.chosen_day())

    def _on_scope_chosen(self) -> None:
        self._fill_list()
        if not self._quiet:
            self._forget_hidden()

    def _forget_hidden(self) -> None:
        """After another day or list was chosen, the form shows nothing the list hides.

        A form with unsaved typing stays, so nothing typed is lost.
        """
        key = self.current_key()
        if key is not None and self.model.row_of(key) is None and self.details.close_form():
            self._update_buttons()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is not None:
            form = self.details.form_of(entry.kind)
            form.set_record(entry.record)
            self.details.show_form(entry.kind)
            if entry.day is not None and as_date(self.month.selectedDate()) != entry.day:
                self._quiet = True
                try:
                    self.month.setSelectedDate(as_qdate(entry.day))
                finally:
                    self._quiet = False
        self._update_buttons()

    def _on_change(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if not touched & {"appointment", "task", "contact", "case"}:
            return
        shown = self.current_key()
        self.reload()
        if shown is None:
            return
        kind, record_id = shown
        if (change.entity, change.id) == shown or (kind, record_id) in change.also:
            form = self.details.form_of(kind)
            try:
                form.set_record(records.get(self.session.dossier, kind, record_id))
            except DossierError:  # gone to the trash (or undone)
                form.set_record(None)
                self.details.show_form(None)
        self._update_buttons()

    def _on_saved(self, change: Change) -> None:
        self.select(change.entity, change.id)

    def _update_buttons(self) -> None:
        key = self.current_key()
        self.delete_button.setEnabled(key is not None)
        is_task = key is not None and key[0] == "task"
        self.done_button.setEnabled(is_task)
        done = bool(is_task and self.task_form.record and self.task_form.record.get("done"))
        self.done_button.setText(tr("Mark as not done") if done else tr("Mark as done"))
        self.mode_button.setEnabled(key is not None and key[0] == "appointment")

    # Actions --------------------------------------------------------------------
    def go_to_today(self) -> None:
        self.month.setSelectedDate(as_qdate(today()))
        self.month.setFocus()

    def new_appointment(self) -> None:
        self.entry_list.select_row(None)
        self.details.new_appointment(self.chosen_day())
        self._update_buttons()

    def new_deadline(self) -> None:
        self.entry_list.select_row(None)
        self.details.new_deadline(self.chosen_day())
        self._update_buttons()

    def delete_current(self) -> Change | None:
        key = self.current_key()
        if key is None:
            return None
        kind, record_id = key
        change = self.session.apply(
            lambda d: records.delete(d, kind, record_id),
            lambda error: self.details.form_of(kind).show_message(error.message),
        )
        if change is None:
            return None
        self.details.show_form(None)
        self._update_buttons()
        return change

    def toggle_done(self) -> Change | None:
        key = self.current_key()
        record = self.task_form.record
        if key is None or key[0] != "task" or record is None:
            return None
        done = not record.get("done")
        data = {"done": done}  # the core dates it (or clears the date)
        record_id = key[1]
        return self.session.apply(
            lambda d: records.update(d, "task", record_id, data),
            lambda error: self.task_form.show_message(error.message),
        )

    def start_appointment_mode(self) -> QWidget | None:
        key = self.current_key()
        if key is None or key[0] != "appointment":
            return None
        from ..appointment.mode import AppointmentMode, open_appointment_mode

        mode: AppointmentMode = open_appointment_mode(self.session, key[1], self.window())
        return mode

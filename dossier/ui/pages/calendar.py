"""Calendar: appointments and deadlines together, in a month view and a list, with their forms.

The month view marks every day that holds something (bold, underlined, a dot for an
appointment, a small square for a deadline, "!" for an overdue one) and names it in
a tooltip. The list shows what is overdue and coming first, past things greyed; a
day chosen in the month view shows that day. Beside them, the chosen appointment or
deadline in its form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.agenda import Entry, Kind, Status, agenda
from ...core.clock import today
from ...core.errors import DossierError
from ...core.records import Change
from ..formatting import day_text, time_text
from ..session import Session
from ..widgets.common import page_title, push_button
from ..widgets.date_field import DateField
from ..widgets.delegates import RoomyDelegate
from ..widgets.record_form import RecordForm, fit_form

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex
_KINDS: tuple[Kind, ...] = ("appointment", "task")
COMING_WEEKS = 8
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


def _t(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class EntryModel(QAbstractTableModel):
    """The calendar's list: one row per appointment or deadline, in the order given."""

    CHUNK = 200
    WHEN, WHAT, STATUS = range(3)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._rows: list[Entry] = []
        self._shown = 0
        self._names: dict[int, str] = {}
        self._titles = [_t("When"), _t("What"), _t("How soon")]

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._shown = min(self.CHUNK, len(self._rows))
        self._names = {
            c["id"]: c["name"]
            for c in records.list_records(self.session.dossier, "contact", include_deleted=True)
        }
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def entries(self) -> list[Entry]:
        return list(self._rows)

    def row_of(self, key: tuple[str, int]) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.key == key:
                while row >= self._shown and self.canFetchMore():
                    self.fetchMore()
                return row
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        more = min(self.CHUNK, len(self._rows) - self._shown)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(entry, column).removeprefix("! ")
            if column == self.WHEN and entry.status == "overdue":
                return _t("Overdue: %1").replace("%1", text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(entry)
        if role == Qt.ItemDataRole.FontRole and entry.status in ("overdue", "today"):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.status in ("past", "done"):
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, entry: Entry, column: int) -> str:
        if column == self.WHEN:
            if entry.day is None:
                return _t("No date")
            text = day_text(entry.day, short=True)
            if entry.time:
                text += ", " + time_text(entry.time)
            return ("! " + text) if entry.status == "overdue" else text
        if column == self.WHAT:
            return self.what(entry)
        return self.when_status(entry)

    def what(self, entry: Entry) -> str:
        record = entry.record
        if entry.kind == "task":
            return _t("Deadline — %1").replace("%1", str(record["title"]))
        purpose = (record.get("purpose") or "").split("\n", 1)[0].strip()
        who = self._names.get(record.get("contact_id") or 0, "")
        text = _t("Appointment with %1").replace("%1", who) if who else _t("Appointment")
        return f"{text} — {purpose}" if purpose else text

    def when_status(self, entry: Entry) -> str:
        """'Overdue by 3 days', 'Today', 'In 5 days', 'Done'…"""
        if entry.status in ("overdue", "upcoming") and entry.day is not None:
            days = (entry.day - today()).days
            if days < 0:
                return (
                    _t("Overdue by 1 day")
                    if days == -1
                    else _t("Overdue by %1 days").replace("%1", str(-days))
                )
            if days == 1:
                return _t("Tomorrow")
            if days < 14:
                return _t("In %1 days").replace("%1", str(days))
            return _t("In %1 weeks").replace("%1", str(days // 7))
        return status_text(entry.status)

    def describe(self, entry: Entry) -> str:
        """One line for tooltips and the month view."""
        parts = [self.what(entry)]
        if entry.time:
            parts.insert(0, time_text(entry.time))
        if entry.status in ("overdue", "done"):
            parts.append(f"({status_text(entry.status)})")
        location = entry.record.get("location") if entry.kind == "appointment" else None
        if location:
            parts.append("· " + str(location))
        return " ".join(parts)


def status_text(status: Status) -> str:
    return {
        "overdue": _t("Overdue"),
        "today": _t("Today"),
        "upcoming": "",
        "undated": _t("No date set"),
        "past": _t("Past"),
        "done": _t("Done"),
    }[status]


@dataclass
class DayMarks:
    appointments: int = 0
    deadlines: int = 0
    overdue: int = 0


class MonthView(QCalendarWidget):
    """A month calendar that marks the days holding appointments and deadlines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: dict[date, DayMarks] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(QLocale().firstDayOfWeek())
        for name, text in (  # Qt's own parts, named for screen readers
            ("qt_calendar_calendarview", self.tr("Days of the month")),
            ("qt_calendar_prevmonth", self.tr("Previous month")),
            ("qt_calendar_nextmonth", self.tr("Next month")),
            ("qt_calendar_monthbutton", self.tr("Choose the month")),
            ("qt_calendar_yearbutton", self.tr("Choose the year")),
            ("qt_calendar_yearedit", self.tr("Year")),
        ):
            part = self.findChild(QWidget, name)
            if part is not None:
                part.setAccessibleName(text)
                if isinstance(part, QToolButton) and not part.toolTip():
                    part.setToolTip(text)

    def set_marks(self, entries: list[Entry], describe: Any) -> None:
        self.marks = {}
        lines: dict[date, list[str]] = {}
        for entry in entries:
            if entry.day is None:
                continue
            mark = self.marks.setdefault(entry.day, DayMarks())
            if entry.kind == "appointment":
                mark.appointments += 1
            else:
                mark.deadlines += 1
            if entry.status == "overdue":
                mark.overdue += 1
            lines.setdefault(entry.day, []).append(describe(entry))
        self.setDateTextFormat(QDate(), QTextCharFormat())  # forget the old marks
        for day, texts in lines.items():
            style = QTextCharFormat()
            style.setFontWeight(QFont.Weight.Bold)
            style.setFontUnderline(True)
            style.setToolTip("\n".join([day_text(day), *texts]))
            self.setDateTextFormat(_qdate(day), style)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        day = _pydate(qdate)
        mark = self.marks.get(day)
        is_today = day == today()
        if mark is None and not is_today:
            return
        painter.save()
        selected = _qdate(day) == self.selectedDate()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = self.palette().color(role)
        painter.setPen(color)
        if is_today:  # a frame, so today is found without colour
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        if mark is not None:
            size = max(5.0, rect.height() / 5)
            y = rect.bottom() - size - 2
            x = rect.left() + 3.0
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if mark.appointments:
                painter.setBrush(color)
                painter.drawEllipse(QRectF(x, y, size, size))
                x += size + 2
            if mark.deadlines:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(x, y, size, size))
            if mark.overdue:
                font = QFont(painter.font())
                font.setBold(True)
                painter.setFont(font)
                painter.drawText(
                    QRectF(rect).adjusted(0, 1, -4, 0),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    "!",
                )
        painter.restore()


class CalendarPage(QWidget):
    """Appointments and deadlines: month view, list, and the chosen one in its form."""

    SCOPE_COMING, SCOPE_DAY, SCOPE_ALL = range(3)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._quiet = False  # set while the page itself moves the selection
        self._all: list[Entry] = []

        heading = page_title(self.tr("Calendar"))

        self.new_appointment_button = push_button(
            "newAppointment", self.tr("New appointment"), self.new_appointment
        )
        self.new_deadline_button = push_button(
            "newDeadline", self.tr("New deadline"), self.new_deadline
        )
        self.done_button = push_button("done", self.tr("Mark as done"), self.toggle_done)
        self.mode_button = push_button(
            "appointmentMode", self.tr("Start appointment mode"), self.start_appointment_mode
        )
        self.mode_button.setToolTip(
            self.tr("Large text for the consultation: tick questions and write the answers")
        )
        self.delete_button = push_button("delete", self.tr("Move to trash"), self.delete_current)

        # Month view ---------------------------------------------------------------
        self.month = MonthView()
        self.month.setObjectName("monthView")
        self.month.setAccessibleName(self.tr("Month view"))
        self.month.setAccessibleDescription(
            self.tr("Days with appointments or deadlines are bold and underlined.")
        )
        self.month.setSelectedDate(_qdate(today()))
        self.month.selectionChanged.connect(self._on_day_chosen)
        self.month.clicked.connect(lambda _day: self._on_day_chosen())
        self.month.setMinimumSize(320, 250)
        legend = QLabel(
            self.tr(
                "● appointment\n□ deadline\n! overdue\n\n"
                "Days that hold something are bold and underlined: point at one to see "
                "what. Today has a frame."
            )
        )
        legend.setObjectName("legend")
        legend.setWordWrap(True)
        legend.setAccessibleName(self.tr("How the month view marks days"))
        today_button = QPushButton(self.tr("Go to today"))
        today_button.setObjectName("today")
        today_button.clicked.connect(self.go_to_today)

        # List ---------------------------------------------------------------------
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.setAccessibleName(self.tr("What the list shows"))
        self.scope.addItem(self.tr("Overdue and the coming weeks"))
        self.scope.addItem(self.tr("The day chosen in the calendar"))
        self.scope.addItem(self.tr("Everything, past ones greyed"))
        self.scope.currentIndexChanged.connect(lambda _i: self._on_scope_chosen())
        show_label = QLabel(self.tr("&Show:"))
        show_label.setBuddy(self.scope)
        self.list_title = QLabel()
        self.list_title.setObjectName("listTitle")
        self.list_title.setWordWrap(True)
        title_font = self.list_title.font()
        title_font.setBold(True)
        self.list_title.setFont(title_font)
        self.model = EntryModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("list")
        self.table.setAccessibleName(self.tr("Appointments and deadlines"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegate(RoomyDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(EntryModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        side = QVBoxLayout()
        side.addWidget(today_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(legend)
        side.addStretch(1)
        month_row = QHBoxLayout()
        month_row.addWidget(self.month, 3)
        month_row.addLayout(side, 2)
        scope_row = QHBoxLayout()
        scope_row.addWidget(show_label)
        scope_row.addWidget(self.scope, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(month_row)
        left_layout.addSpacing(6)
        left_layout.addLayout(scope_row)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.table, 1)

        # Forms --------------------------------------------------------------------
        self.appointment_form = RecordForm(session, "appointment", fields=APPOINTMENT_FIELDS)
        self.appointment_form.setObjectName("appointmentForm")
        self.task_form = RecordForm(session, "task", fields=TASK_FIELDS)
        self.task_form.setObjectName("taskForm")
        self.task_form.heading.setText(self.tr("New deadline"))
        for form in (self.appointment_form, self.task_form):
            form.saved.connect(self._on_saved)
        self.placeholder = QLabel(
            self.tr(
                "Choose an appointment or a deadline in the list to see it here, "
                "or add a new one with the buttons above."
            )
        )
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.placeholder.setContentsMargins(12, 12, 12, 12)
        self.details = QStackedWidget()
        self.details.setObjectName("details")
        self.details.addWidget(self.placeholder)
        self._scrolls: dict[str, QScrollArea] = {}
        for kind, form in zip(_KINDS, (self.appointment_form, self.task_form), strict=True):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            fit_form(form, scroll)
            self._scrolls[kind] = scroll
            self.details.addWidget(scroll)

        self.splitter = QSplitter()
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([700, 400])

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for button in (
            self.new_appointment_button,
            self.new_deadline_button,
            self.done_button,
            self.mode_button,
            self.delete_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        session.changed.connect(self._on_change)
        session.reloaded.connect(self.reload)
        self.reload()
        self._update_buttons()

    # What is shown ---------------------------------------------------------------
    def chosen_day(self) -> date:
        return _pydate(self.month.selectedDate())

    def reload(self) -> None:
        """Read appointments and deadlines again; keep the chosen one chosen."""
        self._all = agenda(self.session.dossier, today())
        self.month.set_marks(self._all, self.model.describe)
        self._fill_list()

    def _fill_list(self) -> None:
        keep = self.current_key()
        now = today()
        scope = self.scope.currentIndex()
        if scope == self.SCOPE_DAY:
            day = self.chosen_day()
            shown = [e for e in self._all if e.day == day]
            title = (
                self.tr("%1: nothing planned. The buttons above add an appointment or a deadline.")
                if not shown
                else self.tr("%1: what is planned that day.")
            ).replace("%1", day_text(day))
        elif scope == self.SCOPE_COMING:
            horizon = now + timedelta(weeks=COMING_WEEKS)
            shown = [
                e
                for e in self._all
                if e.status in ("overdue", "today", "undated")
                or (e.status == "upcoming" and e.day is not None and e.day <= horizon)
            ]
            overdue = sum(e.status == "overdue" for e in shown)
            title = self.tr("Overdue and the next %1 weeks.").replace("%1", str(COMING_WEEKS))
            if overdue:
                title += " " + self.tr("Overdue: %1, marked with !").replace("%1", str(overdue))
            if not shown:
                title += " " + self.tr("Nothing planned.")
        else:
            shown = list(self._all)
            title = self.tr("Everything, newest past ones at the end.")
        self.list_title.setText(title)
        self._quiet = True
        try:
            self.model.set_entries(shown)
            self.table.resizeColumnToContents(EntryModel.WHEN)
            self.table.resizeColumnToContents(EntryModel.STATUS)
            if keep is not None:
                self._select_row(self.model.row_of(keep))
        finally:
            self._quiet = False
        self._update_buttons()

    def current_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def current_key(self) -> tuple[Kind, int] | None:
        """The appointment or deadline in the form (it may be hidden from the list)."""
        for kind in _KINDS:
            if self.details.currentWidget() is self._scrolls[kind]:
                record = self._form_of(kind).record
                return (kind, int(record["id"])) if record is not None else None
        return None

    def _form_of(self, kind: str) -> RecordForm:
        return self.appointment_form if kind == "appointment" else self.task_form

    def _show_form(self, kind: str | None) -> None:
        self.details.setCurrentWidget(self.placeholder if kind is None else self._scrolls[kind])

    def _select_row(self, row: int | None) -> None:
        if row is None:
            self.table.setCurrentIndex(QModelIndex())
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

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
                    self.month.setSelectedDate(_qdate(entry.day))
                    self.scope.setCurrentIndex(self.SCOPE_DAY)
                else:
                    self.scope.setCurrentIndex(self.SCOPE_ALL)
            finally:
                self._quiet = False
            self._fill_list()
            row = self.model.row_of((kind, record_id))
        self._select_row(row)
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
        self._follow_day_in_new_form()

    def _on_scope_chosen(self) -> None:
        self._fill_list()
        if not self._quiet:
            self._forget_hidden()

    def _follow_day_in_new_form(self) -> None:
        """A new appointment or deadline not yet typed into takes the day chosen now."""
        day = self.chosen_day().isoformat()
        if self.details.currentWidget() is self._scrolls["appointment"]:
            form = self.appointment_form
            if form.record is None and not form.revert_button.isEnabled():
                form.set_record(None, starts_at=f"{day}T09:00")
        elif self.details.currentWidget() is self._scrolls["task"]:
            form = self.task_form
            if form.record is None and not form.revert_button.isEnabled():
                form.set_record(None, due_on=day)
                form.heading.setText(self.tr("New deadline"))

    def _forget_hidden(self) -> None:
        """After another day or list was chosen, the form shows nothing the list hides.

        A form with unsaved typing stays, so nothing typed is lost.
        """
        key = self.current_key()
        if key is None or self.model.row_of(key) is not None:
            return
        form = self._form_of(key[0])
        if form.revert_button.isEnabled():
            return
        self._show_form(None)
        self._update_buttons()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is not None:
            form = self._form_of(entry.kind)
            form.set_record(entry.record)
            self._show_form(entry.kind)
            if entry.day is not None and _pydate(self.month.selectedDate()) != entry.day:
                self._quiet = True
                try:
                    self.month.setSelectedDate(_qdate(entry.day))
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
            form = self._form_of(kind)
            try:
                form.set_record(records.get(self.session.dossier, kind, record_id))
            except DossierError:  # gone to the trash (or undone)
                form.set_record(None)
                self._show_form(None)
        self._update_buttons()

    def _on_saved(self, change: Change) -> None:
        self.select(change.entity, change.id)

    def _update_buttons(self) -> None:
        key = self.current_key()
        self.delete_button.setEnabled(key is not None)
        is_task = key is not None and key[0] == "task"
        self.done_button.setEnabled(is_task)
        done = bool(is_task and self.task_form.record and self.task_form.record.get("done"))
        self.done_button.setText(self.tr("Mark as not done") if done else self.tr("Mark as done"))
        self.mode_button.setEnabled(key is not None and key[0] == "appointment")

    # Actions --------------------------------------------------------------------
    def go_to_today(self) -> None:
        self.month.setSelectedDate(_qdate(today()))
        self.month.setFocus()

    def new_appointment(self) -> None:
        day = self.chosen_day().isoformat()
        self._select_row(None)
        self.appointment_form.set_record(None, starts_at=f"{day}T09:00")
        self._show_form("appointment")
        field = self.appointment_form.editors["starts_at"].widget
        assert isinstance(field, DateField)
        field.line.setFocus()
        field.line.setSelection(11, 5)  # typing replaces the suggested time
        self._update_buttons()

    def new_deadline(self) -> None:
        self._select_row(None)
        self.task_form.set_record(None, due_on=self.chosen_day().isoformat())
        self.task_form.heading.setText(self.tr("New deadline"))
        self._show_form("task")
        self.task_form.editors["title"].widget.setFocus()
        self._update_buttons()

    def delete_current(self) -> Change | None:
        key = self.current_key()
        if key is None:
            return None
        kind, record_id = key
        change = self.session.apply(
            lambda d: records.delete(d, kind, record_id),
            lambda error: self._form_of(kind).show_message(error.message),
        )
        if change is None:
            return None
        self._show_form(None)
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


__all__ = [
    "CalendarPage",
    "Entry",
    "EntryModel",
    "MonthView",
]

"""The Calendar page's list: what it shows (coming weeks, one day, everything), a line
saying so, and the appointments and deadlines in it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.agenda import Entry, Kind
from ...core.clock import today
from ...core.i18n import ntr, tr
from ..formatting import day_text
from ..models.calendar import EntryModel
from ..session import Session
from ..widgets.delegates import RoomyDelegate

SCOPE_COMING, SCOPE_DAY, SCOPE_ALL = range(3)
COMING_WEEKS = 8


class EntryList(QWidget):
    """The choice of what the list shows, its title line and the list of entries."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.setAccessibleName(tr("What the list shows"))
        self.scope.addItem(tr("Overdue and the coming weeks"))
        self.scope.addItem(tr("The day chosen in the calendar"))
        self.scope.addItem(tr("Everything, past ones greyed"))
        # As narrow as a short choice: with large text, the longest made the page too wide.
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope.setMinimumContentsLength(16)
        self.scope.currentTextChanged.connect(self.scope.setToolTip)  # the whole choice, if cut
        show_label = QLabel(tr("&Show:"))
        show_label.setBuddy(self.scope)
        self.title = QLabel()
        self.title.setObjectName("listTitle")
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.model = EntryModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("list")
        self.table.setAccessibleName(tr("Appointments and deadlines"))
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

        scope_row = QHBoxLayout()
        scope_row.addWidget(show_label)
        scope_row.addWidget(self.scope, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(scope_row)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_entries(self, entries: list[Entry], day: date, keep: tuple[Kind, int] | None) -> None:
        """Show those of ``entries`` the scope takes (``day`` is the day chosen in the month
        view), and keep ``keep`` chosen if it is among them."""
        shown, title = self._in_scope(entries, day)
        self.title.setText(title)
        self.model.set_entries(shown)
        self.table.resizeColumnToContents(EntryModel.WHEN)
        self.table.resizeColumnToContents(EntryModel.STATUS)
        if keep is not None:
            self.select_row(self.model.row_of(keep))

    def _in_scope(self, entries: list[Entry], day: date) -> tuple[list[Entry], str]:
        scope = self.scope.currentIndex()
        if scope == SCOPE_DAY:
            shown = [e for e in entries if e.day == day]
            title = (
                tr(
                    "{day}: nothing planned. The buttons above add an appointment or a deadline.",
                    day=day_text(day),
                )
                if not shown
                else tr("{day}: what is planned that day.", day=day_text(day))
            )
        elif scope == SCOPE_COMING:
            horizon = today() + timedelta(weeks=COMING_WEEKS)
            shown = [
                e
                for e in entries
                if e.status in ("overdue", "today", "undated")
                or (e.status == "upcoming" and e.day is not None and e.day <= horizon)
            ]
            overdue = sum(e.status == "overdue" for e in shown)
            title = ntr(
                "Overdue and the next {n} week.", "Overdue and the next {n} weeks.", COMING_WEEKS
            )
            if overdue:
                title += " " + tr("Overdue: {count}, marked with !", count=overdue)
            if not shown:
                title += " " + tr("Nothing planned.")
        else:
            shown = list(entries)
            title = tr("Everything, newest past ones at the end.")
        return shown, title

    def current_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def select_row(self, row: int | None) -> None:
        """Make ``row`` the current one (None: no row)."""
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

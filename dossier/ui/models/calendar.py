"""The calendar's list: appointments and deadlines, one a row, with how soon each is due.

Each row says when (a "!" before an overdue one), what and how soon; past and done
ones are greyed, overdue and today's in bold. ``describe`` gives the one line the
tooltips and the month view use.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ...core import records
from ...core.agenda import Entry, Status
from ...core.bidi import isolate
from ...core.clock import today
from ...core.i18n import ntr, tr
from ..formatting import day_text, time_text
from ..session import Session

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex


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
        self._titles = [tr("When"), tr("What"), tr("How soon")]

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
                return tr("Overdue: {when}", when=text)
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
                return tr("No date")
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
            return tr("Deadline — {title}", title=isolate(str(record["title"])))
        purpose = (record.get("purpose") or "").split("\n", 1)[0].strip()
        who = self._names.get(record.get("contact_id") or 0, "")
        text = tr("Appointment with {who}", who=who) if who else tr("Appointment")
        return f"{text} — {purpose}" if purpose else text

    def when_status(self, entry: Entry) -> str:
        """'Overdue by 3 days', 'Today', 'In 5 days', 'Done'…"""
        if entry.status in ("overdue", "upcoming") and entry.day is not None:
            days = (entry.day - today()).days
            if days < 0:
                return ntr("Overdue by {n} day", "Overdue by {n} days", -days)
            if days == 1:
                return tr("Tomorrow")
            if days < 14:
                return ntr("In {n} day", "In {n} days", days)
            return ntr("In {n} week", "In {n} weeks", days // 7)
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
        "overdue": tr("Overdue"),
        "today": tr("Today"),
        "upcoming": "",
        "undated": tr("No date set"),
        "past": tr("Past"),
        "done": tr("Done"),
    }[status]


__all__ = ["ENTRY_ROLE", "EntryModel", "status_text"]

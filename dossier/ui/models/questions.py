"""The questions in their order, for the Questions page: filtered, edited in place, dragged.

A drag (or Move up, Move down) writes the new order through the session as one step
(``core.questions.reorder``), so one Ctrl+Z puts the old order back. Places are kept
per case: only the moved questions' case is put in the new order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ...core import questions, records
from ...core.history import ChangeGroup
from ...core.i18n import tr
from ...core.records import Change
from ..session import Session
from .names import appointment_label
from .record_table import Column, RecordTableModel

MIME_TYPE = "application/x-dossier-question-ids"
ALL = "all"  # the appointment filter: every question
NONE = "none"  # the appointment filter: questions for no appointment in particular
_Index = QModelIndex | QPersistentModelIndex


def status_text(record: dict[str, Any]) -> str:
    if (record.get("answer") or "").strip():
        return tr("Answered")
    if record.get("asked"):
        return tr("Asked")
    return tr("To ask")


class QuestionsModel(RecordTableModel):
    """The questions in their order; rows can be dragged to a new place."""

    appointment_filter: int | str = ALL
    unanswered_only: bool = False
    CASE, ORDER, TEXT, PRIORITY, CATEGORY, APPOINTMENT, STATUS = range(7)
    EDITABLE = ("priority", "category")

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        self._appointments: dict[int, str] = {}
        self._cases: dict[int, str] = {}
        columns = [
            Column("case_id", tr("Case"), text=self._case_text),
            Column("order", tr("No.")),
            Column("text", tr("Question")),
            Column("priority", tr("Priority")),
            Column("category", tr("Category")),
            Column("appointment_id", tr("Appointment"), text=self._appointment_text),
            Column("status", tr("Status"), text=status_text),
        ]
        super().__init__(session, "question", columns, keep=self._keep, parent=parent)

    # Filtering ------------------------------------------------------------------------
    def set_filters(
        self, *, case_id: int | None, appointment: int | str, unanswered_only: bool
    ) -> None:
        self.case_id = case_id
        self.appointment_filter = appointment
        self.unanswered_only = unanswered_only
        self.reload()

    def _keep(self, record: dict[str, Any]) -> bool:
        wanted = self.appointment_filter
        if wanted == NONE and record.get("appointment_id") is not None:
            return False
        if isinstance(wanted, int) and record.get("appointment_id") != wanted:
            return False
        return not (self.unanswered_only and (record.get("answer") or "").strip())

    def reload(self) -> None:
        """Read the questions again: in their order, grouped by case when all cases show."""
        dossier = self.session.dossier
        self._appointments = {
            a["id"]: appointment_label(self.session, a, short=True)
            for a in records.list_records(dossier, "appointment")
        }
        cases = records.list_records(dossier, "case")
        self._cases = {c["id"]: c["title"] for c in cases}
        group = {c["id"]: number for number, c in enumerate(cases)}
        rows = [
            r
            for r in records.list_records(dossier, "question", case_id=self.case_id)
            if self._keep(r)
        ]
        rows.sort(key=lambda r: group.get(r.get("case_id") or 0, len(group)))  # stable
        self.beginResetModel()
        self._rows = rows
        self._shown = min(self.CHUNK, len(rows))
        self.endResetModel()

    def _case_text(self, record: dict[str, Any]) -> str:
        case_id = record.get("case_id")
        return self._cases.get(case_id, "") if case_id is not None else ""

    def _appointment_text(self, record: dict[str, Any]) -> str:
        appointment_id = record.get("appointment_id")
        if appointment_id is None:
            return ""
        return self._appointments.get(appointment_id, tr("(in the trash)"))

    def _on_change(self, change: Change) -> None:
        """An edit of one question that keeps it in the list repaints its row only."""
        if (
            change.entity == "question"
            and change.action == "updated"
            and not isinstance(change, ChangeGroup)
            and change.before is not None
            and change.after is not None
            and change.before.get("position") == change.after.get("position")
            and change.before.get("case_id") == change.after.get("case_id")
            and self._keep(change.after)
        ):
            row = next((i for i, r in enumerate(self._rows) if r["id"] == change.id), None)
            if row is not None:
                self._rows[row] = change.after
                if row < self._shown:
                    self.dataChanged.emit(
                        self.index(row, 0), self.index(row, self.columnCount() - 1)
                    )
                return
        if change.entity in ("appointment", "contact"):
            self.reload()
            return
        super()._on_change(change)

    # Reading and editing ------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()].key
        if key == "order" and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return str(index.row() + 1)
        if key == "case_id" and role == Qt.ItemDataRole.DisplayRole and index.row() > 0:
            previous = self._rows[index.row() - 1].get("case_id")
            if previous == record.get("case_id"):
                return ""  # the case is named once, above its questions
        if role == Qt.ItemDataRole.EditRole and key in self.EDITABLE:
            return record.get(key) or ""
        if role == Qt.ItemDataRole.FontRole and (
            key == "case_id" or (key == "priority" and record["priority"] == "high")
        ):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "text":
            return record["text"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "order":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.columns[index.column()].key in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.columns[index.column()].key
        if key not in self.EDITABLE:
            return False
        record = self._rows[index.row()]
        text = (str(value) if value is not None else "").strip()
        if (record.get(key) or "") == text:
            return False
        record_id = record["id"]
        data = {key: text or None}
        changed = self.session.apply(
            lambda d: records.update(d, "question", record_id, data), lambda _error: None
        )
        return changed is not None

    # Dragging ---------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[row]["id"] for row in rows]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            return False
        if parent.isValid():
            row = parent.row()
        return self.move_ids(ids, row)

    def moveRows(
        self,
        sourceParent: _Index,
        sourceRow: int,
        count: int,
        destinationParent: _Index,
        destinationChild: int,
    ) -> bool:
        if sourceParent.isValid() or destinationParent.isValid() or count < 1:
            return False
        if sourceRow < 0 or sourceRow + count > len(self._rows):
            return False
        ids = [r["id"] for r in self._rows[sourceRow : sourceRow + count]]
        return self.move_ids(ids, destinationChild)

    def move_ids(self, ids: list[int], row: int) -> bool:
        """Put the questions ``ids`` before the row ``row`` (-1: at the end); one undo step."""
        current = [r["id"] for r in self._rows]
        moving = [i for i in current if i in ids]
        if not moving:
            return False
        if row < 0 or row > len(current):
            row = len(current)
        place = sum(1 for i in current[:row] if i not in ids)
        rest = [i for i in current if i not in ids]
        order = rest[:place] + moving + rest[place:]
        # Places are kept per case: only the moved questions' case is put in the new order.
        case_of = {r["id"]: r.get("case_id") for r in self._rows}
        cases = {case_of[i] for i in moving}
        order = [i for i in order if case_of[i] in cases]
        if order == [i for i in current if case_of[i] in cases]:
            return False
        moved = self.session.apply(lambda d: questions.reorder(d, order), lambda _error: None)
        return moved is not None


__all__ = ["ALL", "MIME_TYPE", "NONE", "QuestionsModel", "status_text"]

"""A table model over the records of one kind, loaded in chunks as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ...core import records
from ...core.entities import Entity, entity
from ...core.records import Change
from ..formatting import value_text
from ..session import Session

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[dict[str, Any]], str] | None = None  # default: the field's value as text
    sort: Callable[[dict[str, Any]], Any] | None = None


class RecordTableModel(QAbstractTableModel):
    """Rows are records (dicts from the core); columns are chosen fields."""

    CHUNK = 200

    def __init__(
        self,
        session: Session,
        entity_name: str,
        columns: list[Column],
        *,
        case_id: int | None = None,
        keep: Callable[[dict[str, Any]], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.spec: Entity = entity(entity_name)
        self.columns = columns
        self.case_id = case_id
        self.keep = keep
        self._rows: list[dict[str, Any]] = []
        self._shown = 0
        session.changed.connect(self._on_change)
        session.reloaded.connect(self.reload)
        self.reload()

    # Loading ---------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        rows = records.list_records(self.session.dossier, self.spec.name, case_id=self.case_id)
        self._rows = [r for r in rows if self.keep(r)] if self.keep else rows
        self._shown = min(self.CHUNK, len(self._rows))
        self.endResetModel()

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.reload()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(self.CHUNK, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def _on_change(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if self.spec.name in touched or (change.entity == "contact" and self._shows_contacts()):
            self.reload()

    def _shows_contacts(self) -> bool:
        return any(c.key.endswith("_id") for c in self.columns)

    # Reading ---------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record["id"] == record_id:
                while row >= self._shown and self.canFetchMore():
                    self.fetchMore()
                return row
        return None

    def all_records(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(column, record)
        if role == Qt.ItemDataRole.ToolTipRole:  # a narrowed column cuts text: read it whole
            text = self._text(column, record)
            return text if isinstance(text, str) and len(text) > 15 else None
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(record)
            value = record.get(column.key)
            return "" if value is None else value
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record["id"]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def _text(self, column: Column, record: dict[str, Any]) -> str:
        if column.text is not None:
            return column.text(record)
        try:
            field = self.spec.field(column.key)
        except KeyError:
            value = record.get(column.key)
            return "" if value is None else str(value)
        return value_text(self.spec.name, field, record.get(column.key))

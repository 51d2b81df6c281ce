"""One row per file of an import: its name, what happened to it, and why, in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication

from ...core.i18n import tr
from ...core.importer.pipeline import ImportResult

STATUS_ROLE = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex


def status_text(status: str) -> str:
    return {
        "imported": tr("Added"),
        "duplicate": tr("Already in the dossier"),
        "rejected": tr("Not added"),
        "cancelled": tr("Not added: stopped"),
    }.get(status, status)


class ImportResultModel(QAbstractTableModel):
    """Results in the order they arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: list[ImportResult] = []
        self.headers = [tr("File"), tr("Result"), tr("Why")]

    def add(self, result: ImportResult) -> None:
        row = len(self.results)
        self.beginInsertRows(QModelIndex(), row, row)
        self.results.append(result)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.results = []
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        found = {"imported": 0, "duplicate": 0, "rejected": 0, "cancelled": 0}
        for result in self.results:
            found[result.status] = found.get(result.status, 0) + 1
        return found

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.results):
            return None
        result = self.results[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return Path(result.path).name
            if column == 1:
                return status_text(result.status)
            return result.reason or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.path if column == 0 else (result.reason or None)
        if role == Qt.ItemDataRole.FontRole and column == 1 and result.status == "rejected":
            font = QApplication.font()
            font.setBold(True)
            return font
        if role == STATUS_ROLE:
            return result.status
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

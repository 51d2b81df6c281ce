"""The models of the Cases page: the cases in their order, and the records of one case."""

from __future__ import annotations

from typing import Any

from ...core import records
from .record_table import RecordTableModel

_STATUS_ORDER = {"open": 0, "decided": 1, "closed": 2}


def case_order(record: dict[str, Any]) -> tuple[int, bool, str, str]:
    """Open cases first, then decided, then closed; within each, the nearest deadline first."""
    deadline = record.get("decision_deadline") or ""
    return (
        _STATUS_ORDER.get(record["status"], 3),
        not deadline,
        deadline,
        str(record["title"]).casefold(),
    )


def case_sort_key(record: dict[str, Any]) -> str:
    """The same order as one string, which the sorting proxy can compare."""
    rank, no_deadline, deadline, title = case_order(record)
    return f"{rank}{int(no_deadline)}{deadline:10}{title}"


class CaseListModel(RecordTableModel):
    """The cases, open ones first (a header click sorts by a column instead)."""

    def reload(self) -> None:
        self.beginResetModel()
        rows = records.list_records(self.session.dossier, "case")
        self._rows = sorted(rows, key=case_order)
        self._shown = min(self.CHUNK, len(self._rows))
        self.endResetModel()


class CaseOnlyModel(RecordTableModel):
    """The records of one case; nothing at all (and nothing loaded) while no case is shown."""

    def reload(self) -> None:
        if self.case_id is not None:
            super().reload()
            return
        self.beginResetModel()
        self._rows = []
        self._shown = 0
        self.endResetModel()


__all__ = ["CaseListModel", "CaseOnlyModel", "case_order", "case_sort_key"]

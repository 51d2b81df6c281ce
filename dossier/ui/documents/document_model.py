"""The documents of the dossier as a table (for the list view) and tiles (for the grid).

Filtering and sorting happen here, over all documents at once (a few milliseconds
for thousands), so the count shown is exact and sorting covers every row. An edit
updates its row in place, so the row a person is working on does not jump away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...core import records
from ...core.document_language import language_name
from ...core.i18n import tr
from ...core.records import Change
from ..formatting import choice_label, date_text
from ..models.record_table import ID_ROLE, RECORD_ROLE
from ..session import Session
from .thumbnails import ThumbnailProvider

THUMBNAIL_ROLE = Qt.ItemDataRole.UserRole + 10
NO_CASE = -1  # filter value: documents linked to no case
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents to show; empty values mean "any"."""

    kind: str | None = None
    case_id: int | None = None  # NO_CASE for documents without a case
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    tag: str | None = None
    bring_only: bool = False
    words: tuple[str, ...] = field(default=())  # every word must be in the title or source

    def with_text(self, text: str) -> DocumentFilter:
        return replace(self, words=tuple(text.casefold().split()))

    @property
    def active(self) -> bool:
        return self != DocumentFilter()

    def accepts(self, record: dict[str, Any]) -> bool:
        if self.kind is not None and record.get("kind") != self.kind:
            return False
        if self.case_id is not None:
            cases = record.get("case_ids") or []
            if (self.case_id == NO_CASE and cases) or (
                self.case_id != NO_CASE and self.case_id not in cases
            ):
                return False
        day = record.get("document_date") or ""
        if self.date_from and (not day or day < self.date_from):
            return False
        if self.date_to and (not day or day > self.date_to):
            return False
        if self.tag is not None and self.tag.casefold() not in {
            t.casefold() for t in record.get("tags") or []
        }:
            return False
        if self.bring_only and not record.get("bring"):
            return False
        if self.words:
            haystack = " ".join(
                str(record.get(k) or "") for k in ("title", "source", "original_name")
            ).casefold()
            if not all(word in haystack for word in self.words):
                return False
        return True


@dataclass(frozen=True)
class DocumentColumn:
    key: str
    title: str
    text: Callable[[dict[str, Any]], str]
    sort: Callable[[dict[str, Any]], Any]


def _stored_order(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether ``a`` comes before ``b`` in the order documents are read in: dated ones
    first, the newest first, then the latest added (as ``records.list_records`` orders)."""
    first = (a.get("document_date") is not None, a.get("document_date") or "", a["id"])
    second = (b.get("document_date") is not None, b.get("document_date") or "", b["id"])
    return first > second


def _position(
    rows: list[dict[str, Any]],
    record: dict[str, Any],
    before: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> int:
    """Where ``record`` goes in ``rows`` (ordered by ``before``): after every row that comes
    before it."""
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        if before(rows[middle], record):
            low = middle + 1
        else:
            high = middle
    return low


class DocumentModel(QAbstractTableModel):
    """Rows: the documents passing the filter, in the chosen order."""

    removing = Signal(int)  # a row is about to go (deleted, or hidden by the filter)

    def __init__(
        self,
        session: Session,
        thumbnails: ThumbnailProvider,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.thumbnails = thumbnails
        self.filter = DocumentFilter()
        self._all: list[dict[str, Any]] = []
        self._rows: list[dict[str, Any]] = []
        self._row_of_sha: dict[str, list[int]] = {}
        self.case_titles: dict[int, str] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.columns = _document_columns(self)
        self.loaded = False
        session.changed.connect(self._on_change)
        session.reloaded.connect(self._on_reloaded)
        thumbnails.ready.connect(self._on_thumbnail)
        if load:
            self.reload()

    # Loading -------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def _on_reloaded(self) -> None:
        if self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        dossier = self.session.dossier
        self.beginResetModel()
        self.case_titles = {c["id"]: c["title"] for c in records.list_records(dossier, "case")}
        self._all = records.list_records(dossier, "document")
        self._apply()
        self.endResetModel()

    def add_documents(self, document_ids: Iterable[int]) -> None:
        """Show documents just added to the dossier, each in its place, without reading the
        others again (an import adds rows while it runs; a full reload costs the more the
        larger the dossier)."""
        if not self.loaded:
            return
        known = {r["id"] for r in self._all}
        wanted = [i for i in document_ids if i not in known]
        if not wanted:
            return
        for record in records.list_records(self.session.dossier, "document", ids=wanted):
            self._all.insert(_position(self._all, record, _stored_order), record)
            if not self.filter.accepts(record):
                continue
            row = _position(self._rows, record, self._comes_before)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, record)
            self.endInsertRows()
        self._index_hashes()

    def _comes_before(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether ``a`` is listed before ``b`` in the order shown."""
        if self._sort is None:
            return _stored_order(a, b)
        column, order = self._sort
        key = self.columns[column].sort
        first, second = (key(a), a["id"]), (key(b), b["id"])
        return bool(first > second if order == Qt.SortOrder.DescendingOrder else first < second)

    def set_filter(self, value: DocumentFilter) -> None:
        if value == self.filter:
            return
        self.beginResetModel()
        self.filter = value
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        rows = [r for r in self._all if self.filter.accepts(r)]
        if self._sort is not None:
            rows = self._sorted(rows, *self._sort)
        self._rows = rows
        self._index_hashes()

    def _index_hashes(self) -> None:
        self._row_of_sha = {}
        for row, record in enumerate(self._rows):
            if record.get("sha256"):
                self._row_of_sha.setdefault(record["sha256"], []).append(row)

    def _sorted(
        self, rows: list[dict[str, Any]], column: int, order: Qt.SortOrder
    ) -> list[dict[str, Any]]:
        key = self.columns[column].sort
        return sorted(
            rows,
            key=lambda r: (key(r), r["id"]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._rows[i.row()]["id"] if i.row() < len(self._rows) else None for i in old]
        self._sort = (column, order)
        self._rows = self._sorted(self._rows, column, order)
        self._index_hashes()
        position = {r["id"]: n for n, r in enumerate(self._rows)}
        new = [
            self.index(position[i], p.column()) if i in position else QModelIndex()
            for i, p in zip(old_ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # Changes -------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if not self.loaded:
            return  # read in full when first needed
        touched = {change.entity} | {name for name, _ in change.also}
        if "case" in touched:
            self.reload()
            return
        if "document" not in touched:
            return
        if change.entity == "document" and change.action == "updated" and change.after:
            self._update_one(change.after)
        elif change.entity == "document" and change.action == "deleted":
            self._remove_one(change.id)
        else:
            self.reload()

    def _update_one(self, record: dict[str, Any]) -> None:
        self._all = [record if r["id"] == record["id"] else r for r in self._all]
        row = self.row_of(record["id"])
        if row is None:
            if self.filter.accepts(record):
                self.reload()
            return
        if not self.filter.accepts(record):
            self._remove_row(row)
            return
        self._rows[row] = record
        self._index_hashes()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _remove_one(self, document_id: int) -> None:
        self._all = [r for r in self._all if r["id"] != document_id]
        row = self.row_of(document_id)
        if row is not None:
            self._remove_row(row)

    def _remove_row(self, row: int) -> None:
        self.removing.emit(row)  # before views move their selection to a neighbour
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._index_hashes()
        self.endRemoveRows()

    def _on_thumbnail(self, sha: str) -> None:
        for row in self._row_of_sha.get(sha, []):
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [THUMBNAIL_ROLE])

    # Reading -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def total(self) -> int:
        """How many documents the dossier holds, filtered or not."""
        return len(self._all)

    def all_records(self) -> list[dict[str, Any]]:
        return list(self._all)

    def record(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record["id"] == document_id:
                return row
        return None

    def known(self, document_id: int) -> bool:
        return self.find(document_id) is not None

    def find(self, document_id: int) -> dict[str, Any] | None:
        """A live document by id, shown or hidden by the filter."""
        return next((r for r in self._all if r["id"] == document_id), None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(record) if index.column() == 0 else column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.describe(record)
        if role == THUMBNAIL_ROLE and index.column() == 0:
            return self.thumbnails.pixmap(record)
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record["id"]
        return None

    def describe(self, record: dict[str, Any]) -> str:
        """One line naming a document for tooltips and screen readers."""
        parts = [
            record.get("title") or "",
            choice_label(record["kind"]) if record.get("kind") else "",
            date_text(record.get("document_date")),
        ]
        if record.get("bring"):
            parts.append(tr("to bring"))
        return ", ".join(p for p in parts if p)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def _cases_text(self, record: dict[str, Any]) -> str:
        return ", ".join(
            self.case_titles.get(c, "")
            for c in record.get("case_ids") or []
            if c in self.case_titles
        )

    def _cases_key(self, record: dict[str, Any]) -> str:
        return self._cases_text(record).casefold()

    def all_tags(self) -> list[str]:
        found: dict[str, str] = {}
        for record in self._all:
            for tag in record.get("tags") or []:
                found.setdefault(tag.casefold(), tag)
        return sorted(found.values(), key=str.casefold)


def _document_columns(model: DocumentModel) -> list[DocumentColumn]:
    """The list's columns: what each shows of a document, and how it sorts."""
    return [
        DocumentColumn(
            "title",
            tr("Title"),
            lambda r: r.get("title") or "",
            lambda r: (r.get("title") or "").casefold(),
        ),
        DocumentColumn(
            "document_date",
            tr("Date"),
            lambda r: date_text(r.get("document_date")),
            lambda r: r.get("document_date") or "",
        ),
        DocumentColumn(
            "kind",
            tr("Kind"),
            lambda r: choice_label(r["kind"]) if r.get("kind") else "",
            lambda r: choice_label(r["kind"]).casefold() if r.get("kind") else "",
        ),
        DocumentColumn(
            "source",
            tr("From"),
            lambda r: r.get("source") or "",
            lambda r: (r.get("source") or "").casefold(),
        ),
        DocumentColumn("case_ids", tr("Cases"), model._cases_text, model._cases_key),
        DocumentColumn(
            "tags",
            tr("Tags"),
            lambda r: ", ".join(r.get("tags") or []),
            lambda r: ", ".join(r.get("tags") or []).casefold(),
        ),
        DocumentColumn(
            "bring",
            tr("To bring"),
            lambda r: tr("Yes") if r.get("bring") else "",
            lambda r: 0 if r.get("bring") else 1,
        ),
        DocumentColumn(
            "language",
            tr("Language"),
            lambda r: language_name(r.get("language")),
            lambda r: language_name(r.get("language")).casefold(),
        ),
    ]

"""The list of the dossier's imaging studies: date, description, kind of scan, series and
images, institution, whose files they are (a mismatch stands out) and where the images are."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView, QWidget

from ...core.i18n import tr
from ...core.records import Change
from ..formatting import date_text
from ..models.record_table import SORT_ROLE, Column, RecordTableModel
from ..session import Session
from ..widgets.common import record_table, select_source_index
from ..widgets.fit_columns import ColumnFitter
from .study_text import Whose, kept_text, modality_text, study_counts, study_title, whose

WHOSE_COLUMN = "whose"
_Index = QModelIndex | QPersistentModelIndex


class StudyModel(RecordTableModel):
    """The studies, newest first; the patient check worked out once per study and reload."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._whose: dict[int, Whose] = {}
        self._kept: dict[int, str] = {}
        columns = [
            Column(
                "study_date",
                tr("Date"),
                text=lambda r: date_text(r.get("study_date")),
                sort=lambda r: r.get("study_date") or "",
            ),
            Column("description", tr("Study"), text=study_title),
            Column("modality", tr("Kind"), text=lambda r: modality_text(r.get("modality"))),
            Column(
                "image_count",
                tr("Series and images"),
                text=study_counts,
                sort=lambda r: int(r.get("image_count") or 0),
            ),
            Column("institution", tr("Institution")),
            Column(WHOSE_COLUMN, tr("Whose files"), text=lambda r: self.whose(r).badge),
            Column("kept", tr("Images"), text=self.kept),
        ]
        super().__init__(session, "study", columns, parent=parent)
        self.modelAboutToBeReset.connect(self._forget)
        session.changed.connect(self._person_changed)

    def _forget(self) -> None:
        self._whose.clear()
        self._kept.clear()

    def _person_changed(self, change: Change) -> None:
        touched = {change.entity} | {name for name, _ in change.also}
        if "person" in touched or "physical_item" in touched:
            self.reload()  # the check is against the person as they are now

    def whose(self, record: dict[str, Any]) -> Whose:
        key = int(record["id"])
        if key not in self._whose:
            self._whose[key] = whose(self.session.dossier, record)
        return self._whose[key]

    def kept(self, record: dict[str, Any]) -> str:
        key = int(record["id"])
        if key not in self._kept:
            self._kept[key] = kept_text(self.session.dossier, record)
        return self._kept[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.columns[index.column()].key == WHOSE_COLUMN:
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.whose(self.record(index.row())).message
            if role == Qt.ItemDataRole.FontRole and self.whose(self.record(index.row())).mismatch:
                bold = QFont()
                bold.setBold(True)
                return bold
        return super().data(index, role)


class StudyList(QTableView):
    """The studies as a sortable list; :attr:`study_chosen` gives the id of the one chosen."""

    study_chosen = Signal(object)  # the study's id, or None

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("studyList")
        self.setAccessibleName(tr("Imaging studies"))
        self.model_ = StudyModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model_)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        record_table(self)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self.columns = ColumnFitter(self)
        self.columns.fit()
        self.setMinimumHeight(self.wanted_height(1))  # a splitter may leave it one study

    def current_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return int(self.model_.record(self.proxy.mapToSource(index).row())["id"])

    def current_record(self) -> dict[str, Any] | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.model_.record(self.proxy.mapToSource(index).row())

    def choose(self, study_id: int) -> bool:
        row = self.model_.row_of(study_id)
        if row is None:
            return False
        return select_source_index(self, self.proxy, self.model_.index(row, 0))

    def choose_first(self) -> None:
        if self.proxy.rowCount() > 0 and not self.currentIndex().isValid():
            self.setCurrentIndex(self.proxy.index(0, 0))

    def wanted_height(self, most_rows: int = 5) -> int:
        """Tall enough for its studies (at most ``most_rows`` of them) without scrolling."""
        rows = max(1, min(most_rows, self.proxy.rowCount()))
        row = self.verticalHeader().defaultSectionSize()
        return self.horizontalHeader().sizeHint().height() + rows * row + 2 * self.frameWidth() + 2

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.study_chosen.emit(self.current_id() if current.isValid() else None)


__all__ = ["StudyList", "StudyModel"]

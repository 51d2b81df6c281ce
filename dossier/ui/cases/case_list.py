"""The left of the Cases page: the cases, open ones first, a filter, New case and the trash."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..models.cases import CaseListModel, case_sort_key
from ..models.record_table import ID_ROLE, SORT_ROLE, Column
from ..session import Session
from ..widgets.common import page_title, select_source_index
from ..widgets.flow_layout import FlowLayout
from .labels import case_title


class CaseList(QWidget):
    """The list of cases with its filter; the page connects the two buttons below it."""

    chosen = Signal(int)  # a case was chosen in the list (its id)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = page_title(tr("Cases"))
        columns = [
            Column("title", tr("Case"), text=case_title, sort=case_sort_key),
            Column(
                "decision_deadline",
                tr("Decide by"),
                sort=lambda r: r.get("decision_deadline") or "9999",
            ),
        ]
        self.model = CaseListModel(session, "case", columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setObjectName("caseFilter")
        self.filter.setPlaceholderText(tr("Filter the cases…"))
        self.filter.setAccessibleName(tr("Filter the cases"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QTableView()
        self.list.setObjectName("caseList")
        self.list.setAccessibleName(tr("Cases"))
        self.list.setModel(self.proxy)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # open cases first
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.selectionModel().currentRowChanged.connect(self._on_current)
        self.new_button = QPushButton(tr("New case"))
        self.new_button.setObjectName("newCase")
        self.delete_button = QPushButton(tr("Move case to trash"))
        self.delete_button.setObjectName("deleteCase")
        self.delete_button.setToolTip(
            tr("The case goes to the trash with everything recorded under it.")
        )
        # One under the other when the list is narrow (large text, a longer language).
        list_buttons = FlowLayout(spacing=12)
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(list_buttons)

    def select(self, case_id: int) -> bool:
        """Select the case ``case_id`` (clearing a filter that hides it); False if not listed."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        select_source_index(self.list, self.proxy, self.model.index(row, 0), self.filter)
        return True

    def clear_selection(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())

    def first_case(self) -> int | None:
        """The case at the top of the list as it is sorted and filtered, if any."""
        first = self.proxy.index(0, 0)
        return int(first.data(ID_ROLE)) if first.isValid() else None

    def has_current(self) -> bool:
        return self.list.currentIndex().isValid()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.chosen.emit(int(current.data(ID_ROLE)))

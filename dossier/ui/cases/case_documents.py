"""The Documents tab of the case shown: the documents filed under it, read-only."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import tr
from ..models.cases import CaseOnlyModel
from ..models.record_table import ID_ROLE, SORT_ROLE, Column
from ..session import Session
from ..widgets.common import record_table
from ..widgets.fit_columns import ColumnFitter


class CaseDocuments(QWidget):
    """The documents filed under the case shown: a read-only list; Enter opens one."""

    open_document = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id: int | None = None
        columns = [
            Column("title", tr("Title")),
            Column("kind", tr("Kind")),
            Column("document_date", tr("Date")),
            Column("bring", tr("Bring to next consultation")),
        ]
        self.model = CaseOnlyModel(session, "document", columns, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("caseDocuments")
        self.table.setAccessibleName(tr("Documents of this case"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        record_table(self.table)
        self.columns = ColumnFitter(self.table)  # fits the tab's width, never scrolls sideways
        self.columns.stretch(0)  # the title takes what room is left
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.open_button = QPushButton(tr("Open document"))
        self.open_button.setObjectName("openDocument")
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        intro = QLabel(
            tr(
                "The documents filed under this case. Import documents and change their "
                "details on the Documents page; press Enter or double-click to open one."
            )
        )
        intro.setWordWrap(True)
        self.empty = QLabel(tr("No documents are filed under this case yet."))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._update)
        self.set_case(None)

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.model.set_case(case_id)

    def count(self) -> int:
        return len(self.model.all_records())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_document.emit(int(index.data(ID_ROLE)))

    def _update(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        self.open_button.setEnabled(self.table.currentIndex().isValid())

"""A list of records beside a form: the shape of most pages (contacts, notes, costs…)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.i18n import tr
from ...core.new_record_titles import new_record_title
from ...core.records import Change
from ..models.record_table import ID_ROLE, SORT_ROLE, Column, RecordTableModel
from ..session import Session
from ..widgets.common import page_title, record_table, select_source_index, title_row
from ..widgets.fit_columns import ColumnFitter
from ..widgets.form_pane import FormPane
from ..widgets.record_form import RecordForm, fit_form


class RecordPage(QWidget):
    """Filterable, sortable list of one kind of record, with its form on the right."""

    selected = Signal(object)  # the record dict, or None

    def __init__(
        self,
        session: Session,
        entity_name: str,
        columns: list[Column],
        *,
        title: str,
        intro: str = "",
        fields: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = RecordTableModel(session, entity_name, columns, parent=self)
        self.spec = self.model.spec
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        heading = page_title(title)
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(tr("Filter this list…"))
        self.filter.setAccessibleName(tr("Filter this list"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.new_button = QPushButton(new_record_title(self.spec.name))
        self.new_button.setObjectName("new")
        self.new_button.clicked.connect(self.new_record)
        self.delete_button = QPushButton(tr("Move to trash"))
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(self.delete_selected)

        self.table = QTableView()
        self.table.setObjectName("list")
        self.table.setAccessibleName(title)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the core's order until a click
        record_table(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.columns = ColumnFitter(self.table)  # the list fits its width, never scrolls sideways
        self.columns.fit()

        self.form = RecordForm(session, entity_name, fields=fields)
        self.form.saved.connect(self._on_saved)
        self.form_pane = FormPane(self.form)  # Save stays in sight however long the form
        fit_form(self.form, self.form_pane.scroll_area)  # narrows with its pane, never cut

        self.splitter = QSplitter()
        self.splitter.setObjectName(f"{entity_name}Splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._split_once = True  # the list gets 60 % of the width when first shown

        top = title_row(heading, [self.filter, self.new_button, self.delete_button])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addWidget(self.splitter, 1)
        self.session.changed.connect(self._after_change)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_once:  # once the splitter has laid itself out on its first show
            self._split_once = False
            QTimer.singleShot(0, self, self._first_split)  # dropped if the page goes first

    def _first_split(self) -> None:
        """When first on screen, the list takes 60 % of the width (the form needs less)."""
        total = sum(self.splitter.sizes())
        if total > 0 and self.splitter.orientation() == Qt.Orientation.Horizontal:
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])

    # Actions -------------------------------------------------------------------
    def new_record(self, **defaults: Any) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.form.set_record(None, **self.new_defaults(), **defaults)
        first = next(iter(self.form.editors.values()), None)
        if first is not None:
            first.widget.setFocus()
        self._update_buttons()

    def new_defaults(self) -> dict[str, Any]:
        """Values a new record starts with (pages override, e.g. the case shown)."""
        return {}

    def delete_selected(self) -> Change | None:
        record = self.current_record()
        if record is None:
            return None
        name = self.spec.name
        change = self.session.apply(
            lambda d: records.delete(d, name, record["id"]),
            lambda error: self.form.show_message(error.message),
        )
        if change is None:
            return None
        self.new_record()
        return change

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        return select_source_index(self.table, self.proxy, self.model.index(row, 0), self.filter)

    def current_record(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.record(source.row())

    # Reactions -------------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.current_record() if current.isValid() else None
        if record is not None:
            self.form.set_record(record)
        self._update_buttons()
        self.selected.emit(record)

    def _on_saved(self, change: Change) -> None:
        self.select_record(change.id)

    def _after_change(self, change: Change) -> None:
        """After a reload, keep the record being edited selected (or follow an undo)."""
        if change.entity != self.spec.name:
            return
        if change.after is not None and change.after.get("deleted_at") is None:
            if self.select_record(change.id):
                self.form.set_record(records.get(self.session.dossier, self.spec.name, change.id))
        elif self.form.record is not None and self.form.record["id"] == change.id:
            self.new_record()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.current_record() is not None)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None


__all__ = ["Column", "RecordPage"]

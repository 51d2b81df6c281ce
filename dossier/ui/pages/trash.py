"""The trash: what was deleted, restoring it, and emptying the trash for good."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.entities import ENTITIES
from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.records import Change
from ...core.trash import TrashEntry, empty_trash, list_trash
from ..formatting import datetime_text
from ..session import Session
from ..widgets.common import page_title, record_table

_Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_text(entry: TrashEntry) -> str:
    """'Case', 'Deadline or task'… (the entity's plain label, translated)."""
    spec = ENTITIES.get(entry.entity)
    if spec is None:  # a database changed by hand: say so rather than fail
        return tr("Unknown kind of record ({kind})", kind=entry.entity)
    label = tr(spec.label)
    return label[:1].upper() + label[1:]


def with_it_text(entry: TrashEntry) -> str:
    if entry.with_it == 0:
        return ""
    return ntr("with {n} other record", "with {n} other records", entry.with_it)


def records_in(entries: list[TrashEntry]) -> int:
    """How many records the entries hold, counting those deleted together with each."""
    return sum(1 + e.with_it for e in entries)


class TrashModel(QAbstractTableModel):
    """One row per deletion (a case deleted with its records is one row), newest first."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[TrashEntry] = []
        self.headers = [tr("What"), tr("Name"), tr("Deleted on"), tr("Deleted together")]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.entries = list_trash(self.session.dossier)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return entry.label
        if role == ENTRY_ROLE:
            return entry
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def entry(self, row: int) -> TrashEntry:
        return self.entries[row]

    def row_of(self, name: str, record_id: int) -> int | None:
        for row, entry in enumerate(self.entries):
            if (entry.entity, entry.record_id) == (name, record_id):
                return row
        return None

    def _text(self, entry: TrashEntry, column: int) -> str:
        if column == 0:
            return kind_text(entry)
        if column == 1:
            return entry.label
        if column == 2:
            return datetime_text(entry.deleted_at)
        return with_it_text(entry)


class TrashPage(QWidget):
    """What was deleted, newest first; restore it (undoable), or empty the trash for good."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        heading = page_title(tr("Trash"))
        intro = QLabel(
            tr(
                "What you delete waits here until you empty the trash. Restoring a record "
                "brings back everything that was deleted together with it, such as a case's "
                "diagnoses, opinions and questions."
            )
        )
        intro.setWordWrap(True)

        self.model = TrashModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("trashList")
        self.table.setAccessibleName(tr("Deleted records"))
        self.table.setModel(self.model)
        record_table(self.table)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(96)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.table.activated.connect(lambda _index: self.restore_selected())
        self.empty_label = QLabel(tr("The trash is empty."))
        self.empty_label.setObjectName("trashEmpty")

        self.restore_button = QPushButton(tr("Restore"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setToolTip(
            tr("Bring the chosen record back, with everything deleted together with it.")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(tr("Empty the trash…"))
        self.empty_button.setObjectName("emptyTrash")
        self.empty_button.clicked.connect(self.empty)
        self.message = QLabel()
        self.message.setObjectName("trashMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        # In the table's place when it is hidden, taking its room: the heading stays on top.
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        session.changed.connect(lambda _change: self.refresh())
        session.reloaded.connect(self.refresh)
        self._update()

    # Actions ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the trash again, keeping the chosen entry chosen when it is still there."""
        chosen = self.current_entry()
        self.model.reload()
        if chosen is not None:
            self.select(chosen.entity, chosen.record_id)
        self._update()

    def select(self, name: str, record_id: int) -> bool:
        row = self.model.row_of(name, record_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def current_entry(self) -> TrashEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def restore_selected(self) -> Change | None:
        """Bring the chosen entry back (with its batch); Undo puts it back in the trash."""
        entry = self.current_entry()
        if entry is None:
            return None
        change = self.session.apply(
            lambda d: records.restore(d, entry.entity, entry.record_id),
            lambda error: self._say(error.message),
        )
        if change is None:
            return None
        others = len(change.also)
        if others == 0:
            text = tr("“{name}” is back.", name=entry.label)
        else:
            text = ntr(
                "“{name}” is back, with {n} other record.",
                "“{name}” is back, with {n} other records.",
                others,
                name=entry.label,
            )
        self._say(text)
        return change

    def empty(self) -> int:
        """Ask first; then delete everything in the trash for good. Returns how many went."""
        entries = self.model.entries
        if not entries or not self.confirm_empty(records_in(entries)):
            return 0
        try:
            count = empty_trash(self.session.dossier)
        except DossierError as exc:
            self._say(exc.message)
            return 0
        # Undo steps may point at records that no longer exist anywhere.
        self.session.history.clear()
        self.session.history_changed.emit()
        self.session.notify_reloaded()
        self._say(
            ntr(
                "The trash is emptied: {n} record was deleted for good.",
                "The trash is emptied: {n} records were deleted for good.",
                count,
            )
        )
        return count

    def confirm_empty(self, count: int) -> bool:
        """The confirmation, in plain words: it cannot be undone, and how many records go."""
        box = QMessageBox(self)
        box.setObjectName("confirmEmptyTrash")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Empty the trash"))
        box.setText(
            ntr(
                "Delete the {n} record in the trash for good?",
                "Delete the {n} records in the trash for good?",
                count,
            )
        )
        box.setInformativeText(
            tr(
                "This cannot be undone. They will be gone from this dossier, and the files "
                "of deleted documents are removed as well. Undo (Ctrl+Z) will not bring "
                "them back."
            )
        )
        delete = box.addButton(tr("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deleteForGood")
        keep = box.addButton(tr("Keep them"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keep")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete

    # Helpers ---------------------------------------------------------------------------
    def _update(self) -> None:
        has_entries = self.model.rowCount() > 0
        self.table.setVisible(has_entries)
        self.empty_label.setVisible(not has_entries)
        self.empty_button.setEnabled(has_entries)
        self.restore_button.setEnabled(self.current_entry() is not None)
        if has_entries and not self.table.currentIndex().isValid():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


__all__ = ["TrashModel", "TrashPage"]

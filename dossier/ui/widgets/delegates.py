"""Item delegates the lists share: rows with air around their text, a priority picked from a list."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...core.entities import PRIORITIES
from ...core.i18n import tr
from ..formatting import choice_label

_Index = QModelIndex | QPersistentModelIndex


class RoomyDelegate(QStyledItemDelegate):
    """Rows with a little air above and below the text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 10)


class PriorityDelegate(RoomyDelegate):
    """Priority chosen from the list of priorities, in plain words."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(tr("Priority"))
        for value in PRIORITIES:
            combo.addItem(choice_label("question", "priority", value), value)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

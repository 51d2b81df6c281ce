"""The words a widget shows a person: its text, title, tabs, column headings, placeholder,
choices, list cells, menu entries and tooltip, as the screen catalogue reads them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

__all__ = ["menu_texts", "shown_texts"]

MOST_ROWS = 60  # the rows of a list read: more than a screen shows


def shown_texts(widget: QWidget) -> list[str]:
    """What ``widget`` itself writes on the screen (not its children), tooltip included."""
    texts: list[str] = []
    if isinstance(widget, QLabel):
        if widget.pixmap().isNull():
            texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            texts += [widget.tabText(index), widget.tabToolTip(index)]
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(index) for index in range(widget.count())]
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        texts.append(widget.placeholderText())
        if widget.isReadOnly():
            texts.append(widget.toPlainText())
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        texts += _view_texts(widget)
    elif isinstance(widget, QMenuBar | QToolBar):
        texts += menu_texts(widget)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        texts += [widget.prefix(), widget.suffix()]
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.specialValueText())
    texts.append(widget.toolTip())
    return [text for text in texts if text and text.strip()]


def menu_texts(widget: QWidget) -> list[str]:
    """The entries of a menu bar, tool bar or menu, and of the menus they open."""
    texts: list[str] = []
    for action in widget.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text() else ""]
        menu = action.menu()
        if isinstance(menu, QMenu) and menu is not widget:
            texts += menu_texts(menu)
    return [text for text in texts if text]


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    texts: list[str] = []
    header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    shown = header() if callable(header) else None
    columns = range(_column_count(model))
    if isinstance(shown, QHeaderView):
        visible = [c for c in columns if not shown.isSectionHidden(c)]
        if shown.isVisible():
            for column in visible:
                heading = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(heading, str):
                    texts.append(heading)
    else:
        visible = list(columns)
    _cells(view, QModelIndex(), visible, texts)
    return texts


def _column_count(model: QAbstractItemModel) -> int:
    if isinstance(model, QAbstractListModel):  # its columnCount is private
        return 1
    return model.columnCount(QModelIndex())


def _cells(
    view: QAbstractItemView, parent: QModelIndex, columns: list[int], texts: list[str]
) -> None:
    model = view.model()
    is_hidden = getattr(view, "isRowHidden", None)
    for row in range(min(model.rowCount(parent), MOST_ROWS)):
        if callable(is_hidden) and _row_hidden(view, row, parent):
            continue
        for column in columns:
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
        first = model.index(row, 0, parent)
        expanded = getattr(view, "isExpanded", None)
        if callable(expanded) and expanded(first) and model.hasChildren(first):
            _cells(view, first, columns, texts)


def _row_hidden(view: QAbstractItemView, row: int, parent: QModelIndex) -> bool:
    hidden = view.isRowHidden  # type: ignore[attr-defined]
    try:
        return bool(hidden(row, parent))
    except TypeError:  # a table or list: no parent
        return bool(hidden(row))

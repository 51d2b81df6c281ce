"""Small builders every page uses, so pages look and behave alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .flow_layout import flowing


def page_title(text: str) -> QLabel:
    """The large, bold title at the top of a page."""
    heading = QLabel(text)
    heading.setObjectName("pageTitle")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    heading.setFont(font)
    return heading


def title_row(heading: QWidget, controls: Sequence[QWidget]) -> QHBoxLayout:
    """A page's title with its buttons and fields at the other end of the row. When the
    page is narrow (large text, a longer language) they go on to a next line rather than
    make the window wider than the screen."""
    row = QHBoxLayout()
    row.addWidget(heading, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(flowing(controls, to_end=True), 1)
    return row


def progress_parts(name: str, bar_label: str) -> tuple[QLabel, QLabel, QProgressBar]:
    """The top of a long task's window: a heading (larger, bold), a status line, a bar.

    Their object names are ``<name>Heading``, ``<name>Status`` and ``<name>Progress``.
    """
    heading = QLabel()
    heading.setObjectName(f"{name}Heading")
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    heading.setFont(font)
    heading.setWordWrap(True)
    status = QLabel()
    status.setObjectName(f"{name}Status")
    status.setWordWrap(True)
    bar = QProgressBar()
    bar.setObjectName(f"{name}Progress")
    bar.setAccessibleName(bar_label)
    return heading, status, bar


def task_layout(
    window: QWidget,
    top: tuple[QLabel, QLabel, QProgressBar],
    body: Sequence[tuple[QWidget, int]],
    left: Sequence[QPushButton] = (),
    right: Sequence[QPushButton] = (),
) -> QVBoxLayout:
    """A long task's window: ``top`` (see :func:`progress_parts`), the ``body`` widgets
    with their stretch, and a row of buttons (``left``, a gap, ``right``)."""
    buttons = QHBoxLayout()
    for button in left:
        buttons.addWidget(button)
    buttons.addStretch(1)
    for button in right:
        buttons.addWidget(button)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(10)
    for part in top:
        layout.addWidget(part)
    for widget, stretch in body:
        layout.addWidget(widget, stretch)
    if not body:
        layout.addStretch(1)
    layout.addLayout(buttons)
    return layout


def push_button(name: str, text: str, slot: Callable[..., Any]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def cancel_and_ok(dialog: QDialog, text: str, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's Cancel and its accepting button (``text``, object name ``name``), tied to
    its reject and accept. (Make the button the default once the box is in the dialog.)"""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName(name)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def record_table(table: QTableView) -> QTableView:
    """A read-only list of records: whole rows, one at a time, striped."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table


def select_source_index(
    view: QAbstractItemView,
    proxy: QSortFilterProxyModel,
    source: QModelIndex,
    filter_edit: QLineEdit | None = None,
) -> bool:
    """Make ``source`` (an index of the proxy's source model) current in ``view``.

    When the filter hides it, the filter is cleared first.
    """
    index = proxy.mapFromSource(source)
    if not index.isValid() and filter_edit is not None:
        filter_edit.clear()
        index = proxy.mapFromSource(source)
    if not index.isValid():
        return False
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)
    return True

"""Every control on every page can be reached by keyboard and has a name a screen reader says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core.opening import open_dossier
from dossier.ui.main_window import MainWindow

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "") or widget.toolTip()
    labels = [
        label
        for label in widget.window().findChildren(QLabel)
        if label.buddy() is widget or (label.buddy() and label.buddy().focusProxy() is widget)
    ]
    return labels[0].text() if labels else ""


def test_every_control_has_a_name_and_takes_focus(qtbot: QtBot, demo_copy: Path) -> None:
    window = MainWindow(open_dossier(demo_copy))
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    missing: list[str] = []
    for entry in window.view.entries:
        page = window.view.show_page(entry.key)
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(page):
                continue
            if isinstance(widget, QHeaderView):
                continue  # part of its table, which has the name and the focus
            if isinstance(widget, QLineEdit) and isinstance(
                widget.parent(), QAbstractSpinBox | QComboBox
            ):
                continue  # the editor inside a spin box or combo box speaks for it
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
                widget, QAbstractButton
            ):
                missing.append(
                    f"{entry.key}: {type(widget).__name__} {widget.objectName()!r} takes no focus"
                )
            if not _name(widget).strip():
                missing.append(
                    f"{entry.key}: {type(widget).__name__} {widget.objectName()!r} has no name"
                )
    window.close()
    assert missing == [], "\n".join(missing)

"""The main window on a dossier, shown (and active, for keyboard shortcuts), for tests that
drive it as a person does."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow

PageT = TypeVar("PageT", bound=QWidget)


def shown_window(
    qtbot: QtBot, dossier: Dossier | None, *, size: tuple[int, int] = (1366, 768)
) -> MainWindow:
    """The window on ``dossier``, at ``size``, on screen and active."""
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def page_of(window: MainWindow, key: str, kind: type[PageT]) -> PageT:
    """Show the page ``key`` and return it, checked to be a ``kind``."""
    assert window.view is not None
    page = window.view.show_page(key)
    assert isinstance(page, kind), type(page)
    return page


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, whatever its script (QTest.keyClicks knows only Latin-1
    and aborts the process on other letters); a newline is the Return key."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )

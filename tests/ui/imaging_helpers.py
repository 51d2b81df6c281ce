"""Shared by the Imaging page's tests: Margaret's dossier (the person the generated discs
are for), the window on it at the Imaging page, and waits for what runs in the background.
Not a test module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.imaging import ImagingPage

WAIT = 90_000  # ms: reading a disc starts sandboxed readers; a busy machine is slow at it


def margaret(path: Path) -> Dossier:
    """A dossier for the person the test discs (tests/dicom_discs.py) are made for."""
    return create_dossier(path, name="Margaret Example", born="1958-02-14")


def imaging_window(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, ImagingPage]:
    """The main window on ``dossier``, shown, on its Imaging page."""
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.view is not None
    page = window.view.show_page("imaging")
    assert isinstance(page, ImagingPage)
    return window, page


def wait_idle(qtbot: QtBot, page: ImagingPage) -> None:
    """Until the page's image reader has drawn what it was asked for."""
    qtbot.waitUntil(lambda: not page.loader.busy(), timeout=WAIT)


def wait_drawn(qtbot: QtBot, page: ImagingPage) -> None:
    """Until the viewer shows an image (or why it cannot)."""

    def shown() -> bool:
        view = page.panel.viewer.view
        return view.image is not None or (view.message not in ("", "Drawing the image…"))

    qtbot.waitUntil(shown, timeout=WAIT)


def plain(text: str) -> str:
    """``text`` without the marks that keep names and dates in their own direction."""
    return "".join(c for c in text if c not in "\u2066\u2067\u2068\u2069\u200e\u200f")


def message_box(name: str) -> QMessageBox | None:
    """The message box called ``name`` on screen, if any."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def click(qtbot: QtBot, button: QWidget) -> None:
    assert button.isEnabled() and button.isVisible(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def close_window(qtbot: QtBot, window: MainWindow) -> None:
    """Close the window as a person does; the page's reader is let go of."""
    window.close()
    assert tasks.wait_for(None, WAIT)


__all__ = [
    "WAIT",
    "click",
    "close_window",
    "imaging_window",
    "margaret",
    "message_box",
    "plain",
    "wait_drawn",
    "wait_idle",
]

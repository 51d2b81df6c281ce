"""The window's archive menu entries (issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ..main_window import MainWindow


def add_archive_actions(window: MainWindow, menu: QMenu) -> None:
    """Add this part's entries to the Dossier menu of ``window``."""

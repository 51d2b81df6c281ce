"""The window's backup menu entries (issue 6): Back up now, Backup folder…, Restore from a
backup…; the backups themselves are run by :class:`BackupController`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from ...core.i18n import tr
from .backup_controller import BackupController

if TYPE_CHECKING:
    from ..main_window import MainWindow


def add_backup_actions(window: MainWindow, menu: QMenu) -> BackupController:
    """Add this part's entries to the Dossier menu of ``window``; the controller that runs
    the window's backups (the window tells it when a dossier opens and closes)."""
    controller = BackupController(window)
    now = menu.addAction(tr("&Back up now"))
    now.triggered.connect(controller.back_up_now)
    folder = menu.addAction(tr("Backup &folder…"))
    folder.triggered.connect(controller.choose_folder)
    restore = menu.addAction(tr("Restore from a &backup…"))
    restore.triggered.connect(controller.restore_dialog)
    controller.actions = [now, folder]
    for action in controller.actions:
        action.setEnabled(False)
    return controller

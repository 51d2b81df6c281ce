"""The window's check menu entry (issue 6): Dossier → Check the dossier…"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...core.i18n import tr

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .check_dialog import CheckDialog


def add_check_actions(window: MainWindow, menu: QMenu) -> None:
    """Add this part's entries to the Dossier menu of ``window``."""
    action = QAction(tr("Check the dossier…"), window)
    action.setObjectName("checkDossierAction")
    action.setToolTip(
        tr("Look for damaged or missing files and other problems, and repair what can be")
    )
    action.triggered.connect(lambda _checked=False: open_check_dialog(window))
    menu.addAction(action)
    menu.aboutToShow.connect(lambda: action.setEnabled(window.session is not None))


def open_check_dialog(window: MainWindow) -> CheckDialog | None:
    """Show the check window for the dossier shown, and start a check unless one runs."""
    if window.session is None:
        return None
    from .check_dialog import CheckDialog  # imported on first use: start-up stays quick

    path = window.session.dossier.path
    dialog = window.findChild(CheckDialog, "checkDialog")
    if dialog is not None and dialog.dossier_path != path:  # of a dossier shown before
        dialog.close()
        dialog.setObjectName("")
        dialog.deleteLater()
        dialog = None
    if dialog is None:
        dialog = CheckDialog(path, window)
        dialog.repaired.connect(lambda: _reload(window))
    if not dialog.busy():
        dialog.start_check()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _reload(window: MainWindow) -> None:
    if window.session is None:
        return
    read_only = window.session.dossier.read_only
    if read_only is not None and read_only.cause == "foreign":
        window.reopen_dossier()  # the repair may have made it writable again
        if window.session is not None and window.session.dossier.read_only is None:
            window.statusBar().showMessage(
                tr("The dossier can be changed again: the repair removed what was added.")
            )
    else:
        window.session.notify_reloaded()

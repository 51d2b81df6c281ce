"""Where "Send to the Second Doctor…" is: on the Cases page, beside the case shown, and in
the Dossier menu (for the case the Cases page shows). Either opens
:class:`.send_dialog.SendDialog` for that case."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget

from ... import APP_NAME
from ...core.i18n import tr
from ..session import Session

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ..main_window import MainWindow
    from .send_dialog import SendDialog


def send_text() -> str:
    return tr("Send to the Second Doctor…")


def send_tip() -> str:
    return tr(
        "Write everything the second doctor needs for this case (letters, documents, "
        "translations, imaging discs, a list of contents) to a folder or zip file, such as "
        "on a USB stick"
    )


def open_send(session: Session, case_id: int | None, parent: QWidget) -> SendDialog | None:
    """Open the dialog for ``case_id``; without a case, say how to choose one."""
    if case_id is None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            APP_NAME,
            tr("Choose a case on the Cases page first: the bundle is for one case."),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("sendNoCase")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    from .send_dialog import SendDialog

    dialog = SendDialog(session, case_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def send_button(
    session: Session, case_id: Callable[[], int | None], parent: QWidget
) -> QPushButton:
    """The Cases page's button; ``case_id()`` gives the case shown (None while new)."""
    button = QPushButton(send_text())
    button.setObjectName("sendToDoctor")
    button.setToolTip(send_tip())
    button.clicked.connect(lambda _checked=False: open_send(session, case_id(), parent))
    return button


def shown_case(window: MainWindow) -> int | None:
    """The case the Cases page shows, if any."""
    view = window.view
    if view is None:
        return None
    case_id = getattr(view.built_pages().get("cases"), "case_id", None)
    return case_id if isinstance(case_id, int) else None


def add_send_action(window: MainWindow, menu: QMenu) -> QAction:
    """Dossier → Send to the Second Doctor…, on while a dossier is open."""
    action = menu.addAction(send_text())
    action.setObjectName("sendToDoctorAction")
    action.setToolTip(send_tip())

    def triggered() -> None:
        if window.session is not None:
            open_send(window.session, shown_case(window), window)

    action.triggered.connect(lambda _checked=False: triggered())
    menu.aboutToShow.connect(lambda: action.setEnabled(window.session is not None))
    return action


__all__ = ["add_send_action", "open_send", "send_button", "shown_case"]

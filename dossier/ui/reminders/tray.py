"""The program's icon in the system tray, when the desktop has one: its menu (Show the
Dossier, Keep Running in the Tray, Quit), and the desktop notifications it gives.

The icon's tooltip is the program's name only, never whose dossier it is. A notification
says what a reminder is about; the controller gives none while a protected dossier is
locked (:mod:`.controller`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ... import APP_NAME
from ...core.i18n import ntr, tr
from ...core.reminders import Reminder
from ..icons import icon
from ..settings import keep_in_tray, set_keep_in_tray

MESSAGE_MS = 15_000  # how long a notification stays, where the desktop lets a program say
LISTED = 4  # reminders written out in one notification; the rest are counted


def keep_action(parent: QWidget) -> QAction:
    """The checkable "Keep Running in the Tray" entry, tied to the setting."""
    action = QAction(tr("&Keep Running in the Tray When the Window Is Closed"), parent)
    action.setObjectName("keepInTray")
    action.setCheckable(True)
    action.setChecked(keep_in_tray())
    action.setToolTip(
        tr("Closing the window leaves the program running, so it can remind you of appointments")
    )
    action.toggled.connect(set_keep_in_tray)
    return action


class ReminderTray(QSystemTrayIcon):
    """The tray icon of ``window``; ``show_window`` and ``quit_program`` are what its menu
    entries (and a click on the icon) do."""

    def __init__(
        self,
        window: QWidget,
        show_window: Callable[[], object],
        quit_program: Callable[[], object],
    ) -> None:
        super().__init__(icon("app"), window)
        self.setObjectName("reminderTray")
        self.setToolTip(APP_NAME)
        self.menu = QMenu(window)
        self.menu.setObjectName("trayMenu")
        self.show_action = self.menu.addAction(tr("&Show the Dossier"))
        self.show_action.triggered.connect(show_window)
        self.menu.addSeparator()
        self.keep_action = keep_action(self.menu)
        self.menu.addAction(self.keep_action)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(tr("&Quit"))
        self.quit_action.triggered.connect(quit_program)
        self.setContextMenu(self.menu)
        self.activated.connect(
            lambda reason: (
                show_window() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )

    def notify(self, reminders: Sequence[Reminder]) -> None:
        """One desktop notification for ``reminders`` (each written out, up to a few)."""
        if not reminders:
            return
        if len(reminders) == 1:
            (reminder,) = reminders
            title = tr("Reminder")
            message = reminder.text
            if reminder.details:
                message += "\n" + reminder.details.splitlines()[0]
        else:
            title = ntr("{n} reminder", "{n} reminders", len(reminders))
            lines = [r.text for r in reminders[:LISTED]]
            if len(reminders) > LISTED:
                lines.append(
                    ntr(
                        "And {n} more: open the window to see them.",
                        "And {n} more: open the window to see them.",
                        len(reminders) - LISTED,
                    )
                )
            message = "\n".join(lines)
        self.showMessage(title, message, icon("app"), MESSAGE_MS)

    def say(self, message: str) -> None:
        """A notification that names nothing of the dossier (a locked one, the tray's use)."""
        self.showMessage(APP_NAME, message, icon("app"), MESSAGE_MS)


__all__ = ["ReminderTray", "keep_action"]

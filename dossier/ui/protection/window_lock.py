"""Locking the window over a protected dossier: by hand (Dossier → Lock, Ctrl+L) and after
a while without input (:mod:`.idle`; appointment mode keeps it away).

Locked, the window shows nothing of the dossier: the lock screen takes the place of the
pages, the title is the program's name only, the status bar is hidden, every menu entry
but Quit is off, and the dossier's other windows are put away (:mod:`.hidden_windows`).

The dossier itself stays open and unlocked in memory, so its backups and the reading of
scans go on; what the lock asks for is the passphrase, checked against the key file. (A
program that closes the database when locked, as KeePassXC does, would also have to stop
and restart that work; the key would still have been in memory until then.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from ... import APP_NAME
from .hidden_windows import HiddenWindows
from .idle import IdleWatcher, lock_after_minutes

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .lock_screen import LockScreen

# Windows that keep the idle lock away while they are open: the companion's screen in a
# consultation, and the recovery key being written down.
KEEPS_AWAKE = ("appointmentMode", "recoveryKeyDialog")


class WindowLock(QObject):
    """The lock of ``window`` (its :attr:`locked` state, the idle watch, the lock screen)."""

    changed = Signal(bool)  # locked or not

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.screen: LockScreen | None = None
        self.windows = HiddenWindows(window)
        self.idle = IdleWatcher(self, held=self.kept_awake)
        self.idle.idle.connect(self.lock)
        self._menu_states: dict[QAction, bool] = {}
        self._frozen_menus: list[QMenu] = []
        self._status_was_visible = False

    def protected(self) -> bool:
        """True when the dossier shown is protected with a passphrase."""
        session = self.window.session
        return session is not None and session.dossier.key is not None

    def kept_awake(self) -> bool:
        """True while a window that keeps the idle lock away is open."""
        return any(
            widget.isVisible() and widget.objectName() in KEEPS_AWAKE
            for widget in QApplication.topLevelWidgets()
        )

    def dossier_changed(self) -> None:
        """Another dossier (or none) is shown: its lock screen, if any, went with the old
        one; watch for idleness when the new one is protected."""
        if self.locked:
            self._leave_locked(bring_back=False)
        self.restart_idle()

    def restart_idle(self) -> None:
        """Watch for idleness with the time chosen in the settings (protected dossiers)."""
        if self.protected() and not self.locked:
            self.idle.start(lock_after_minutes() * 60_000)
        else:
            self.idle.stop()

    def stop(self) -> None:
        """The window closes: no more watching, and nothing hidden is shown again."""
        self.idle.stop()
        self.windows.stop_watching()

    # Locking -----------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide everything of the dossier behind the lock screen."""
        session, view = self.window.session, self.window.view
        if self.locked or session is None or session.dossier.key is None or view is None:
            return
        from .lock_screen import LockScreen  # the ciphers load with it, for protected ones

        self.locked = True
        self.idle.stop()
        self.windows.put_away()
        self.screen = LockScreen(session.dossier.path, session.dossier.key)
        self.screen.unlocked.connect(self.unlock)
        self.screen.close_requested.connect(self._close_dossier)
        self.window.central.addWidget(self.screen)
        self.window.central.setCurrentWidget(self.screen)
        bar = self.window.statusBar()
        self._status_was_visible = bar.isVisible()
        bar.clearMessage()
        bar.hide()
        self.window.setWindowTitle(APP_NAME)
        self.window.menus.update_actions()  # ends in freeze_menus while locked
        self.screen.setFocus()
        self.changed.emit(True)

    def unlock(self) -> None:
        """The passphrase was right: show the dossier again as it was."""
        if self.locked:
            self._leave_locked(bring_back=True)
            self.restart_idle()

    def _leave_locked(self, *, bring_back: bool) -> None:
        self.locked = False
        if bring_back:
            self.windows.bring_back()
        else:
            self.windows.forget()
        screen, self.screen = self.screen, None
        if screen is not None and shiboken6.isValid(screen):
            self.window.central.removeWidget(screen)
            screen.deleteLater()
        if bring_back and self.window.view is not None:
            self.window.central.setCurrentWidget(self.window.view)
            self.window.view.setFocus()
        if self._status_was_visible:
            self.window.statusBar().show()
        self._thaw_menus()
        self.window.update_title()
        self.changed.emit(False)

    def _close_dossier(self) -> None:
        self._leave_locked(bring_back=False)
        self.window.close_dossier()

    # Menus -------------------------------------------------------------------------------
    def freeze_menus(self) -> None:
        """Every menu entry off but Quit, also those a menu turns on as it opens."""
        keep = {self.window.menus.quit_action}
        for action in self._all_actions():
            if action in keep:
                continue
            self._menu_states.setdefault(action, action.isEnabled())
            action.setEnabled(False)
        if not self._frozen_menus:
            for top in self.window.menuBar().actions():
                menu = top.menu()
                if isinstance(menu, QMenu):
                    menu.aboutToShow.connect(self.freeze_menus)  # after the menu's own
                    self._frozen_menus.append(menu)

    def _thaw_menus(self) -> None:
        for menu in self._frozen_menus:
            if shiboken6.isValid(menu):
                menu.aboutToShow.disconnect(self.freeze_menus)
        self._frozen_menus = []
        states, self._menu_states = self._menu_states, {}
        for action, enabled in states.items():
            if shiboken6.isValid(action):
                action.setEnabled(enabled)
        self.window.menus.update_actions()

    def _all_actions(self) -> list[QAction]:
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.isSeparator():
                    continue
                found.append(action)
                sub = action.menu()
                if isinstance(sub, QMenu):
                    walk(sub)

        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                walk(menu)
        return found


__all__ = ["KEEPS_AWAKE", "WindowLock"]

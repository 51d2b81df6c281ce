"""The Dossier menu's entries for a protected dossier: Lock (Ctrl+L), Change Passphrase…,
Print a New Recovery Sheet…, Remove Protection… and Lock When Idle (the minutes, or
never), shown only while a protected dossier is open; and Protect with a Passphrase…,
shown while an unprotected one is."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from ...core.i18n import ntr, tr
from .idle import CHOICES, lock_after_minutes, set_lock_after_minutes

if TYPE_CHECKING:
    from ..main_window import MainWindow

LOCK_KEYS = "Ctrl+L"


class ProtectionMenu(QObject):
    """Adds the entries to ``menu`` (the Dossier menu) and keeps them in step."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.separator = menu.addSeparator()
        self.lock_action = menu.addAction(tr("&Lock"))
        self.lock_action.setObjectName("lockAction")
        self.lock_action.triggered.connect(lambda: window.protection.lock())
        self.change_action = menu.addAction(tr("Change &Passphrase…"))
        self.change_action.setObjectName("changePassphraseAction")
        self.change_action.triggered.connect(self.change_passphrase)
        self.sheet_action = menu.addAction(tr("Print a New &Recovery Sheet…"))
        self.sheet_action.setObjectName("newRecoverySheetAction")
        self.sheet_action.triggered.connect(self.new_recovery_sheet)
        self.protect_action = menu.addAction(tr("Protect with a P&assphrase…"))
        self.protect_action.setObjectName("protectAction")
        self.protect_action.triggered.connect(self.protect)
        self.remove_action = menu.addAction(tr("Remove Pro&tection…"))
        self.remove_action.setObjectName("removeProtectionAction")
        self.remove_action.triggered.connect(self.remove_protection)
        self.idle_menu = menu.addMenu(tr("Lock When &Idle"))
        self.idle_menu.setObjectName("lockWhenIdleMenu")
        self.idle_menu.aboutToShow.connect(self._tick_chosen)
        group = QActionGroup(self.idle_menu)
        self.idle_actions: dict[int, QAction] = {}
        for minutes in CHOICES:
            text = ntr("After {n} minute", "After {n} minutes", minutes) if minutes else tr("Never")
            action = self.idle_menu.addAction(text)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(partial(self.choose_idle, minutes))
            self.idle_actions[minutes] = action
        self._keys_set = False

    def update(self) -> None:
        """Shown for a protected dossier only (Protect with a Passphrase… for a writable
        unprotected one); off while it can only be read (nothing can be written to its key
        file), all off while the window is locked."""
        protection = self.window.protection
        protected = protection.protected()
        session = self.window.session
        writable = session is not None and session.dossier.read_only is None
        for action in (self.separator, self.lock_action, self.change_action, self.sheet_action):
            action.setVisible(protected)
        self.idle_menu.menuAction().setVisible(protected)
        self.protect_action.setVisible(session is not None and not protected and writable)
        self.remove_action.setVisible(protected and writable)
        self.separator.setVisible(protected or self.protect_action.isVisible())
        self.change_action.setEnabled(protected and writable)
        self.sheet_action.setEnabled(protected and writable)
        self.lock_action.setEnabled(protected)
        if protected and not self._keys_set:  # set once, after the first paint
            self._keys_set = True
            self.window.after_paint.call(
                partial(self.lock_action.setShortcut, QKeySequence(LOCK_KEYS)), self.lock_action
            )
        if protection.locked:
            protection.freeze_menus()

    def _tick_chosen(self) -> None:
        chosen = self.idle_actions.get(lock_after_minutes())
        if chosen is not None:
            chosen.setChecked(True)

    def choose_idle(self, minutes: int) -> None:
        set_lock_after_minutes(minutes)
        self.window.protection.restart_idle()

    def change_passphrase(self) -> None:
        session = self.window.session
        if session is None or session.dossier.key is None:
            return
        from .change_passphrase import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(session.dossier.path, session.dossier.key, self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(
                tr("The passphrase was changed. From now on the dossier opens with the new one."),
                15000,
            )
        dialog.deleteLater()

    def new_recovery_sheet(self) -> None:
        session = self.window.session
        if session is None or session.dossier.key is None:
            return
        from .new_sheet import print_new_sheet

        print_new_sheet(self.window, session.dossier)

    def protect(self) -> None:
        session = self.window.session
        if session is None or session.dossier.key is not None:
            return
        from .conversion import Conversion
        from .protect_dialog import ProtectDialog

        dialog = ProtectDialog(self.window)
        chosen = dialog.protection if dialog.exec() else None
        dialog.deleteLater()
        if chosen is not None:
            Conversion(self.window, chosen).start()

    def remove_protection(self) -> None:
        session = self.window.session
        if session is None or session.dossier.key is None:
            return
        from .conversion import Conversion
        from .remove_dialog import RemoveProtectionDialog

        dialog = RemoveProtectionDialog(session.dossier.path, self.window)
        confirmed = bool(dialog.exec())
        dialog.deleteLater()
        if confirmed:
            Conversion(self.window, None).start()

"""The main window's menu bar: Dossier, Edit (with the window's language), Print, Go and Help.

The entries call the window's own methods (open a dossier, undo…) and the safety and
print parts add theirs. Shortcuts are set once the window is on screen (see
:class:`.after_paint.AfterFirstPaint`); an entry is on only while it can work.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ..core import paths
from ..core.i18n import tr
from .calendar_file.actions import CalendarFileActions
from .handover.actions import add_send_action
from .language_choice import LanguageMenu
from .printing.menu import PrintMenu
from .protection.menu import ProtectionMenu
from .safety.archive_actions import add_archive_actions
from .safety.backup_actions import add_backup_actions
from .safety.check_actions import add_check_actions

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowMenus(QObject):
    """Builds the menus of ``window`` and keeps their entries on or off."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        file_menu = bar.addMenu(tr("&Dossier"))
        self._action(
            file_menu,
            tr("Start a &new dossier…"),
            window.new_dossier,
            QKeySequence.StandardKey.New,
        )
        self._action(
            file_menu,
            tr("&Open a dossier…"),
            window.open_dialog,
            QKeySequence.StandardKey.Open,
        )
        self._action(file_menu, tr("Open the &example dossier"), window.open_example)
        self.recent_menu = file_menu.addMenu(tr("&Recent dossiers"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu, tr("&Import files…"), window.import_files_dialog, "Ctrl+I"
        )
        self.disc_action = self._action(
            file_menu, tr("Add Imaging &Disc…"), window.add_imaging_disc
        )
        self.invitation_action = self._action(
            file_menu, tr("Add an Appointment from an In&vitation…"), self._add_invitation
        )
        self.invitation_action.setObjectName("addInvitationAction")
        self.edit_person_action = self._action(
            file_menu, tr("&Person's details…"), window.edit_person
        )
        self.close_action = self._action(file_menu, tr("&Close this dossier"), window.close_dossier)
        self.protection = ProtectionMenu(window, file_menu)  # Lock, passphrase, recovery sheet
        file_menu.addSeparator()
        self.backups = add_backup_actions(window, file_menu)  # automatic backups, restore
        file_menu.addSeparator()
        add_archive_actions(window, file_menu)
        add_send_action(window, file_menu)  # the bundle for the second doctor
        file_menu.addSeparator()
        self.calendar_file = CalendarFileActions(window, file_menu)  # .ics, and one kept
        file_menu.addSeparator()
        add_check_actions(window, file_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit
        )

        edit_menu = bar.addMenu(tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, tr("Undo"), window.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit_menu, tr("Redo"), window.redo, QKeySequence.StandardKey.Redo
        )
        edit_menu.addSeparator()
        self.language_menu = LanguageMenu(window)
        edit_menu.addMenu(self.language_menu)
        self.scan_languages_action = self._action(
            edit_menu, tr("Languages of Scanned Pages…"), self._choose_scan_languages
        )
        self.print_menu = PrintMenu(window, bar)
        self.go_menu = bar.addMenu(tr("&Go"))
        help_menu = bar.addMenu(tr("&Help"))
        self._action(help_menu, tr("&About"), window.about)
        self.update_actions()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            self.window.after_paint.call(partial(action.setShortcut, shortcut), action)
        action.triggered.connect(slot)
        return action

    def _add_invitation(self) -> None:
        from .appointment.invitation_flow import add_from_invitation

        if self.window.view is not None:
            add_from_invitation(self.window.view)

    def _choose_scan_languages(self) -> None:
        from .documents.reading_languages import DossierLanguagesDialog

        if self.window.session is not None:
            DossierLanguagesDialog(self.window.session, self.window).exec()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in paths.recent_dossiers():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(tr("(none yet)")).setEnabled(False)

    def fill_go_menu(self) -> None:
        """One entry per page of the dossier shown, with its shortcut; none without one."""
        self.go_menu.clear()
        view = self.window.view
        if view is None:
            return
        for entry in view.entries:
            action = self.go_menu.addAction(entry.title)
            self.window.after_paint.call(partial(action.setShortcut, entry.shortcut), action)
            action.triggered.connect(lambda _checked=False, key=entry.key: self._go(key))

    def _go(self, key: str) -> None:
        if self.window.view is not None:
            self.window.view.show_page(key)

    def update_actions(self) -> None:
        """Undo and Redo as the history allows; what needs a dossier (or a writable one)."""
        session = self.window.session
        has = session is not None
        history = session.history if session is not None else None
        self.undo_action.setEnabled(bool(history and history.can_undo))
        self.redo_action.setEnabled(bool(history and history.can_redo))
        self.undo_action.setText(history.undo_text() if history else tr("Undo"))
        self.redo_action.setText(history.redo_text() if history else tr("Redo"))
        writable = has and session is not None and session.dossier.read_only is None
        self.edit_person_action.setEnabled(writable)
        self.close_action.setEnabled(has)
        self.import_action.setEnabled(writable)
        self.disc_action.setEnabled(writable)
        self.invitation_action.setEnabled(writable)
        self.scan_languages_action.setEnabled(writable)
        self.print_menu.set_enabled(has)
        self.calendar_file.update()
        self.protection.update()  # last: all off while the window is locked

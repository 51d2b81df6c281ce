"""The main window: the welcome page, or one open dossier; menus, undo, settings."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..core import paths, records
from ..core.bidi import isolate
from ..core.crypto.protected import PassphraseNeeded
from ..core.errors import DossierError
from ..core.i18n import tr
from ..core.lock import DossierLock, acquire
from ..core.opening import open_dossier, set_aside_lost_journal
from ..core.records import Change
from ..core.storage import (
    Dossier,
    DossierDamagedError,
    DossierJournalLostError,
    is_dossier,
)
from .after_paint import AfterFirstPaint
from .documents.scan_reading import ReadingStatus, ScanReading
from .dossier_view import DossierView
from .protection.opening import open_unlocking
from .protection.window_lock import WindowLock
from .safety.check_actions import open_check_dialog
from .session import Session
from .settings import restore_splitters, restore_view_state, save_view_state, settings
from .window_menus import WindowMenus

if TYPE_CHECKING:  # annotations only: making these event types costs start-up time
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from .welcome import WelcomePage


class MainWindow(QMainWindow):
    def __init__(self, dossier: Dossier | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session: Session | None = None
        self.view: DossierView | None = None
        self._lock: DossierLock | None = None  # held while a dossier is shown
        self.central = QStackedWidget()
        self.setCentralWidget(self.central)
        self.welcome: WelcomePage | None = None
        self.after_paint = AfterFirstPaint(self)  # shortcuts are set once it is on screen
        self.protection = WindowLock(self)  # locks a protected dossier (Ctrl+L, idle)
        self.menus = WindowMenus(self)
        # The menus' entries by the names the tests and the window's parts use.
        self.undo_action = self.menus.undo_action
        self.redo_action = self.menus.redo_action
        self.import_action = self.menus.import_action
        self.edit_person_action = self.menus.edit_person_action
        self.print_menu = self.menus.print_menu
        self.backups = self.menus.backups
        self.scan_status = ReadingStatus()
        # in the status bar once the window is on screen (the status bar costs start-up time)
        self.after_paint.call(lambda: self.statusBar().addPermanentWidget(self.scan_status))
        self.scan_reading: ScanReading | None = None
        self.resize(1280, 800)
        self.setAcceptDrops(True)  # files and folders dropped here are imported
        state = settings()
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if dossier is None or not self.show_dossier(dossier):
            self.show_welcome()

    # Dossiers --------------------------------------------------------------------
    def show_welcome(self) -> None:
        from .welcome import WelcomePage  # here: not needed when a dossier opens at start

        self.welcome = WelcomePage(paths.recent_dossiers())
        self.welcome.start_for_self.connect(lambda: self.new_dossier(for_self=True))
        self.welcome.start_for_other.connect(lambda: self.new_dossier(for_self=False))
        self.welcome.open_example.connect(self.open_example)
        self.welcome.open_other.connect(self.open_dialog)
        self.welcome.open_recent.connect(self.open_path)
        self._set_central(self.welcome)
        self.setWindowTitle(APP_NAME)

    def show_dossier(self, dossier: Dossier, lock: DossierLock | None = None) -> bool:
        """Show ``dossier`` in this window, closing the one shown before.

        The window holds the dossier's lock (``lock``, or taken here) while it shows it.
        When another program holds it, ``dossier`` is closed, the reason shown, and the
        window stays as it was: returns False.
        """
        if lock is None:
            try:
                lock = acquire(dossier.path, "window")
            except DossierError as exc:
                dossier.close()
                QMessageBox.warning(self, APP_NAME, exc.message)
                return False
        self._save_view_state()
        self._stop_reading()  # the dossier shown until now is left
        previous, previous_lock = self.session, self._lock
        self._lock = lock
        self.session = Session(dossier, self)
        self.session.history_changed.connect(self.menus.update_actions)
        self.session.changed.connect(self._on_change)
        self.view = DossierView(self.session, after_paint=self.after_paint)
        self.view.page_changed.connect(lambda _key: self._save_view_state())
        self.view.page_built.connect(restore_splitters)
        if self.view.read_only_notice is not None:  # its button opens the check
            self.view.read_only_notice.check_requested.connect(lambda: open_check_dialog(self))
        self._set_central(self.view)
        if previous is not None:
            self.backups.closing(previous.dossier.path)
            previous.dossier.close()
            previous.deleteLater()
        if previous_lock is not None:
            previous_lock.release()
        self.after_paint.call(partial(paths.remember_dossier, dossier.path))
        self.backups.opened(dossier.path)
        self.scan_status.hide()
        self.scan_reading = ScanReading(self.session, self.scan_status)
        # pages left waiting (the program was closed or stopped while reading) are read
        self.after_paint.call(self.scan_reading.start, self.scan_reading)
        self.update_title()
        restore_view_state(self.view)
        self.menus.fill_go_menu()
        self.menus.update_actions()
        return True

    def _on_change(self, change: Change) -> None:
        if change.entity == "person":
            self.update_title()

    def update_title(self) -> None:
        """Whose dossier is shown and the program's name; only the latter when locked."""
        if self.session is None or self.protection.locked:
            self.setWindowTitle(APP_NAME)
            return
        name = records.get(self.session.dossier, "person", 1)["name"]
        self.setWindowTitle(f"{isolate(name)} · {APP_NAME}")

    def open_path(self, path: Path) -> bool:
        try:  # first the lock: a dossier another window shows is not even opened
            lock = acquire(path, "window")
            dossier = open_unlocking(self, path, lock)  # a protected one asks its passphrase
        except DossierDamagedError as exc:
            return self.open_damaged(exc)
        except DossierError as exc:
            QMessageBox.warning(self, APP_NAME, exc.message)
            return False
        if dossier is None:  # protected, and the person did not unlock it
            return False
        return self.show_dossier(dossier, lock)

    def reopen_dossier(self) -> bool:
        """Open the dossier shown once more (the check removed what made it read-only);
        the lock this window holds is shared with the new hold, then let go."""
        return self.session is not None and self.open_path(self.session.dossier.path)

    def open_damaged(self, exc: DossierDamagedError) -> bool:
        """Offer the newest good backup of a damaged dossier; when its journal was lost
        and no backup is restored, offer to open it as it is. True when one is shown."""
        if self.backups.offer_restore(exc.path, exc.message):
            return True
        if not isinstance(exc, DossierJournalLostError):
            return False
        answer = QMessageBox.question(
            self,
            APP_NAME,
            tr(
                "Open the dossier as it is now? The changes that were in the missing journal "
                "file stay lost; everything saved before them is there."
            ),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Open:
            return False
        try:
            set_aside_lost_journal(exc.path)
        except DossierError as error:  # a dossier on a read-only drive
            QMessageBox.warning(self, APP_NAME, error.message)
            return False
        except OSError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return False
        return self.open_path(exc.path)

    def open_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a dossier folder"))
        if folder:
            self.open_path(Path(folder))

    def open_example(self) -> None:
        from ..core.dossier_choice import choose_dossier

        self.open_path(choose_dossier(None, demo=True))

    def new_dossier(self, for_self: bool = True) -> None:
        from .new_dossier import NewDossierDialog

        dialog = NewDossierDialog(for_self=for_self, parent=self)
        made = dialog.exec() == QDialog.DialogCode.Accepted and dialog.dossier is not None
        if made and dialog.dossier is not None and self.show_dossier(dialog.dossier):
            dialog.show_recovery_key(self)  # a protected one: its sheet, at once
        dialog.deleteLater()

    def close_dossier(self) -> None:
        if self.session is None:
            return
        self._save_view_state()
        self._stop_reading()
        self.backups.closing(self.session.dossier.path)
        self.session.dossier.close()
        self.session.deleteLater()
        self.session = None
        self.view = None
        self._release_lock()
        self.show_welcome()
        self.menus.fill_go_menu()
        self.menus.update_actions()

    def edit_person(self) -> None:
        if self.session is None:
            return
        from .person_dialog import PersonDialog

        PersonDialog(self.session, self).exec()

    # Import by menu or by dropping files -------------------------------------------
    def import_files_dialog(self) -> None:
        if self.view is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(self, tr("Choose the files to add"))
        if names:
            self.view.import_files([Path(n) for n in names])

    def add_imaging_disc(self) -> None:
        if self.view is not None:
            self.view.add_imaging_disc()

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.view is not None and not self.protection.locked and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if self.view is None or self.protection.locked or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.view.import_files(paths)

    # Undo ------------------------------------------------------------------------
    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        if self.session is None:
            return
        try:
            self.session.undo() if undo else self.session.redo()
        except DossierError as exc:
            from .read_only_notice import show_refusal

            show_refusal(self, exc.message)

    def about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            APP_NAME,
            tr(
                "{program} {version}\n\nYour dossier stays on this computer. The program "
                "never connects to the internet.",
                program=APP_NAME,
                version=__version__,
            ),
        )

    # The window and its settings ----------------------------------------------------
    def _set_central(self, widget: QWidget) -> None:
        while self.central.count():
            old = self.central.widget(0)
            assert old is not None
            self.central.removeWidget(old)
            old.deleteLater()
        self.central.addWidget(widget)
        self.protection.dossier_changed()  # a lock screen went with it; idle watch anew

    def _save_view_state(self) -> None:
        if self.view is not None:
            save_view_state(self.view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.protection.stop()
        self.print_menu.window_closing()
        self._save_view_state()
        state = settings()
        state.setValue("window/geometry", self.saveGeometry())
        state.sync()
        self._stop_reading()
        self.backups.closing(self.session.dossier.path if self.session else None, quitting=True)
        if self.session is not None:
            self.session.dossier.close()
            self.session = None
        self._release_lock()
        super().closeEvent(event)

    def _stop_reading(self) -> None:
        """Stop reading the scans of the dossier being left, before its lock is let go (the
        pages being read stay waiting for the next time it opens); its pages let go of
        their workers (the imaging page's image reader)."""
        self.menus.calendar_file.flush()  # the kept calendar file gets the last changes first
        if self.view is not None:
            self.view.leave()
        if self.scan_reading is not None:
            self.scan_reading.leave()
            self.scan_reading = None

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_initial(path: Path | None) -> Dossier | None:
    """The dossier to show at start: ``path``, else the last one used, else none (welcome).

    A damaged one raises DossierDamagedError, so the window can offer its backup; a
    protected one PassphraseNeeded, so the window can ask for its passphrase.
    """
    if path is not None:
        return open_dossier(path)
    for recent in paths.recent_dossiers():
        if is_dossier(recent):
            try:
                return open_dossier(recent)
            except (DossierDamagedError, PassphraseNeeded):
                raise
            except DossierError:
                continue
    return None

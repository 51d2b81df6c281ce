"""The main window: the welcome page, or one open dossier; menus, undo, settings."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..core import paths, records
from ..core.errors import DossierError
from ..core.lock import DossierLock, acquire
from ..core.records import Change
from ..core.storage import (
    Dossier,
    DossierDamagedError,
    DossierJournalLostError,
    is_dossier,
    set_aside_lost_journal,
)
from .after_paint import AfterFirstPaint
from .dossier_view import DossierView
from .printing.menu import PrintMenu
from .safety.archive_actions import add_archive_actions
from .safety.backup_actions import add_backup_actions
from .safety.check_actions import add_check_actions, open_check_dialog
from .session import Session
from .settings import settings

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
        self._build_menus()
        self.resize(1280, 800)
        self.setAcceptDrops(True)  # files and folders dropped here are imported
        state = settings()
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if dossier is None or not self.show_dossier(dossier):
            self.show_welcome()

    # Menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Dossier"))
        self._action(
            file_menu,
            self.tr("Start a &new dossier…"),
            self.new_dossier,
            QKeySequence.StandardKey.New,
        )
        self._action(
            file_menu, self.tr("&Open a dossier…"), self.open_dialog, QKeySequence.StandardKey.Open
        )
        self._action(file_menu, self.tr("Open the &example dossier"), self.open_example)
        self.recent_menu = file_menu.addMenu(self.tr("&Recent dossiers"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu, self.tr("&Import files…"), self.import_files_dialog, "Ctrl+I"
        )
        self.edit_person_action = self._action(
            file_menu, self.tr("&Person's details…"), self.edit_person
        )
        self.close_action = self._action(
            file_menu, self.tr("&Close this dossier"), self.close_dossier
        )
        file_menu.addSeparator()
        self.backups = add_backup_actions(self, file_menu)  # automatic backups, restore
        file_menu.addSeparator()
        add_archive_actions(self, file_menu)
        file_menu.addSeparator()
        add_check_actions(self, file_menu)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            edit_menu, self.tr("Undo"), self.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            edit_menu, self.tr("Redo"), self.redo, QKeySequence.StandardKey.Redo
        )
        self.print_menu = PrintMenu(self, bar)
        self.go_menu = bar.addMenu(self.tr("&Go"))
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About"), self.about)
        self._update_actions()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            self.after_paint.call(partial(action.setShortcut, shortcut), action)
        action.triggered.connect(slot)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in paths.recent_dossiers():
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _fill_go_menu(self) -> None:
        self.go_menu.clear()
        if self.view is None:
            return
        for entry in self.view.entries:
            action = self.go_menu.addAction(entry.title)
            self.after_paint.call(partial(action.setShortcut, entry.shortcut), action)
            action.triggered.connect(lambda _checked=False, key=entry.key: self._go(key))

    def _go(self, key: str) -> None:
        if self.view is not None:
            self.view.show_page(key)

    def _update_actions(self) -> None:
        has = self.session is not None
        history = self.session.history if self.session is not None else None
        self.undo_action.setEnabled(bool(history and history.can_undo))
        self.redo_action.setEnabled(bool(history and history.can_redo))
        self.undo_action.setText(history.undo_text() if history else self.tr("Undo"))
        self.redo_action.setText(history.redo_text() if history else self.tr("Redo"))
        writable = has and self.session is not None and self.session.dossier.read_only is None
        self.edit_person_action.setEnabled(writable)
        self.close_action.setEnabled(has)
        self.import_action.setEnabled(writable)
        self.print_menu.set_enabled(has)

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
        previous, previous_lock = self.session, self._lock
        self._lock = lock
        self.session = Session(dossier, self)
        self.session.history_changed.connect(self._update_actions)
        self.session.changed.connect(self._on_change)
        self.view = DossierView(self.session, after_paint=self.after_paint)
        self.view.page_changed.connect(lambda _key: self._save_view_state())
        self.view.page_built.connect(self._restore_splitters)
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
        self._update_title()
        self._restore_view_state()
        self._fill_go_menu()
        self._update_actions()
        return True

    def _on_change(self, change: Change) -> None:
        if change.entity == "person":
            self._update_title()

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        name = records.get(self.session.dossier, "person", 1)["name"]
        self.setWindowTitle(f"{name} · {APP_NAME}")

    def open_path(self, path: Path) -> bool:
        try:  # first the lock: a dossier another window shows is not even opened
            lock = acquire(path, "window")
            try:
                dossier = Dossier.open(path)
            except DossierError:
                lock.release()
                raise
        except DossierDamagedError as exc:
            return self.open_damaged(exc)
        except DossierError as exc:
            QMessageBox.warning(self, APP_NAME, exc.message)
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
            self.tr(
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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a dossier folder"))
        if folder:
            self.open_path(Path(folder))

    def open_example(self) -> None:
        from ..app import choose_dossier

        self.open_path(choose_dossier(None, demo=True))

    def new_dossier(self, for_self: bool = True) -> None:
        from .new_dossier import NewDossierDialog

        dialog = NewDossierDialog(for_self=for_self, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.dossier is not None:
            self.show_dossier(dialog.dossier)

    def close_dossier(self) -> None:
        if self.session is None:
            return
        self._save_view_state()
        self.backups.closing(self.session.dossier.path)
        self.session.dossier.close()
        self.session.deleteLater()
        self.session = None
        self.view = None
        self._release_lock()
        self.show_welcome()
        self._fill_go_menu()
        self._update_actions()

    def edit_person(self) -> None:
        if self.session is None:
            return
        from .person_dialog import PersonDialog

        PersonDialog(self.session, self).exec()

    # Import by menu or by dropping files -------------------------------------------
    def import_files_dialog(self) -> None:
        if self.view is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Choose the files to add"))
        if names:
            self.view.import_files([Path(n) for n in names])

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.view is not None and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if self.view is None or not paths:
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
            self.tr(
                "%1 %2\n\nYour dossier stays on this computer. The program never connects "
                "to the internet."
            )
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )

    # Settings --------------------------------------------------------------------
    def _set_central(self, widget: QWidget) -> None:
        while self.central.count():
            old = self.central.widget(0)
            assert old is not None
            self.central.removeWidget(old)
            old.deleteLater()
        self.central.addWidget(widget)

    def _save_view_state(self) -> None:
        if self.view is None:
            return
        state = settings()
        state.setValue("view/page", self.view.current_page_key())
        for splitter in self.view.findChildren(QSplitter):
            if splitter.objectName():
                state.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())

    def _restore_splitters(self, _key: str, page: QWidget) -> None:
        """Put back the splitter positions saved for a page when it is first made."""
        state = settings()
        for splitter in page.findChildren(QSplitter):
            saved = state.value(f"splitters/{splitter.objectName()}")
            if splitter.objectName() and isinstance(saved, QByteArray):
                splitter.restoreState(saved)

    def _restore_view_state(self) -> None:
        if self.view is None:
            return
        state = settings()
        for key, page in self.view.built_pages().items():
            self._restore_splitters(key, page)
        page = state.value("view/page")
        if isinstance(page, str) and page in self.view.pages:
            self.view.select_page(page)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_view_state()
        state = settings()
        state.setValue("window/geometry", self.saveGeometry())
        state.sync()
        self.backups.closing(self.session.dossier.path if self.session else None, quitting=True)
        if self.session is not None:
            self.session.dossier.close()
            self.session = None
        self._release_lock()
        super().closeEvent(event)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_initial(path: Path | None) -> Dossier | None:
    """The dossier to show at start: ``path``, else the last one used, else none (welcome).

    A damaged one raises DossierDamagedError, so the window can offer its backup.
    """
    if path is not None:
        return Dossier.open(path)
    for recent in paths.recent_dossiers():
        if is_dossier(recent):
            try:
                return Dossier.open(recent)
            except DossierDamagedError:
                raise
            except DossierError:
                continue
    return None

"""Protecting the dossier shown, or removing its protection, in the background.

The window closes the dossier's session but keeps holding its lock (no other program
opens it meanwhile), waits for today's backup and for its readers to let go, so that no
connection to the dossier stays open; then ``protect_dossier`` or ``unprotect_dossier``
runs on a worker with a progress window and Stop. Afterwards the dossier opens again:
protected (its key is in the program's keys) with its new recovery key shown, or in plain.
On Stop or a failure it opens as it was, and the window says so. A crash meanwhile is
the core's to mend: the next opening finishes or forgets the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from ... import APP_NAME
from ...core.crypto.convert import ConversionCancelled, protect_dossier, unprotect_dossier
from ...core.crypto.unlock import Protection
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.lock import DossierLock
from ...core.opening import open_dossier
from ...core.storage import Dossier
from .. import tasks
from .conversion_progress import ConversionProgress

if TYPE_CHECKING:
    from ..main_window import MainWindow

# Work that writes to the dossier for long: the conversion waits until it has ended.
WRITERS = {"import", "add disc", "read disc", "copy disc", "archive", "clean-up"}
READERS_WAIT_MS = 30_000


class Conversion(QObject):
    """One change of the window's dossier: protecting it with ``protection``, or, with
    None, removing its protection (it is unlocked: its key is in the program's keys)."""

    def __init__(self, window: MainWindow, protection: Protection | None) -> None:
        super().__init__(window)
        self.window = window
        self.protection = protection
        self.path: Path | None = None
        self.lock: DossierLock | None = None
        self.progress: ConversionProgress | None = None
        self.task: tasks.Task | None = None

    def start(self) -> bool:
        """Close the dossier and begin; False (with the reason said) when it cannot be now."""
        window = self.window
        if window.session is None:
            return False
        if any(task.name in WRITERS for task in tasks.running()):
            QMessageBox.information(
                window,
                APP_NAME,
                tr(
                    "Files are still being added to the dossier or copied from it. Try "
                    "again once that is done."
                ),
            )
            return False
        self.path = window.session.dossier.path
        self._put_away()
        if self.protection is not None:
            heading = tr("Protecting the dossier with the passphrase…")
        else:
            heading = tr("Removing the protection…")
        self.progress = ConversionProgress(heading, window)
        path, protection = self.path, self.protection

        def work(task: tasks.Task) -> None:
            if protection is not None:
                protect_dossier(path, protection, progress=task.progress, cancelled=task.cancelled)
            else:
                unprotect_dossier(path, progress=task.progress, cancelled=task.cancelled)

        self.task = tasks.start(
            work,
            done=self._done,
            failed=self._failed,
            progress=self.progress.show_progress,
            owner=self,
            name="convert",
            at_quit="cancel",
        )
        self.progress.stop_asked.connect(self.task.cancel)
        self.progress.open()
        return True

    def _put_away(self) -> None:
        """Close the session as the window does when it leaves a dossier, but keep its lock."""
        window = self.window
        session = window.session
        assert session is not None and self.path is not None
        window._save_view_state()
        window._stop_reading()  # scan reading waits for its worker to end
        window.backups.closing(self.path)  # today's backup, if not made yet: wait for it
        window.backups.queue.wait(
            tr("Making today's backup of the dossier first…"), tr("Skip the backup")
        )
        session.dossier.close()
        session.deleteLater()
        window.session = None
        window.view = None
        self.lock, window._lock = window._lock, None
        for task in tasks.running():  # the pages' readers (search, pictures) let go
            task.wait(READERS_WAIT_MS)
        waiting = QLabel(tr("The dossier opens again when this is done."))
        waiting.setObjectName("conversionWaiting")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        window._set_central(waiting)
        window.update_title()
        window.menus.fill_go_menu()
        window.menus.update_actions()

    def _done(self, _none: object) -> None:
        self._close_progress()
        dossier = self._reopen()
        if dossier is None:
            return
        if self.protection is not None:
            from .recovery_key_dialog import show_recovery_key

            self.window.statusBar().showMessage(
                tr("The dossier is protected: from now on it opens with the passphrase."),
                15000,
            )
            show_recovery_key(self.window, dossier, self.protection.recovery)
        else:
            self.window.statusBar().showMessage(
                tr("The protection was removed: the dossier opens without a passphrase."),
                15000,
            )
        self.deleteLater()

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if self._reopen() is None:
            return
        if isinstance(error, ConversionCancelled):
            text = error.message
        elif isinstance(error, DossierError):
            text = tr("{reason} The dossier is as it was.", reason=error.message)
        elif isinstance(error, OSError):
            text = tr(
                "The dossier could not be changed ({reason}). It is as it was.",
                reason=error.strerror or str(error),
            )
        else:
            text = tr(
                "Something unexpected went wrong ({error}). The dossier is as it was.",
                error=type(error).__name__,
            )
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, parent=self.window)
        box.setObjectName("conversionEnded")
        box.exec()
        box.deleteLater()
        self.deleteLater()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress.deleteLater()
            self.progress = None
        self.task = None

    def _reopen(self) -> Dossier | None:
        """Open the dossier again with the lock kept; None (the welcome page shown, and
        why) when it does not open."""
        window, lock, path = self.window, self.lock, self.path
        assert lock is not None and path is not None
        self.lock = None
        try:
            dossier = open_dossier(path)
        except DossierError as error:
            lock.release()
            window.show_welcome()
            QMessageBox.warning(window, APP_NAME, error.message)
            self.deleteLater()
            return None
        window.show_dossier(dossier, lock)
        return dossier

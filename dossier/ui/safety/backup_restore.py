"""Restoring a backup in the window: Dossier → Restore from a backup… (and deleting a backup
from that dialog), and the offer of a damaged dossier's newest good backup.

A restore runs in the queue of backups (:mod:`.backup_queue`), after those asked before
it, while a progress window shows; the dossier shown is closed first and the restored one
opened after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from ... import APP_NAME
from ...core.i18n import tr
from .backup_messages import (
    confirm_text,
    made_text,
    missing_box,
    no_backup_text,
    offer_text,
    restored_text,
)
from .backup_queue import BackupQueue, QueuedJob

# dossier.core.backup and the dialogs are imported when first needed: they cost start-up time.
if TYPE_CHECKING:
    from ...core.backup import BackupInfo, RestoreResult
    from ...core.crypto.keys import MasterKey
    from ..main_window import MainWindow


class RestoreFlow:
    """The restores (and deletions of backups) of ``window``, run in ``queue``.

    ``shown`` gives the dossier the window shows; ``show_last`` says in the status bar which
    backup of a dossier is now its newest.
    """

    def __init__(
        self,
        window: MainWindow,
        queue: BackupQueue,
        shown: Callable[[], Path | None],
        show_last: Callable[[Path, BackupInfo | None], None],
    ) -> None:
        self.window = window
        self.queue = queue
        self.shown = shown
        self.show_last = show_last

    def choose(self) -> None:
        """Dossier → Restore from a backup…: the open dossier's backups, else every one known."""
        from ...core.backup import known_backups, list_backups
        from .backup_dialogs import RestoreDialog

        path = self.shown()
        backups = list_backups(path) if path is not None else known_backups()
        dialog = RestoreDialog(backups, self.window, deleter=self.delete)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        info = dialog.chosen
        key = None
        if path is None and info.locked:  # where it goes back is sealed: its key first
            from ...core.backup import describe_backup
            from .backup_unlock import ask_backup_key

            key = ask_backup_key(self.window, info, None)
            if key is None:
                return
            info = describe_backup(info.path, key)
        target = path if path is not None else Path(info.dossier_path)
        self.restore(info, target, key=key)

    def delete(self, info: BackupInfo, even_newest: bool) -> bool:
        """Delete the backup ``info`` (asked for in the restore dialog), one task at a time
        with the backups; True when it is deleted."""
        from ...core.backup import DeleteResult, delete_backup, newest_good_backup

        outcome: list[object] = []
        errors: list[str] = []

        def job(_progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> object:
            return delete_backup(info.path, even_newest=even_newest)

        where = self.shown() or info.path
        self.queue.add(QueuedJob(where, job, outcome.append, errors.append, shows_progress=False))
        self.queue.wait(tr("Deleting the backup…"), tr("Stop"))
        if errors:
            QMessageBox.warning(self.window, APP_NAME, errors[0])
            return False
        if not outcome or not isinstance(outcome[0], DeleteResult):
            return False
        self.window.statusBar().showMessage(
            tr("The backup made on {date} was deleted.", date=made_text(info)), 15000
        )
        shown = self.shown()
        if shown is not None:
            self.show_last(shown, newest_good_backup(shown))
        return True

    def restore(
        self, info: BackupInfo, target: Path, *, confirm: bool = True, key: MasterKey | None = None
    ) -> bool:
        """Ask, then restore ``info`` into ``target`` and open it; True when it is open.
        A protected dossier's backup needs its ``key``: that of the dossier unlocked here,
        else its passphrase is asked (:mod:`.backup_unlock`)."""
        from .backup_dialogs import ask
        from .backup_unlock import ask_backup_key

        if confirm and not ask(
            self.window,
            tr("Restore the backup made on {date}?", date=made_text(info)),
            tr("Restore the backup"),
            details=confirm_text(info, target),
        ):
            return False
        if info.protected and key is None:
            key = ask_backup_key(self.window, info, target)
            if key is None:
                return False
        was_open = self.shown() == target
        if was_open:
            self.window.close_dossier()
        result = self._restore_now(info, target, key)
        if result is None:
            if was_open:
                self.window.open_path(target)  # unchanged: show it again
            return False
        opened = self.window.open_path(target)
        if opened:
            self.window.statusBar().showMessage(restored_text(info, result.kept_aside), 30000)
            if result.missing or result.pictures_missing:
                box = missing_box(self.window, info, result)
                box.exec()
                box.deleteLater()
        return opened

    def offer(self, path: Path, message: str) -> bool:
        """The dossier in ``path`` is damaged: offer its newest good backup; True when the
        restored dossier is open."""
        from ...core.backup import newest_good_backup
        from .backup_dialogs import ask

        newest = newest_good_backup(path)
        if newest is None:
            QMessageBox.warning(self.window, APP_NAME, no_backup_text(message))
            return False
        if not ask(self.window, offer_text(message, newest, path), tr("Restore the backup")):
            return False
        return self.restore(newest, path, confirm=False)

    def _restore_now(
        self, info: BackupInfo, target: Path, key: MasterKey | None
    ) -> RestoreResult | None:
        from ...core.backup import RestoreResult, restore_backup
        from .unfinished_cleanup import clean_up_in_background

        clean_up_in_background(self.window, "restore")  # what a killed restore left

        outcome: list[object] = []
        errors: list[str] = []

        def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
            return restore_backup(info.path, target, key=key, progress=progress, cancel=cancel)

        self.queue.add(QueuedJob(target, job, outcome.append, errors.append, shows_progress=False))
        self.queue.wait(tr("Restoring the backup…"), tr("Stop"), at_once=True)
        if errors:
            QMessageBox.warning(self.window, APP_NAME, errors[0])
            return None
        result = outcome[0] if outcome else None
        return result if isinstance(result, RestoreResult) else None

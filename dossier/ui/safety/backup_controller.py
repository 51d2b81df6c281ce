"""Backups in the window: automatic ones when a dossier is opened and closed, the status
bar saying when the last one was made, and restoring (also of a damaged dossier).

Every backup and restore runs as a task (:mod:`.backup_worker`), one at a time, in the
order asked (:mod:`.backup_queue`). Opening, switching and closing a dossier never wait for
a backup; quitting does (a small progress window appears when it takes more than a moment,
with a button to skip it). Since the automatic backup is made at most once a day, quitting
after a backup was made today costs nothing. Restoring is in :mod:`.backup_restore`, the
words in :mod:`.backup_messages`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from ... import APP_NAME
from ...core.i18n import tr
from .backup_messages import failed_text, status_text
from .backup_queue import BackupQueue, QueuedJob, auto_job
from .backup_restore import RestoreFlow

# dossier.core.backup and the dialogs are imported when first needed, after the window has
# painted: they cost start-up time, and the first backup waits a moment anyway.
if TYPE_CHECKING:
    from ...core.backup import BackupInfo
    from ..main_window import MainWindow


class BackupController(QObject):
    START_DELAY_MS = 2000  # the automatic backup at opening waits until the window settles
    idle = Signal()  # the last backup or restore asked for has ended

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("backupStatus")
        self.label.setAccessibleName(tr("Backups"))
        # The status bar is made just after the window first paints: it costs start-up time
        # and says nothing until the first backup of the session.
        QTimer.singleShot(0, self, lambda: window.statusBar().addPermanentWidget(self.label))
        self.shown: Path | None = None  # the dossier the window shows
        self.last: BackupInfo | None = None
        self.failure_box: QMessageBox | None = None
        self.queue = BackupQueue(window, self._progress)
        self.queue.idle.connect(self.idle)
        self.restoring = RestoreFlow(window, self.queue, lambda: self.shown, self._show_last)
        self._told: dict[Path, str] = {}  # the last failure shown, per dossier
        self.actions: list[QAction] = []  # those that need an open dossier

    # What the window tells us -------------------------------------------------------------
    def opened(self, path: Path) -> None:
        """A dossier is shown: say when it was last backed up; back it up if due today."""
        self.shown = path
        self.last = None
        self.label.setText("")
        self.label.setToolTip("")
        self._enable(True)
        self.queue.later(path, self.START_DELAY_MS, self._start_auto)

    def _start_auto(self, path: Path) -> None:
        if path == self.shown:
            self.queue.add(
                QueuedJob(path, auto_job(path), self._auto_done(path), self._failed(path))
            )

    def closing(self, path: Path | None, *, quitting: bool = False) -> None:
        """The dossier in ``path`` is about to close: back it up if due today.

        When the program quits this waits (with a progress window after a moment, and a
        button to skip); otherwise the backup runs on in the background.
        """
        self.queue.put_off(path)  # closing makes that backup
        if path is not None and path == self.shown:
            self.shown = None
            self._enable(False)
            self.label.setText("")
        if path is not None:
            self.queue.add(
                QueuedJob(path, auto_job(path), lambda _r: None, self._failed(path, quitting))
            )
        if quitting:
            self.queue.wait(
                tr("Making today's backup of the dossier before closing…"), tr("Skip the backup")
            )

    def busy(self) -> bool:
        """True while a backup or restore runs, waits its turn, or waits to start."""
        return self.queue.busy()

    # Menu entries --------------------------------------------------------------------------
    def back_up_now(self) -> None:
        path = self.shown
        if path is None:
            return

        from ...core.backup import BackupResult, make_backup

        def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
            return make_backup(path, progress=progress, cancel=cancel)

        def done(result: object) -> None:
            if isinstance(result, BackupResult):
                self._show_last(path, result.backup)
                self.window.statusBar().showMessage(
                    tr("Backup made in {folder}", folder=str(result.backup.path.parent.parent)),
                    10000,
                )

        self.queue.add(QueuedJob(path, job, done, self._failed(path)))

    def choose_folder(self) -> None:
        path = self.shown
        if path is None:
            return
        from ...core.backup import BackupError, default_root, read_identity, set_backup_folder
        from .backup_dialogs import BackupFolderDialog

        identity = read_identity(path)
        current = identity.root if identity is not None else default_root()
        dialog = BackupFolderDialog(path, current, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            chosen = set_backup_folder(path, None if dialog.standard else dialog.choice)
        except BackupError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return
        self.window.statusBar().showMessage(
            tr(
                "Backups of this dossier now go to {folder}. Earlier backups stay where they "
                "are and can still be restored.",
                folder=str(chosen.root),
            ),
            15000,
        )
        self.back_up_now()  # the first one there, now

    def restore_dialog(self) -> None:
        """Dossier → Restore from a backup…: the open dossier's backups, else every one known."""
        self.restoring.choose()

    def delete_backup(self, info: BackupInfo, even_newest: bool) -> bool:
        """Delete the backup ``info`` (asked for in the restore dialog); True when it is deleted."""
        return self.restoring.delete(info, even_newest)

    def restore(self, info: BackupInfo, target: Path, *, confirm: bool = True) -> bool:
        """Ask, then restore ``info`` into ``target`` and open it; True when it is open."""
        return self.restoring.restore(info, target, confirm=confirm)

    def offer_restore(self, path: Path, message: str) -> bool:
        """The dossier in ``path`` is damaged: offer its newest good backup; True when the
        restored dossier is open."""
        return self.restoring.offer(path, message)

    # Outcomes --------------------------------------------------------------------------------
    def _progress(self, task: QueuedJob, done: int, total: int) -> None:
        if task.shows_progress and task.path == self.shown:
            percent = int(100 * done / total) if total else 0
            self.label.setText(tr("Making a backup… {percent} %", percent=percent))

    def _auto_done(self, path: Path) -> Callable[[object], None]:
        def done(result: object) -> None:
            from ...core.backup import BackupInfo

            self._show_last(path, result if isinstance(result, BackupInfo) else None)

        return done

    def _show_last(self, path: Path, info: BackupInfo | None) -> None:
        self._told.pop(path, None)
        if path != self.shown:
            return
        self.last = info
        self.label.setText(status_text(info))
        self.label.setToolTip(str(info.path) if info is not None else "")

    def _failed(self, path: Path, quitting: bool = False) -> Callable[[str], None]:
        def failed(message: str) -> None:
            text = failed_text(path, message)
            if quitting:
                if self._told.get(path) != message:  # not the same news again at quit
                    QMessageBox.warning(self.window, APP_NAME, text)
                return
            self._told[path] = message
            if path == self.shown:
                self.label.setText(tr("The last backup did not work"))
                self.label.setToolTip(message)
            self._show_failure(text)

        return failed

    def _show_failure(self, text: str) -> None:
        """A message that does not block: the window stays usable while it is shown."""
        if self.failure_box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=self.window)
            box.setObjectName("backupFailed")
            box.setModal(False)
            self.failure_box = box
        self.failure_box.setText(text)
        self.failure_box.show()

    def _enable(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

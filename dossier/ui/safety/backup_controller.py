"""Backups in the window: automatic ones when a dossier is opened and closed, the status
bar saying when the last one was made, and restoring (also of a damaged dossier).

Every backup and restore runs as a task (:mod:`.backup_worker`), one at a time, in the
order asked. Opening, switching and closing a dossier never wait for a backup; quitting does
(a small progress window appears when it takes more than a moment, with a button to
skip it). Since the automatic backup is made at most once a day, quitting after a
backup was made today costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressDialog

from ... import APP_NAME
from ...core import clock
from ..formatting import date_text, datetime_text

# dossier.core.backup, the tasks and the dialogs are imported when first needed, after the
# window has painted: they cost start-up time, and the first backup waits a moment anyway.
if TYPE_CHECKING:
    from ...core.backup import BackupInfo, RestoreResult
    from ..main_window import MainWindow
    from ..tasks import Task
    from .backup_worker import Job

_SHOW_AFTER_MS = 400  # a progress window only for what takes longer than this


def _tr(text: str) -> str:
    return QCoreApplication.translate("Backups", text)


@dataclass
class _Task:
    path: Path  # the dossier it is about
    job: Job
    done: Callable[[object], None]
    failed: Callable[[str], None]
    shows_progress: bool = True  # in the status bar, while that dossier is shown


def status_text(info: BackupInfo | None) -> str:
    """'Last backup: today at 10:42', '… yesterday at 18:03', '… 3 Mar 2025', 'No backup yet'."""
    if info is None:
        return _tr("No backup yet")
    day = info.made_on
    time = info.made_at[11:16]
    today = clock.today()
    if day >= today:
        return _tr("Last backup: today at %1").replace("%1", time)
    if day == today - timedelta(days=1):
        return _tr("Last backup: yesterday at %1").replace("%1", time)
    return _tr("Last backup: %1").replace("%1", date_text(info.made_at))


class BackupController(QObject):
    START_DELAY_MS = 2000  # the automatic backup at opening waits until the window settles
    idle = Signal()  # the last backup or restore asked for has ended

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("backupStatus")
        self.label.setAccessibleName(_tr("Backups"))
        # The status bar is made just after the window first paints: it costs start-up time
        # and says nothing until the first backup of the session.
        QTimer.singleShot(0, self, lambda: window.statusBar().addPermanentWidget(self.label))
        self.shown: Path | None = None  # the dossier the window shows
        self.last: BackupInfo | None = None
        self.failure_box: QMessageBox | None = None
        self._queue: list[_Task] = []
        self._running: Task | None = None
        self._waiting: Callable[[int, int], None] | None = None  # the progress window's bar
        self._told: dict[Path, str] = {}  # the last failure shown, per dossier
        self.actions: list[QAction] = []  # those that need an open dossier
        self._pending = QTimer(self)  # the automatic backup of the dossier just opened
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._start_pending)
        self._pending_path: Path | None = None

    # What the window tells us -------------------------------------------------------------
    def opened(self, path: Path) -> None:
        """A dossier is shown: say when it was last backed up; back it up if due today."""
        self.shown = path
        self.last = None
        self.label.setText("")
        self.label.setToolTip("")
        self._enable(True)
        self._pending_path = path
        self._pending.start(self.START_DELAY_MS)

    def _start_pending(self) -> None:
        path, self._pending_path = self._pending_path, None
        if path is not None and path == self.shown:
            self._enqueue(_Task(path, _auto_job(path), self._auto_done(path), self._failed(path)))

    def closing(self, path: Path | None, *, quitting: bool = False) -> None:
        """The dossier in ``path`` is about to close: back it up if due today.

        When the program quits this waits (with a progress window after a moment, and a
        button to skip); otherwise the backup runs on in the background.
        """
        if path is not None and path == self._pending_path:  # closing makes that backup
            self._pending.stop()
            self._pending_path = None
        if path is not None and path == self.shown:
            self.shown = None
            self._enable(False)
            self.label.setText("")
        if path is not None:
            self._enqueue(
                _Task(path, _auto_job(path), lambda _r: None, self._failed(path, quitting))
            )
        if quitting:
            self._wait(
                _tr("Making today's backup of the dossier before closing…"), _tr("Skip the backup")
            )

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
                    _tr("Backup made in %1").replace("%1", str(result.backup.path.parent.parent)),
                    10000,
                )

        self._enqueue(_Task(path, job, done, self._failed(path)))

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
            _tr(
                "Backups of this dossier now go to %1. Earlier backups stay where they are "
                "and can still be restored."
            ).replace("%1", str(chosen.root)),
            15000,
        )
        self.back_up_now()  # the first one there, now

    def restore_dialog(self) -> None:
        """Dossier → Restore from a backup…: the open dossier's backups, else every one known."""
        from ...core.backup import known_backups, list_backups
        from .backup_dialogs import RestoreDialog

        path = self.shown
        backups = list_backups(path) if path is not None else known_backups()
        dialog = RestoreDialog(backups, self.window, deleter=self.delete_backup)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        info = dialog.chosen
        target = path if path is not None else Path(info.dossier_path)
        self.restore(info, target)

    def delete_backup(self, info: BackupInfo, even_newest: bool) -> bool:
        """Delete the backup ``info`` (asked for in the restore dialog), one task at a time
        with the backups; True when it is deleted."""
        from ...core.backup import DeleteResult, delete_backup, newest_good_backup

        outcome: list[object] = []
        errors: list[str] = []

        def job(_progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> object:
            return delete_backup(info.path, even_newest=even_newest)

        where = self.shown or info.path
        self._enqueue(_Task(where, job, outcome.append, errors.append, shows_progress=False))
        self._wait(_tr("Deleting the backup…"), _tr("Stop"))
        if errors:
            QMessageBox.warning(self.window, APP_NAME, errors[0])
            return False
        if not outcome or not isinstance(outcome[0], DeleteResult):
            return False
        self.window.statusBar().showMessage(
            _tr("The backup made on %1 was deleted.").replace("%1", _made(info)), 15000
        )
        if self.shown is not None:
            self._show_last(self.shown, newest_good_backup(self.shown))
        return True

    # Restoring -------------------------------------------------------------------------------
    def restore(self, info: BackupInfo, target: Path, *, confirm: bool = True) -> bool:
        """Ask, then restore ``info`` into ``target`` and open it; True when it is open."""
        from .backup_dialogs import ask

        if confirm and not ask(
            self.window,
            _tr("Restore the backup made on %1?").replace("%1", _made(info)),
            _tr("Restore the backup"),
            details=_confirm_text(info, target),
        ):
            return False
        was_open = self.shown == target
        if was_open:
            self.window.close_dossier()
        result = self._restore_now(info, target)
        if result is None:
            if was_open:
                self.window.open_path(target)  # unchanged: show it again
            return False
        opened = self.window.open_path(target)
        if opened:
            aside = result.kept_aside
            self.window.statusBar().showMessage(
                _tr("The backup made on %1 was restored.").replace("%1", _made(info))
                + (
                    " " + _tr("The dossier as it was is kept in %1.").replace("%1", str(aside))
                    if aside is not None
                    else ""
                ),
                30000,
            )
            if result.missing or result.pictures_missing:
                box = missing_box(self.window, info, result)
                box.exec()
                box.deleteLater()
        return opened

    def offer_restore(self, path: Path, message: str) -> bool:
        """The dossier in ``path`` is damaged: offer its newest good backup; True when the
        restored dossier is open."""
        from ...core.backup import newest_good_backup
        from .backup_dialogs import ask

        newest = newest_good_backup(path)
        if newest is None:
            QMessageBox.warning(
                self.window,
                APP_NAME,
                message + "\n\n" + _tr("No backup of this dossier was found on this computer."),
            )
            return False
        text = (
            message
            + "\n\n"
            + _tr("The newest backup of this dossier was made on %1. It holds %2.")
            .replace("%1", _made(newest))
            .replace("%2", newest.contents())
            + "\n\n"
            + _tr(
                "Restore it now? The damaged dossier is kept beside it, renamed "
                "“%1.before-restore-…”, so nothing is lost."
            ).replace("%1", path.name)
        )
        if not ask(self.window, text, _tr("Restore the backup")):
            return False
        return self.restore(newest, path, confirm=False)

    def _restore_now(self, info: BackupInfo, target: Path) -> RestoreResult | None:
        from ...core.backup import RestoreResult, restore_backup
        from .unfinished_cleanup import clean_up_in_background

        clean_up_in_background(self.window, "restore")  # what a killed restore left

        outcome: list[object] = []
        errors: list[str] = []

        def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
            return restore_backup(info.path, target, progress=progress, cancel=cancel)

        self._enqueue(_Task(target, job, outcome.append, errors.append, shows_progress=False))
        self._wait(_tr("Restoring the backup…"), _tr("Stop"), at_once=True)
        if errors:
            QMessageBox.warning(self.window, APP_NAME, errors[0])
            return None
        result = outcome[0] if outcome else None
        return result if isinstance(result, RestoreResult) else None

    # The queue -----------------------------------------------------------------------------
    def _enqueue(self, task: _Task) -> None:
        self._queue.append(task)
        self._next()

    def busy(self) -> bool:
        """True while a backup or restore runs, waits its turn, or waits to start."""
        return self._working() or self._pending.isActive()

    def _working(self) -> bool:
        return self._running is not None or bool(self._queue)

    def _next(self) -> None:
        if self._running is not None or not self._queue:
            return
        from .backup_worker import start_job

        task = self._queue.pop(0)
        self._running = start_job(
            task.job,
            done=task.done,
            failed=task.failed,
            progress=lambda done, total: self._progress(task, done, total),
        )
        self._running.ended.connect(self._finished)

    def _finished(self) -> None:
        self._running = None
        self._next()
        if not self._working():
            self.idle.emit()

    def _progress(self, task: _Task, done: int, total: int) -> None:
        if self._waiting is not None:
            self._waiting(done, total)
        if task.shows_progress and task.path == self.shown:
            percent = int(100 * done / total) if total else 0
            self.label.setText(_tr("Making a backup… %1 %").replace("%1", str(percent)))

    def _wait(self, text: str, cancel_text: str, *, at_once: bool = False) -> None:
        """Run the event loop until every queued backup and restore has ended, with a
        progress window (at once, or when it takes more than a moment)."""
        if not self._working():
            return
        dialog = QProgressDialog(text, cancel_text, 0, 0, self.window)
        dialog.setObjectName("backupProgress")
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # nothing else meanwhile
        dialog.setWindowTitle(APP_NAME)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.hide()
        loop = QEventLoop()

        def progress(done: int, total: int) -> None:
            dialog.setRange(0, 1000)
            dialog.setValue(int(1000 * done / total) if total else 0)

        def cancelled() -> None:
            self._queue.clear()
            if self._running is not None:
                self._running.cancel()

        dialog.canceled.connect(cancelled)
        later = QTimer()  # the progress window, when it takes more than a moment
        later.setSingleShot(True)
        later.timeout.connect(dialog.show)
        if at_once:
            dialog.show()
        else:
            later.start(_SHOW_AFTER_MS)
        self._waiting = progress
        self.idle.connect(loop.quit)
        loop.exec()
        self.idle.disconnect(loop.quit)
        self._waiting = None
        later.stop()
        dialog.close()
        dialog.deleteLater()

    # Outcomes --------------------------------------------------------------------------------
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
            text = (
                _tr("No backup could be made of the dossier in %1.").replace("%1", str(path))
                + "\n\n"
                + message
                + "\n\n"
                + _tr("The dossier itself is fine, and earlier backups are kept.")
            )
            if quitting:
                if self._told.get(path) != message:  # not the same news again at quit
                    QMessageBox.warning(self.window, APP_NAME, text)
                return
            self._told[path] = message
            if path == self.shown:
                self.label.setText(_tr("The last backup did not work"))
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


def _auto_job(path: Path) -> Job:
    def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
        from ...core.backup import auto_backup, newest_good_backup

        made = auto_backup(path, progress=progress, cancel=cancel)
        return made.backup if made is not None else newest_good_backup(path)

    return job


def _confirm_text(info: BackupInfo, target: Path) -> str:
    """Under the question: what the backup holds, and that the dossier now is kept."""
    return (
        _tr("It holds %1.").replace("%1", info.contents())
        + "\n\n"
        + _tr(
            "It takes the place of the dossier in %1. The dossier as it is now is kept beside "
            "it, renamed “%2.before-restore-…”, so nothing is lost."
        )
        .replace("%1", str(target))
        .replace("%2", target.name)
    )


def missing_box(parent: MainWindow, info: BackupInfo, result: RestoreResult) -> QMessageBox:
    """What the restored dossier lacks: each document without its file, by name (the first
    few in the message, every one under Show Details…)."""
    from ..widgets.listed_message import set_listed, widen

    count = len(result.missing)
    made = _made(info)
    if count == 1:
        headline = _tr(
            "The backup made on %1 was restored, but one document came back without its file."
        ).replace("%1", made)
    elif count:
        headline = (
            _tr(
                "The backup made on %1 was restored, but %2 documents came back without their file."
            )
            .replace("%1", made)
            .replace("%2", str(count))
        )
    else:
        headline = _tr("The backup made on %1 was restored.").replace("%1", made)
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, headline, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("restoredWithoutFiles")
    pictures = (
        _tr(
            "Small pictures missing: %1. Dossier → Check the dossier… → Repair makes them again."
        ).replace("%1", str(result.pictures_missing))
        if result.pictures_missing
        else ""
    )
    if not count:
        box.setInformativeText(pictures)
        widen(box)
        return box
    advice = _tr(
        "Dossier → Check the dossier… lists them too. An older backup may still hold their "
        "files; or add the files again."
    )
    set_listed(
        box,
        [m.label() for m in result.missing],
        before=_tr(
            "Their files were neither in the backup nor in the dossier. The documents "
            "themselves, with all their details, are back:"
        ),
        after="\n\n".join(part for part in (advice, pictures) if part),
    )
    return box


def _made(info: BackupInfo) -> str:
    """'3 Mar 2025, 10:42' in the user's locale."""
    return datetime_text(info.made_at) or info.name

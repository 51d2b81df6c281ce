"""The backups, restores and deletions of backups asked for in the window, run one at a time
in the order asked (each as a task, :mod:`.backup_worker`); the automatic backup of a
dossier just opened, started a moment later; and waiting for them all, with a progress
window, when the window must (at quit, during a restore).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ... import APP_NAME

# dossier.core.backup and the tasks are imported when first needed, after the window has
# painted: they cost start-up time, and the first backup waits a moment anyway.
if TYPE_CHECKING:
    from ..tasks import Task
    from .backup_worker import Job

_SHOW_AFTER_MS = 400  # a progress window only for what takes longer than this


@dataclass
class QueuedJob:
    path: Path  # the dossier it is about
    job: Job
    done: Callable[[object], None]
    failed: Callable[[str], None]
    shows_progress: bool = True  # in the status bar, while that dossier is shown


Progress = Callable[[QueuedJob, int, int], None]


class BackupQueue(QObject):
    """Runs what is added one at a time; ``idle`` when the last of them has ended."""

    idle = Signal()  # the last backup or restore asked for has ended

    def __init__(self, window: QWidget, progress: Progress) -> None:
        super().__init__(window)
        self.window = window  # the parent of the progress window
        self._progress_shown = progress  # each job's progress, for the status bar
        self._queue: list[QueuedJob] = []
        self._running: Task | None = None
        self._waiting: Callable[[int, int], None] | None = None  # the progress window's bar
        self._pending = QTimer(self)  # the automatic backup of the dossier just opened
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._start_pending)
        self._pending_path: Path | None = None
        self._pending_start: Callable[[Path], None] | None = None

    # Starting later ------------------------------------------------------------------------
    def later(self, path: Path, delay_ms: int, start: Callable[[Path], None]) -> None:
        """Call ``start(path)`` in ``delay_ms``, instead of what was to start later before,
        unless :meth:`put_off` for ``path`` comes first."""
        self._pending_path = path
        self._pending_start = start
        self._pending.start(delay_ms)

    def put_off(self, path: Path | None) -> None:
        """What was to start later for ``path`` will not (closing makes that backup)."""
        if path is not None and path == self._pending_path:
            self._pending.stop()
            self._pending_path = None

    def _start_pending(self) -> None:
        path, self._pending_path = self._pending_path, None
        if path is not None and self._pending_start is not None:
            self._pending_start(path)

    # The queue -----------------------------------------------------------------------------
    def add(self, task: QueuedJob) -> None:
        self._queue.append(task)
        self._next()

    def busy(self) -> bool:
        """True while a backup or restore runs, waits its turn, or waits to start."""
        return self.working() or self._pending.isActive()

    def working(self) -> bool:
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
        if not self.working():
            self.idle.emit()

    def _progress(self, task: QueuedJob, done: int, total: int) -> None:
        if self._waiting is not None:
            self._waiting(done, total)
        self._progress_shown(task, done, total)

    def wait(self, text: str, cancel_text: str, *, at_once: bool = False) -> None:
        """Run the event loop until every queued backup and restore has ended, with a
        progress window (at once, or when it takes more than a moment)."""
        if not self.working():
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


def auto_job(path: Path) -> Job:
    """The day's automatic backup of the dossier in ``path``: made if due; the newest good
    backup either way (None when there is none)."""

    def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
        from ...core.backup import auto_backup, newest_good_backup

        made = auto_backup(path, progress=progress, cancel=cancel)
        return made.backup if made is not None else newest_good_backup(path)

    return job

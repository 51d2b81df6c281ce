"""A backup or a restore running on its own thread, so the window never waits for it.

The core functions open their own connection to the dossier, so they run on any thread.
Progress and the outcome reach the UI thread through queued signals. A running thread is
kept in a module-level set until it has ended (no QThread is destroyed while it runs),
and :func:`wait_all` lets the application wait for them when it quits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread, Signal

from ...core.errors import DossierError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Job = Callable[[Progress, Cancel], object]

_RUNNING: set[BackupThread] = set()
_QUIT_HOOKED = False


class BackupThread(QThread):
    """Runs ``job(progress, cancelled)``: one core backup or restore call."""

    progress = Signal(object, object)  # bytes done, bytes in all (Python ints: over 2 GB too)
    succeeded = Signal(object)  # what the job returned
    failed = Signal(str)  # why it could not be done, in plain words

    def __init__(self, job: Job) -> None:
        # Owned by the application, not by a widget, so it outlives any window.
        super().__init__(QCoreApplication.instance())
        self.job = job
        self._cancel = threading.Event()
        self.finished.connect(self._forget)

    def start_job(self) -> None:
        _hook_quit()
        _RUNNING.add(self)
        self.start()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.job(self.progress.emit, self._cancel.is_set)
        except DossierError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug must not pass unseen, nor end the program
            log.exception("backup job failed")
            self.failed.emit(
                QCoreApplication.translate(
                    "BackupThread", "Something unexpected went wrong: %1"
                ).replace("%1", str(exc))
            )
        else:
            self.succeeded.emit(result)

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()


def running() -> bool:
    return bool(_RUNNING)


def wait_all() -> None:
    """Wait for every backup and restore (when the application quits)."""
    for thread in list(_RUNNING):
        thread.wait()


def _hook_quit() -> None:
    global _QUIT_HOOKED
    app = QCoreApplication.instance()
    if app is not None and not _QUIT_HOOKED:
        app.aboutToQuit.connect(wait_all)
        _QUIT_HOOKED = True

"""A backup, a restore or the deletion of a backup as a task (:mod:`dossier.ui.tasks`),
so the window never waits for it.

The core functions open their own connection to the dossier, so they run on any thread.
Progress reaches the window as bytes done and bytes in all (Python ints: over 2 GB too).
Quitting never cuts one: the application waits for it to end (the window has already
offered to skip the day's backup, see :mod:`.backup_controller`).
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.errors import DossierError
from ...core.i18n import tr
from .. import tasks
from ..tasks import Task

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Job = Callable[[Progress, Cancel], object]


def start_job(
    job: Job,
    *,
    done: Callable[[object], object],
    failed: Callable[[str], object],
    progress: Callable[[int, int], object],
) -> Task:
    """Run ``job(progress, cancelled)``: one core backup, restore or deletion call;
    ``failed`` gets why it could not be done, in plain words."""
    return tasks.start(
        lambda task: job(task.progress, task.cancelled),
        done=done,
        failed=lambda error: failed(failure_words(error)),
        progress=progress,
        name="backup",
        at_quit="finish",
    )


def failure_words(error: BaseException) -> str:
    if isinstance(error, DossierError):
        return error.message
    return tr("Something unexpected went wrong: {error}", error=str(error))

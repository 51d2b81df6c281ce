"""An import as a task (:mod:`dossier.ui.tasks`): files and folders added to the dossier
off the UI thread, with a connection of its own.

``import_paths`` spawns sandboxed reader processes and writes each document as it is
read. Each step reaches the window as ``progress(done, total, result)``; the first,
``progress(0, total, None)``, says how many files there are once folders have been looked
through. Stop (:meth:`~dossier.ui.tasks.Task.cancel`) ends it after the files being read
now, and so does quitting: an import is never cut half way through a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.importer.pipeline import ImportAborted, ImportResult, collect_files, import_paths
from ...core.storage import Dossier
from .. import tasks
from ..tasks import Task

Step = Callable[[int, int, ImportResult | None], object]


def start_import(
    dossier_path: Path,
    paths: Sequence[Path],
    *,
    step: Step,
    done: Callable[[list[ImportResult]], object],
    failed: Callable[[str, list[ImportResult]], object],
    owner: QObject | None = None,
) -> Task:
    """Import ``paths`` into the dossier at ``dossier_path``. ``failed(words, results)``
    when the whole import could not run (a full disk: with every file's result so far)."""
    chosen = [Path(p) for p in paths]

    def work(task: Task) -> list[ImportResult]:
        files = collect_files(chosen)
        task.progress(0, len(files), None)  # how many, once folders are looked through

        def add(dossier: Dossier, task: Task) -> list[ImportResult]:
            return import_paths(dossier, files, progress=task.progress, cancelled=task.cancelled)

        return tasks.with_dossier(dossier_path, add)(task)

    def not_done(error: BaseException) -> None:
        results = error.results if isinstance(error, ImportAborted) else []
        failed(failure_words(error), results)

    return tasks.start(
        work,
        done=done,
        failed=not_done,
        progress=step,
        owner=owner,
        name="import",
        every_step=True,
        at_quit="cancel",
    )


def failure_words(error: BaseException) -> str:
    """Why the whole import could not run, in plain words."""
    if isinstance(error, DossierError):  # a full disk: ImportAborted says it file by file
        return error.message
    if isinstance(error, OSError):
        return tr(
            "The files could not be read ({reason}).",
            reason=error.strerror or error.__class__.__name__,
        )
    return tr(
        "Something went wrong while adding the files ({reason}).",
        reason=error.__class__.__name__,
    )

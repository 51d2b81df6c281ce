"""Reading a disc and adding it, as tasks (:mod:`dossier.ui.tasks`) with a connection of
their own: what the window asks of :mod:`dossier.core.imaging` while it waits.

A disc given as a ``.zip`` is unpacked for the while into a temporary folder: the folder
stays while the person looks at what was found, and goes when the disc has been added,
when they cancel, or at the latest when the program ends.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.imaging.adding import DiscAdded, add_disc
from ...core.imaging.disc import MAX_ENTRIES
from ...core.imaging.scan import DiscScan, opened_disc, scan_disc
from ...core.storage import Dossier
from .. import tasks
from ..tasks import Task

Progress = Callable[[str, int, int], object]  # what is being done, done, total


def other_files(scan: DiscScan, most: int = MAX_ENTRIES) -> int:
    """How many files on the disc are not its scans (the hospital's viewer program, an
    autorun file, a read-me): counted, never opened. A disc read through its DICOMDIR
    lists only its scans, so the rest are counted here."""
    if not scan.files.listed:
        return scan.files.ignored
    scans = set(scan.files.files)
    found, seen = scan.files.ignored, 0
    for root, dirs, files in os.walk(scan.files.root):  # never into links to folders
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        seen += len(dirs) + len(files)
        found += sum(
            1
            for name in files
            if name.upper() not in ("DICOMDIR", "DICOMDIR.") and Path(root, name) not in scans
        )
        if seen > most:
            break
    return found


class OpenedDisc:
    """A disc read, ready to be added: what was found, and its folder kept open."""

    def __init__(self, source: Path, scan: DiscScan, stack: ExitStack) -> None:
        self.source = source
        self.scan = scan
        self.ignored = other_files(scan)  # made on the worker thread, like the scan
        self._stack = stack
        self._finalizer = weakref.finalize(self, stack.close)

    def close(self) -> None:
        """The unpacked folder of a ``.zip`` goes (nothing to do for a disc or a folder)."""
        self._finalizer()


@dataclass(frozen=True)
class AddChoice:
    """What the person chose in the confirmation."""

    studies: frozenset[str]  # the study UIDs ticked
    keep: bool
    case_id: int | None
    location: str | None
    other_patient: bool  # a study ticked although its files name another person


def start_reading(
    dossier_path: Path,
    source: Path,
    *,
    progress: Progress,
    done: Callable[[OpenedDisc | None], object],
    failed: Callable[[BaseException], object],
    owner: QObject,
) -> Task:
    """Read the disc at ``source`` (a folder or a ``.zip``); ``done(None)`` when stopped."""

    def work(task: Task) -> OpenedDisc | None:
        stack = ExitStack()
        try:
            task.progress("open", 0, 0)
            folder = stack.enter_context(opened_disc(source))

            def read(dossier: Dossier, task: Task) -> DiscScan:
                return scan_disc(
                    dossier,
                    folder,
                    source=source,
                    progress=lambda done, total: task.progress("read", done, total),
                    cancelled=task.cancelled,
                )

            scan = tasks.with_dossier(dossier_path, read)(task)
        except BaseException:
            stack.close()
            raise
        if task.cancelled():
            stack.close()
            return None
        return OpenedDisc(source, scan, stack)

    return tasks.start(
        work,
        done=done,
        failed=failed,
        progress=progress,
        owner=owner,
        name="read disc",
        at_quit="cancel",
    )


def start_adding(
    dossier_path: Path,
    disc: OpenedDisc,
    choice: AddChoice,
    *,
    progress: Progress,
    done: Callable[[DiscAdded], object],
    failed: Callable[[BaseException], object],
    owner: QObject,
) -> Task:
    """Add the studies chosen of ``disc``; its unpacked folder goes afterwards, whatever
    the outcome."""

    def add(dossier: Dossier, task: Task) -> DiscAdded:
        return add_disc(
            dossier,
            disc.scan,
            keep=choice.keep,
            case_id=choice.case_id,
            location=choice.location,
            studies=choice.studies,
            other_patient=choice.other_patient,
            progress=lambda done, total: task.progress("add", done, total),
            cancelled=task.cancelled,
        )

    def work(task: Task) -> DiscAdded:
        try:
            return tasks.with_dossier(dossier_path, add)(task)
        finally:
            disc.close()

    return tasks.start(
        work,
        done=done,
        failed=failed,
        progress=progress,
        owner=owner,
        name="add disc",
        at_quit="cancel",
    )


def failure_text(error: BaseException) -> str:
    """Why reading or adding a disc did not work, in plain words."""
    if isinstance(error, DossierError):
        return error.message
    if isinstance(error, OSError):
        return tr(
            "The disc could not be read ({reason}).",
            reason=error.strerror or type(error).__name__,
        )
    return tr(
        "Something went wrong while reading the disc ({reason}).", reason=type(error).__name__
    )


__all__ = ["AddChoice", "OpenedDisc", "failure_text", "start_adding", "start_reading"]

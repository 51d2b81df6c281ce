"""The small window that shows an export to, or a rebuild from, an archive file.

The work runs off the UI thread (:class:`~dossier.ui.documents.background.BackgroundRunner`)
with its own connection to the dossier; its progress is read from a small shared state by
a timer. The window says where the archive was saved, or which dossier was made, or
why nothing was done. Stop (or closing the window) stops the work, and nothing is left
behind.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QWidget,
)

from ...core.archive import (
    ArchiveCancelled,
    ExportResult,
    RebuildResult,
    Unreadable,
    UnreadableFiles,
    export_archive,
    import_archive,
)
from ...core.errors import DossierError
from ...core.sizes import human_size
from ...core.storage import Dossier
from ..documents.background import BackgroundRunner
from ..widgets.common import progress_parts, task_layout
from ..widgets.listed_message import bullets

log = logging.getLogger(__name__)


@dataclass
class Shared:
    """Written by the worker, read by the window's timer."""

    step: str = ""
    done: int = 0
    total: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)

    def tell(self, step: str, done: int, total: int) -> None:
        self.step, self.done, self.total = step, done, total


def run_export(
    dossier_path: Path, target: Path, shared: Shared, leave_out: tuple[Unreadable, ...] = ()
) -> ExportResult:
    """The export, on its own connection to the dossier (worker thread); only reads it.
    With ``leave_out`` (files the person agreed to do without), the archive is saved
    without the files that cannot be read."""
    with Dossier.open(dossier_path) as dossier:
        return export_archive(
            dossier,
            target,
            overwrite=True,
            skip_unreadable=bool(leave_out),
            leave_out=leave_out,
            progress=shared.tell,
            cancelled=shared.cancel.is_set,
        )


def run_import(archive: Path, target: Path, shared: Shared) -> RebuildResult:
    """The rebuild of a new dossier from ``archive`` (worker thread)."""
    return import_archive(archive, target, progress=shared.tell, cancelled=shared.cancel.is_set)


class ArchiveDialog(QDialog):
    """Runs one export or rebuild and shows how it went; ``finished_work(result or None)``."""

    finished_work = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.result_value: Any = None
        self.error: str | None = None
        # Files the export cannot read: the export's owner asks whether to go on without them.
        self.on_unreadable: Callable[[UnreadableFiles], object] | None = None
        self._shared = Shared()
        self._close_when_done = False
        self.runner = BackgroundRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)

        self.heading, self.status, self.bar = progress_parts("archive", self.tr("Progress"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Stop"))
        self.button.setObjectName("archiveButton")
        self.button.clicked.connect(self.close)
        task_layout(self, (self.heading, self.status, self.bar), [], right=[self.button])
        self.setMinimumWidth(520)

    def busy(self) -> bool:
        return self.runner.busy

    def start(
        self,
        heading: str,
        status: str,
        work: Callable[[Shared], Any],
        done: Callable[[Any], tuple[str, str]],
    ) -> None:
        """Run ``work(shared)`` off the UI thread; ``done(result)`` gives (heading, status)."""
        self._shared = Shared()
        self.result_value, self.error = None, None
        self.heading.setText(heading)
        self.status.setText(status)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.button.setText(self.tr("Stop"))
        self._timer.start()
        shared = self._shared
        self.runner.submit(
            lambda: work(shared), lambda value: self._finished(value, done), self._failed
        )
        self.show()

    def _show_progress(self) -> None:
        shared = self._shared
        if not shared.step:
            return
        self.status.setText(shared.step + "…")
        if shared.total:
            self.bar.setRange(0, shared.total)
            self.bar.setValue(shared.done)
        else:
            self.bar.setRange(0, 0)

    def _end(self, heading: str, status: str) -> None:
        self._timer.stop()
        self.bar.hide()
        self.heading.setText(heading)
        self.status.setText(status)
        self.button.setText(self.tr("Close"))
        self.button.setDefault(True)
        self.button.setFocus()
        self.adjustSize()  # the result may take more lines than the progress did
        if self._close_when_done:
            self.close()

    def _finished(self, value: Any, done: Callable[[Any], tuple[str, str]]) -> None:
        self.result_value = value
        heading, status = done(value)
        self._end(heading, status)
        self.finished_work.emit(value)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UnreadableFiles) and self.on_unreadable is not None:
            self._timer.stop()
            self.bar.hide()  # nothing runs while the question waits for an answer
            self.error = exc.message
            self.heading.setText(self.tr("Some document files cannot be read."))
            self.status.setText(
                self.tr("Nothing is saved yet: choose whether to save the archive without them.")
            )
            self.on_unreadable(exc)  # see archive_actions.ask_without_unreadable
            return
        if isinstance(exc, ArchiveCancelled):
            self.error = exc.message
            self._end(self.tr("Stopped."), exc.message)
        elif isinstance(exc, DossierError):
            self.error = exc.message
            self._end(self.tr("That did not work."), exc.message)
        elif isinstance(exc, OSError):
            self.error = exc.strerror or type(exc).__name__
            self._end(
                self.tr("That did not work."),
                self.tr("The computer reported: %1. Nothing was changed.").replace(
                    "%1", self.error
                ),
            )
        else:  # a bug: keep its details for whoever looks into it, say it plainly here
            log.error("archive work failed", exc_info=exc)
            self.error = type(exc).__name__
            self._end(
                self.tr("That did not work."),
                self.tr("Something went wrong (%1). Nothing was changed.").replace(
                    "%1", self.error
                ),
            )
        self.finished_work.emit(None)

    def stopped_without_saving(self) -> None:
        """The person chose not to export without the files that cannot be read (``error``
        keeps the export's own message, which names them)."""
        self._end(
            self.tr("Nothing was saved."),
            self.tr(
                "The archive was not saved, and your dossier was not changed. To save "
                "everything else, export again and choose Export without them."
            ),
        )
        self.finished_work.emit(None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy:  # Stop: the work ends soon and leaves nothing behind
            self._shared.cancel.set()
            self._close_when_done = True
            self.status.setText(self.tr("Stopping…"))
            self.button.setEnabled(False)
            event.ignore()
            return
        self.button.setEnabled(True)
        self._close_when_done = False
        super().closeEvent(event)


def saved_words(dialog: ArchiveDialog, result: ExportResult) -> tuple[str, str]:
    """What the window says once an archive is saved (and what was left out of it)."""
    status = (
        dialog.tr(
            "Saved to:\n%1\n\n%2 records and %3 files, %4. Keep it somewhere safe, for "
            "instance on another drive; it can be opened with Dossier → Open an archive file…"
        )
        .replace("%1", str(result.path))
        .replace("%2", str(result.records))
        .replace("%3", str(result.files))
        .replace("%4", human_size(result.size))
    )
    if not result.left_out:
        return dialog.tr("The whole dossier is saved in one archive file."), status
    left_out = bullets([file.named() for file in result.left_out])
    status += "\n\n" + dialog.tr(
        "Left out, because their files could not be read (their details are in the "
        "archive, and its README.txt names them):\n%1"
    ).replace("%1", left_out)
    return dialog.tr("The dossier is saved in one archive file, without some files."), status


def rebuilt_words(dialog: ArchiveDialog, result: RebuildResult) -> tuple[str, str]:
    """What the window says once a dossier is made from an archive."""
    status = dialog.tr("It is open now. It is kept in:\n%1").replace("%1", str(result.path))
    if result.missing:
        titles = bullets([f"\u201c{title}\u201d" for _id, title in result.missing])
        status += "\n\n" + dialog.tr(
            "These documents came without their file, which could not be read when the "
            "archive was made:\n%1\nIf you still have an original, add it again: the "
            "dossier puts it back in its place."
        ).replace("%1", titles)
    if result.unreadable:
        status += "\n\n" + dialog.tr(
            "The text inside %n document(s) could not be read again, so search will not "
            "find words in them. Their files are kept.",
            "",
            len(result.unreadable),
        )
    return (
        dialog.tr("The dossier of %1 is ready.").replace("%1", result.person),
        status,
    )

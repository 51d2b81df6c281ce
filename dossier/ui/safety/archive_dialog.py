"""The small window that shows an export to, or a rebuild from, an archive file.

The work runs off the UI thread as a task (:mod:`dossier.ui.tasks`) with its own
connection to the dossier, and reports its progress to the window. The window says where the archive was saved, or which dossier was made, or
why nothing was done. Stop (or closing the window) stops the work, and nothing is left
behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from ...core.bidi import isolate
from ...core.crypto.kdf import tuned_params
from ...core.errors import DossierError
from ...core.i18n import ntr, tr
from ...core.sizes import human_size
from ...core.storage import Dossier
from .. import tasks
from ..tasks import Task
from ..widgets.common import progress_parts, task_layout
from ..widgets.listed_message import bullets


def run_export(
    dossier_path: Path,
    target: Path,
    task: Task,
    leave_out: tuple[Unreadable, ...] = (),
    passphrase: str | None = None,
) -> ExportResult:
    """The export, on its own connection to the dossier (worker thread); only reads it.
    With ``leave_out`` (files the person agreed to do without), the archive is saved
    without the files that cannot be read. With ``passphrase``, the archive is protected
    by it: its Argon2id parameters are tuned here too, off the UI thread."""

    def export(dossier: Dossier, task: Task) -> ExportResult:
        return export_archive(
            dossier,
            target,
            overwrite=True,
            skip_unreadable=bool(leave_out),
            leave_out=leave_out,
            progress=task.progress,
            cancelled=task.cancelled,
            passphrase=passphrase,
            params=tuned_params() if passphrase is not None else None,
        )

    return tasks.with_dossier(dossier_path, export)(task)


def run_import(
    archive: Path, target: Path, task: Task, passphrase: str | None = None
) -> RebuildResult:
    """The rebuild of a new dossier from ``archive`` (worker thread); ``passphrase``: the
    archive's own, when it is protected with one."""
    return import_archive(
        archive, target, progress=task.progress, cancelled=task.cancelled, passphrase=passphrase
    )


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
        self.task: Task | None = None  # the export or rebuild running now
        self._close_when_done = False

        self.heading, self.status, self.bar = progress_parts("archive", tr("Progress"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(tr("Stop"))
        self.button.setObjectName("archiveButton")
        self.button.clicked.connect(self.close)
        task_layout(self, (self.heading, self.status, self.bar), [], right=[self.button])
        self.setMinimumWidth(520)

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def start(
        self,
        heading: str,
        status: str,
        work: Callable[[Task], Any],
        done: Callable[[Any], tuple[str, str]],
    ) -> None:
        """Run ``work(task)`` off the UI thread; ``done(result)`` gives (heading, status)."""
        self.result_value, self.error = None, None
        self.heading.setText(heading)
        self.status.setText(status)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.button.setText(tr("Stop"))
        self.task = tasks.start(
            work,
            done=lambda value: self._finished(value, done),
            failed=self._failed,
            progress=self._show_progress,
            owner=self,
            name="archive",
        )
        self.show()

    def _show_progress(self, step: str, done: int, total: int) -> None:
        if not step:
            return
        self.status.setText(step + "…")
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)

    def _end(self, heading: str, status: str) -> None:
        self.bar.hide()
        self.heading.setText(heading)
        self.status.setText(status)
        self.button.setText(tr("Close"))
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
            self.bar.hide()  # nothing runs while the question waits for an answer
            self.error = exc.message
            self.heading.setText(tr("Some document files cannot be read."))
            self.status.setText(
                tr("Nothing is saved yet: choose whether to save the archive without them.")
            )
            self.on_unreadable(exc)  # see archive_actions.ask_without_unreadable
            return
        if isinstance(exc, ArchiveCancelled):
            self.error = exc.message
            self._end(tr("Stopped."), exc.message)
        elif isinstance(exc, DossierError):
            self.error = exc.message
            self._end(tr("That did not work."), exc.message)
        elif isinstance(exc, OSError):
            self.error = exc.strerror or type(exc).__name__
            self._end(
                tr("That did not work."),
                tr("The computer reported: {error}. Nothing was changed.", error=self.error),
            )
        else:  # a bug (its details are in the log): say it plainly here
            self.error = type(exc).__name__
            self._end(
                tr("That did not work."),
                tr("Something went wrong ({error}). Nothing was changed.", error=self.error),
            )
        self.finished_work.emit(None)

    def stopped_without_saving(self) -> None:
        """The person chose not to export without the files that cannot be read (``error``
        keeps the export's own message, which names them)."""
        self._end(
            tr("Nothing was saved."),
            tr(
                "The archive was not saved, and your dossier was not changed. To save "
                "everything else, export again and choose Export without them."
            ),
        )
        self.finished_work.emit(None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():  # Stop: the work ends soon and leaves nothing behind
            assert self.task is not None
            self.task.cancel()
            self._close_when_done = True
            self.status.setText(tr("Stopping…"))
            self.button.setEnabled(False)
            event.ignore()
            return
        self.button.setEnabled(True)
        self._close_when_done = False
        super().closeEvent(event)


def saved_words(
    dialog: ArchiveDialog, result: ExportResult, *, protected: bool = False
) -> tuple[str, str]:
    """What the window says once an archive is saved (``protected``: with a passphrase of
    its own), who can read it, and what was left out of it."""
    status = tr(
        "Saved to:\n{path}\n\n{records} records and {files} files, {size}. Keep it somewhere "
        "safe, for instance on another drive; it can be opened with Dossier → Open an archive "
        "file…",
        path=str(result.path),
        records=result.records,
        files=result.files,
        size=human_size(result.size),
    )
    if protected:
        status += "\n\n" + tr(
            "It is protected with its own passphrase: whoever opens it needs that passphrase. "
            "Give it to them another way than the file, for instance by phone."
        )
    else:
        status += "\n\n" + tr("It has no passphrase: anyone who gets this file can read it.")
    if not result.left_out:
        return tr("The whole dossier is saved in one archive file."), status
    left_out = bullets([file.named() for file in result.left_out])
    status += "\n\n" + tr(
        "Left out, because their files could not be read (their details are in the "
        "archive, and its README.txt names them):\n{documents}",
        documents=left_out,
    )
    return tr("The dossier is saved in one archive file, without some files."), status


def rebuilt_words(
    dialog: ArchiveDialog, result: RebuildResult, *, protected: bool = False
) -> tuple[str, str]:
    """What the window says once a dossier is made from an archive (``protected``: one
    with a passphrase of its own, which the new dossier does not keep)."""
    status = tr("It is open now. It is kept in:\n{path}", path=str(result.path))
    if protected:
        status += "\n\n" + tr(
            "The archive was protected with a passphrase, but the dossier made from it is "
            "not protected yet."
        )
    if result.missing:
        titles = bullets([f"\u201c{title}\u201d" for _id, title in result.missing])
        status += "\n\n" + tr(
            "These documents came without their file, which could not be read when the "
            "archive was made:\n{titles}\nIf you still have an original, add it again: the "
            "dossier puts it back in its place.",
            titles=titles,
        )
    if result.unreadable:
        status += "\n\n" + ntr(
            "The text inside {n} document could not be read again, so search will not "
            "find words in it. Its file is kept.",
            "The text inside {n} documents could not be read again, so search will not "
            "find words in them. Their files are kept.",
            len(result.unreadable),
        )
    return (
        tr("The dossier of {name} is ready.", name=isolate(result.person)),
        status,
    )

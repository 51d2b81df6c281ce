"""Reading scanned pages in the background, with its progress in the window's status bar.

After an import, and when a dossier opens with pages still waiting (the program was
closed or crashed while reading), the pages are read by the core's
:func:`~dossier.core.ocr.run.recognise_pending` on a thread of its own, with a connection
of its own; the person can work meanwhile. The status bar says "Reading scanned pages:
3 of 40", with Pause (the rest waits until Resume, or the next start) and Stop (the rest
is left unread; "Read the text again" in a document's details reads it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.i18n import tr
from ...core.ocr.queue import count_pending, stop_pending
from .. import tasks
from ..tasks import Task

if TYPE_CHECKING:
    from ...core.ocr.run import RecognitionSummary
    from ...core.records import Change
    from ...core.storage import Dossier
    from ..session import Session


class ReadingStatus(QWidget):
    """The status bar's part: what is being read, and Pause/Resume and Stop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanReadingStatus")
        self.label = QLabel()
        self.label.setObjectName("scanReadingProgress")
        self.pause_button = QPushButton(tr("Pause"))
        self.pause_button.setObjectName("pauseScanReading")
        self.pause_button.setToolTip(
            tr("Pause reading scanned pages; the rest waits until you resume.")
        )
        self.stop_button = QPushButton(tr("Stop"))
        self.stop_button.setObjectName("stopScanReading")
        self.stop_button.setToolTip(
            tr(
                "Stop reading scanned pages; you can have them read later from a document's details."
            )
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.pause_button)
        row.addWidget(self.stop_button)
        self.hide()


class ScanReading(QObject):
    """Reads the open dossier's waiting pages; one run at a time."""

    page_read = Signal(int)  # a document some of whose text was just read
    finished = Signal(object)  # RecognitionSummary of a run that ended

    def __init__(self, session: Session, status: ReadingStatus) -> None:
        super().__init__(session)
        self.session = session
        self.status = status
        self.task: Task | None = None
        self.paused = False
        self.stopping = False
        self.last: RecognitionSummary | None = None
        status.pause_button.clicked.connect(self.toggle_pause)
        status.stop_button.clicked.connect(self.stop)
        session.reloaded.connect(self.start)
        # a document's language corrected: its pages may wait to be read again in it
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.entity == "document":
            self.start()

    def running(self) -> bool:
        return self.task is not None

    def start(self) -> None:
        """Read the waiting pages, unless a run is on, reading is paused, or there are none."""
        dossier = self.session.dossier
        if dossier.db.closed:  # closed before the window was painted, or since
            return
        if self.task is not None or self.paused or dossier.read_only is not None:
            return
        if self.last is not None and self.last.unavailable:
            return  # said once in the status bar; not again at every change
        if tasks.running("import"):
            return  # the import's end starts it: the two would wait for each other
        waiting = count_pending(dossier)
        if not waiting:
            return
        path = dossier.path

        def work(opened: Dossier, task: Task) -> RecognitionSummary:
            from ...core.ocr.run import recognise_pending

            return recognise_pending(opened, progress=task.progress, cancelled=task.cancelled)

        self.stopping = False
        self._show(0, waiting)
        self.task = tasks.start(
            tasks.with_dossier(path, work),
            done=self._done,
            failed=self._failed,
            progress=self._step,
            owner=self,
            name="read scans",
            every_step=True,
            at_quit="cancel",
        )

    def leave(self) -> None:
        """The window leaves the dossier: stop now (the pages being read stay waiting) and
        wait for the reading to end, so nothing writes to the dossier after it is closed."""
        self.paused = True  # nothing starts again
        task = self.task
        if task is not None:
            task.cancel()
            task.wait(60_000)  # the readers are stopped at once; only a page's storing remains
        self.status.hide()

    def toggle_pause(self) -> None:
        if self.paused:
            self.paused = False
            self.start()
            return
        self.paused = True
        if self.task is not None:
            self.task.cancel()  # the pages being read now are stored; the rest waits
        self._show_paused()

    def stop(self) -> None:
        """Leave the waiting pages unread."""
        self.paused = False
        self.stopping = True
        if self.task is not None:
            self.task.cancel()
        else:
            self._stop_now()

    def _stop_now(self) -> None:
        self.stopping = False
        if self.session.dossier.db.closed:
            return
        stopped = stop_pending(self.session.dossier)
        self.status.hide()
        if stopped:
            self.session.notify_reloaded()

    def _step(self, done: int, total: int, document: int | None) -> None:
        if not self.paused:
            self._show(done, total)
        if document is not None:
            self._show_changed(document)
            self.page_read.emit(document)

    def _show(self, done: int, total: int) -> None:
        self.status.label.setText(
            tr("Reading scanned pages: {done} of {total}", done=min(done + 1, total), total=total)
        )
        self.status.pause_button.setText(tr("Pause"))
        self.status.show()

    def _show_paused(self) -> None:
        if self.session.dossier.db.closed:
            return
        waiting = count_pending(self.session.dossier)
        self.status.label.setText(tr("Reading scanned pages is paused ({n} waiting).", n=waiting))
        self.status.pause_button.setText(tr("Resume"))
        self.status.show()

    def _done(self, summary: RecognitionSummary) -> None:
        self.task = None
        self.last = summary
        if self.stopping:
            self._stop_now()
        elif self.paused:
            self._show_paused()
        else:
            self.status.hide()
            if summary.unavailable:
                self.status.label.setText(summary.unavailable)
                self.status.pause_button.hide()
                self.status.stop_button.hide()
                self.status.show()
        self.finished.emit(summary)

    def _show_changed(self, document_id: int) -> None:
        """The lists and the open document's details take in what was read (its text, and
        perhaps its kind and title), as after an edit; nothing else is read again."""
        from ...core.errors import NotFoundError
        from ...core.records import Change, get

        if self.session.dossier.db.closed:
            return
        try:
            record = get(self.session.dossier, "document", document_id)
        except NotFoundError:  # moved to the trash meanwhile
            return
        self.session.changed.emit(Change("updated", "document", document_id, None, record))

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.status.hide()
        tasks.show_failure(self.status, error)


__all__ = ["ReadingStatus", "ScanReading"]

"""The calendar file's entries in the Dossier menu, and the file kept up to date.

* **Export to a Calendar File…**: a save dialog (``.ics``), the file written, then where it
  went and that calendar programs can import it.
* **Keep a Calendar File Up to Date…**: :class:`.keep_dialog.KeepCalendarDialog`.
* While a dossier is shown, every change (:attr:`Session.changed`, :attr:`Session.reloaded`)
  starts a single-shot timer of :data:`DELAY_MS`; when it runs out the kept file is written
  again, so typing does not rewrite it at each key. What it says is read from the dossier
  on the window's thread (:func:`dossier.core.ical.feed.feed_job`: a few milliseconds); the
  file is made and written on a worker thread, one write at a time in the order of the
  changes (thousands of events take the library about a second).
  :meth:`CalendarFileActions.flush` writes what is pending before the dossier is left. A
  failure is said in the status bar (and in the dialog), never in a box that interrupts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ... import APP_NAME
from ...core.errors import DossierError
from ...core.i18n import tr
from .. import tasks
from .places import documents_folder

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..session import Session

DELAY_MS = 1000  # after the last change, the kept file is written again
SUFFIX = ".ics"
STATUS_MS = 20_000
TASK_NAME = "calendar file"
LANE = tasks.Lane("calendar file", 1)  # one write at a time, in the order of the changes


class CalendarFileActions(QObject):
    """The two menu entries of ``window``'s Dossier ``menu``, and the kept file's refresh."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.export_action = menu.addAction(tr("Export to a Calendar File…"))
        self.export_action.setObjectName("exportCalendarAction")
        self.export_action.setToolTip(
            tr(
                "Save the appointments, decision deadlines and tasks due, with reminders, as a file your calendar program can import"
            )
        )
        self.export_action.triggered.connect(lambda _checked=False: self.export())
        self.keep_action = menu.addAction(tr("Keep a Calendar File Up to Date…"))
        self.keep_action.setObjectName("keepCalendarAction")
        self.keep_action.setToolTip(
            tr(
                "Keep a calendar file in a folder you choose, written again after every change, for your calendar program to subscribe to"
            )
        )
        self.keep_action.triggered.connect(lambda _checked=False: self.keep())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.session: Session | None = None
        self.problem: str | None = None  # why the kept file could not be written last time
        self.update()

    # The dossier shown ------------------------------------------------------------------
    def update(self) -> None:
        """On while a dossier is shown; follows the window's session (its changes)."""
        session = self.window.session
        self.export_action.setEnabled(session is not None)
        self.keep_action.setEnabled(session is not None)
        if session is self.session:
            return
        self.timer.stop()  # what was pending for the one left was written by flush()
        self.session, self.problem = session, None
        if session is not None:
            session.changed.connect(self._changed)
            session.reloaded.connect(self.timer.start)
            # A dossier just opened (a restored backup, one changed on another computer):
            # its kept file follows it (written only when what it says changed).
            self.timer.start()

    def _changed(self, _change: object) -> None:
        self.timer.start()  # again from the start: one write after the last key

    def flush(self) -> None:
        """Write the kept file now if a change is waiting (the dossier is being left)."""
        if self.timer.isActive():
            self.timer.stop()
            self.refresh(wait=True)

    def refresh(self, *, wait: bool = False) -> None:
        """Write the kept calendar file of the dossier shown again, if one is kept: its
        content read now, the file made and written on a worker thread (one at a time, in
        order), or here with ``wait`` once the writes already started have ended."""
        session = self.window.session
        if session is None:
            return
        from ...core.ical.feed import feed_job

        try:
            job = feed_job(session.dossier)
        except DossierError as exc:
            self._failed(exc)
            return
        if job is None:
            return
        if wait:
            tasks.wait_for(self)
            try:
                job.write()
            except (DossierError, OSError) as exc:
                self._failed(exc)
            else:
                self.problem = None
            return
        tasks.start(
            lambda _task: job.write(),
            done=lambda _path: self._written(),
            failed=self._failed,
            owner=self,
            name=TASK_NAME,
            lane=LANE,
        )

    def _written(self) -> None:
        self.problem = None

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, DossierError):
            message = error.message
        elif isinstance(error, OSError):
            reason = str(error.strerror or error)
            message = tr("The calendar file could not be updated: {reason}", reason=reason)
        else:  # a bug: logged by the task with its traceback
            message = tr("The calendar file could not be updated.")
        self.problem = message
        self.window.statusBar().showMessage(message, STATUS_MS)

    # The menu entries -------------------------------------------------------------------
    def export(self) -> Path | None:
        """Ask where, write the calendar file there, and say so; the path written."""
        session = self.window.session
        if session is None:
            return None
        from ...core.ical.export import write_calendar
        from ...core.ical.feed import file_name, unprotected_warning

        suggested = documents_folder() / file_name(session.dossier)
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            tr("Export to a calendar file"),
            str(suggested),
            tr("Calendar files (*.ics)"),
        )
        if not chosen:
            return None
        target = Path(chosen)
        if not target.name.lower().endswith(SUFFIX):
            target = target.with_name(target.name + SUFFIX)
            if target.exists() and not _may_replace(self.window, target):
                return None  # (the file dialog asked about the name typed, not this one)
        try:
            written = write_calendar(session.dossier, target)
        except DossierError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return None
        text = tr(
            "The calendar is saved in:\n{path}\n\nCalendar programs can import it "
            "(Thunderbird, Evolution, Outlook, Apple Calendar: in most, File → Import). "
            "Its appointments, decision deadlines and tasks come with their reminders.",
            path=str(written),
        )
        warning = unprotected_warning(session.dossier)
        box = QMessageBox(
            QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
            tr("Export to a calendar file"),
            f"{text}\n\n{warning}" if warning else text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("calendarExported")
        box.exec()
        return written

    def keep(self) -> None:
        """Dossier → Keep a Calendar File Up to Date…: where, or a folder chosen, or stop."""
        if self.window.session is None:
            return
        from .keep_dialog import KeepCalendarDialog

        self.flush()
        dialog = KeepCalendarDialog(self.window.session.dossier, self.problem, self.window)
        dialog.exec()
        if dialog.written is not None:
            self.problem = None
        dialog.deleteLater()


def _may_replace(window: MainWindow, target: Path) -> bool:
    answer = QMessageBox.question(
        window,
        APP_NAME,
        tr("{name} already exists. Replace it?", name=target.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


__all__ = ["DELAY_MS", "CalendarFileActions"]

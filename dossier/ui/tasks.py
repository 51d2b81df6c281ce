"""Long work off the UI thread: one way to start it, one list of what runs, one quit.

In the manner of Anki's ``QueryOp`` / ``CollectionOp``: a plain function (a core call)
runs on a worker thread, and what it reports, returns or raises comes back on the UI
thread through queued signals, never through a polling timer::

    tasks.start(
        lambda task: make_backup(path, progress=task.progress, cancel=task.cancelled),
        done=self._made, failed=self._not_made, progress=self._show_percent, owner=self,
    )

* The function is given its :class:`Task`. ``task.progress(...)`` (from the worker thread)
  reaches the ``progress`` callback on the UI thread: the latest state, at most once
  every :data:`PROGRESS_MS` (a bar needs no more), or every single step with
  ``every_step=True`` (an import lists each file). ``task.cancelled()`` says whether
  Stop was asked (:meth:`Task.cancel`); the core function ends as its own rules say.
* A function that reads or writes the dossier opens a connection of its own on its
  thread (:func:`with_dossier`): SQLite connections belong to the thread that opened them.
* Then ``done(result)`` or ``failed(error)`` on the UI thread, then :attr:`Task.ended`.
  A core :class:`~dossier.core.errors.DossierError` is the caller's to put in words.
  Anything else is a bug: it is logged with its traceback, handed to ``failed`` all the
  same, and without a ``failed`` callback shown in a plain message. Never a crash.
* ``owner``: a widget the callbacks belong to. Once it is gone they are not called; the
  work itself runs to its end (an import outlives the page that started it).
* One registry, a child of the application, keeps every task until it has ended: no
  thread is destroyed while it runs. When the application quits (``aboutToQuit``) it
  cancels the tasks that stop cleanly (``at_quit="cancel"``: an import stops after the
  files being read, a check at the next file) and then waits for every task to end, so a
  backup, a restore or an import in flight is never cut.
* Threads are shared per :class:`Lane`: each long action starts at once (:data:`LONG`);
  quick reads have small lanes of their own, so a search never waits behind an import.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal

from ..core.errors import DossierError
from ..core.i18n import tr

if TYPE_CHECKING:
    from ..core.storage import Dossier

log = logging.getLogger(__name__)
T = TypeVar("T")
AtQuit = Literal["cancel", "finish"]
PROGRESS_MS = 40  # the latest progress reaches the window at most this often


@dataclass(frozen=True)
class Lane:
    """Worker threads shared by one kind of task: ``threads`` run at once, the rest wait."""

    name: str
    threads: int


LONG = Lane("long", 32)  # imports, backups, checks, archives, printing, copies: each at once
SEARCH = Lane("search", 1)  # one query at a time; a newer one supersedes it anyway
VIEWER = Lane("viewer", 1)  # the picture or text in the document viewer
THUMBNAILS = Lane("thumbnails", 2)  # small pictures for the document grid


@dataclass(frozen=True)
class _Outcome:
    value: Any = None
    error: BaseException | None = None


class Task(QObject):
    """One function running off the UI thread. Made by :func:`start`, never directly."""

    ended = Signal()  # on the UI thread, after ``done`` or ``failed``

    _stepped = Signal(object)  # worker to UI: one progress report, or None for "the latest"
    _returned = Signal(object)  # worker to UI: the _Outcome

    def __init__(
        self,
        registry: _Registry,
        work: Callable[[Task], Any],
        *,
        name: str,
        owner: QObject | None,
        done: Callable[[Any], object] | None,
        failed: Callable[[BaseException], object] | None,
        progress: Callable[..., object] | None,
        every_step: bool,
        at_quit: AtQuit,
    ) -> None:
        super().__init__(registry)
        self.name = name
        self.at_quit = at_quit
        self._owner = weakref.ref(owner) if owner is not None else None
        self._registry = registry
        self._work: Callable[[Task], Any] | None = work
        self._done = done
        self._failed = failed
        self._progress = progress
        self._every_step = every_step
        self._cancel = threading.Event()
        self._finished = threading.Event()  # the work has returned (set on the worker thread)
        self._delivered = False  # done or failed has been called (or dropped)
        self._lock = threading.Lock()
        self._latest: tuple[Any, ...] | None = None  # progress not yet shown
        self._posted = False  # a "latest progress" is on its way, or the window pauses
        self._stepped.connect(self._deliver_step)
        self._returned.connect(self._deliver_outcome)

    # Called by the work, on its thread ---------------------------------------------------
    def progress(self, *args: Any) -> None:
        """Report progress; the ``progress`` callback gets the same arguments."""
        if self._every_step:
            self._stepped.emit(args)
            return
        with self._lock:
            self._latest = args
            if self._posted:
                return  # shown when the window's pause after the last one is over
            self._posted = True
        self._stepped.emit(None)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # Called on the UI thread ---------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the work to stop; it ends at its next look at :meth:`cancelled`."""
        self._cancel.set()

    @property
    def running(self) -> bool:
        """True until its outcome has been handed over (or dropped)."""
        return not self._delivered

    def wait(self, msecs: int = -1) -> bool:
        """Block until the work has returned, then hand over its progress and outcome at
        once (tests, and callers that must not go on without it); False on time out."""
        if not self._finished.wait(None if msecs < 0 else msecs / 1000):
            return False
        if not self._delivered:
            QCoreApplication.sendPostedEvents(self, 0)
        return True

    # The worker thread ---------------------------------------------------------------------
    def _run(self) -> None:
        try:
            work = self._work
            assert work is not None  # let go of only once the outcome is handed over
            outcome = _Outcome(value=work(self))
        except BaseException as exc:  # every outcome reaches the UI thread, a bug's too
            if not isinstance(exc, DossierError):
                log.error("%s failed", self.name, exc_info=exc)
            outcome = _Outcome(error=exc)
        self._returned.emit(outcome)  # the last use of the Qt object on this thread
        self._finished.set()

    # Delivery on the UI thread -------------------------------------------------------------
    @property
    def owner(self) -> QObject | None:
        """The object the callbacks belong to, while it is there."""
        owner = self._owner() if self._owner is not None else None
        return owner if owner is not None and shiboken6.isValid(owner) else None

    def _owner_gone(self) -> bool:
        return self._owner is not None and self.owner is None

    def _deliver_step(self, args: tuple[Any, ...] | None) -> None:
        if args is not None:  # every step
            self._show(args)
            return
        self._show_latest()
        if self._delivered:
            return
        # The next report waits a moment: a bar needs no more, and the work keeps its pace.
        QTimer.singleShot(PROGRESS_MS, self, self._pause_over)

    def _pause_over(self) -> None:
        # The pause can end after the outcome was delivered and the task let go of (seen
        # under load in PySide6 6.12, although the timer names the task as its context):
        # then there is nothing left to show, and the Qt object may be gone.
        if self._delivered or not shiboken6.isValid(self):
            return
        with self._lock:
            if self._latest is None:
                self._posted = False  # the next report is posted at once
                return
        self._deliver_step(None)

    def _show_latest(self) -> None:
        with self._lock:
            args, self._latest = self._latest, None
        if args is not None:
            self._show(args)

    def _show(self, args: tuple[Any, ...]) -> None:
        if self._progress is not None and not self._owner_gone() and not self._delivered:
            self._progress(*args)

    def _deliver_outcome(self, outcome: _Outcome) -> None:
        if self._delivered:
            return
        self._delivered = True
        self._registry.forget(self)
        try:
            if self._owner_gone():
                return
            with self._lock:  # the last progress reported comes before the outcome
                last, self._latest = self._latest, None
            if last is not None and self._progress is not None:
                self._progress(*last)
            if outcome.error is None:
                if self._done is not None:
                    self._done(outcome.value)
            elif self._failed is not None:
                self._failed(outcome.error)
            else:
                show_failure(self.owner, outcome.error)
        finally:
            # Let go of the callbacks (and so of their owner) before anyone else does.
            self._work = self._done = self._failed = self._progress = None
            self.ended.emit()
            self.deleteLater()


class _Registry(QObject):
    """Every task that has not ended yet, and the threads of each lane; a child of the
    application (made with the first task), whose quit it waits for."""

    NAME = "dossierTasks"

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(self.NAME)
        self.tasks: list[Task] = []
        self._pools: dict[str, QThreadPool] = {}
        app.aboutToQuit.connect(self.at_quit)

    def run(self, task: Task, lane: Lane) -> None:
        pool = self._pools.get(lane.name)
        if pool is None:
            pool = self._pools[lane.name] = QThreadPool(self)
            pool.setMaxThreadCount(max(1, lane.threads))
            pool.setExpiryTimeout(2000)
        self.tasks.append(task)
        pool.start(task._run)

    def forget(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)

    def at_quit(self) -> None:
        """Cancel what stops cleanly, then wait for every task's work to return."""
        for task in list(self.tasks):
            if task.at_quit == "cancel":
                task.cancel()
        for task in list(self.tasks):
            task._finished.wait()


def _registry(*, make: bool = True) -> _Registry | None:
    """The application's registry (made with the first task when ``make``)."""
    app = QCoreApplication.instance()
    if app is None:
        if make:
            raise RuntimeError("tasks need a running Qt application")
        return None
    found = app.findChild(_Registry, _Registry.NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(found, _Registry):
        return found
    return _Registry(app) if make else None


def start(
    work: Callable[[Task], T],
    *,
    done: Callable[[T], object] | None = None,
    failed: Callable[[BaseException], object] | None = None,
    progress: Callable[..., object] | None = None,
    owner: QObject | None = None,
    name: str = "task",
    lane: Lane = LONG,
    every_step: bool = False,
    at_quit: AtQuit = "finish",
) -> Task:
    """Run ``work(task)`` on a thread of ``lane``; the callbacks run on the UI thread.

    ``name`` says what it is in the log (and to :func:`running`). ``at_quit``: "cancel"
    for work that stops cleanly when asked, "finish" (the default) for work that must
    not be cut. Connect to the returned task's signals before the event loop runs again.
    """
    registry = _registry()
    assert registry is not None
    task = Task(
        registry,
        work,
        name=name,
        owner=owner,
        done=done,
        failed=failed,
        progress=progress,
        every_step=every_step,
        at_quit=at_quit,
    )
    registry.run(task, lane)
    return task


def with_dossier(path: Path, work: Callable[[Dossier, Task], T]) -> Callable[[Task], T]:
    """``work(dossier, task)`` on a connection of its own to the dossier in ``path``,
    opened and closed on the worker thread."""

    def run(task: Task) -> T:
        from ..core.opening import open_dossier

        with open_dossier(path) as dossier:
            return work(dossier, task)

    return run


def running(name: str | None = None) -> list[Task]:
    """The tasks not ended yet (those called ``name``)."""
    registry = _registry(make=False)
    tasks = registry.tasks if registry is not None else []
    return [task for task in tasks if name is None or task.name == name]


def wait_for(owner: QObject | None = None, msecs: int = -1) -> bool:
    """Block until the tasks of ``owner`` (all, without one) have ended, their outcome
    handed over (tests); False when one is still running after ``msecs`` each."""
    return all(task.wait(msecs) for task in running() if owner is None or task.owner is owner)


def show_failure(owner: QObject | None, error: BaseException) -> None:
    """A failure nobody else puts in words: its message, or a plain sentence for a bug
    (whose details are in the log), in a message that does not block the window."""
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from .. import APP_NAME

    if isinstance(error, DossierError):
        text = error.message
    else:
        text = tr("Something unexpected went wrong ({error}).", error=type(error).__name__)
    parent = owner.window() if isinstance(owner, QWidget) else QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, parent=parent)
    box.setObjectName("taskFailed")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


__all__ = [
    "LONG",
    "SEARCH",
    "THUMBNAILS",
    "VIEWER",
    "Lane",
    "Task",
    "running",
    "show_failure",
    "start",
    "wait_for",
    "with_dossier",
]

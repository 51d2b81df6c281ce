"""UI tests fail when they leave windows open or threads running behind them."""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QThreadPool
from PySide6.QtWidgets import QApplication

from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.main_thread_gc import MainThreadGarbage

_GARBAGE: list[MainThreadGarbage] = []  # as in the program: collected on the UI thread


@pytest.fixture(scope="session", autouse=True)
def garbage_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    """Python's garbage collected on the UI thread only, as :func:`dossier.app.run_app`
    has it: a worker thread that collected a closed window's widgets crashed the run."""
    _GARBAGE.append(MainThreadGarbage(qapp))
    yield
    _GARBAGE.pop().deleteLater()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    yield  # qtbot closes the widgets it was given during teardown
    app = QApplication.instance()
    if app is None:
        return
    for collector in _GARBAGE:  # what the test left, here rather than on a later worker
        collector.collect_if_due()
    problems = []
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(5000):
        problems.append(f"{pool.activeThreadCount()} thread-pool task(s) still running")
    if not tasks.wait_for(None, 5000):  # a search or a thumbnail may end just after the test
        names = ", ".join(task.name for task in tasks.running())
        problems.append(f"task(s) still running: {names}")
    running = [t for t in gc.get_objects() if isinstance(t, QThread) and _running(t)]
    if running:
        problems.append(f"{len(running)} QThread(s) still running")
        for thread in running:
            thread.quit()
            thread.wait(5000)
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if visible:
        names = ", ".join(f"{type(w).__name__}({w.objectName()!r})" for w in visible)
        problems.append(f"windows left open: {names}")
        for widget in visible:
            widget.close()
    if problems:
        pytest.fail(f"{item.nodeid} left things behind: " + "; ".join(problems), pytrace=False)


def _running(thread: QThread) -> bool:
    try:
        return thread.isRunning() and thread is not QThread.currentThread()
    except RuntimeError:  # the C++ object is already gone
        return False


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[Dossier]:
    """A fresh copy of the example dossier, open, for each test (tests change it)."""
    opened = open_dossier(demo_copy)
    yield opened
    opened.close()

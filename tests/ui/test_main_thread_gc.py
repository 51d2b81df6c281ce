"""Python's garbage is collected on the UI thread only: a cycle left by a closed widget is
never freed by a worker thread that happens to allocate (that crashed a run), and the
timer collects it on the UI thread as Python's own counts say."""

from __future__ import annotations

import gc
import threading
import weakref

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.ui.main_thread_gc import MainThreadGarbage


class _Helper(QObject):
    """A helper that knows its widget, as the window's helpers do: a reference cycle."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        widget.helper = self  # type: ignore[attr-defined]


def test_a_worker_allocating_never_collects_and_the_ui_thread_does(
    qtbot: QtBot, qapp: QApplication
) -> None:
    collector = MainThreadGarbage(qapp)
    assert not gc.isenabled()
    widget = QWidget()
    _Helper(widget)
    gone = weakref.ref(widget)
    del widget  # only the cycle holds it now
    freed_in: list[str] = []

    def allocate() -> None:  # a packet being made: many objects, generation 0 fills
        junk = [[n] for n in range(50_000)]
        del junk
        freed_in.append("worker" if gone() is None else "")

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert freed_in == [""]  # the worker did not collect the widget's cycle
    assert gone() is not None
    gc.collect()  # what the timer does when due (here at once), on the UI thread
    assert gone() is None
    shiboken6.delete(collector)


def test_the_timer_collects_what_is_due(qtbot: QtBot, qapp: QApplication) -> None:
    collector = MainThreadGarbage(qapp)
    for _ in range(3 * collector.threshold[0]):  # cycles enough to make generation 0 due
        cycle: list[object] = []
        cycle.append(cycle)
    assert gc.get_count()[0] > collector.threshold[0]
    found = collector.collect_if_due()
    assert found >= 3 * collector.threshold[0] - 10
    assert gc.get_count()[0] < collector.threshold[0]
    assert not gc.isenabled()  # still off: the collector lives
    shiboken6.delete(collector)
    assert not gc.isenabled()  # the run's own collector (conftest) still lives

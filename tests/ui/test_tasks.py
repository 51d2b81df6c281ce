"""The one way long work runs off the UI thread (dossier.ui.tasks), with real threads.

Each test starts real tasks on the registry's worker threads and lets the real event
loop hand their progress and outcome back; quitting is tested in a child process whose
application really quits while its tasks run.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.errors import DossierError
from dossier.ui import tasks

WAIT = 10_000
ROOT = Path(__file__).resolve().parents[2]


class Stopped(DossierError):
    """What a core function raises when it was asked to stop."""


def test_the_work_runs_off_the_ui_thread_and_its_result_comes_back_on_it(qtbot: QtBot) -> None:
    ui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(_task: tasks.Task) -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        seen["done"] = threading.get_ident()
        results.append(value)

    task = tasks.start(work, done=done, name="answer")
    assert task in tasks.running("answer")
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert results == [42]
    assert seen["work"] != ui and seen["done"] == ui
    assert tasks.running("answer") == []


def test_a_core_error_reaches_failed_on_the_ui_thread_and_is_not_logged_as_a_bug(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    ui = threading.get_ident()
    errors: list[tuple[str, int]] = []

    def work(_task: tasks.Task) -> None:
        raise DossierError("The dossier folder cannot be read.")

    def failed(error: BaseException) -> None:
        assert isinstance(error, DossierError)
        errors.append((error.message, threading.get_ident()))

    with caplog.at_level(logging.ERROR, logger="dossier.ui.tasks"):
        task = tasks.start(work, done=lambda _v: errors.append(("done", 0)), failed=failed)
        with qtbot.waitSignal(task.ended, timeout=WAIT):
            pass
    assert errors == [("The dossier folder cannot be read.", ui)]
    assert caplog.records == []


def test_every_step_arrives_in_order_before_the_result(qtbot: QtBot) -> None:
    events: list[object] = []

    def work(task: tasks.Task) -> str:
        for number in range(1, 201):
            task.progress(number, 200, f"file {number}")
        return "all"

    task = tasks.start(
        work,
        done=events.append,
        progress=lambda done, total, what: events.append((done, total, what)),
        every_step=True,
    )
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert events == [(n, 200, f"file {n}") for n in range(1, 201)] + ["all"]


def test_fast_progress_is_shown_as_its_latest_state_and_the_last_one_before_the_result(
    qtbot: QtBot,
) -> None:
    """A hundred thousand reports do not become a hundred thousand updates of the window:
    it sees the latest state now and then, always in order, the very last one included."""
    ui = threading.get_ident()
    shown: list[int] = []
    threads: set[int] = set()
    events: list[str] = []

    def work(task: tasks.Task) -> str:
        for number in range(1, 100_001):
            task.progress(number)
        return "done"

    def progress(number: int) -> None:
        threads.add(threading.get_ident())
        shown.append(number)

    task = tasks.start(work, done=events.append, progress=progress)
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert events == ["done"]
    assert shown and shown[-1] == 100_000 and shown == sorted(set(shown))
    assert len(shown) < 1000
    assert threads == {ui}


def test_progress_reported_just_before_a_long_step_is_shown_while_it_runs(qtbot: QtBot) -> None:
    """The latest state is never held back until the next report: a stage named right
    after another one reaches the window while the work goes on."""
    release = threading.Event()
    shown: list[str] = []

    def work(task: tasks.Task) -> None:
        task.progress("Reading the files…")
        task.progress("Checking the search index…")  # within the pause after the first
        release.wait(WAIT / 1000)

    task = tasks.start(work, progress=shown.append)
    try:
        qtbot.waitUntil(lambda: shown[-1:] == ["Checking the search index…"], timeout=WAIT)
    finally:
        release.set()
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass


def test_cancel_stops_the_work_at_its_next_look(qtbot: QtBot) -> None:
    started = threading.Event()
    looked: list[int] = []
    errors: list[str] = []

    def work(task: tasks.Task) -> str:
        started.set()
        for number in range(10_000):
            if task.cancelled():
                looked.append(number)
                raise Stopped("Stopped. Nothing was changed.")
            threading.Event().wait(0.005)
        return "finished anyway"

    task = tasks.start(
        work,
        done=lambda value: errors.append(value),
        failed=lambda error: errors.append(getattr(error, "message", "")),
    )
    assert started.wait(WAIT / 1000)
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        task.cancel()
    assert errors == ["Stopped. Nothing was changed."]
    assert looked and looked[0] < 10_000


def test_a_bug_in_the_work_is_logged_and_shown_in_plain_words_never_a_crash(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()

    def work(_task: tasks.Task) -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR, logger="dossier.ui.tasks"):
        task = tasks.start(work, owner=owner, name="sum")
        with qtbot.waitSignal(task.ended, timeout=WAIT):
            pass
    box = owner.findChild(QMessageBox, "taskFailed")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Something unexpected went wrong (ZeroDivisionError)."
    assert box.icon() == QMessageBox.Icon.Warning
    [record] = caplog.records
    assert record.getMessage() == "sum failed"
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError
    box.close()


def test_a_bug_goes_to_the_failed_callback_too_and_is_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[BaseException] = []

    def work(_task: tasks.Task) -> None:
        raise KeyError("lost")

    with caplog.at_level(logging.ERROR, logger="dossier.ui.tasks"):
        task = tasks.start(work, failed=errors.append, name="lookup")
        with qtbot.waitSignal(task.ended, timeout=WAIT):
            pass
    assert len(errors) == 1 and isinstance(errors[0], KeyError)
    assert [r.getMessage() for r in caplog.records] == ["lookup failed"]


def test_the_callbacks_of_an_owner_that_is_gone_are_not_called(qtbot: QtBot) -> None:
    release = threading.Event()
    called: list[object] = []
    owner = QWidget()

    def work(task: tasks.Task) -> str:
        task.progress(1)
        release.wait(WAIT / 1000)
        return "late"

    task = tasks.start(
        work, done=called.append, failed=called.append, progress=called.append, owner=owner
    )
    owner.deleteLater()
    qtbot.waitUntil(task._owner_gone, timeout=WAIT)
    release.set()
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert called == [] and tasks.running() == []


def test_wait_hands_over_the_outcome_at_once(qtbot: QtBot) -> None:
    results: list[str] = []
    owner = QWidget()
    qtbot.addWidget(owner)
    for word in ("one", "two", "three"):
        tasks.start(lambda _t, w=word: w, done=results.append, owner=owner)
    assert tasks.wait_for(owner, WAIT)
    assert sorted(results) == ["one", "three", "two"]
    assert tasks.running() == []


def test_a_quick_lane_never_waits_behind_long_work(qtbot: QtBot) -> None:
    release = threading.Event()
    long = tasks.start(lambda _t: release.wait(WAIT / 1000), name="long")
    other = tasks.start(lambda _t: release.wait(WAIT / 1000), name="long")
    found: list[str] = []
    try:
        quick = tasks.start(lambda _t: "hit", done=found.append, lane=tasks.SEARCH)
        with qtbot.waitSignal(quick.ended, timeout=WAIT):
            pass
        assert found == ["hit"] and long.running and other.running
    finally:
        release.set()
    assert long.wait(WAIT) and other.wait(WAIT)


def test_a_lane_of_one_runs_its_tasks_one_at_a_time_in_order(qtbot: QtBot) -> None:
    order: list[str] = []
    busy = threading.Lock()

    def work(name: str) -> str:
        assert busy.acquire(blocking=False), "two tasks of a one-thread lane ran at once"
        try:
            threading.Event().wait(0.01)
            order.append(name)
        finally:
            busy.release()
        return name

    started = [tasks.start(lambda _t, n=n: work(n), lane=tasks.VIEWER) for n in "abcde"]
    assert all(task.wait(WAIT) for task in started)
    assert order == list("abcde")


QUITTING = textwrap.dedent(
    """
    import json, sys, threading, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from dossier.core.errors import DossierError
    from dossier.ui import tasks

    app = QCoreApplication(sys.argv)
    out = Path(sys.argv[1])
    both_started = threading.Barrier(3)

    def write_slowly(task):  # must not be cut: every chunk is written before the quit
        both_started.wait()
        with open(out / "backup.bin", "wb") as handle:
            for _ in range(20):
                handle.write(b"x" * 1000)
                time.sleep(0.02)
        (out / "backup.done").write_text("complete")

    def until_cancelled(task):  # stops cleanly when asked
        both_started.wait()
        while not task.cancelled():
            time.sleep(0.01)
        (out / "import.stopped").write_text("cancelled at quit")
        raise DossierError("Stopped.")

    tasks.start(write_slowly, name="backup", at_quit="finish")
    tasks.start(until_cancelled, name="import", at_quit="cancel")
    QTimer.singleShot(0, lambda: (both_started.wait(), app.quit()))
    app.exec()
    # aboutToQuit has run: the backup is whole, the import was asked to stop and did.
    print(json.dumps([(out / "backup.bin").stat().st_size, (out / "backup.done").read_text(),
                      (out / "import.stopped").read_text()]), flush=True)
    """
)


def test_quitting_cancels_what_stops_cleanly_and_waits_for_what_must_not_be_cut(
    tmp_path: Path,
) -> None:
    script = tmp_path / "quit.py"
    script.write_text(QUITTING)
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [20_000, "complete", "cancelled at quit"]

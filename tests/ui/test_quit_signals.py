"""The system asking the program to stop (SIGTERM) closes the window as Quit does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.core.errors import DossierOpenError
from dossier.core.lock import LOCK_NAME, acquire
from dossier.core.storage import Dossier
from dossier.ui.quit_signals import StopSignals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _held_by_window(folder: Path) -> bool:
    try:
        lock = acquire(folder, "command")
    except DossierOpenError:
        return True
    lock.release()
    return False


def _window_holds_lock(folder: Path, pid: int) -> bool:
    """Read who holds the lock without taking it: probing by taking it would race with
    the window taking it (which then, rightly, says the dossier is in use)."""
    try:
        said = (folder / LOCK_NAME).read_text(encoding="utf-8")
    except OSError:
        return False
    return said.strip() == f"window {pid}"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_closes_the_window_cleanly(
    dossier: Dossier, tmp_path: Path, number: int
) -> None:
    folder = dossier.path
    dossier.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen(
        [sys.executable, "-m", "dossier", "--dossier", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            deadline = time.monotonic() + 60
            while not _window_holds_lock(folder, process.pid):
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the window never opened the dossier"
                time.sleep(0.1)
            process.send_signal(number)
            code = process.wait(timeout=60)
        finally:
            process.kill()  # never left hanging (a no-op once it has ended)
        errors = process.stderr.read() if process.stderr else ""
    assert code == 0, errors
    assert "Traceback" not in errors
    assert not _held_by_window(folder)  # the lock was let go
    settings = Path(os.environ["DOSSIER_HOME"]) / "config" / "settings.ini"
    assert "geometry" in settings.read_text(encoding="utf-8")  # saved as at Quit


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_asked_while_the_window_is_made_closes_it_once_made(qtbot, number: int) -> None:
    from PySide6.QtWidgets import QWidget

    previous = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGINT)}
    try:
        stop = StopSignals()
        os.kill(os.getpid(), number)  # arrives while the window is being made: no traceback
        window = QWidget()
        qtbot.add_widget(window)
        window.show()
        closed: list[bool] = []
        stop.attach(window, lambda: closed.append(window.close()))
        qtbot.wait_until(lambda: closed == [True])
        os.kill(os.getpid(), number)  # a second stop does not close it twice
        qtbot.wait(50)
        assert closed == [True] and stop.asked == number
    finally:
        for n, handler in previous.items():
            signal.signal(n, handler)

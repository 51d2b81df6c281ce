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
from dossier.core.lock import acquire
from dossier.core.storage import Dossier

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _held_by_window(folder: Path) -> bool:
    try:
        lock = acquire(folder, "command")
    except DossierOpenError:
        return True
    lock.release()
    return False


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
        deadline = time.monotonic() + 30
        while not _held_by_window(folder):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the window never opened the dossier"
            time.sleep(0.1)
        process.send_signal(number)
        code = process.wait(timeout=60)
        errors = process.stderr.read() if process.stderr else ""
    assert code == 0, errors
    assert "Traceback" not in errors
    assert not _held_by_window(folder)  # the lock was let go
    settings = Path(os.environ["DOSSIER_HOME"]) / "config" / "settings.ini"
    assert "geometry" in settings.read_text(encoding="utf-8")  # saved as at Quit

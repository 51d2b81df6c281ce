"""Cold start to the first painted main window, with a 5,000-document dossier.

Each start is a new process (Python start, imports, opening the dossier, building every
page, the first paint), timed from launch until the child reports its first paint event.
The baseline is a bare PySide6 QMainWindow started the same way in the same run.
Target: ratio at most 1.5.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import builders
import pytest

RUNS = 7

_PAINT_WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
"""

BARE = (
    _PAINT_WATCH
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
"""
)

APP = (
    _PAINT_WATCH
    + """
from pathlib import Path
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
app = QApplication(sys.argv)
window = MainWindow(Dossier.open(Path(sys.argv[1])))
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
window.close()
"""
)


def _start(script: str, *args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        process.stdout.read()
        process.wait(timeout=60)
    assert line.strip() == "painted", line
    return elapsed


@pytest.mark.benchmark
def test_cold_start_ratio(indexed_dossier: tuple[Path, builders.BuildInfo], tmp_path: Path) -> None:
    source, info = indexed_dossier
    folder = tmp_path / "dossier"
    shutil.copytree(source, folder)  # the window writes settings and may touch the dossier
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_HOME": str(tmp_path / "home")}
    bare: list[float] = []
    app: list[float] = []
    _start(BARE, env=env)  # warm the file cache once for both
    _start(APP, str(folder), env=env)
    for _ in range(RUNS):  # interleaved, so drift affects both alike
        bare.append(_start(BARE, env=env))
        app.append(_start(APP, str(folder), env=env))
    ratio = builders.median(app) / builders.median(bare)
    print()
    print(
        builders.table(
            f"cold start to first paint, {info.documents:,} documents (median of {RUNS})",
            ["what", "median ms", "max ms"],
            [
                ["bare PySide6 QMainWindow", builders.median(bare) * 1000, max(bare) * 1000],
                ["Second Opinion Dossier", builders.median(app) * 1000, max(app) * 1000],
            ],
        )
    )
    verdict = "met" if ratio <= 1.5 else "NOT met"
    print(f"ratio app / bare = {ratio:.2f}  (target <= 1.5: {verdict})")
    assert ratio < 20  # a sanity bound only

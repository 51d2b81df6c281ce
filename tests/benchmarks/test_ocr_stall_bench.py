"""How long the window's event loop is ever blocked while scanned pages are read.

The window opens a dossier with 30 scanned pages waiting (six per language, some sideways,
some photographed) and reads them in the background as it does after an import. Once each
page of the window has been built, a heartbeat timer on the UI thread fires every 10 ms
while the person moves between pages and the reading goes on, until it ends (its last
step, the window taking in the new text, included); each gap between two beats beyond
10 ms is time the window could not repaint or react. Target: no stall over 100 ms.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import builders
import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from dossier.core.importer.pipeline import import_paths
from dossier.core.ocr.queue import count_pending
from dossier.core.opening import create_dossier
from dossier.ui.main_window import MainWindow
from tests import scans

BEAT_MS = 10
PAGES = 30


def scan_folder(cache: Path) -> Path:
    folder = cache / "ocr-stall-scans"
    if len(list(folder.glob("*"))) == PAGES:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(PAGES):
        language = scans.LANGUAGES[number % len(scans.LANGUAGES)]
        if number % 3 == 2:
            scans.photo_jpeg(folder / f"photo-{number:02}.jpg", language, seed=number)
        else:
            rotate = 90 if number % 3 == 1 else 0
            scans.scanned_pdf(folder / f"scan-{number:02}.pdf", language, rotate=rotate)
    return folder


@pytest.mark.benchmark
def test_no_stall_while_scans_are_read(qtbot: QtBot, bench_cache: Path, tmp_path: Path) -> None:
    dossier = create_dossier(tmp_path / "dossier", name="Stall Test")
    import_paths(dossier, [scan_folder(bench_cache)])
    assert count_pending(dossier) == PAGES

    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.view is not None
    reading = window.scan_reading
    assert reading is not None
    pages = ("documents", "overview", "cases", "calendar", "questions")
    for key in pages:  # each page built once: building one is not what is measured here
        window.view.show_page(key)
        qtbot.wait(50)
    qtbot.waitUntil(reading.running, timeout=60_000)

    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(BEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()
    started = time.perf_counter()
    for key in itertools.islice(itertools.cycle(pages), 1000):  # the person looks around
        window.view.show_page(key)
        qtbot.wait(150)
        if not reading.running():
            break
    qtbot.waitUntil(lambda: not reading.running(), timeout=900_000)
    qtbot.wait(500)  # the window takes in the new text
    seconds = time.perf_counter() - started
    heartbeat.stop()
    summary = reading.last
    assert summary is not None

    builders.print_stalls(
        f"event loop while {PAGES} scanned pages are read (pages shown meanwhile)",
        beats,
        [
            ["pages read", summary.read],
            ["seconds", seconds],
        ],
    )
    window.close()
    assert summary.read == PAGES and len(beats) > 10

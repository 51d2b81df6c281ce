"""How long the window's event loop is ever blocked while 500 files are imported.

A heartbeat timer fires every 10 ms on the UI thread; each gap between two beats
beyond 10 ms is time the window could not repaint or react. The import is started
the way a person starts it (the Documents page), with 450 PDFs and 50 photos.
Target: no stall over 100 ms.
"""

from __future__ import annotations

import time
from pathlib import Path

import builders
import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from dossier.core.opening import create_dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage

BEAT_MS = 10


@pytest.mark.benchmark
def test_no_stall_during_a_500_file_import(qtbot: QtBot, bench_cache: Path, tmp_path: Path) -> None:
    pdfs = bench_cache / "stall-pdfs"
    photos = bench_cache / "stall-photos"
    builders.make_pdfs(pdfs, 450, seed=11)
    builders.make_photos(photos, 50, seed=12)
    files = sorted(p for p in pdfs.rglob("*.pdf")) + sorted(photos.rglob("*.jpg"))
    assert len(files) == 500

    window = MainWindow(create_dossier(tmp_path / "dossier", name="Stall Test"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)

    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(BEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()
    started = time.perf_counter()
    with qtbot.waitSignal(page.imports_finished, timeout=600_000) as finished:
        window.view.import_files(files)
    seconds = time.perf_counter() - started
    heartbeat.stop()
    results = finished.args[0] if finished.args else []

    builders.print_stalls(
        "event loop during a 500-file import (450 PDFs, 50 photos of 4000x3000)",
        beats,
        [
            ["files imported", sum(r.status == "imported" for r in results)],
            ["import seconds", seconds],
        ],
    )
    window.close()
    assert len(beats) > 10

"""The window removes what interrupted operations left, off the UI thread, and says so in
its status bar; a look-alike without the program's proof stays."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from dossier.app import _clean_up_after_start
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.safety.unfinished_cleanup import clean_up_in_background
from tests.unit.test_unfinished import registry, staged_restore


def test_the_status_bar_says_what_was_removed(qtbot: QtBot, dossier: Dossier) -> None:
    stage = staged_restore(dossier.path)
    lookalike = dossier.path.parent / f".{dossier.path.name}.restoring-mine"
    lookalike.mkdir()
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    runner = clean_up_in_background(window)
    assert runner.wait(60_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Removed what an interrupted restore had left, a copy the program")
    assert str(stage) in message and "(5.0 KB)" in message
    assert not stage.exists() and lookalike.is_dir() and registry() == []
    window.close()


def test_the_start_cleans_up_once_the_window_has_painted(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    stage = staged_restore(dossier.path)
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.after_paint.call(lambda: _clean_up_after_start(window))
    assert stage.exists()  # nothing before the first paint
    window.show()
    qtbot.waitUntil(lambda: not stage.exists(), timeout=60_000)
    qtbot.waitUntil(lambda: "Removed what" in window.statusBar().currentMessage(), timeout=60_000)
    window.close()

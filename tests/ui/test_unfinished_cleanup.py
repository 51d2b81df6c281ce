"""The window removes what interrupted operations left, off the UI thread, and says so in
its status bar; a look-alike without the program's proof stays."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from dossier.app import _clean_up_after_start
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.safety.unfinished_cleanup import clean_up_in_background
from tests.unit.test_unfinished import exported_by_a_dead_process, registry, staged_restore


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
    assert message == (
        "Removed what an interrupted restore had left, a copy the program had made (5.0 kB)."
    )
    told = window.statusBar().toolTip()  # where it was, as the command line says it
    assert told.startswith("Removed what an interrupted restore had left") and str(stage) in told
    assert not stage.exists() and lookalike.is_dir() and registry() == []
    window.close()


def test_several_copies_are_said_in_one_short_sentence(qtbot: QtBot, dossier: Dossier) -> None:
    """The status bar is one line: the sentence has no paths, however many copies and
    however long their paths (before, three copies ran far off its right edge)."""
    stage = staged_restore(dossier.path)
    part = dossier.path.parent / ".for the doctor.zip.1a2b.part"
    exported_by_a_dead_process(part, about=dossier.path)
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    assert clean_up_in_background(window).wait(60_000)
    bar = window.statusBar()
    assert bar.currentMessage() == (
        "Removed what 2 interrupted operations had left, copies the program had made (8.0 kB)."
    )
    assert bar.fontMetrics().horizontalAdvance(bar.currentMessage()) < 640  # of 1280
    lines = bar.toolTip().splitlines()
    assert len(lines) == 2 and {str(stage), str(part)} == {
        next(str(p) for p in (stage, part) if str(p) in line) for line in lines
    }
    bar.showMessage("Something else.")
    assert bar.toolTip() == ""  # the tooltip went with its message
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

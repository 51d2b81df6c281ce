"""Removing, off the UI thread, what interrupted operations left (copies the program had
made: see :mod:`dossier.core.unfinished`), and saying so in the window's status bar.

Run once the window has painted at start-up (all kinds), and when a restore, an export or
the opening of an archive starts (that kind), as the command line does.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow

from ...core.unfinished import Kind, Leftover, clean_up, removed_words
from ..documents.background import BackgroundRunner

log = logging.getLogger(__name__)


def clean_up_in_background(window: QMainWindow, kind: Kind | None = None) -> BackgroundRunner:
    """Start the clean-up; its runner (tests wait on it)."""
    runner = BackgroundRunner(window)
    runner.submit(
        lambda: clean_up(kind),
        lambda removed: say_removed(window, removed),
        lambda exc: log.warning("cleaning up after an interrupted operation failed: %s", exc),
    )
    return runner


def say_removed(window: QMainWindow, removed: list[Leftover]) -> None:
    """One sentence per removed copy, in the status bar, until the next message."""
    if removed:
        window.statusBar().showMessage(" ".join(removed_words(r) for r in removed))

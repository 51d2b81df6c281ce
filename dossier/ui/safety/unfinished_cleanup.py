"""Removing, off the UI thread, what interrupted operations left (copies the program had
made: see :mod:`dossier.core.unfinished`), and saying so in the window's status bar.

Run once the window has painted at start-up (all kinds), and when a restore, an export or
the opening of an archive starts (that kind), as the command line does. The status bar
says it in one short sentence, whatever the number of copies and the length of their
paths; pointing at it shows each copy's sentence with its place, as the command line
prints them.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow, QStatusBar

from ...core.i18n import ntr, tr
from ...core.sizes import human_size
from ...core.unfinished import Kind, Leftover, clean_up, removed_words, work_words
from .. import tasks
from ..tasks import Task

log = logging.getLogger(__name__)


def clean_up_in_background(window: QMainWindow, kind: Kind | None = None) -> Task:
    """Start the clean-up; its task (tests wait on it)."""
    return tasks.start(
        lambda _task: clean_up(kind),
        done=lambda removed: say_removed(window, removed),
        failed=lambda exc: log.warning(
            "cleaning up after an interrupted operation failed: %s", exc
        ),
        owner=window,
        name="clean-up",
    )


def removed_sentence(removed: list[Leftover]) -> str:
    """One short sentence for all the copies removed (no paths: they do not fit one line)."""
    size = human_size(sum(r.size for r in removed))
    if len(removed) == 1:
        # Translators: {work} names what was interrupted, such as "an interrupted import".
        return tr(
            "Removed what {work} had left, a copy the program had made ({size}).",
            work=work_words(removed[0].kind),
            size=size,
        )
    return ntr(
        "Removed what {n} interrupted operation had left, copies the program had made ({size}).",
        "Removed what {n} interrupted operations had left, copies the program had made ({size}).",
        len(removed),
        size=size,
    )


def say_removed(window: QMainWindow, removed: list[Leftover]) -> None:
    """Say in the status bar what was removed, until the next message; its tooltip names
    each copy and where it was."""
    if not removed:
        return
    details = "\n".join(removed_words(r) for r in removed)
    log.info("%s", details)
    bar = window.statusBar()
    text = removed_sentence(removed)
    bar.showMessage(text)
    bar.setToolTip(details)
    _forget_tooltip_after(bar, text)


def _forget_tooltip_after(bar: QStatusBar, text: str) -> None:
    """The tooltip belongs to this message: gone once another one replaces it."""

    def changed(now: str) -> None:
        if now != text:
            bar.setToolTip("")
            bar.messageChanged.disconnect(changed)

    bar.messageChanged.connect(changed)

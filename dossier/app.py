"""Starts the window: on a dossier given, the last one opened, or the example dossier."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The core modules the window needs are imported here, before PySide6: once PySide6 is
# loaded, it reads the source of every module imported after it (for its __feature__
# switch), which costs start-up time.
from .core import opening, paths, records  # noqa: F401  opening, records: loaded before Qt
from .core.crypto.protected import PassphraseNeeded
from .core.errors import DossierError
from .core.resources import resource_path
from .core.storage import DossierDamagedError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from .ui.main_window import MainWindow


def run_app(
    path: Path | None = None,
    *,
    demo: bool = False,
    demo_if_none: bool = False,
    language: str | None = None,
) -> int:
    """Open the main window and run until it is closed.

    ``demo``: the example dossier. ``demo_if_none``: the last dossier, or the example
    when none was ever opened. Otherwise the last dossier, or the welcome page.
    ``language``: the window's language this time (otherwise the one chosen in the
    settings, or the system's when it is one of ours).
    """
    from .ui.quit_signals import StopSignals

    stop = StopSignals()  # from now on: a stop while the window is being made waits for it

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from . import APP_ID, APP_NAME
    from .ui.main_window import MainWindow, open_initial

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland finds the menu entry and icon by this id
    from .ui.main_thread_gc import MainThreadGarbage

    MainThreadGarbage(app)  # Qt objects in garbage are freed on this thread, never a worker's
    from .ui.language_choice import window_language
    from .ui.qt_language import apply_language
    from .ui.settings import settings

    apply_language(app, language or window_language(settings()))
    from .core.locale_format import warm_up

    warm_up()  # Babel, for the Overview's dates, in a thread while the window is made
    icon = resource_path("icons/app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    damaged: DossierDamagedError | None = None
    locked: Path | None = None  # a protected dossier: the window asks for its passphrase
    try:
        if demo or (demo_if_none and path is None and not paths.recent_dossiers()):
            from .core.dossier_choice import choose_dossier

            path = choose_dossier(None, demo=True)
        dossier = open_initial(path)
    except DossierDamagedError as exc:  # the window offers its newest good backup
        dossier, damaged = None, exc
    except PassphraseNeeded as exc:
        dossier, locked = None, exc.path
    except DossierError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    from .ui import shown_errors

    shown_errors.install()  # a refused change says why, never a traceback
    window = MainWindow(dossier)
    # Desktop notifications at the calendar's alarms, and the tray icon (asking the
    # desktop whether it has a tray takes time: once the window is on screen).
    window.after_paint.call(lambda: _remind_on_the_desktop(window))
    stop.attach(window, window.close)  # the system's "stop" closes it like Quit does
    window.show()
    window.after_paint.call(lambda: _clean_up_after_start(window))
    if damaged is not None:
        window.open_damaged(damaged)
    if locked is not None:
        window.open_path(locked)
    return int(app.exec())


def _remind_on_the_desktop(window: MainWindow) -> None:
    from .ui.reminders.controller import DesktopReminders

    DesktopReminders(window)  # the window's child: it lives as long as the window


def _clean_up_after_start(window: QMainWindow) -> None:
    """What an interrupted restore, export or opening of an archive left is removed once
    the window is on screen, off the UI thread, and the status bar says so; the copies of
    documents handed to other programs by a run of the program that crashed, at once."""
    from .ui.documents.external import remove_leftover_copies
    from .ui.safety.unfinished_cleanup import clean_up_in_background

    remove_leftover_copies()
    clean_up_in_background(window)

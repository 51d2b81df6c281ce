"""Window settings (geometry, splitters, last page) in an INI file under the config folder.

The folder follows DOSSIER_HOME, so tests never write the real settings. Qt writes the
file through a link in its place (QSaveFile follows links), so when ``settings.ini`` is
a link, or anything but a regular file, the settings of this session are kept in a
private temporary file instead: the link and what it points to are left alone.

The file says which version of its layout it holds (``settings/version``). When a later
program renames or reshapes a setting, it adds one step to :data:`UPGRADES`, which takes a
file from version N to N+1; :func:`settings` runs the missing steps, in order, when it
opens a file, so no code elsewhere has to read an old layout (as MusicBrainz Picard
does). A file written by a newer program is read as it is and never downgraded.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from ..core import paths, safe_files

if TYPE_CHECKING:
    from .dossier_view import DossierView

SETTINGS_NAME = "settings.ini"
VERSION_KEY = "settings/version"
_private: Path | None = None


def _to_version_1(state: QSettings) -> None:
    """Version 1 is the layout of the files written before they carried a version
    (``window/geometry``, ``view/page``, ``splitters/NAME``, ``documents/view``):
    nothing moves, the file only learns its version."""


Upgrade = Callable[[QSettings], None]
"""One step: changes a settings file of version N into the layout of version N + 1."""

# UPGRADES[n] takes a file from version n to n + 1; a file without a version is version 0.
UPGRADES: Sequence[Upgrade] = (_to_version_1,)
SETTINGS_VERSION = len(UPGRADES)


def settings() -> QSettings:
    """The settings, upgraded to :data:`SETTINGS_VERSION` if the file is older."""
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if safe_files.look(folder, SETTINGS_NAME).kind in ("missing", "file"):
        state = QSettings(str(folder / SETTINGS_NAME), QSettings.Format.IniFormat)
    else:
        state = QSettings(str(_private_file()), QSettings.Format.IniFormat)
    upgrade(state)
    return state


def settings_version(state: QSettings) -> int:
    """The version the file says it has: 0 when it says none (or nothing readable)."""
    value = state.value(VERSION_KEY)
    try:
        return max(0, int(str(value))) if value is not None else 0
    except ValueError:
        return 0


def upgrade(state: QSettings, steps: Sequence[Upgrade] = UPGRADES) -> None:
    """Run the steps from the file's version to the last, each recorded as it is done."""
    version = settings_version(state)
    if version >= len(steps):
        return  # current, or written by a newer program: left as it is
    for number in range(version, len(steps)):
        steps[number](state)
        state.setValue(VERSION_KEY, number + 1)
    state.sync()


def _private_file() -> Path:
    """A settings file for this session only, removed when the program ends."""
    global _private
    if _private is None:
        _private = Path(tempfile.mkdtemp(prefix="dossier-settings-"))
        atexit.register(shutil.rmtree, _private, True)
    return _private / SETTINGS_NAME


def save_view_state(view: DossierView) -> None:
    """Remember the page shown and where every named splitter of the pages made stands."""
    state = settings()
    state.setValue("view/page", view.current_page_key())
    for splitter in view.findChildren(QSplitter):
        if splitter.objectName():
            state.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())


def restore_splitters(_key: str, page: QWidget) -> None:
    """Put back the splitter positions saved for a page when it is first made."""
    state = settings()
    for splitter in page.findChildren(QSplitter):
        saved = state.value(f"splitters/{splitter.objectName()}")
        if splitter.objectName() and isinstance(saved, QByteArray):
            splitter.restoreState(saved)


def restore_view_state(view: DossierView) -> None:
    """The splitters of the pages already made, and the page shown last time."""
    state = settings()
    for key, page in view.built_pages().items():
        restore_splitters(key, page)
    shown = state.value("view/page")
    if isinstance(shown, str) and shown in view.pages:
        view.select_page(shown)


KEEP_IN_TRAY = "reminders/keepInTray"


def keep_in_tray() -> bool:
    """Whether closing the window leaves the program running in the system tray, to remind
    of appointments (off until the person chooses it)."""
    return str(settings().value(KEEP_IN_TRAY, "false")).lower() == "true"


def set_keep_in_tray(keep: bool) -> None:
    state = settings()
    state.setValue(KEEP_IN_TRAY, "true" if keep else "false")
    state.sync()

"""Window settings (geometry, splitters, last page) in an INI file under the config folder.

The folder follows DOSSIER_HOME, so tests never write the real settings. Qt writes the
file through a link in its place (QSaveFile follows links), so when ``settings.ini`` is
a link, or anything but a regular file, the settings of this session are kept in a
private temporary file instead: the link and what it points to are left alone.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from ..core import paths, safe_files

SETTINGS_NAME = "settings.ini"
_private: Path | None = None


def settings() -> QSettings:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if safe_files.look(folder, SETTINGS_NAME).kind in ("missing", "file"):
        return QSettings(str(folder / SETTINGS_NAME), QSettings.Format.IniFormat)
    return QSettings(str(_private_file()), QSettings.Format.IniFormat)


def _private_file() -> Path:
    """A settings file for this session only, removed when the program ends."""
    global _private
    if _private is None:
        _private = Path(tempfile.mkdtemp(prefix="dossier-settings-"))
        atexit.register(shutil.rmtree, _private, True)
    return _private / SETTINGS_NAME

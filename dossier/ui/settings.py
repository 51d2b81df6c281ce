"""Window settings (geometry, splitters, last page) in an INI file under the config folder.

The folder follows DOSSIER_HOME, so tests never write the real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..core import paths


def settings() -> QSettings:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)

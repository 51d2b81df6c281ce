"""Hand a file the program made to the person's usual programs: open it in the program the
system uses for its type, or show it in its folder (selected, where the system allows)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDir, QProcess, QUrl
from PySide6.QtGui import QDesktopServices


def open_with_system(path: Path) -> bool:
    """Open ``path`` in the program the system uses for its type."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding ``path`` in the system's file manager.

    On Windows and macOS the file is selected there; elsewhere the folder is opened (file
    managers there have no one way of being asked to select a file).
    """
    path = Path(path)
    if sys.platform == "win32":
        started, _pid = QProcess.startDetached(
            "explorer.exe", [f"/select,{QDir.toNativeSeparators(str(path))}"]
        )
        if started:
            return True
    elif sys.platform == "darwin":
        started, _pid = QProcess.startDetached("open", ["-R", str(path)])
        if started:
            return True
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))

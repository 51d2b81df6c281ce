"""Where the disc is: the CDs and USB sticks in the computer, a folder, or a ``.zip``.

A person with a hospital's CD in the drive should not have to know where the system puts
it: the discs and sticks found are offered first, by name. A folder (a disc copied to the
computer) or a ``.zip`` (a disc sent by e-mail or downloaded) can be chosen too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.bidi import isolate
from ...core.i18n import tr
from .dialog_size import tall_enough, wide_enough
from .reading_side import window_side

_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/Volumes/")
_DISC_FILE_SYSTEMS = (b"iso9660", b"udf", b"cd9660")


def found_discs() -> list[tuple[str, Path]]:
    """The CDs, DVDs and USB sticks mounted now: (their name, their folder)."""
    found: list[tuple[str, Path]] = []
    system = Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\") if sys.platform == "win32" else None
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady():
            continue
        root = volume.rootPath()
        disc = bytes(volume.fileSystemType().data()).lower() in _DISC_FILE_SYSTEMS
        if sys.platform == "win32":
            removable = Path(root) != system and len(root) <= 3
        else:
            removable = root.startswith(_REMOVABLE_ROOTS)
        if (removable or disc) and root != "/":
            found.append((volume.displayName() or Path(root).name or root, Path(root)))
    return found


def ask_folder(parent: QWidget | None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, tr("Choose the disc, or the folder that holds its files"), str(Path.home())
    )
    return Path(folder) if folder else None


def ask_zip(parent: QWidget | None) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Choose the .zip file of the disc"),
        str(Path.home()),
        tr("Zip files ({patterns});;All files (*)", patterns="*.zip *.ZIP"),
    )
    return Path(name) if name else None


class DiscSource(QDialog):
    """Asks where the disc is; :attr:`chosen` gives the folder or ``.zip`` picked."""

    chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discSource")
        self.setWindowTitle(tr("Add an imaging disc"))
        intro = QLabel(
            tr(
                "Put the CD, DVD or USB stick the hospital gave you in the computer, then "
                "choose it. The dossier reads the scans on it and checks that they are yours; "
                "nothing on the disc is run or changed."
            )
        )
        intro.setObjectName("discSourceIntro")
        intro.setWordWrap(True)
        window_side(intro)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(intro)
        self.disc_buttons: list[QPushButton] = []
        for name, root in found_discs():
            # Translators: a disc or USB stick found in the computer: "CT_DISC (/media/anna/CT_DISC)".
            button = QPushButton(
                tr("{name} ({place})", name=isolate(name), place=isolate(str(root)))
            )
            button.setObjectName("foundDisc")
            button.clicked.connect(lambda _checked=False, where=root: self._choose(where))
            self.disc_buttons.append(button)
            layout.addWidget(button)
        if not self.disc_buttons:
            none = QLabel(tr("No CD or USB stick was found in the computer just now."))
            none.setObjectName("noDiscFound")
            none.setWordWrap(True)
            window_side(none)
            layout.addWidget(none)
        self.folder_button = QPushButton(tr("Choose the disc or its folder…"))
        self.folder_button.setObjectName("chooseDiscFolder")
        self.folder_button.clicked.connect(lambda: self._choose(ask_folder(self)))
        self.zip_button = QPushButton(tr("Choose a .zip file…"))
        self.zip_button.setObjectName("chooseDiscZip")
        self.zip_button.clicked.connect(lambda: self._choose(ask_zip(self)))
        layout.addWidget(self.folder_button)
        layout.addWidget(self.zip_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        wide_enough(self, 64)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        tall_enough(self)

    def _choose(self, where: Path | None) -> None:
        if where is None:
            return
        self.accept()
        self.chosen.emit(where)


__all__ = ["DiscSource", "ask_folder", "ask_zip", "found_discs"]

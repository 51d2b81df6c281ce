"""What the Imaging page says before any disc is added: what to do, and why it helps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.i18n import tr


class EmptyImaging(QWidget):
    """A calm explanation and one button: Add Imaging Disc…"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyImaging")
        heading = QLabel(tr("No scans in this dossier yet"))
        heading.setObjectName("emptyImagingHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setWordWrap(True)
        text = QLabel(
            tr(
                "Add the CD or USB stick the hospital gave you with your scans (a CT, an MRI, "
                "X-rays). The dossier reads what is on it, checks that the files are yours, "
                "and shows the images here. A second doctor will want the images, not only "
                "the written reports: from here you can also copy the disc for them."
            )
        )
        text.setObjectName("emptyImagingText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(text.fontMetrics().averageCharWidth() * 80)
        self.button = QPushButton(tr("Add Imaging Disc…"))
        self.button.setObjectName("emptyAddDisc")
        big = self.button.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.button.setFont(big)
        self.button.setMinimumHeight(self.button.sizeHint().height() + 12)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addSpacing(8)
        centred = QHBoxLayout()  # wrapped text keeps its height only without an alignment
        centred.addStretch(1)
        centred.addWidget(text, 4)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(16)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


__all__ = ["EmptyImaging"]

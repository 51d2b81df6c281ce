"""The first screen when no dossier is open: start one, open the example, or open one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr


class WelcomePage(QWidget):
    start_for_self = Signal()
    start_for_other = Signal()
    open_example = Signal()
    open_other = Signal()
    open_recent = Signal(Path)

    def __init__(self, recent: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title = QLabel(tr("Second Opinion Dossier"))
        title.setObjectName("title")
        self._place_title()
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            tr(
                "Keep everything about a medical second opinion in one place: documents, "
                "doctors, deadlines, questions, and the opinions side by side. "
                "It all stays on this computer."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        for name, text, signal in (
            ("startSelf", tr("Start a dossier for myself"), self.start_for_self),
            ("startOther", tr("Start a dossier for someone I help"), self.start_for_other),
            ("openExample", tr("Open the example dossier"), self.open_example),
            ("openOther", tr("Open a dossier…"), self.open_other),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(40)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        self.recent = QListWidget()
        self.recent.setObjectName("recent")
        self.recent.setAccessibleName(tr("Recent dossiers"))
        for path in recent:
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        self.recent.itemActivated.connect(
            lambda item: self.open_recent.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        if recent:
            layout.addWidget(QLabel(tr("Recent dossiers")))
            layout.addWidget(self.recent)
        else:
            self.recent.hide()
        layout.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_title()
        super().changeEvent(event)

    def _place_title(self) -> None:
        """Start the title where the window's text starts (at the right in Hebrew). A label
        lines up by its own text, and the program's name stays in Latin letters in Hebrew
        too, so left alone it would stand at the left of a right-to-left window."""
        right = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        side = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        self.title.setAlignment(
            side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        )

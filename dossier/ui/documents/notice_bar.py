"""The calm line under the Documents page's filters: what just happened (an import going
on, a document moved to the trash, a copy saved), with a button to the import list."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QWidget):
    """A line of text, and the button that shows the import's list when there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = QLabel()
        self.notice.setObjectName("documentsNotice")
        self.notice.setWordWrap(True)
        self.show_progress_button = QPushButton()
        self.show_progress_button.setObjectName("showImportProgress")
        self.show_progress_button.hide()
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.notice, 1)
        bar.addWidget(self.show_progress_button)
        self.hide()

    def show_notice(self, text: str, *, button: str = "") -> None:
        """Say ``text`` (nothing hides the bar); ``button`` names the button that opens the
        import list (none without it)."""
        self.notice.setText(text)
        self.show_progress_button.setText(button)
        self.show_progress_button.setVisible(bool(button))
        self.setVisible(bool(text))

"""The Documents page's two sides: the browser, and the reader while a document is open.

While a document is open the browser keeps the width last given to it: one column of
thumbnails, or a list wide enough for titles, at first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QWidget

from .browser import DocumentBrowser
from .reader import DocumentReader


class BrowserAndReader(QSplitter):
    """The browser beside the reader; the reader is hidden while no document is open."""

    def __init__(
        self, browser: DocumentBrowser, reader: DocumentReader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.browser = browser
        self.reader = reader
        self.setObjectName("documentsSplitter")
        self.addWidget(browser)
        self.addWidget(reader)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setCollapsible(0, False)
        self.setCollapsible(1, False)
        reader.hide()
        self._browser_width = {"grid": browser.one_column_width(), "list": 320}
        self.splitterMoved.connect(lambda *_: self._remember_browser_width())

    def show_reader(self, shown: bool) -> bool:
        """Show or hide the reader; True when it was hidden and is now shown."""
        was_open = self.reader.isVisible()
        self.reader.setVisible(shown)
        self.browser.set_beside_reader(shown)
        if not shown or was_open:
            return False
        total = max(600, sum(self.sizes()))
        browser = min(self._browser_width.get(self.browser.mode, 300), total // 2)
        self.setSizes([browser, total - browser])
        return True

    def _remember_browser_width(self) -> None:
        if self.reader.isVisible():
            self._browser_width[self.browser.mode] = self.sizes()[0]

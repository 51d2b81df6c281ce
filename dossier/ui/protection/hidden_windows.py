"""The dossier's other windows while the main window is locked: none is seen.

At the lock, every other window of the program is put away: a modal one (a question, a
form in a dialog) is closed as if cancelled, since its caller waits for an answer; any
other (a print preview, the print dialog) is hidden and shown again once unlocked. A
window that appears while locked (a message at the end of an import) is treated the
same way, caught as it is shown by a filter that looks at Show events only (installed
for the time of the lock). Menus and tooltips are left alone: the lock screen has its own.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

_LEFT_ALONE = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


class HiddenWindows(QObject):
    """Puts away the windows other than ``main`` (see the module's text)."""

    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self.main = main
        self.hidden: list[QWidget] = []
        self._watching = False

    def put_away(self) -> None:
        """Put away every other window now, and every one shown until :meth:`bring_back`."""
        QToolTip.hideText()
        for widget in QApplication.topLevelWidgets():
            self._put_away(widget)
        app = QCoreApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True

    def stop_watching(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False

    def bring_back(self) -> None:
        """Show again the windows hidden (those still there), and stop watching."""
        self.stop_watching()
        hidden, self.hidden = self.hidden, []
        for widget in hidden:
            if shiboken6.isValid(widget):
                widget.show()

    def forget(self) -> None:
        """The dossier they belonged to is no longer shown: close them instead."""
        self.stop_watching()
        hidden, self.hidden = self.hidden, []
        for widget in hidden:
            if shiboken6.isValid(widget):
                widget.close()

    def _put_away(self, widget: QWidget) -> None:
        if (
            widget is self.main
            or not widget.isWindow()
            or not widget.isVisible()
            or widget.windowType() in _LEFT_ALONE
        ):
            return
        if widget.isModal():
            widget.close()  # a dialog waiting for an answer: cancelled
            if widget.isVisible():  # a question that cannot be cancelled
                widget.hide()
        else:
            widget.hide()
            if widget not in self.hidden:
                self.hidden.append(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched.isWidgetType():
            widget = watched
            assert isinstance(widget, QWidget)
            if widget.isWindow() and widget is not self.main:
                # once it is on screen: closing it inside its own Show would confuse Qt
                QTimer.singleShot(0, self, lambda: self._later(widget))
        return False

    def _later(self, widget: QWidget) -> None:
        if self._watching and shiboken6.isValid(widget):
            self._put_away(widget)

"""The window's Print menu: one entry per report, each opening its dialog.

The dialogs, the preview (QtPdf) and printing (QtPrintSupport) are imported on first use,
so they cost nothing when the window starts."""

from __future__ import annotations

import sys
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from ...core.i18n import tr

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .print_dialog import PrintDialog

PREVIEW_MODULE = __name__.rsplit(".", 1)[0] + ".preview"


class PrintMenu(QObject):
    """Builds the "Print" menu on ``bar``; its actions are enabled while a dossier is open."""

    def __init__(self, window: MainWindow, bar: QMenuBar) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PrintDialog | None = None
        self.menu = bar.addMenu(tr("&Print"))
        self.menu.setObjectName("printMenu")
        entries = (
            ("brief", tr("Consultation &brief…"), QKeySequence.StandardKey.Print),
            ("questions", tr("&Question sheet…"), None),
            ("comparison", tr("&Comparison of opinions…"), None),
            ("request-letter", tr("Records &request letter…"), None),
            ("cover-letter", tr("Co&ver letter to the second doctor…"), None),
            ("tell-first-doctor", tr("Letter to the &first doctor…"), None),
            ("handover", tr("&Hand-over letter after the decision…"), None),
            ("index", tr("Document &index…"), None),
            ("packet", tr("Consultation &packet…"), None),
            ("plan", tr("P&lan for the family…"), None),
        )
        self.actions: dict[str, QAction] = {}
        for kind, text, shortcut in entries:
            action = self.menu.addAction(text)
            action.setObjectName(f"print-{kind}")
            if shortcut is not None:
                window.after_paint.call(partial(action.setShortcut, shortcut), action)
            action.triggered.connect(lambda _checked=False, k=kind: self.open(k))
            self.actions[kind] = action

    def set_enabled(self, enabled: bool) -> None:
        """Called whenever the window's dossier may have changed."""
        for action in self.actions.values():
            action.setEnabled(enabled)
        if self.dialog is not None and self.dialog.session is not self.window.session:
            self._drop_dialog()  # it reads a dossier that is no longer open here

    def _drop_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.discard()
            self.dialog.deleteLater()
            self.dialog = None

    def window_closing(self) -> None:
        """The window goes: so do its print dialog (a render still running throws its file
        away) and its previews. (Called by the window's close, not through an event filter
        on it: a Python filter sees every event of the window, and one of them came while
        the window was being taken apart and crashed the program.)"""
        self._drop_dialog()
        if PREVIEW_MODULE in sys.modules:  # else no preview was ever opened
            from .preview import PreviewWindow

            for preview in self.window.findChildren(PreviewWindow):
                preview.close()

    def shown_case(self) -> int | None:
        """The case on screen, when the cases page shows one."""
        view = self.window.view
        if view is None:
            return None
        page = view.built_pages().get("cases")
        case_id = getattr(page, "case_id", None)
        return case_id if isinstance(case_id, int) else None

    def open(self, kind: str, case_id: int | None = None) -> PrintDialog | None:
        """The print dialog of ``kind``, for ``case_id`` (default: the case on screen)."""
        session = self.window.session
        if session is None:
            return None
        if self.dialog is not None:
            if not self.dialog.close():  # the person kept an edited letter
                self.dialog.raise_()
                return self.dialog
            self.dialog.deleteLater()
        from .print_dialog import PrintDialog

        case = self.shown_case() if case_id is None else case_id
        self.dialog = PrintDialog(session, kind, case_id=case, parent=self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

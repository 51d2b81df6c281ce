"""The open dossier as the window sees it: one place that runs operations.

Every change a person makes goes through :meth:`Session.apply`, which runs the
core operation, records it for undo, and announces it with :attr:`changed` so
that views refresh only what changed. A change the core refuses (bad input, a dossier
open for reading only) takes one path too: its message goes where the caller shows
such things (a form under its fields, a page in its notice), else into a message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal

from ..core.errors import DossierError
from ..core.history import History
from ..core.records import Change
from ..core.storage import Dossier


class Session(QObject):
    changed = Signal(object)  # a core Change
    reloaded = Signal()  # everything may have changed (another dossier, an import)
    history_changed = Signal()

    def __init__(self, dossier: Dossier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dossier = dossier
        self.history = History()

    def apply(
        self,
        operation: Callable[[Dossier], Change],
        refused: Callable[[DossierError], object] | None = None,
    ) -> Change | None:
        """Run ``operation`` (one core call); record and announce its change.

        When the core refuses it (a DossierError: ValidationError…; on a dossier open
        for reading only, ReadOnlyDossier with the reason, before anything), nothing
        changes: ``refused(error)`` shows why where the caller says such things, or
        without one a message does; and None is returned.
        """
        try:
            self.dossier.require_writable()
            change = operation(self.dossier)
        except DossierError as error:
            if refused is not None:
                refused(error)
            else:
                import shiboken6
                from PySide6.QtWidgets import QApplication

                from .read_only_notice import show_refusal

                window = QApplication.activeWindow()  # a closed dialog may linger there
                visible = window is not None and shiboken6.isValid(window) and window.isVisible()
                show_refusal(window if visible else None, error.message)
            return None
        self.history.record(change)
        self.changed.emit(change)
        self.history_changed.emit()
        return change

    def undo(self) -> Change | None:
        return self._step(self.history.undo) if self.history.can_undo else None

    def redo(self) -> Change | None:
        return self._step(self.history.redo) if self.history.can_redo else None

    def _step(self, step: Callable[[Dossier], Change]) -> Change:
        self.dossier.require_writable()
        try:
            change = step(self.dossier)
        finally:
            self.history_changed.emit()
        self.changed.emit(change)
        return change

    @contextlib.contextmanager
    def grouped(self, summary: str) -> Iterator[None]:
        """What is applied in the block is one undo step (see ``History.grouped``)."""
        try:
            with self.history.grouped(summary):
                yield
        finally:
            self.history_changed.emit()

    def notify_reloaded(self) -> None:
        """Tell every view to reload (after work done outside :meth:`apply`)."""
        self.reloaded.emit()


__all__ = ["DossierError", "Session"]

"""The open dossier as the window sees it: one place that runs operations.

Every change a person makes goes through :meth:`Session.apply`, which runs the
core operation, records it for undo, and announces it with :attr:`changed` so
that views refresh only what changed.
"""

from __future__ import annotations

from collections.abc import Callable

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

    def apply(self, operation: Callable[[Dossier], Change]) -> Change:
        """Run ``operation`` (one core call); record and announce its change.

        Raises the core's DossierError (ValidationError…) for the caller to show; on a
        dossier open for reading only, ReadOnlyDossier with the reason, before anything.
        """
        self.dossier.require_writable()
        change = operation(self.dossier)
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

    def notify_reloaded(self) -> None:
        """Tell every view to reload (after work done outside :meth:`apply`)."""
        self.reloaded.emit()


__all__ = ["DossierError", "Session"]

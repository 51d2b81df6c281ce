"""At the top of the Overview, once: what fell due while the program was closed.

When the Overview is first shown after a dossier opens, the reminders that fell due and
were never given (within the core's look-back of 14 days) are listed in a calm panel,
each with Open, and "Got it" to put it away; they are then recorded as given, so the
next opening does not list them again (a dossier open for reading only cannot record
it: it lists them at each opening).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ...core.clock import now
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.reminders import mark_reminders_shown, missed_reminders
from ...core.sql_driver import sqlite3
from ..session import Session
from .opening import open_item
from .reminder_list import ReminderPanel


class MissedReminders(ReminderPanel):
    """The panel for ``page`` (the Overview), which it watches: the first time the page is
    shown, it looks for missed reminders; hidden when there are none."""

    def __init__(self, session: Session, page: QWidget) -> None:
        super().__init__(tr("While the program was closed:"), page)
        self.setObjectName("missedReminders")
        self.session = session
        self.looked = False
        self.hide()
        self.open_item.connect(self._open)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and not self.looked:
            watched.removeEventFilter(self)
            self.look()
        return False

    def look(self) -> None:
        """List what was missed, and record it as given (once; the page's first showing)."""
        self.looked = True
        dossier = self.session.dossier
        if dossier.db.closed:
            return
        moment = now()
        try:
            missed = missed_reminders(dossier, moment)
        except (DossierError, sqlite3.Error):  # unreadable now: the Overview says the rest
            return
        if not missed:
            return
        self.add(missed)
        self.show()
        mark_reminders_shown(dossier, missed, moment)

    def _open(self, entity: str, record_id: int) -> None:
        from ..dossier_view import DossierView

        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, DossierView):
            parent = parent.parentWidget()
        if parent is not None:
            open_item(parent, entity, record_id)


__all__ = ["MissedReminders"]

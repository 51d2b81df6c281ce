"""Adding an appointment from a calendar invitation, in the window: the file chosen (or
dropped, or given to Import files), read, shown in :class:`.InvitationDialog`, and the
appointment added then shown on the Calendar page.

Invitations given to the import are taken aside by their content (BEGIN:VCALENDAR), not by
their name; each is shown in turn, after the import that brought them has started.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from ...core.i18n import tr
from ...core.ical.invitation import InvitationError, read_invitation
from ...core.importer.sniff import is_calendar_file
from ..read_only_notice import show_refusal
from .invitation_dialog import InvitationDialog

if TYPE_CHECKING:
    from ..dossier_view import DossierView

CALENDAR_FILES = "*.ics *.ICS *.ical *.ifb *.icalendar *.vcs"


def is_invitation(path: Path) -> bool:
    """Whether ``path`` is an ordinary file holding a calendar (a pipe is never opened)."""
    try:
        return path.is_file() and is_calendar_file(path)
    except OSError:
        return False


def ask_invitation(view: DossierView) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        view,
        tr("Choose the invitation"),
        str(Path.home()),
        tr("Calendar invitations ({patterns});;All files (*)", patterns=CALENDAR_FILES),
    )
    return Path(name) if name else None


def add_from_invitation(view: DossierView, path: Path | None = None) -> list[int]:
    """Ask for an invitation (unless ``path`` is given), show it, and add it when the person
    says so; the new appointment is then shown. The numbers of those added."""
    session = view.session
    read_only = session.dossier.read_only
    if read_only is not None:  # say why before a file is even chosen
        show_refusal(view, read_only.refusal, read_only)
        return []
    chosen = path or ask_invitation(view)
    if chosen is None:
        return []
    try:
        invitation = read_invitation(chosen)
    except InvitationError as error:
        show_refusal(view, error.message)
        return []
    dialog = InvitationDialog(session, invitation, str(chosen), view)
    try:
        if dialog.exec() != InvitationDialog.DialogCode.Accepted:
            return []
        added = dialog.added_ids()
    finally:
        dialog.deleteLater()
    if added:
        page = view.show_page("calendar")
        select = getattr(page, "select", None)
        if callable(select):
            select("appointment", added[0])
    return added


def offer_invitations(view: DossierView, paths: Sequence[Path]) -> None:
    """Show each invitation in turn, once the event that brought them (a drop) is over."""

    def show_each() -> None:
        for path in paths:
            add_from_invitation(view, path)

    QTimer.singleShot(0, view, show_each)


__all__ = ["CALENDAR_FILES", "add_from_invitation", "is_invitation", "offer_invitations"]

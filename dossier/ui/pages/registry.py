"""The pages of the main window, in navigation order, with their keyboard shortcuts.

Each entry: (key, title, shortcut, factory(session) -> QWidget). Add a page by
adding one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtWidgets import QWidget

from ...core.i18n import tr
from ..session import Session


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    shortcut: str
    make: Callable[[Session], QWidget]


def _lazy(module: str, name: str) -> Callable[[Session], QWidget]:
    """A factory that imports its page's module only when the page is first made."""

    def make(session: Session) -> QWidget:
        factory: Callable[[Session], QWidget] = getattr(import_module(module, __package__), name)
        return factory(session)

    return make


def pages() -> list[PageEntry]:
    return [
        PageEntry("overview", tr("Overview"), "Ctrl+1", _lazy(".overview", "OverviewPage")),
        PageEntry("cases", tr("Cases"), "Ctrl+2", _lazy(".cases", "CasesPage")),
        PageEntry("documents", tr("Documents"), "Ctrl+3", _lazy(".documents", "DocumentsPage")),
        # After Documents, where a disc's scans belong; the pages after it keep their keys.
        PageEntry("imaging", tr("Imaging"), "Ctrl+Shift+3", _lazy(".imaging", "ImagingPage")),
        PageEntry("contacts", tr("Contacts"), "Ctrl+4", _lazy(".contacts", "contacts_page")),
        PageEntry("calendar", tr("Calendar"), "Ctrl+5", _lazy(".calendar", "CalendarPage")),
        PageEntry("questions", tr("Questions"), "Ctrl+6", _lazy(".questions", "QuestionsPage")),
        PageEntry("costs", tr("Costs"), "Ctrl+7", _lazy(".costs", "CostsPage")),
        PageEntry(
            "records",
            tr("Records and items"),
            "Ctrl+8",
            _lazy(".records_items", "RecordsPage"),
        ),
        PageEntry("notes", tr("Notes"), "Ctrl+9", _lazy(".notes", "notes_page")),
        PageEntry("trash", tr("Trash"), "Ctrl+0", _lazy(".trash", "TrashPage")),
    ]

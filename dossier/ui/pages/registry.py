"""The pages of the main window, in navigation order, with their keyboard shortcuts.

Each entry: (key, title, shortcut, factory(session) -> QWidget). Add a page by
adding one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..session import Session


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    shortcut: str
    make: Callable[[Session], QWidget]


def pages() -> list[PageEntry]:
    from .calendar import CalendarPage
    from .cases import CasesPage
    from .contacts import contacts_page
    from .costs import CostsPage
    from .documents import DocumentsPage
    from .notes import notes_page
    from .overview import OverviewPage
    from .questions import QuestionsPage
    from .records_items import RecordsPage
    from .trash import TrashPage

    t = QCoreApplication.translate
    return [
        PageEntry("overview", t("pages", "Overview"), "Ctrl+1", OverviewPage),
        PageEntry("cases", t("pages", "Cases"), "Ctrl+2", CasesPage),
        PageEntry("documents", t("pages", "Documents"), "Ctrl+3", DocumentsPage),
        PageEntry("contacts", t("pages", "Contacts"), "Ctrl+4", contacts_page),
        PageEntry("calendar", t("pages", "Calendar"), "Ctrl+5", CalendarPage),
        PageEntry("questions", t("pages", "Questions"), "Ctrl+6", QuestionsPage),
        PageEntry("costs", t("pages", "Costs"), "Ctrl+7", CostsPage),
        PageEntry("records", t("pages", "Records and items"), "Ctrl+8", RecordsPage),
        PageEntry("notes", t("pages", "Notes"), "Ctrl+9", notes_page),
        PageEntry("trash", t("pages", "Trash"), "Ctrl+0", TrashPage),
    ]

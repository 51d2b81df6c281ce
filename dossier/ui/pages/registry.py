"""The pages of the main window, in navigation order, with their keyboard shortcuts.

Each entry: (key, title, shortcut, factory(session) -> QWidget). Add a page by
adding one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

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
    t = QCoreApplication.translate
    return [
        PageEntry("overview", t("pages", "Overview"), "Ctrl+1", _lazy(".overview", "OverviewPage")),
        PageEntry("cases", t("pages", "Cases"), "Ctrl+2", _lazy(".cases", "CasesPage")),
        PageEntry(
            "documents", t("pages", "Documents"), "Ctrl+3", _lazy(".documents", "DocumentsPage")
        ),
        PageEntry(
            "contacts", t("pages", "Contacts"), "Ctrl+4", _lazy(".contacts", "contacts_page")
        ),
        PageEntry("calendar", t("pages", "Calendar"), "Ctrl+5", _lazy(".calendar", "CalendarPage")),
        PageEntry(
            "questions", t("pages", "Questions"), "Ctrl+6", _lazy(".questions", "QuestionsPage")
        ),
        PageEntry("costs", t("pages", "Costs"), "Ctrl+7", _lazy(".costs", "CostsPage")),
        PageEntry(
            "records",
            t("pages", "Records and items"),
            "Ctrl+8",
            _lazy(".records_items", "RecordsPage"),
        ),
        PageEntry("notes", t("pages", "Notes"), "Ctrl+9", _lazy(".notes", "notes_page")),
        PageEntry("trash", t("pages", "Trash"), "Ctrl+0", _lazy(".trash", "TrashPage")),
    ]

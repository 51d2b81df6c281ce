"""The screens of the main window to capture: every page, each tab of a case, the
documents as a grid, as a list and one open, and the search's results.

Each :class:`Shot` puts the window in its state and returns the window to capture; a
shot that opens something over the window (a dialog) closes it in its ``after``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QTabWidget, QWidget

from ...core import records
from ...core.i18n import ENGLISH, current_language
from ...core.storage import Dossier
from .. import tasks
from ..main_window import MainWindow

__all__ = ["Scene", "Shot", "case_named", "main_window_shots", "settle", "shown"]


@dataclass
class Scene:
    """The window being captured, its dossier, and a folder for files a shot needs."""

    window: MainWindow
    work: Path
    width: int
    height: int
    today: str  # ISO, the pinned day
    opened: list[QWidget] = field(default_factory=list)  # closed after each shot

    @property
    def dossier(self) -> Dossier:
        assert self.window.session is not None
        return self.window.session.dossier

    def page(self, key: str) -> Any:
        assert self.window.view is not None
        return self.window.view.show_page(key)


@dataclass(frozen=True)
class Shot:
    name: str
    show: Callable[[Scene], QWidget]  # returns the window to capture


def settle(most_seconds: float = 5.0) -> None:
    """Let the window finish what it started: layouts, timers at 0, thumbnails, searches."""
    from time import monotonic, sleep

    app = QApplication.instance()
    assert app is not None
    deadline = monotonic() + most_seconds
    quiet = 0
    while monotonic() < deadline and quiet < 3:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
        busy = tasks.running() or QThreadPool.globalInstance().activeThreadCount() > 0
        if busy:
            quiet = 0
            QThreadPool.globalInstance().waitForDone(20)
            sleep(0.01)  # the tasks' own threads work meanwhile (a busy loop starves them)
        else:
            quiet += 1


def shown(scene: Scene, dialog: QDialog, width: int = 0, height: int = 0) -> QDialog:
    """``dialog`` on screen in the middle of the window; closed after its picture."""
    scene.opened.append(dialog)
    if width and height:
        dialog.resize(width, height)
    dialog.show()
    settle()
    centre = scene.window.geometry().center()
    frame = dialog.frameGeometry()
    frame.moveCenter(centre)
    dialog.move(frame.topLeft())
    return dialog


def case_named(dossier: Dossier, kind: str) -> int | None:
    """The first live case of ``kind`` ("treatment"…), or the first case, or None."""
    cases = records.list_records(dossier, "case")
    chosen = [c for c in cases if c.get("kind") == kind] or cases
    return int(chosen[0]["id"]) if chosen else None


def select_first(page: QWidget) -> None:
    """Select the first row of the page's main list, so its form shows a record."""
    table = getattr(page, "table", None)
    if not isinstance(table, QAbstractItemView) or table.currentIndex().isValid():
        return
    model = table.model()
    if model is not None and model.rowCount() > 0:
        table.setCurrentIndex(model.index(0, 0))


def _page(key: str, *, first: bool = False) -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        page = scene.page(key)
        if first:
            select_first(page)
        return scene.window

    return show


def _case_tab(tab: str, kind: str = "treatment") -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        page = scene.page("cases")
        case = case_named(scene.dossier, kind)
        if case is not None:
            page.show_case(case)
        tabs: QTabWidget = page.tabs
        tabs.setCurrentWidget(getattr(page, tab))
        if tab in ("diagnoses", "treatments", "opinions"):
            select_first(getattr(page, tab))
        return scene.window

    return show


def _handover_tab(kind: str) -> Callable[[Scene], QWidget]:
    """The Hand-over tab of the first case of ``kind``: the knee's checklist of who has been
    told (decided, the GP not yet), or what the breast case sent to the second doctor."""

    def show(scene: Scene) -> QWidget:
        page = scene.page("cases")
        case = case_named(scene.dossier, kind)
        if case is not None:
            page.show_case(case)
        page.tabs.setCurrentWidget(page.tabs.handover)
        select_first(page.tabs.handover.records)
        return scene.window

    return show


def _records_tab(index: int) -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        page = scene.page("records")
        page.tabs.setCurrentIndex(index)
        select_first(page.tabs.currentWidget())
        return scene.window

    return show


def _documents(mode: str, *, open_one: bool = False) -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        page = scene.page("documents")
        page.close_document()
        page.set_view_mode(mode, remember=False)
        if open_one:
            found = records.list_records(scene.dossier, "document")
            if found:
                page.open_document(int(found[0]["id"]))
        return scene.window

    return show


def _calendar(scene: Scene) -> QWidget:
    page = scene.page("calendar")
    coming = [a for a in records.list_records(scene.dossier, "appointment")]
    if coming:
        page.select("appointment", int(coming[-1]["id"]))
    return scene.window


#: A word the example dossier of each language holds many times (its own content file,
#: resources/demo/content.<code>.toml), so the search screen shows hits in every language.
SEARCH_WORDS: dict[str, str] = {
    "en": "biopsy",
    "nl": "biopsie",
    "he": "ביופסיה",
    "uk": "біопсія",
    "ru": "биопсия",
}


def search_word(language: str) -> str:
    """What the search screen looks for in ``language`` (English's word for one without)."""
    return SEARCH_WORDS.get(language, SEARCH_WORDS[ENGLISH])


def _search(scene: Scene) -> QWidget:
    scene.page("overview")
    assert scene.window.view is not None
    box = scene.window.view.search
    box.line.setText(search_word(current_language()))
    box.run_now()
    settle()
    return scene.window


def _close_documents(scene: Scene) -> None:
    built = scene.window.view.built_pages() if scene.window.view is not None else {}
    page = built.get("documents")
    if page is not None:
        page.close_document()  # type: ignore[attr-defined]


def main_window_shots(*, example: bool) -> list[Shot]:
    """The window's pages; for the example dossier also the tabs of a case and the rest."""
    if not example:
        return [
            Shot(f"empty-{key}", _page(key))
            for key in (
                "overview",
                "cases",
                "documents",
                "imaging",
                "contacts",
                "calendar",
                "questions",
                "costs",
                "records",
                "notes",
                "trash",
            )
        ]
    return [
        Shot("overview", _page("overview")),
        Shot("cases-details", _case_tab("details")),
        Shot("cases-diagnoses", _case_tab("diagnoses")),
        Shot("cases-treatments", _case_tab("treatments", "surgery")),
        Shot("cases-opinions", _case_tab("opinions")),
        Shot("cases-documents", _case_tab("documents")),
        Shot("cases-comparison", _case_tab("comparison")),
        Shot("cases-knee-comparison", _case_tab("comparison", "surgery")),
        Shot("cases-plan", _case_tab("plan", "diagnosis")),
        Shot("cases-handover", _handover_tab("surgery")),
        Shot("cases-handover-sent", _handover_tab("treatment")),
        Shot("documents-grid", _documents("grid")),
        Shot("documents-list", _documents("list")),
        Shot("documents-open", _documents("list", open_one=True)),
        Shot("contacts", _page("contacts", first=True)),
        Shot("calendar", _calendar),
        Shot("questions", _page("questions", first=True)),
        Shot("costs", _page("costs", first=True)),
        Shot("records-requests", _records_tab(0)),
        Shot("records-items", _records_tab(1)),
        Shot("notes", _page("notes", first=True)),
        Shot("trash", _page("trash", first=True)),
        Shot("search-results", _search),
    ]


CLOSE_AFTER = {"documents-open": _close_documents}

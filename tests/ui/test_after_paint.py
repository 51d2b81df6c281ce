"""Keyboard shortcuts are set once the window is on screen, not before its first paint."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.storage import Dossier
from dossier.ui.after_paint import AfterFirstPaint
from dossier.ui.main_window import MainWindow


def test_work_waits_for_the_first_paint_then_runs_at_once(qtbot: QtBot) -> None:
    widget = QLabel("hello")
    qtbot.addWidget(widget)
    waiter = AfterFirstPaint(widget)
    ran: list[str] = []
    waiter.call(lambda: ran.append("first"))
    assert ran == []  # not shown, not painted: it waits
    widget.show()
    qtbot.waitUntil(lambda: waiter.done)
    assert ran == ["first"]
    waiter.call(lambda: ran.append("later"))
    assert ran == ["first", "later"]  # after the first paint: at once


def test_work_of_an_owner_deleted_meanwhile_is_skipped(qtbot: QtBot) -> None:
    widget = QLabel("hello")
    qtbot.addWidget(widget)
    waiter = AfterFirstPaint(widget)
    owner = QWidget()
    ran: list[str] = []
    waiter.call(lambda: ran.append("gone"), owner)
    waiter.call(lambda: ran.append("kept"), widget)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    waiter.flush()
    assert ran == ["kept"]


def _alive(obj: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_window_s_shortcuts_come_with_its_first_paint(qtbot: QtBot, dossier: Dossier) -> None:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    assert window.undo_action.shortcut().isEmpty()
    assert all(action.shortcut().isEmpty() for action in window.menus.go_menu.actions())
    window.show()
    qtbot.waitUntil(lambda: window.after_paint.done)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.view is not None
    pages = {action.shortcut().toString() for action in window.menus.go_menu.actions()}
    assert {"Ctrl+1", "Ctrl+0"} <= pages  # the Go menu's, set once (tests/ui/test_main_window.py)
    assert "Ctrl+F" in {s.key().toString() for s in window.view.findChildren(QShortcut)}
    assert "Ctrl+1" in window.view.nav.item(0).toolTip()
    window.close()


def test_work_waits_for_the_expected_page_too(qtbot: QtBot) -> None:
    window = QLabel("window")
    qtbot.addWidget(window)
    waiter = AfterFirstPaint(window)
    waiter.expect_page()
    ran: list[str] = []
    waiter.call(lambda: ran.append("work"))
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert ran == [] and not waiter.done  # the window painted, the page not yet made
    page = QLabel("page")
    qtbot.addWidget(page)
    waiter.page_made(page)
    page.show()
    qtbot.waitUntil(lambda: waiter.done)
    assert ran == ["work"]


def test_a_page_never_made_holds_the_work_back_only_a_moment(qtbot: QtBot) -> None:
    window = QLabel("window")
    qtbot.addWidget(window)
    waiter = AfterFirstPaint(window)
    waiter.expect_page()
    ran: list[str] = []
    waiter.call(lambda: ran.append("work"))
    window.show()
    qtbot.waitUntil(lambda: waiter.done, timeout=5000)
    assert ran == ["work"]


def test_the_window_s_waiting_work_comes_after_the_overview(qtbot: QtBot, dossier: Dossier) -> None:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    seen: list[bool] = []
    window.after_paint.call(lambda: seen.append("overview" in window.view.built_pages()))
    window.show()
    qtbot.waitUntil(lambda: window.after_paint.done)
    assert seen == [True]
    window.close()


def test_a_page_made_but_never_shown_holds_the_work_back_only_a_moment(qtbot: QtBot) -> None:
    window = QLabel("window")
    qtbot.addWidget(window)
    waiter = AfterFirstPaint(window)
    waiter.expect_page()
    hidden = QLabel("a page made before the window showed, then not shown")
    qtbot.addWidget(hidden)
    waiter.page_made(hidden)
    ran: list[str] = []
    waiter.call(lambda: ran.append("work"))
    window.show()
    qtbot.waitUntil(lambda: waiter.done, timeout=5000)
    assert ran == ["work"]

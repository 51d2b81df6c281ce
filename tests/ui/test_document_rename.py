"""Renaming a document from the grid and the list (F2, or Rename… in its menu), undoable,
a blank title refused calmly; and the details beside the open document, its original file
name at the top and nothing cut off at the bottom, at 1366x768. Driven by keys and clicks
on the real window, over a copy of the example dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui.documents.rename import RenameDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from tests.ui.windows import page_of, shown_window
from tests.unit.test_foreign_schema import WIPE, tamper


def documents(qtbot: QtBot, demo: Dossier, mode: str) -> tuple[MainWindow, DocumentsPage]:
    window = shown_window(qtbot, demo)
    page = page_of(window, "documents", DocumentsPage)
    page.set_view_mode(mode, remember=False)
    return window, page


def with_original_name(demo: Dossier) -> dict[str, Any]:
    return next(r for r in records.list_records(demo, "document") if r.get("original_name"))


def open_dialog(qtbot: QtBot, page: DocumentsPage) -> RenameDialog:
    qtbot.waitUntil(lambda: page.rename_dialog is not None and page.rename_dialog.isVisible())
    dialog = page.rename_dialog
    assert isinstance(dialog, RenameDialog)
    return dialog


def right_click(view: QAbstractItemView, row: int) -> None:
    """What a right click on the row gives the view: a context menu event there."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)


def test_f2_in_the_grid_renames_and_undo_takes_it_back(qtbot: QtBot, demo: Dossier) -> None:
    record = with_original_name(demo)
    old = record["title"]
    window, page = documents(qtbot, demo, "grid")
    page.select_document(record["id"])
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_F2)
    dialog = open_dialog(qtbot, page)
    assert dialog.title.text() == old and dialog.title.selectedText() == old
    qtbot.waitUntil(dialog.title.hasFocus)
    assert record["original_name"] in without_isolates(dialog.original.text())

    qtbot.keyClicks(dialog.title, "Second opinion letter, Dr Martinez")  # replaces the selection
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.rename_dialog is None)
    new = "Second opinion letter, Dr Martinez"
    assert records.get(demo, "document", record["id"])["title"] == new
    row = page.model.row_of(record["id"])
    assert row is not None and page.model.index(row, 0).data() == new
    assert page.reader.doc_title.text() == new
    assert page.form.editors["title"].value() == new
    qtbot.waitUntil(page.grid.hasFocus)  # back where the person was

    window.undo_action.trigger()
    assert records.get(demo, "document", record["id"])["title"] == old
    assert page.model.index(row, 0).data() == old and page.reader.doc_title.text() == old
    window.redo_action.trigger()
    assert records.get(demo, "document", record["id"])["title"] == new
    window.close()


def test_rename_from_the_lists_menu_refuses_a_blank_title_calmly(
    qtbot: QtBot, demo: Dossier
) -> None:
    window, page = documents(qtbot, demo, "list")
    target = page.model.record(2)
    old = target["title"]
    right_click(page.table, 2)
    menu = page.document_menu.menu
    assert menu is not None and page.current_document_id() == target["id"]  # chosen first
    qtbot.waitExposed(menu)
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == ["Rename…", "Open in my usual viewer", "Save a copy…", "Move to trash"]
    rename = menu.actions()[0]
    assert rename.shortcut().toString() == "F2" and rename.isEnabled()
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is rename
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, page)

    qtbot.keyClick(dialog.title, Qt.Key.Key_Backspace)  # the selected title is gone
    qtbot.keyClicks(dialog.title, "   ")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.isVisible()  # stays, and says why
    assert "needs a title" in dialog.message.text()
    message = dialog.message.geometry()  # room is made for it: nothing overlaps or is cut
    assert dialog.rect().contains(message)
    assert message.top() > dialog.original.geometry().bottom()
    assert message.bottom() < dialog.buttons.geometry().top()
    assert old in without_isolates(dialog.message.text())
    assert records.get(demo, "document", target["id"])["title"] == old
    assert not page.session.history.can_undo  # nothing was changed

    qtbot.keyClicks(dialog.title, "Blood count in May")
    assert not dialog.message.isVisible()  # typing puts the message away
    qtbot.keyClick(dialog.title, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: page.rename_dialog is None)
    assert records.get(demo, "document", target["id"])["title"] == "Blood count in May"
    qtbot.waitUntil(page.table.hasFocus)
    window.undo_action.trigger()
    assert records.get(demo, "document", target["id"])["title"] == old
    window.close()


def test_escape_keeps_the_title_and_f2_waits_for_details_to_be_saved(
    qtbot: QtBot, demo: Dossier
) -> None:
    record = with_original_name(demo)
    window, page = documents(qtbot, demo, "list")
    page.select_document(record["id"])
    source = page.form.editors["source"].widget
    source.setFocus()
    qtbot.keyClick(source, Qt.Key.Key_End)
    qtbot.keyClicks(source, " (copy)")  # typed in the details, not saved yet
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = open_dialog(qtbot, page)
    stored = records.get(demo, "document", record["id"])
    assert stored["source"].endswith(" (copy)")  # saved before renaming
    qtbot.keyClicks(dialog.title, "Not this")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.rename_dialog is None)
    assert records.get(demo, "document", record["id"])["title"] == record["title"]
    window.close()


def test_the_menu_key_opens_the_documents_menu(qtbot: QtBot, demo: Dossier) -> None:
    window, page = documents(qtbot, demo, "grid")
    page.select_document(page.model.record(0)["id"])
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Menu)
    menu = page.document_menu.menu
    assert menu is not None
    qtbot.waitExposed(menu)
    menu.close()
    window.close()


def visible_in(widget: QWidget, area: QWidget) -> bool:
    """Whether all of ``widget`` is inside ``area`` (a scroll area's viewport)."""
    top_left = widget.mapTo(area, QPoint(0, 0))
    bottom_right = widget.mapTo(area, QPoint(widget.width() - 1, widget.height() - 1))
    return area.rect().contains(top_left) and area.rect().contains(bottom_right)


def test_the_details_show_the_original_name_at_the_top_and_fit_at_1366x768(
    qtbot: QtBot, demo: Dossier
) -> None:
    window, page = documents(qtbot, demo, "list")
    assert (window.width(), window.height()) == (1366, 768)
    # the document with the most cases has the tallest details
    record = max(
        (r for r in records.list_records(demo, "document") if r.get("original_name")),
        key=lambda r: len(r.get("case_ids") or []),
    )
    page.select_document(record["id"])
    details = page.reader.details
    qtbot.waitUntil(details.isVisible)
    QApplication.processEvents()
    area = details.viewport()
    name = details.original_name
    assert name.isVisible() and visible_in(name, area)
    assert without_isolates(name.full_text) == f"Original file: {record['original_name']}"
    assert name.mapTo(area, QPoint(0, 0)).y() < page.form.mapTo(area, QPoint(0, 0)).y()
    assert name.mapTo(area, QPoint(0, 0)).y() < 60  # at the top, under "Bring to…"
    assert details.verticalScrollBar().maximum() == 0  # nothing to scroll to, nothing cut
    for widget in (details.file_info, page.form.save_button, details.trash_button):
        assert visible_in(widget, area), widget.objectName()

    page.set_view_mode("grid", remember=False)  # the same in the thumbnails' layout
    QApplication.processEvents()
    assert details.verticalScrollBar().maximum() == 0
    assert visible_in(details.trash_button, area)
    window.close()


def test_a_long_original_name_is_shortened_in_the_middle_not_widening_the_panel(
    qtbot: QtBot, demo: Dossier
) -> None:
    record = with_original_name(demo)
    long_name = "Scan_" + "0123456789" * 12 + "_discharge.pdf"
    with demo.db.atomic():  # as if a file of that name had been imported
        demo.db.execute(
            "UPDATE document SET original_name = ? WHERE id = ?", (long_name, record["id"])
        )
    window, page = documents(qtbot, demo, "grid")
    page.select_document(record["id"])
    details = page.reader.details
    QApplication.processEvents()
    shown = without_isolates(details.original_name.text())
    assert "…" in shown and shown.endswith("_discharge.pdf")
    assert long_name in details.original_name.toolTip()
    assert details.horizontalScrollBar().maximum() == 0
    assert details.original_name.width() <= details.viewport().width()
    window.close()


def test_a_dossier_open_for_reading_only_says_why_instead_of_asking(
    qtbot: QtBot, demo_copy: Path
) -> None:
    tamper(demo_copy, WIPE)  # something foreign in the database: open for reading only
    dossier = open_dossier(demo_copy)
    try:
        assert dossier.read_only is not None
        window, page = documents(qtbot, dossier, "list")
        right_click(page.table, 0)
        menu = page.document_menu.menu
        assert menu is not None
        enabled = {a.text(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
        assert enabled == {
            "Rename…": False,
            "Open in my usual viewer": True,
            "Save a copy…": True,
            "Move to trash": False,
        }
        menu.close()
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_F2)
        assert page.rename_dialog is None
        assert page.notice_bar.isVisible() and "reading only" in page.notice_bar.notice.text()
        window.close()
    finally:
        dossier.close()

"""The Notes page: a note is dated the day it is written, from the first form on, and a
long note never pushes the form past the window's edge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.record_page import RecordPage
from tests.pinned_day import PinDay
from tests.ui.windows import page_of, shown_window

LONG = "Вторая консультация в Тель-Авиве, חוות דעת שנייה, second opinion notes " * 45


def notes_page(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, RecordPage]:
    window = shown_window(qtbot, dossier)
    return window, page_of(window, "notes", RecordPage)


def test_the_first_note_typed_is_dated_today(qtbot: QtBot, dossier: Dossier, today: PinDay) -> None:
    today("2026-03-10")
    _window, page = notes_page(qtbot, dossier)
    text = page.form.editors["text"].widget
    assert isinstance(text, QPlainTextEdit)
    assert page.form.editors["written_on"].value() == "2026-03-10"  # before New is clicked
    text.setFocus()
    qtbot.keyClicks(text, "Called the clinic about the slides")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    (note,) = records.list_records(dossier, "note")
    assert note["written_on"] == "2026-03-10"


def test_a_note_made_anywhere_without_a_date_is_dated_today(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-03-10")
    made = records.create(dossier, "note", {"text": "From the command line"}).after
    assert made is not None and made["written_on"] == "2026-03-10"
    dated = records.create(dossier, "note", {"text": "Old", "written_on": "2025-01-02"}).after
    assert dated is not None and dated["written_on"] == "2025-01-02"


def test_a_long_note_wraps_its_heading_inside_the_pane(qtbot: QtBot, dossier: Dossier) -> None:
    records.create(dossier, "note", {"text": LONG})
    _window, page = notes_page(qtbot, dossier)
    page.table.selectRow(0)
    heading = page.form.heading
    qtbot.waitUntil(lambda: heading.text() != "" and "New" not in heading.text())
    scroll = page.form.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    qtbot.waitUntil(lambda: page.form.width() <= scroll.viewport().width())
    assert heading.width() <= scroll.viewport().width()
    lines = heading.fontMetrics().height()
    qtbot.waitUntil(lambda: heading.height() > 2 * lines)  # wrapped onto lines


def test_ctrl_s_and_enter_save_the_form(qtbot: QtBot, dossier: Dossier) -> None:
    window, page = notes_page(qtbot, dossier)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    text = page.form.editors["text"].widget
    assert isinstance(text, QPlainTextEdit)
    text.setFocus()
    qtbot.keyClicks(text, "Saved with the keyboard")
    qtbot.keyClick(text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (note,) = records.list_records(dossier, "note")
    assert note["text"] == "Saved with the keyboard"
    title = page.form.editors["title"].widget
    title.setFocus()
    qtbot.keyClicks(title, "Call about the slides")
    qtbot.keyClick(title, Qt.Key.Key_Return)  # Enter in a one-line field saves too
    assert records.get(dossier, "note", note["id"])["title"] == "Call about the slides"

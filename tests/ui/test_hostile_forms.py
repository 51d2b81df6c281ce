"""Hostile form input through the real widgets: a megabyte pasted with Ctrl+V, dates out of
range typed in, control characters and right-to-left text; saved, reloaded and shown, or
refused with the message beside the field and nothing saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.pages.contacts import contacts_page
from dossier.ui.pages.notes import notes_page
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.session import Session
from tests.ui.windows import type_text

MEGABYTE = (
    "Blood test: haemoglobin 13.1 g/dL, platelets 250, all within range. " * 14 + "\n"
) * 1_050


def open_page(qtbot: QtBot, dossier: Dossier, make: Any) -> RecordPage:
    page: RecordPage = make(Session(dossier))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitExposed(page):
        page.show()
    return page


def paste(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Put ``text`` on the clipboard and press Ctrl+V in ``widget``, as a person would."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def line(page: RecordPage, name: str) -> QLineEdit:
    widget = page.form.editors[name].widget
    if not isinstance(widget, QLineEdit):
        widget = widget.findChild(QLineEdit)  # a date field: its line edit
    assert isinstance(widget, QLineEdit)
    return widget


def text_box(page: RecordPage, name: str) -> QPlainTextEdit:
    widget = page.form.editors[name].widget
    assert isinstance(widget, QPlainTextEdit)
    return widget


def save(qtbot: QtBot, page: RecordPage) -> None:
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)


def error_beside(page: RecordPage, name: str) -> str:
    """The message shown for field ``name``, checked to be visible right under its field."""
    label = page.form.errors[name]
    field = page.form.editors[name].widget
    assert isinstance(label, QLabel) and label.isVisible()
    below = field.mapTo(page, QPoint(0, field.height()))
    at = label.mapTo(page, QPoint(0, 0))
    assert at.x() == below.x() and 0 <= at.y() - below.y() <= 12
    assert field.accessibleDescription() == label.text()  # read out by a screen reader too
    return label.text()


def reopened(qtbot: QtBot, dossier: Dossier, make: Any, record_id: int) -> RecordPage:
    """A new page on the dossier (as after a restart) with the record chosen in its list."""
    page = open_page(qtbot, dossier, make)
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if page.model.record(page.proxy.mapToSource(index).row())["id"] == record_id:
            page.table.setCurrentIndex(index)
            break
    assert page.form.record is not None and page.form.record["id"] == record_id
    return page


def test_a_megabyte_pasted_into_a_note_is_saved_and_shown_again(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page = open_page(qtbot, dossier, notes_page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    box = text_box(page, "text")
    paste(qtbot, box, MEGABYTE)
    assert len(box.toPlainText()) == len(MEGABYTE) > 1_000_000
    save(qtbot, page)
    [note] = records.list_records(dossier, "note")
    assert note["text"] == MEGABYTE.strip()
    again = reopened(qtbot, dossier, notes_page, note["id"])
    assert text_box(again, "text").toPlainText() == MEGABYTE.strip()
    assert again.model.rowCount() == 1


def test_a_megabyte_pasted_into_a_title_is_refused_beside_it(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page = open_page(qtbot, dossier, notes_page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    paste(qtbot, text_box(page, "text"), "What the surgeon said.")
    title = line(page, "title")
    paste(qtbot, title, "x" * 1_000_000)
    kept = len(title.text())  # a one-line field holds at most 32,767 characters
    save(qtbot, page)
    message = error_beside(page, "title")
    assert message == f"The title is too long: {kept:,} characters, at most 500 fit."
    assert records.list_records(dossier, "note") == []
    assert len(title.text()) == kept  # what was typed stays, to be shortened
    title.setText("What the surgeon said")
    save(qtbot, page)
    assert not page.form.errors["title"].isVisible()
    assert [n["title"] for n in records.list_records(dossier, "note")] == ["What the surgeon said"]


def test_dates_out_of_range_are_refused_beside_the_date(qtbot: QtBot, dossier: Dossier) -> None:
    page = open_page(qtbot, dossier, notes_page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    paste(qtbot, text_box(page, "text"), "Appointment letter received.")
    date = line(page, "written_on")
    for typed in ("2026-02-30", "2026-13-01", "0000-01-01", "10000-01-01", "1800-05-17"):
        date.selectAll()
        qtbot.keyClicks(date, typed)
        assert date.text() == typed
        save(qtbot, page)
        message = error_beside(page, "written_on")
        assert message == (
            "The date must be a real date between 1900 and 2100, written as YYYY-MM-DD "
            "(for example 2026-03-14)."
        )
        assert records.list_records(dossier, "note") == []
    date.selectAll()
    qtbot.keyClicks(date, "2026-02-28")
    save(qtbot, page)
    assert [n["written_on"] for n in records.list_records(dossier, "note")] == ["2026-02-28"]


def test_a_date_of_birth_in_the_future(qtbot: QtBot, dossier: Dossier) -> None:
    from dossier.ui.person_dialog import PersonDialog

    dialog = PersonDialog(Session(dossier))
    qtbot.addWidget(dialog)
    form = dialog.form
    born = form.editors["born"].widget.findChild(QLineEdit)
    assert isinstance(born, QLineEdit)
    born.selectAll()
    qtbot.keyClicks(born, "2999-01-01")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["born"].text().startswith("The date of birth must be a real date")
    assert records.get(dossier, "person", 1)["born"] == "1960-05-17"


def test_control_characters_are_dropped_and_line_breaks_kept(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page = open_page(qtbot, dossier, contacts_page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    paste(qtbot, line(page, "name"), "Dr\x00 Müller\x1b \u202eevil\u202c\x07")
    paste(qtbot, text_box(page, "notes"), "Ward 3\tbed 12\nsecond line\x00\x1b[2J")
    save(qtbot, page)
    [contact] = records.list_records(dossier, "contact")
    assert contact["name"] == "Dr Müller evil\u202c"
    assert contact["notes"] == "Ward 3\tbed 12\nsecond line[2J"
    again = reopened(qtbot, dossier, contacts_page, contact["id"])
    assert line(again, "name").text() == "Dr Müller evil\u202c"
    assert text_box(again, "notes").toPlainText() == "Ward 3\tbed 12\nsecond line[2J"


def test_right_to_left_text_typed_is_saved_and_shown_unchanged(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page = open_page(qtbot, dossier, notes_page)
    typed = {
        "ביקור אצל ד״ר כהן": "שלום, בדיקת הדם תקינה.\nההמוגלובין 13.1.",
        "زيارة الدكتور حداد": "مرحبا، تحليل الدم طبيعي.\nالهيموغلوبين 13.1.",
    }
    for title, text in typed.items():
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        type_text(line(page, "title"), title)
        type_text(text_box(page, "text"), text)
        save(qtbot, page)
    stored = {n["title"]: n["text"] for n in records.list_records(dossier, "note")}
    assert stored == typed
    for note in records.list_records(dossier, "note"):
        again = reopened(qtbot, dossier, notes_page, note["id"])
        assert line(again, "title").text() == note["title"]
        box = text_box(again, "text")
        assert box.toPlainText() == note["text"]
        assert box.document().defaultTextOption().alignment() == Qt.AlignmentFlag.AlignRight
        shown = {again.proxy.index(r, 1).data() for r in range(again.proxy.rowCount())}
        assert shown == set(typed)


def test_a_note_is_aligned_to_the_side_its_first_words_start_from(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page = open_page(qtbot, dossier, notes_page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    box = text_box(page, "text")

    def alignment() -> Qt.AlignmentFlag:
        return box.document().defaultTextOption().alignment()

    assert alignment() == Qt.AlignmentFlag.AlignLeft
    type_text(box, "12.3.2026: ")  # digits and punctuation have no direction of their own
    assert alignment() == Qt.AlignmentFlag.AlignLeft
    type_text(box, "בדיקה")
    assert alignment() == Qt.AlignmentFlag.AlignRight
    box.selectAll()
    type_text(box, "Blood test, then בדיקה")
    assert alignment() == Qt.AlignmentFlag.AlignLeft

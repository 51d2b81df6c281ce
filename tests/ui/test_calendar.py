"""The Calendar page, driven for real: month view, list, forms, overdue marking, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableView
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.agenda import Entry
from dossier.core.storage import Dossier
from dossier.ui.models.calendar import ENTRY_ROLE, EntryModel
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.session import Session
from dossier.ui.widgets.date_field import DateField
from tests.pinned_day import PinDay

TODAY = "2026-03-10"


@pytest.fixture
def session(dossier: Dossier, today: PinDay) -> Session:
    today(TODAY)
    return Session(dossier)


def make_page(qtbot: QtBot, session: Session) -> CalendarPage:
    page = CalendarPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def choose_day_with_keys(qtbot: QtBot, page: CalendarPage, days_ahead: int) -> None:
    view = page.month.findChild(QTableView)
    assert view is not None
    view.setFocus()
    for _ in range(days_ahead):
        qtbot.keyClick(view, Qt.Key.Key_Right)


def pick(field: DateField, day: QDate) -> None:
    """Choose ``day`` in the date field's calendar pop-up, as a click on it does."""
    field.button.menu().aboutToShow.emit()
    field.calendar.setSelectedDate(day)
    field.calendar.clicked.emit(day)


def texts(model: EntryModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_create_an_appointment_and_a_deadline_see_them_marked_and_listed(
    qtbot: QtBot, session: Session, qtmodeltester: object
) -> None:
    page = make_page(qtbot, session)
    assert page.model.rowCount() == 0
    assert "nothing planned" in page.list_title.text().lower()

    choose_day_with_keys(qtbot, page, 10)  # 20 March, in the month view
    assert page.chosen_day() == date(2026, 3, 20)
    assert page.scope.currentIndex() == CalendarPage.SCOPE_DAY

    click(qtbot, page.new_appointment_button)
    form = page.appointment_form
    when = form.editors["starts_at"].widget
    assert isinstance(when, DateField)
    assert when.text() == "2026-03-20 09:00"  # the chosen day, a time to type over
    assert when.line.selectedText() == "09:00"
    pick(when, QDate(2026, 3, 21))  # changed my mind: the day after, with the picker
    assert when.text() == "2026-03-21 09:00"
    when.line.setSelection(11, 5)
    qtbot.keyClicks(when.line, "14:30")
    purpose = form.editors["purpose"].widget
    assert isinstance(purpose, QPlainTextEdit)
    qtbot.keyClicks(purpose, "Second opinion on the knee")
    where = form.editors["location"].widget
    assert isinstance(where, QLineEdit)
    qtbot.keyClicks(where, "Harbour View clinic")
    click(qtbot, form.save_button)

    stored = records.list_records(session.dossier, "appointment")
    assert [(a["starts_at"], a["purpose"]) for a in stored] == [
        ("2026-03-21T14:30", "Second opinion on the knee")
    ]
    day = QDate(2026, 3, 21)
    mark = page.month.dateTextFormat(day)
    assert mark.fontUnderline() and mark.fontWeight() >= 700
    assert "Second opinion on the knee" in mark.toolTip()
    assert page.month.marks[date(2026, 3, 21)].appointments == 1
    assert page.chosen_day() == date(2026, 3, 21)  # the calendar follows the new appointment
    entry = page.current_entry()
    assert entry is not None and entry.key == ("appointment", stored[0]["id"])
    assert "Second opinion on the knee" in texts(page.model, EntryModel.WHAT)[0]

    # A deadline that has already passed: overdue, and marked so without colour.
    click(qtbot, page.new_deadline_button)
    task_form = page.task_form
    due = task_form.editors["due_on"].widget
    assert isinstance(due, DateField)
    assert due.text() == "2026-03-21"
    page.month.setSelectedDate(QDate(2026, 3, 23))  # a new form follows the month view
    assert due.text() == "2026-03-23"
    pick(due, QDate(2026, 3, 5))
    title = task_form.editors["title"].widget
    assert isinstance(title, QLineEdit)
    qtbot.keyClicks(title, "Ask the hospital for the MRI images")
    click(qtbot, task_form.save_button)
    task = records.list_records(session.dossier, "task")[0]
    assert task["due_on"] == "2026-03-05" and not task["done"]

    page.scope.setCurrentIndex(CalendarPage.SCOPE_COMING)
    assert texts(page.model, EntryModel.WHEN)[0].startswith("! ")
    assert texts(page.model, EntryModel.STATUS)[0] == "Overdue by 5 days"
    assert "Ask the hospital" in texts(page.model, EntryModel.WHAT)[0]
    assert page.model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert "Overdue" in page.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Second opinion" in texts(page.model, EntryModel.WHAT)[1]
    assert page.month.marks[date(2026, 3, 5)].overdue == 1
    assert "Overdue: 1" in page.list_title.text()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_tick_done_move_to_trash_and_undo(qtbot: QtBot, session: Session) -> None:
    task_id = records.create(
        session.dossier, "task", {"title": "Send the objection", "due_on": "2026-03-01"}
    ).id
    page = make_page(qtbot, session)
    assert page.select("task", task_id)
    assert page.done_button.isEnabled() and page.done_button.text() == "Mark as done"
    assert not page.mode_button.isEnabled()

    click(qtbot, page.done_button)
    stored = records.get(session.dossier, "task", task_id)
    assert stored["done"] and stored["done_on"] == TODAY
    assert page.done_button.text() == "Mark as not done"
    assert page.month.marks[date(2026, 3, 1)].overdue == 0
    assert page.model.rowCount() == 0  # a done task leaves "overdue and coming"
    page.scope.setCurrentIndex(CalendarPage.SCOPE_ALL)
    row = page.model.row_of(("task", task_id))
    assert row is not None
    assert page.model.index(row, EntryModel.STATUS).data() == "Done"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed

    session.undo()
    assert not records.get(session.dossier, "task", task_id)["done"]
    assert page.task_form.editors["done"].value() is False

    assert page.select("task", task_id)
    click(qtbot, page.delete_button)
    assert records.list_records(session.dossier, "task") == []
    assert page.model.row_of(("task", task_id)) is None
    assert date(2026, 3, 1) not in page.month.marks
    assert page.details.currentWidget() is page.placeholder
    session.undo()
    assert page.model.row_of(("task", task_id)) is not None
    assert date(2026, 3, 1) in page.month.marks


def test_changes_made_elsewhere_show_at_once(qtbot: QtBot, session: Session) -> None:
    page = make_page(qtbot, session)
    change = session.apply(
        lambda d: records.create(
            d, "appointment", {"starts_at": "2026-03-12 10:00", "purpose": "Biopsy"}
        )
    )
    assert page.month.marks[date(2026, 3, 12)].appointments == 1
    entries = [page.model.index(r, 0).data(ENTRY_ROLE) for r in range(page.model.rowCount())]
    assert [e.key for e in entries if isinstance(e, Entry)] == [("appointment", change.id)]
    assert page.model.index(0, EntryModel.STATUS).data() == "In 2 days"

    assert page.select("appointment", change.id)
    session.apply(lambda d: records.update(d, "appointment", change.id, {"purpose": "MRI"}))
    purpose = page.appointment_form.editors["purpose"]
    assert purpose.value() == "MRI"  # the form shows the stored record again
    session.apply(lambda d: records.delete(d, "appointment", change.id))
    assert page.details.currentWidget() is page.placeholder
    assert page.month.marks == {}


def test_a_day_in_the_month_view_shows_that_day_and_past_ones_are_grey(
    qtbot: QtBot, session: Session
) -> None:
    for when, purpose in (
        ("2026-02-01 09:00", "Old visit"),
        ("2026-03-10 08:00", "Today's visit"),
        ("2026-04-01 09:00", "Later visit"),
    ):
        records.create(session.dossier, "appointment", {"starts_at": when, "purpose": purpose})
    page = make_page(qtbot, session)
    assert texts(page.model, EntryModel.STATUS) == ["Today", "In 3 weeks"]
    page.scope.setCurrentIndex(CalendarPage.SCOPE_ALL)
    what = texts(page.model, EntryModel.WHAT)
    assert [w.split(" — ")[1] for w in what] == ["Today's visit", "Later visit", "Old visit"]
    assert page.model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None

    page.month.setSelectedDate(QDate(2026, 2, 1))
    assert page.scope.currentIndex() == CalendarPage.SCOPE_DAY
    assert [w.split(" — ")[1] for w in texts(page.model, EntryModel.WHAT)] == ["Old visit"]
    page.table.selectRow(0)
    assert page.details.currentWidget() is not page.placeholder
    page.month.setSelectedDate(QDate(2026, 2, 2))
    assert page.model.rowCount() == 0 and "nothing planned" in page.list_title.text()
    assert page.details.currentWidget() is page.placeholder  # nothing shown the list hides
    click(qtbot, page.findChild(type(page.new_deadline_button), "today"))
    assert page.chosen_day() == date(2026, 3, 10)
    assert texts(page.model, EntryModel.STATUS) == ["Today"]


def test_appointment_mode_opens_from_the_calendar(qtbot: QtBot, session: Session) -> None:
    appointment = records.create(
        session.dossier, "appointment", {"starts_at": "2026-03-11 09:00"}
    ).id
    page = make_page(qtbot, session)
    assert page.select("appointment", appointment)
    assert page.mode_button.isEnabled()
    mode = page.start_appointment_mode()
    assert mode is not None and mode.isVisible()
    mode.close()
    qtbot.waitUntil(lambda: not mode.isVisible())

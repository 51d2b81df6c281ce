"""Appointment mode, driven for real: ticks, answers saved as typed, new questions, leaving."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.appointment.mode import FONT_SCALE, AppointmentMode, open_appointment_mode
from dossier.ui.session import Session
from tests.ui.windows import type_text


@pytest.fixture
def session(dossier: Dossier) -> Session:
    return Session(dossier)


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    d = session.dossier
    case = records.create(d, "case", {"title": "Knee"}).id
    doctor = records.create(d, "contact", {"name": "Dr. Okonkwo"}).id
    visit = records.create(
        d,
        "appointment",
        {
            "case_id": case,
            "contact_id": doctor,
            "starts_at": "2026-03-20 14:00",
            "location": "Harbour View",
            "purpose": "Decide about the knee",
        },
    ).id
    other = records.create(d, "appointment", {"case_id": case, "starts_at": "2026-04-01 09:00"})
    made = {"case": case, "doctor": doctor, "visit": visit}
    for key, appointment in (("first", visit), ("elsewhere", other.id), ("second", visit)):
        made[key] = records.create(
            d,
            "question",
            {"case_id": case, "appointment_id": appointment, "text": f"The {key} question?"},
        ).id
    return made


def open_mode(qtbot: QtBot, session: Session, appointment_id: int) -> AppointmentMode:
    mode = AppointmentMode(session, appointment_id)
    qtbot.addWidget(mode)
    mode.show()
    qtbot.waitExposed(mode)
    return mode


def question(session: Session, question_id: int) -> dict[str, object]:
    return records.get(session.dossier, "question", question_id)


def test_shows_the_appointment_and_its_questions_in_large_text(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    assert [row.text.text() for row in mode.rows] == ["The first question?", "The second question?"]
    assert mode.font().pointSizeF() >= QApplication.font().pointSizeF() * FONT_SCALE - 0.01
    assert mode.rows[0].answer.font().pointSizeF() == mode.font().pointSizeF()
    heading = mode.findChild(QWidget, "heading")
    assert heading is not None and "Dr. Okonkwo" in heading.text()  # type: ignore[attr-defined]
    assert mode.focusWidget() is mode.rows[0].answer  # ready to type the first answer
    assert mode.rows[0].asked.accessibleName() == "Question 1 asked"


def test_tick_type_answer_enter_moves_on_and_each_save_can_be_undone(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    first, second = mode.rows
    qtbot.mouseClick(second.asked, Qt.MouseButton.LeftButton)
    assert question(session, ids["second"])["asked"] is True  # a tick is saved at once

    first.answer.setFocus()
    qtbot.keyClicks(first.answer, "Wait until the breast treatment is over")
    type_text(first.answer, " (Grüße)")
    assert first.asked.isChecked()  # an answer means it was asked
    qtbot.waitUntil(
        lambda: (
            question(session, ids["first"])["answer"]
            == "Wait until the breast treatment is over (Grüße)"
        ),
        timeout=3000,
    )
    stored = question(session, ids["first"])
    assert stored["asked"] is True and stored["answered_by_id"] == ids["doctor"]
    assert not mode.timer.isActive() and not mode.has_unsaved()
    assert "Saved" in mode.status.text()

    qtbot.keyClick(first.answer, Qt.Key.Key_Return)
    assert mode.focusWidget() is second.answer
    assert "\n" not in first.answer.toPlainText()
    qtbot.keyClicks(second.answer, "Line one")
    qtbot.keyClick(second.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(second.answer, "line two")
    qtbot.keyClick(second.answer, Qt.Key.Key_Tab)  # leaving the box saves it
    assert question(session, ids["second"])["answer"] == "Line one\nline two"
    assert mode.focusWidget() is second.by  # then who answered, then taking it off
    assert second.by.currentText() == "Dr. Okonkwo"

    session.undo()
    assert question(session, ids["second"])["answer"] is None
    assert question(session, ids["first"])["answer"] == (
        "Wait until the breast treatment is over (Grüße)"
    )


def test_add_a_question_on_the_fly_and_notes_are_saved_on_close(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    mode.new_question.setFocus()
    qtbot.keyClicks(mode.new_question, "Can I drive after the operation?")
    qtbot.keyClick(mode.new_question, Qt.Key.Key_Return)
    added = [q for q in records.list_records(session.dossier, "question") if "drive" in q["text"]]
    assert len(added) == 1
    assert added[0]["appointment_id"] == ids["visit"] and added[0]["case_id"] == ids["case"]
    assert len(mode.rows) == 3 and mode.rows[2].question_id == added[0]["id"]
    assert mode.rows[2].number.text() == "3."
    assert mode.new_question.text() == ""
    assert mode.focusWidget() is mode.rows[2].answer
    order = [
        q["id"]
        for q in records.list_records(session.dossier, "question")
        if q["appointment_id"] == ids["visit"]
    ]
    assert order == [ids["first"], ids["second"], added[0]["id"]]  # appended

    qtbot.keyClicks(mode.rows[2].answer, "After six weeks")
    mode.notes.setFocus()
    qtbot.keyClicks(mode.notes, "Operation in May. Physio first.")
    assert mode.timer.isActive()  # not yet saved: closing must not lose it
    mode.close()
    assert not mode.isVisible() and not mode.timer.isActive()
    appointment = records.get(session.dossier, "appointment", ids["visit"])
    assert appointment["outcome"] == "Operation in May. Physio first."
    assert question(session, added[0]["id"])["answer"] == "After six weeks"


def test_one_save_is_one_undo_step_however_much_it_holds(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    for key in ("first", "second"):  # ticked before: typing an answer does not save at once
        records.update(session.dossier, "question", ids[key], {"asked": True})
    mode = open_mode(qtbot, session, ids["visit"])
    first = mode.rows[0].answer
    assert mode.focusWidget() is first
    qtbot.keyClicks(first, "Wait and see")
    qtbot.keyClicks(mode.rows[1].answer, "Six weeks")  # typed before the save comes
    qtbot.keyClicks(mode.notes, "Physio first.")
    assert mode.timer.isActive() and mode.has_unsaved()
    qtbot.keyClick(first, Qt.Key.Key_Escape)  # leaving saves all three: one save
    assert not mode.isVisible()
    assert question(session, ids["first"])["answer"] == "Wait and see"
    assert question(session, ids["second"])["answer"] == "Six weeks"
    assert records.get(session.dossier, "appointment", ids["visit"])["outcome"] == "Physio first."
    assert session.history.undo_text() == "Undo changes in appointment mode"

    session.undo()  # all of that save at once, nothing before it
    assert question(session, ids["first"])["answer"] is None
    assert question(session, ids["second"])["answer"] is None
    assert records.get(session.dossier, "appointment", ids["visit"])["outcome"] is None
    assert not session.history.can_undo  # the ticks were made outside the window
    session.redo()
    assert question(session, ids["second"])["answer"] == "Six weeks"


def test_esc_leaves_at_once_when_everything_is_saved(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    qtbot.keyClicks(mode.rows[0].answer, "Yes")
    qtbot.keyClick(mode.rows[0].answer, Qt.Key.Key_Escape)
    assert not mode.isVisible()
    assert question(session, ids["first"])["answer"] == "Yes"


def test_esc_asks_before_leaving_when_something_could_not_be_saved(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    records.delete(session.dossier, "question", ids["second"])  # gone from under us
    answer = mode.rows[1].answer
    answer.setFocus()
    qtbot.keyClicks(answer, "Important answer")
    qtbot.waitUntil(lambda: not mode.timer.isActive(), timeout=3000)
    assert mode.has_unsaved() and "Not saved" in mode.status.text()

    def press(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        buttons = [b for b in box.findChildren(QPushButton) if b.text() == label]
        assert buttons, [b.text() for b in box.findChildren(QPushButton)]
        buttons[0].click()

    QTimer.singleShot(0, lambda: press("Stay"))
    qtbot.keyClick(answer, Qt.Key.Key_Escape)
    assert mode.isVisible()  # stayed: the text is still there to copy
    assert answer.toPlainText() == "Important answer"

    QTimer.singleShot(0, lambda: press("Leave without saving"))
    qtbot.keyClick(answer, Qt.Key.Key_Escape)
    assert not mode.isVisible()


def test_open_appointment_mode_fills_the_screen_and_is_deleted_on_close(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    mode = open_appointment_mode(session, ids["visit"], parent)
    assert mode.isVisible() and mode.windowState() & Qt.WindowState.WindowMaximized
    assert mode.windowModality() == Qt.WindowModality.ApplicationModal
    with qtbot.waitSignal(mode.destroyed):
        mode.accept()


def test_an_answer_is_saved_even_when_the_doctor_is_in_the_trash(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    records.delete(session.dossier, "contact", ids["doctor"])
    mode = open_mode(qtbot, session, ids["visit"])
    qtbot.keyClicks(mode.rows[0].answer, "In six weeks")
    mode.accept()
    stored = question(session, ids["first"])
    assert stored["answer"] == "In six weeks" and stored["answered_by_id"] is None
    assert not mode.has_unsaved()

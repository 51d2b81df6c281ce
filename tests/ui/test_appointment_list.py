"""Appointment mode opens with the questions that belong there: those assigned to the
appointment, then the case's other open ones; one click takes a question off the list (and
"Put it back" returns it); who answered is chosen by keyboard; F11 fills the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.appointment.mode import AppointmentMode
from dossier.ui.session import Session
from tests.ui.windows import type_text

LONG = ("Можно ли подождать с операцией? האם אפשר לחכות עם הניתוח? Can surgery wait? " * 26)[:2000]


@pytest.fixture
def session(dossier: Dossier) -> Session:
    return Session(dossier)


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    d = session.dossier
    case = records.create(d, "case", {"title": "Breast: which surgery?"}).id
    doctor = records.create(d, "contact", {"name": "Dr. Okonkwo"}).id
    nurse = records.create(d, "contact", {"name": "Ривка Коэн, nurse"}).id
    visit = records.create(
        d, "appointment", {"case_id": case, "contact_id": doctor, "starts_at": "2026-03-20 14:00"}
    ).id
    later = records.create(d, "appointment", {"case_id": case, "starts_at": "2026-05-01 09:00"})
    made = {"case": case, "doctor": doctor, "nurse": nurse, "visit": visit}
    for key, extra in (
        ("open", {}),
        ("assigned", {"appointment_id": visit}),
        ("for_later", {"appointment_id": later.id}),
        ("answered", {"answer": "Yes, after the scan."}),
        ("long", {"priority": "high"}),
    ):
        text = LONG if key == "long" else f"The {key} question?"
        made[key] = records.create(d, "question", {"case_id": case, "text": text, **extra}).id
    return made


def open_mode(qtbot: QtBot, session: Session, appointment_id: int) -> AppointmentMode:
    mode = AppointmentMode(session, appointment_id)
    qtbot.addWidget(mode)
    mode.resize(1366, 768)
    with qtbot.waitActive(mode):
        mode.show()
        mode.activateWindow()
    return mode


def shown(mode: AppointmentMode) -> list[int]:
    return [row.question_id for row in mode.rows]


def question(session: Session, question_id: int) -> dict[str, object]:
    return records.get(session.dossier, "question", question_id)


def test_opens_with_the_assigned_questions_then_the_cases_other_open_ones(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    assert shown(mode) == [ids["assigned"], ids["open"], ids["long"]]
    heading = mode.question_rows.others_heading
    assert heading.isVisible() and heading.text() == "Also open in this case"
    layout = mode.question_rows.list_box
    assert layout.indexOf(heading) == layout.indexOf(mode.rows[1]) - 1  # between the groups
    assert not mode.question_rows.empty.isVisible()
    assert [row.number.text() for row in mode.rows] == ["1.", "2.", "3."]
    # A 2,000-character question in three scripts wraps: nothing scrolls sideways.
    long_row = mode.rows[2]
    assert long_row.text.text() == LONG.strip() and long_row.text.wordWrap()
    sideways: QScrollBar = mode.scroller.horizontalScrollBar()
    assert not sideways.isVisible() or sideways.maximum() == 0
    assert "Important" in long_row.details.text()


def test_take_a_question_off_the_list_and_put_it_back(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    open_row = mode.rows[1]
    qtbot.mouseClick(open_row.take_off, Qt.MouseButton.LeftButton)
    assert shown(mode) == [ids["assigned"], ids["long"]]
    assert question(session, ids["open"])["set_aside_id"] == ids["visit"]
    assert "Taken off the list" in mode.status.text() and "open question" in mode.status.text()
    assert mode.put_back_button.isVisible()
    assert mode.focusWidget() is mode.rows[1].answer  # on the question that took its place
    assert [row.number.text() for row in mode.rows] == ["1.", "2."]

    qtbot.mouseClick(mode.put_back_button, Qt.MouseButton.LeftButton)
    assert shown(mode) == [ids["assigned"], ids["open"], ids["long"]]
    assert question(session, ids["open"])["set_aside_id"] is None
    assert not mode.put_back_button.isVisible()

    # An assigned one, by keyboard: Tab to its button, Space. Undo returns it too.
    mode.rows[0].by.setFocus()
    qtbot.keyClick(mode.rows[0].by, Qt.Key.Key_Tab)
    assert mode.focusWidget() is mode.rows[0].take_off
    qtbot.keyClick(mode.rows[0].take_off, Qt.Key.Key_Space)
    stored = question(session, ids["assigned"])
    assert stored["appointment_id"] is None and stored["set_aside_id"] == ids["visit"]
    assert ids["assigned"] not in shown(mode)
    mode.accept()
    again = open_mode(qtbot, session, ids["visit"])
    assert ids["assigned"] not in shown(again)  # stays off the list
    again.accept()
    session.undo()
    assert question(session, ids["assigned"])["appointment_id"] == ids["visit"]
    third = open_mode(qtbot, session, ids["visit"])
    assert shown(third)[0] == ids["assigned"] and ids["open"] in shown(third)


def test_who_answered_is_the_doctor_unless_someone_else_is_chosen(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    first, second = mode.rows[0], mode.rows[1]
    qtbot.keyClicks(first.answer, "After the scan")
    assert first.by.currentText() == "Dr. Okonkwo"  # the appointment's doctor, at once
    # Someone else, by keyboard in the box, then more typing: the choice stands.
    second.answer.setFocus()
    qtbot.keyClicks(second.answer, "Ask the nurse")
    second.by.setFocus()
    qtbot.keyClick(second.by, Qt.Key.Key_Down)
    assert second.by.currentText() == "Ривка Коэн, nurse"
    qtbot.keyClicks(second.answer, " about the drain")
    mode.accept()
    assert question(session, ids["assigned"])["answered_by_id"] == ids["doctor"]
    stored = question(session, ids["open"])
    assert stored["answer"] == "Ask the nurse about the drain"
    assert stored["answered_by_id"] == ids["nurse"]
    session.undo()  # the last save: back to what was saved when the answer box was left
    before = question(session, ids["open"])
    assert before["answer"] == "Ask the nurse" and before["answered_by_id"] == ids["doctor"]


def test_f11_and_the_button_fill_the_screen_and_go_back(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    mode = open_mode(qtbot, session, ids["visit"])
    qtbot.keyClick(mode.rows[0].answer, Qt.Key.Key_F11)
    assert mode.isFullScreen() and mode.full_screen_button.text() == "Leave full screen"
    qtbot.mouseClick(mode.full_screen_button, Qt.MouseButton.LeftButton)
    assert not mode.isFullScreen() and mode.full_screen_button.text() == "Full screen"
    assert mode.rows[0].answer.toPlainText() == ""  # F11 typed nothing


def test_with_no_open_questions_it_says_so_and_offers_to_add_one(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    for key in ("open", "assigned", "long"):
        records.update(
            session.dossier, "question", ids[key], {"asked": True, "appointment_id": None}
        )
    mode = open_mode(qtbot, session, ids["visit"])
    assert shown(mode) == [] and mode.question_rows.empty.isVisible()
    assert mode.focusWidget() is mode.new_question
    type_text(mode.new_question, "Когда можно плавать?")
    qtbot.keyClick(mode.new_question, Qt.Key.Key_Return)
    assert len(mode.rows) == 1 and not mode.question_rows.empty.isVisible()
    assert not mode.question_rows.others_heading.isVisible()

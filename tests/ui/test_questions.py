"""The Questions page, driven for real: filters, drag to reorder (one undo step), inline edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.appointment.mode import AppointmentMode
from dossier.ui.models.questions import MIME_TYPE, QuestionsModel
from dossier.ui.pages.questions import QuestionsPage
from dossier.ui.session import Session
from tests.pinned_day import PinDay


@pytest.fixture
def session(dossier: Dossier, today: PinDay) -> Session:
    today("2026-03-10")
    return Session(dossier)


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    """Two cases; the knee case has an appointment with three questions and one without."""
    d = session.dossier
    knee = records.create(d, "case", {"title": "Knee"}).id
    hip = records.create(d, "case", {"title": "Hip"}).id
    visit = records.create(d, "appointment", {"case_id": knee, "starts_at": "2026-03-20 10:30"}).id
    made = {"knee": knee, "hip": hip, "visit": visit}
    for key, case, appointment, extra in (
        ("a", knee, visit, {}),
        ("b", knee, visit, {"answer": "Yes", "asked": True}),
        ("c", knee, visit, {"priority": "high"}),
        ("d", knee, None, {}),
        ("h", hip, None, {}),
    ):
        made[key] = records.create(
            d,
            "question",
            {"case_id": case, "appointment_id": appointment, "text": f"Question {key}", **extra},
        ).id
    return made


def make_page(qtbot: QtBot, session: Session) -> QuestionsPage:
    page = QuestionsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # for keyboard shortcuts
    return page


def shown(page: QuestionsPage) -> list[str]:
    model = page.model
    return [model.index(r, QuestionsModel.TEXT).data() for r in range(model.rowCount())]


def stored_order(session: Session, case_id: int) -> list[str]:
    return [q["text"] for q in records.list_records(session.dossier, "question", case_id=case_id)]


def choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_filters_by_case_appointment_and_unanswered(
    qtbot: QtBot, session: Session, ids: dict[str, int], qtmodeltester: object
) -> None:
    page = make_page(qtbot, session)
    assert shown(page) == [f"Question {k}" for k in "abcdh"]  # grouped by case, in order
    assert not page.table.isColumnHidden(QuestionsModel.CASE)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    choose(page.case_filter, ids["knee"])
    assert shown(page) == [f"Question {k}" for k in "abcd"]
    assert page.table.isColumnHidden(QuestionsModel.CASE)
    choose(page.appointment_filter, ids["visit"])
    assert shown(page) == [f"Question {k}" for k in "abc"]
    assert page.mode_button.isEnabled()
    page.unanswered.click()
    assert shown(page) == ["Question a", "Question c"]
    assert page.model.index(1, QuestionsModel.PRIORITY).data() == "High"
    assert page.model.index(1, QuestionsModel.PRIORITY).data(Qt.ItemDataRole.FontRole).bold()
    assert page.model.index(0, QuestionsModel.STATUS).data() == "To ask"
    choose(page.appointment_filter, "none")
    assert shown(page) == ["Question d"]
    assert not page.mode_button.isEnabled()
    page.unanswered.click()
    choose(page.case_filter, ids["hip"])
    assert shown(page) == ["Question h"]
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_drag_and_drop_reorders_in_one_undoable_step(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    choose(page.case_filter, ids["knee"])
    model = page.model
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled

    # Drag the last question ("d", row 3) and drop it above the first row.
    data = model.mimeData([model.index(3, c) for c in range(model.columnCount())])
    assert data.hasFormat(MIME_TYPE)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "dabc"]
    assert shown(page)[:4] == [f"Question {k}" for k in "dabc"]
    assert model.index(0, QuestionsModel.ORDER).data() == "1"
    assert session.history.undo_text() == "Undo changing the order of the questions"

    # moveRows, as a list view's internal move calls it: "a" (row 1) to the end.
    assert model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 4)
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "dbca"]

    session.undo()
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "dabc"]
    session.undo()  # one step per drag, however many questions moved
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "abcd"]
    assert shown(page) == [f"Question {k}" for k in "abcd"]
    session.redo()
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "dabc"]
    # Dropping a question where it already is changes nothing and adds no undo step.
    data = model.mimeData([model.index(0, 0)])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())


def test_reorder_within_an_appointment_keeps_other_questions_in_place(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    choose(page.appointment_filter, ids["visit"])
    model = page.model
    data = model.mimeData([model.index(2, 0)])  # "c" to the top
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "cabd"]
    assert stored_order(session, ids["hip"]) == ["Question h"]


def test_drop_events_on_the_table_put_the_question_where_it_is_dropped(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    """The view's own drop handling (where on a row the drop lands), fed drop events.

    The offscreen platform cannot run a real QDrag (exec returns at once), and an
    InternalMove view accepts only drops whose source is a QDrag from itself; so the
    view is switched to plain drag and drop to take the synthetic events.
    """
    page = make_page(qtbot, session)
    choose(page.case_filter, ids["knee"])
    view = page.table
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert view.dragEnabled() and not view.dragDropOverwriteMode()
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    model = page.model
    data = model.mimeData([model.index(0, QuestionsModel.TEXT)])  # "a"
    rect = view.visualRect(model.index(2, QuestionsModel.TEXT))  # on "c", lower half
    at = QPointF(rect.center().x(), rect.bottom() - 2)
    viewport = view.viewport()
    actions = Qt.DropAction.MoveAction
    buttons = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, buttons, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, actions, data, buttons, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(at, actions, data, buttons, none)
    QApplication.sendEvent(viewport, drop)
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "bcad"]
    session.undo()
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "abcd"]


def test_move_up_and_down_by_button_and_keyboard(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    choose(page.case_filter, ids["knee"])
    assert page.select_question(ids["a"])
    assert not page.up_button.isEnabled() and page.down_button.isEnabled()
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "bacd"]
    assert page.selected_id() == ids["a"]  # the moved question stays chosen
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(  # a button's shortcut "animates" its click first
        lambda: stored_order(session, ids["knee"]) == [f"Question {k}" for k in "abcd"]
    )
    session.undo()
    assert stored_order(session, ids["knee"]) == [f"Question {k}" for k in "bacd"]


def test_priority_and_category_edited_in_the_list_and_in_the_form(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    choose(page.case_filter, ids["knee"])
    index = page.model.index(0, QuestionsModel.PRIORITY)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    combo = page.table.viewport().findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("low"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the delegate commits a moment later
    qtbot.waitUntil(lambda: records.get(session.dossier, "question", ids["a"])["priority"] == "low")
    assert page.model.index(0, QuestionsModel.PRIORITY).data() == "Low"

    index = page.model.index(0, QuestionsModel.CATEGORY)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    line = page.table.viewport().findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "costs")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: records.get(session.dossier, "question", ids["a"])["category"] == "costs"
    )
    session.undo()
    assert records.get(session.dossier, "question", ids["a"])["category"] is None
    assert page.form.editors["category"].value() == ""

    # The form beside the list.
    category = page.form.editors["category"].widget
    assert isinstance(category, QLineEdit)
    qtbot.keyClicks(category, "waiting times")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert records.get(session.dossier, "question", ids["a"])["category"] == "waiting times"


def test_new_question_for_the_chosen_appointment_and_trash(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    choose(page.appointment_filter, ids["visit"])
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    text = page.form.editors["text"].widget
    assert isinstance(text, QPlainTextEdit)
    assert page.focusWidget() is text
    qtbot.keyClicks(text, "How long is the recovery?")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    made = [q for q in records.list_records(session.dossier, "question") if "recovery" in q["text"]]
    assert len(made) == 1
    assert made[0]["appointment_id"] == ids["visit"] and made[0]["case_id"] == ids["knee"]
    assert shown(page)[-1] == "How long is the recovery?"
    assert page.selected_id() == made[0]["id"]
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "How long is the recovery?" not in shown(page)
    session.undo()
    assert "How long is the recovery?" in shown(page)


def test_start_appointment_mode_for_the_chosen_appointment(
    qtbot: QtBot, session: Session, ids: dict[str, int]
) -> None:
    page = make_page(qtbot, session)
    assert not page.mode_button.isEnabled()
    assert page.select_question(ids["a"])  # a question for an appointment is enough
    assert page.mode_button.isEnabled()
    qtbot.mouseClick(page.mode_button, Qt.MouseButton.LeftButton)
    modes = [w for w in QApplication.topLevelWidgets() if isinstance(w, AppointmentMode)]
    assert len(modes) == 1 and modes[0].isVisible()
    mode = modes[0]
    # Those assigned to the appointment, then the case's other open one.
    assert [row.text.text() for row in mode.rows] == [f"Question {k}" for k in "abcd"]
    assert mode.question_rows.others_heading.isVisible()
    qtbot.keyClick(mode, Qt.Key.Key_Escape)
    assert not mode.isVisible()


def test_the_empty_hint_follows_the_rows_and_long_names_fit(qtbot: QtBot, session: Session) -> None:
    page = make_page(qtbot, session)
    assert page.empty_hint.isVisible() and page.model.rowCount() == 0
    d = session.dossier
    case = records.create(
        d, "case", {"title": "Hip: replace now or wait? Вторая консультация, חוות דעת שנייה"}
    ).id
    created = [
        session.apply(
            lambda dossier, text=text: records.create(
                dossier, "question", {"case_id": case, "text": text, "category": "treatment"}
            )
        )
        for text in ("What are the risks?", "How long is recovery?", "Q " * 1000)
    ]
    assert all(created)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert not page.empty_hint.isVisible()  # no "No questions here yet" above the list

    table, metrics = page.table, page.table.fontMetrics()
    em = metrics.horizontalAdvance("m")
    category = page.model.index(0, QuestionsModel.CATEGORY).data()
    assert table.columnWidth(QuestionsModel.CATEGORY) >= metrics.horizontalAdvance(category)
    longest_word = max(page.model.index(0, QuestionsModel.CASE).data().split(), key=len)
    assert table.columnWidth(QuestionsModel.CASE) >= max(
        9 * em, metrics.horizontalAdvance(longest_word)
    )
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways

    for question in list(records.list_records(d, "question")):
        session.apply(lambda dossier, q=question: records.delete(dossier, "question", q["id"]))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty_hint.isVisible()

"""The Trash page driven for real: what was deleted, restoring it (undoable), and emptying
the trash after a confirmation that says plainly what goes and that it cannot be undone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.errors import NotFoundError
from dossier.core.storage import Dossier
from dossier.ui.pages.trash import TrashPage
from dossier.ui.session import Session


def make_page(qtbot: QtBot, dossier: Dossier) -> tuple[TrashPage, Session]:
    session = Session(dossier)
    page = TrashPage(session)
    qtbot.addWidget(page)
    page.resize(900, 600)
    with qtbot.waitExposed(page):
        page.show()
    return page, session


def fill(session: Session) -> dict[str, int]:
    """A case with three records of its own, and a contact; both then deleted."""
    case = session.apply(lambda d: records.create(d, "case", {"title": "Hip: operate or wait?"}))
    for name, data in (
        ("diagnosis", {"name": "Osteoarthritis of the hip"}),
        ("question", {"text": "What if I wait a year?"}),
        ("note", {"text": "Pain worse on stairs."}),
    ):
        session.apply(lambda d, n=name, v=data: records.create(d, n, {**v, "case_id": case.id}))
    contact = session.apply(lambda d: records.create(d, "contact", {"name": "Dr. Old Address"}))
    session.apply(lambda d: records.delete(d, "case", case.id))
    session.apply(lambda d: records.delete(d, "contact", contact.id))
    return {"case": case.id, "contact": contact.id}


def answer_dialog(qtbot: QtBot, button_name: str, seen: list[str]) -> Callable[[], None]:
    """Click ``button_name`` in the message box once it is open, noting its words."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not open yet: look again shortly
            QTimer.singleShot(20, click)
            return
        seen.append(box.text() + " " + box.informativeText())
        button = box.findChild(QPushButton, button_name)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return click


def test_the_trash_lists_each_deletion_once_with_what_came_along(
    qtbot: QtBot, dossier: Dossier, qtmodeltester: ModelTester
) -> None:
    page, session = make_page(qtbot, dossier)
    assert page.empty_label.isVisible() and not page.empty_button.isEnabled()
    ids = fill(session)
    model = page.model
    assert model.rowCount() == 2  # newest first: the contact, then the case with its records
    assert [model.index(0, c).data() for c in (0, 1, 3)] == ["Contact", "Dr. Old Address", ""]
    assert [model.index(1, c).data() for c in (0, 1, 3)] == [
        "Case",
        "Hip: operate or wait?",
        "with 3 other records",
    ]
    assert model.index(1, 2).data()  # when it was deleted, in words
    assert page.table.isVisible() and page.empty_button.isEnabled()
    assert page.current_entry() is not None  # the newest is chosen, so Restore is ready
    qtmodeltester.check(model)
    assert ids["case"] == model.entry(1).record_id


def test_restore_brings_the_case_back_with_its_records_and_can_be_undone(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page, session = make_page(qtbot, dossier)
    ids = fill(session)
    assert page.select("case", ids["case"])
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert records.get(dossier, "case", ids["case"])["title"] == "Hip: operate or wait?"
    assert len(records.list_records(dossier, "diagnosis", case_id=ids["case"])) == 1
    assert page.model.rowCount() == 1
    assert "is back, with 3 other records" in page.message.text()
    session.undo()  # the restore undone: in the trash again
    assert page.model.rowCount() == 2
    with pytest.raises(NotFoundError):
        records.get(dossier, "case", ids["case"])
    # Keyboard: Enter on the chosen row restores it too.
    assert page.select("contact", ids["contact"])
    qtbot.keyClick(page.table.viewport(), Qt.Key.Key_Return)
    assert records.get(dossier, "contact", ids["contact"])["name"] == "Dr. Old Address"


def test_emptying_the_trash_asks_first_and_keeping_changes_nothing(
    qtbot: QtBot, dossier: Dossier
) -> None:
    page, session = make_page(qtbot, dossier)
    ids = fill(session)
    seen: list[str] = []
    QTimer.singleShot(0, answer_dialog(qtbot, "keep", seen))
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert seen and "Delete the 5 records in the trash for good?" in seen[0]
    assert "cannot be undone" in seen[0]
    assert page.model.rowCount() == 2
    assert records.get(dossier, "case", ids["case"], include_deleted=True)


def test_an_empty_trash_keeps_its_heading_at_the_top(qtbot: QtBot, dossier: Dossier) -> None:
    """Before, with the list hidden, the heading and the lines under it were spread down
    the page, the heading floating in the middle of the window."""
    page, _session = make_page(qtbot, dossier)
    assert page.empty_label.isVisible() and not page.table.isVisible()
    heading = page.findChild(QLabel, "pageTitle")
    assert heading is not None
    assert heading.geometry().top() < 40
    assert page.empty_label.geometry().top() < 200  # right under the intro, not halfway
    assert page.empty_button.geometry().bottom() > page.height() - 60  # buttons at the foot


def test_emptying_the_trash_for_good(qtbot: QtBot, dossier: Dossier) -> None:
    page, session = make_page(qtbot, dossier)
    ids = fill(session)
    kept = session.apply(lambda d: records.create(d, "contact", {"name": "Dr. Still Here"}))
    seen: list[str] = []
    QTimer.singleShot(0, answer_dialog(qtbot, "deleteForGood", seen))
    with qtbot.waitSignal(session.reloaded):
        qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert seen
    assert page.model.rowCount() == 0 and page.empty_label.isVisible()
    assert "5 records were deleted for good" in page.message.text()
    for name, record_id in ids.items():
        with pytest.raises(NotFoundError):
            records.get(dossier, name, record_id, include_deleted=True)
    assert records.get(dossier, "contact", kept.id)["name"] == "Dr. Still Here"
    # Nothing is left to undo that could point at the records gone for good.
    assert not session.history.can_undo
    assert not page.empty_button.isEnabled()


def test_an_entry_of_a_kind_the_program_does_not_know_is_shown_and_refused_plainly(
    qtbot: QtBot, dossier: Dossier
) -> None:
    """A database changed by hand (issue 11): the page names the unknown kind instead of
    failing, restoring it says why not, and the records beside it come back."""
    dossier.db.execute(
        "INSERT INTO trash (entity, record_id, label, deleted_at, batch) "
        "VALUES ('nosuch', 1, 'Something', '2026-01-01T10:00:00', ?)",
        ["0" * 32],
    )
    page, session = make_page(qtbot, dossier)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Unknown kind of record (nosuch)"
    assert page.select("nosuch", 1)
    assert page.restore_selected() is None
    assert "There is no kind of record called 'nosuch'" in page.message.text()
    ids = fill(session)
    dossier.db.execute(
        "UPDATE trash SET batch = (SELECT batch FROM trash WHERE entity = 'case') "
        "WHERE entity = 'nosuch'"
    )
    change = records.restore(dossier, "case", ids["case"])
    assert change.after is not None and len(change.also) == 3

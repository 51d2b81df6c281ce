"""Send to the Second Doctor, driven for real with qtbot on a copy of the example dossier:
the suggestions, what will go in, a refusal before anything is written, the writing off
the window's thread with its summary and the hand-over recorded (Undo takes it back),
Stop leaving nothing, and the entries on the Cases page and in the Dossier menu."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.handover.send_dialog import SendDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.cases import CasesPage
from dossier.ui.session import Session
from tests.pinned_day import PinDay
from tests.ui.windows import page_of, shown_window

THYROID, BREAST = 4, 1  # the example's cases: an appointment with Dr. Sato ahead; none


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def click(qtbot: QtBot, button: QWidget) -> None:
    assert isinstance(button, QPushButton) and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def opened(qtbot: QtBot, session: Session, case_id: int) -> SendDialog:
    dialog = SendDialog(session, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_it_suggests_the_doctor_ahead_and_says_what_goes_in(
    qtbot: QtBot, demo: Dossier, stick: Path, today: PinDay
) -> None:
    today("2026-05-12")
    dialog = opened(qtbot, Session(demo), THYROID)
    form = dialog.form
    sato = records.list_records(demo, "contact", equal={"name": "Dr. Naomi Sato"})[0]["id"]
    assert form.to_id() == sato
    assert form.chosen_language() == "en"
    assert form.name.text() == "Second opinion - Thyroid nodule - Dr. Naomi Sato"
    assert form.name.cursorPosition() == 0  # its beginning shown, not "…Dr. Naomi Sato"
    assert "It will hold the cover letter, the consultation brief and the packet" in (
        form.contents.text()
    )
    assert [form.language.itemData(i) for i in range(5)] == ["en", "nl", "he", "uk", "ru"]
    form.language.setCurrentIndex(form.language.findData("nl"))
    assert "not yet translated into Dutch" in form.contents.text()
    form.use_folder(stick)
    form.as_zip.setChecked(True)
    assert form.target() == stick / (form.name.text() + ".zip")
    assert str(stick) in form.where.text() and "zip file" in form.where.text()
    form.name.clear()
    assert not dialog.write_button.isEnabled()
    dialog.close()


def test_a_place_taken_is_refused_before_anything_is_written(
    qtbot: QtBot, demo: Dossier, stick: Path
) -> None:
    dialog = opened(qtbot, Session(demo), BREAST)
    (stick / "taken").mkdir()
    dialog.form.use_folder(stick)
    dialog.form.name.setText("taken")
    click(qtbot, dialog.write_button)
    assert dialog.task is None and dialog.pages.currentIndex() == 0
    assert dialog.form.problem.isVisible()
    assert "There is already something called" in dialog.form.problem.text()
    assert os.listdir(stick) == ["taken"]
    dialog.close()


def test_write_see_the_summary_and_undo_the_record(
    qtbot: QtBot, demo: Dossier, stick: Path, today: PinDay
) -> None:
    today("2026-05-12")
    session = Session(demo)
    before = len(records.list_records(demo, "hand_over", case_id=THYROID))
    dialog = opened(qtbot, session, THYROID)
    dialog.form.use_folder(stick)
    dialog.form.name.setText("For Dr Sato")
    click(qtbot, dialog.write_button)
    assert dialog.pages.currentIndex() == 1  # writing, off the window's thread
    assert dialog.task is not None and dialog.task.wait(60_000)
    assert dialog.pages.currentIndex() == 2, dialog.summary.text()
    assert dialog.end_heading.text() == "The bundle is ready."
    summary = dialog.summary.text()
    assert "Written to the folder" in summary and "For Dr Sato" in summary
    assert "Recorded as sent to" in summary and "Dr. Naomi Sato" in summary
    assert dialog.show_button.isVisible() and not dialog.back_button.isVisible()
    bundle = stick / "For Dr Sato"
    assert (bundle / "CONTENTS.txt").is_file() and (bundle / "CONTENTS.pdf").is_file()
    assert sorted(os.listdir(stick)) == ["For Dr Sato"]
    rows = records.list_records(demo, "hand_over", case_id=THYROID)
    assert len(rows) == before + 1
    newest = max(rows, key=lambda r: int(r["id"]))
    assert (newest["kind"], newest["how"], newest["done_on"]) == (
        "sent",
        "as a folder, For Dr Sato",
        "2026-05-12",
    )
    session.undo()
    assert len(records.list_records(demo, "hand_over", case_id=THYROID)) == before
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_stop_leaves_nothing(qtbot: QtBot, demo: Dossier, stick: Path) -> None:
    dialog = opened(qtbot, Session(demo), BREAST)
    dialog.form.use_folder(stick)
    dialog.form.as_zip.setChecked(True)
    task = dialog.write()
    assert task is not None
    dialog.stop()  # at once: the bundle stops at its next step
    assert task.wait(60_000)
    assert dialog.pages.currentIndex() == 2
    assert dialog.end_heading.text() == "Stopped."
    assert "nothing was left behind" in dialog.summary.text()
    assert "Stopped" not in dialog.summary.text()  # said once, in the heading
    assert dialog.back_button.isVisible() and not dialog.show_button.isVisible()
    assert os.listdir(stick) == []
    click(qtbot, dialog.back_button)
    assert dialog.pages.currentIndex() == 0
    dialog.close()


def test_on_the_cases_page_and_in_the_dossier_menu(qtbot: QtBot, demo: Dossier) -> None:
    window = shown_window(qtbot, demo)
    page = page_of(window, "cases", CasesPage)
    page.show_case(THYROID)
    assert page.send_button.isEnabled()
    click(qtbot, page.send_button)
    found = window.findChildren(SendDialog)
    assert len(found) == 1 and found[0].case_id == THYROID
    found[0].close()
    qtbot.waitUntil(lambda: not window.findChildren(SendDialog) or not found[0].isVisible())
    action = _menu_action(window)
    assert action.text() == "Send to the Second Doctor…" and action.isEnabled()
    page.show_case(BREAST)
    action.trigger()
    shown = [d for d in window.findChildren(SendDialog) if d.isVisible()]
    assert [d.case_id for d in shown] == [BREAST]
    shown[0].close()
    tasks.wait_for(None, 5000)


def _menu_action(window: MainWindow) -> object:
    from PySide6.QtGui import QAction

    [action] = [a for a in window.findChildren(QAction) if a.objectName() == "sendToDoctorAction"]
    return action

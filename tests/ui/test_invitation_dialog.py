"""An invitation (.ics) in the window: given to Import files (or dropped) or chosen with
Dossier → Add an Appointment from an Invitation…, it is shown before anything is added;
the case and the doctor are chosen; Add appointment adds it (one step to undo) and the
Calendar shows it; Cancel adds nothing. The file dialog is Qt's, replaced to answer with a
path; the program's own dialogs are answered with DialogHand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.ui.appointment.invitation_dialog import InvitationDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.pages.documents import DocumentsPage
from tests.invitations import CANCEL, JERUSALEM, OUTLOOK, computer_zone
from tests.ui.dialog_hand import DialogHand


@pytest.fixture(autouse=True)
def amsterdam() -> Iterator[None]:
    with computer_zone("Europe/Amsterdam"):
        yield


@pytest.fixture
def anna(tmp_path: Path) -> Dossier:
    dossier = create_dossier(tmp_path / "anna", name="Anna Müller")
    records.create(dossier, "case", {"title": "Breast lump"})
    records.create(dossier, "case", {"title": "Knee", "status": "closed"})
    records.create(
        dossier, "contact", {"name": "Dr. A. de Vries", "email": "a.devries@example-hospital.nl"}
    )
    records.create(dossier, "contact", {"name": "Dr. B. Cohen"})
    return dossier


@pytest.fixture
def window(qtbot: QtBot, anna: Dossier) -> Iterator[MainWindow]:
    shown = MainWindow(anna)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def write(tmp_path: Path, data: bytes, name: str = "invite.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def menu_action(window: MainWindow) -> QAction:
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    return next(a for a in menu.actions() if a.objectName() == "addInvitationAction")


def dossier_of(window: MainWindow) -> Dossier:
    assert window.session is not None
    return window.session.dossier


def appointments(window: MainWindow) -> list[dict[str, Any]]:
    return records.list_records(dossier_of(window), "appointment")


def test_an_invitation_given_to_the_import_is_shown_then_added(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def look_choose_add(dialog: InvitationDialog) -> None:
        seen["when"] = dialog.findChild(object, "invitationWhen").text()
        seen["where"] = dialog.findChild(object, "invitationWhere").text()
        seen["purpose"] = dialog.findChild(object, "invitationPurpose").text()
        seen["from"] = dialog.findChild(object, "invitationFrom").text()
        seen["details"] = dialog.findChild(object, "invitationDetails").toPlainText()
        seen["case"] = dialog.case.currentText()  # the only open case, chosen already
        seen["contact"] = dialog.contact.currentText()  # the sender, known as a contact
        dialog.contact.setCurrentIndex(dialog.contact.findText("Dr. B. Cohen"))
        dialog.add_button.click()

    assert window.view is not None
    hand = DialogHand(InvitationDialog, look_choose_add)
    window.view.import_files([write(tmp_path, OUTLOOK)])
    qtbot.waitUntil(lambda: hand.handled and not window.findChildren(InvitationDialog))
    hand.check()

    assert seen["when"] == "3 Jun 2026, 09:30"
    assert seen["where"] == "Polikliniek Oncologie, gebouw B, kamer 2.14"
    assert seen["purpose"] == "Consult oncologie (tweede mening)"
    assert seen["from"] == "Dr. A. de Vries"
    assert "Neem uw verzekeringspas en medicijnlijst mee." in seen["details"]
    assert seen["case"].startswith("Breast lump")
    assert seen["contact"].startswith("Dr. A. de Vries")

    (added,) = appointments(window)
    assert added["starts_at"] == "2026-06-03T09:30"
    assert records.get(dossier_of(window), "case", added["case_id"])["title"] == "Breast lump"
    assert records.get(dossier_of(window), "contact", added["contact_id"])["name"] == (
        "Dr. B. Cohen"
    )
    # Not a document: the import did not take it.
    documents = window.view.pages["documents"]
    assert isinstance(documents, DocumentsPage) and not documents.imports.importing()
    assert records.list_records(dossier_of(window), "document") == []
    # Shown on the Calendar.
    assert window.view.current_page_key() == "calendar"
    calendar = window.view.pages["calendar"]
    assert isinstance(calendar, CalendarPage)
    assert calendar.current_key() == ("appointment", added["id"])
    # One step to undo.
    assert window.session is not None
    assert window.session.history.undo_text().startswith("Undo adding appointment")
    window.undo()
    assert appointments(window) == []


def test_cancel_adds_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, JERUSALEM)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    seen: list[str] = []

    def look_and_cancel(dialog: InvitationDialog) -> None:
        seen.append(dialog.findChild(object, "invitationWhen").text())
        seen.append(dialog.findChild(object, "invitationWhere").text())
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    hand = DialogHand(InvitationDialog, look_and_cancel)
    menu_action(window).trigger()
    hand.check()
    assert seen == [
        "15 Jun 2026, 08:00 (in the invitation: 09:00 Asia/Jerusalem)",
        "בניין המכון, קומה 3, חדר 12",
    ]
    assert appointments(window) == []
    assert window.session is not None and not window.session.history.can_undo


def test_an_appointment_already_there_is_not_added_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, OUTLOOK)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    records.create(
        dossier_of(window),
        "appointment",
        {
            "starts_at": "2026-06-03T09:30",
            "location": "polikliniek oncologie, gebouw B, kamer 2.14",
        },
    )
    seen: list[Any] = []

    def look(dialog: InvitationDialog) -> None:
        seen.append(dialog.findChild(object, "invitationAlreadyThere").text())
        seen.append(dialog.add_button.isEnabled())
        dialog.reject()

    hand = DialogHand(InvitationDialog, look)
    menu_action(window).trigger()
    hand.check()
    assert seen == ["Already in the dossier as appointment 1: it is not added again.", False]
    assert len(appointments(window)) == 1


def test_a_cancellation_is_said_and_adds_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seen: list[Any] = []

    def look(dialog: InvitationDialog) -> None:
        seen.append(dialog.findChild(object, "cancellationText").text())
        seen.append(dialog.add_button.isVisible())
        dialog.reject()

    assert window.view is not None
    hand = DialogHand(InvitationDialog, look)
    window.view.import_files([write(tmp_path, CANCEL, "Canceled.ics")])
    qtbot.waitUntil(lambda: hand.handled and not window.findChildren(InvitationDialog))
    hand.check()
    assert seen[0].startswith("This is a cancellation, not an invitation")
    assert seen[1] is False
    assert appointments(window) == []


def test_a_file_that_is_not_an_invitation_is_refused_in_plain_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    hand = DialogHand(QMessageBox, read_and_close)
    menu_action(window).trigger()
    hand.check()
    assert said == [
        "This calendar file is damaged: it ends before its parts are closed; perhaps it was "
        "cut off."
    ]
    assert appointments(window) == []


def test_enter_adds(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    def press_enter(dialog: InvitationDialog) -> None:
        assert dialog.add_button.isDefault()
        qtbot.keyClick(dialog.case, Qt.Key.Key_Return)

    assert window.view is not None
    hand = DialogHand(InvitationDialog, press_enter)
    window.view.import_files([write(tmp_path, JERUSALEM)])
    qtbot.waitUntil(lambda: hand.handled and not window.findChildren(InvitationDialog))
    hand.check()
    assert [a["starts_at"] for a in appointments(window)] == ["2026-06-15T08:00"]


def test_the_entry_is_off_without_a_dossier(qtbot: QtBot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    assert not menu_action(window).isEnabled()
    window.close()

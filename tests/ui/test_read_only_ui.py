"""A dossier open for reading only in the window: a calm notice at the top says why, changes
say the same plainly (never a traceback), and the check's repair makes a dossier with a
foreign trigger writable again, in place."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.backup import list_backups
from dossier.core.errors import ReadOnlyDossier
from dossier.core.opening import open_dossier
from dossier.ui import shown_errors, tasks
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.pages.notes import notes_page
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.safety.check_actions import open_check_dialog
from dossier.ui.safety.check_dialog import CheckDialog
from dossier.ui.session import Session
from tests.integrity_helpers import files_under
from tests.mounts import read_only_view
from tests.unit.test_foreign_schema import WIPE, objects_in, tamper

WAIT = 60_000


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What message boxes would have said (instead of waiting for a click): the headline,
    then the text under it."""
    said: list[str] = []

    def information(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    def shown(box: QMessageBox) -> int:
        said.append(box.text() + "\n" + box.informativeText())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "information", information)
    monkeypatch.setattr(QMessageBox, "warning", information)
    monkeypatch.setattr(QMessageBox, "exec", shown)
    return said


def _window(qtbot: QtBot, folder: Path) -> MainWindow:
    window = MainWindow(open_dossier(folder))
    qtbot.addWidget(window)
    window.show()
    return window


def _notice(window: MainWindow) -> QLabel | None:
    """The notice's text under its headline (which says the dossier is read-only)."""
    found = window.findChild(QLabel, "readOnlyNotice")
    return found if isinstance(found, QLabel) and found.isVisible() else None


def _headline(window: MainWindow) -> str:
    found = window.findChild(QLabel, "readOnlyTitle")
    assert isinstance(found, QLabel) and found.isVisible()
    return found.text()


LEAD = "This dossier is open for reading only, so nothing was changed.\n"


def test_a_foreign_trigger_shows_a_notice_and_changes_say_why(
    qtbot: QtBot, demo_copy: Path, told: list[str], tmp_path: Path
) -> None:
    tamper(demo_copy, WIPE)
    window = _window(qtbot, demo_copy)
    notice = _notice(window)
    assert notice is not None
    assert _headline(window).startswith("This dossier is open for reading only: you can look")
    assert "“wipe”" in notice.text() and "Repair removes them" in notice.text()
    assert "--repair" not in notice.text()  # the window's words: its button opens the check
    assert not window.import_action.isEnabled()
    assert not window.edit_person_action.isEnabled()
    letter = tmp_path / "letter.txt"
    letter.write_text("A letter.\n")
    assert window.view is not None
    window.view.import_files([letter])  # as dropping a file on the window does
    assert told and told[-1].startswith(LEAD)  # a short headline, the reason under it
    assert "“wipe”" in told[-1]
    window.close()


def test_the_notice_opens_the_check(qtbot: QtBot, demo_copy: Path) -> None:
    tamper(demo_copy, WIPE)
    window = _window(qtbot, demo_copy)
    button = window.findChild(QPushButton, "readOnlyCheck")
    assert isinstance(button, QPushButton) and button.isVisible()
    assert button.text() == "Check the dossier…"
    button.click()
    dialog = window.findChild(CheckDialog, "checkDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert dialog.repair_button.isVisible()
    dialog.close()
    window.close()


def test_the_documents_page_offers_no_import_and_asks_for_no_file(
    qtbot: QtBot, demo_copy: Path, told: list[str]
) -> None:
    """As Dossier → Import files…: the page's buttons are off, and choosing files is not
    even offered (before, a file chooser opened and then an empty list of results)."""
    tamper(demo_copy, WIPE)
    window = _window(qtbot, demo_copy)
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    assert (
        not page.header.import_button.isEnabled()
        and not page.header.import_folder_button.isEnabled()
    )
    asked: list[str] = []

    def ask_files() -> list[Path]:
        asked.append("files")
        return []

    def ask_folder() -> Path | None:
        asked.append("folder")
        return None

    page.imports.ask_files = ask_files  # type: ignore[method-assign]
    page.imports.ask_folder = ask_folder  # type: ignore[method-assign]
    page.imports.choose_files()
    page.imports.choose_folder()
    assert asked == []
    assert len(told) == 2 and all(t.startswith(LEAD) for t in told)
    assert page.imports.dialog is None and page.imports.job is None
    window.close()


def test_a_form_says_why_and_keeps_what_was_typed(qtbot: QtBot, demo_copy: Path) -> None:
    tamper(demo_copy, WIPE)
    with open_dossier(demo_copy) as opened:
        notes = len(records.list_records(opened, "note"))
        page: RecordPage = notes_page(Session(opened))
        qtbot.addWidget(page)
        page.show()
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        page.form.editors["text"].widget.setPlainText("What the surgeon said.")  # type: ignore[attr-defined]
        qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
        assert page.form.message.isVisible()
        assert page.form.message.text() == (
            "This dossier is open for reading only, so nothing was changed. "
            "The notice at the top of the window says why."
        )
        assert len(records.list_records(opened, "note")) == notes
        page.close()


def test_a_refused_change_that_escapes_a_slot_is_shown_not_printed(
    told: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = sys.excepthook
    shown_errors.install()
    try:
        error = ReadOnlyDossier(
            "This dossier is open for reading only, so nothing was changed. Because."
        )
        sys.excepthook(ReadOnlyDossier, error, None)
        assert told == [LEAD + "Because."]
        assert "Traceback" not in capsys.readouterr().err
    finally:
        sys.excepthook = before


def test_the_check_removes_the_trigger_and_the_window_can_change_it_again(
    qtbot: QtBot, demo_copy: Path
) -> None:
    tamper(demo_copy, WIPE)
    window = _window(qtbot, demo_copy)
    dialog = open_check_dialog(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert "an added trigger “wipe” on the table note" in dialog.text.toPlainText()
    assert dialog.repair_button.isVisible()
    qtbot.mouseClick(dialog.repair_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.repair_result is not None, timeout=WAIT)
    assert tasks.wait_for(dialog)
    assert dialog.heading.text() == "Repaired. Everything is in order now."
    assert "Made a backup first" in dialog.text.toPlainText()
    assert _notice(window) is None
    assert window.statusBar().currentMessage().startswith("The dossier can be changed again")
    assert window.session is not None and window.session.dossier.read_only is None
    assert window.import_action.isEnabled()
    window.session.apply(lambda d: records.create(d, "note", {"text": "After the repair."}))
    assert ("trigger", "wipe") not in objects_in(demo_copy / "dossier.sqlite")
    dialog.close()
    window.close()


def test_a_dossier_on_a_read_only_drive_in_the_window(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path
) -> None:
    (demo_copy / "vault" / "ab").mkdir(exist_ok=True)
    (demo_copy / "vault" / "ab" / "not-ours.bin").write_bytes(b"a file nobody put there")
    with read_only_view(demo_copy, tmp_path / "cd") as cd:
        before = files_under(cd)
        window = _window(qtbot, cd)
        notice = _notice(window)
        assert notice is not None and "cannot be written to" in notice.text()
        assert window.findChild(QPushButton, "readOnlyCheck") is None  # repair cannot help
        dialog = open_check_dialog(window)  # the check works; repair is not offered
        assert dialog is not None
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.busy() and dialog.report is not None, timeout=WAIT)
        assert tasks.wait_for(dialog)
        text = dialog.text.toPlainText()
        assert "belongs to no record" in text and "cannot be written to" in text
        assert "Repair can fix this." not in text
        assert not dialog.repair_button.isVisible()
        dialog.close()
        window.close()  # closing makes today's backup: into the backup folder, not the CD
        assert list_backups(cd)
        assert files_under(cd) == before
        assert sorted(os.listdir(cd)) == ["dossier.sqlite", "vault"]

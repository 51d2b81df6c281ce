"""Dossier → Export to a Calendar File… and Keep a Calendar File Up to Date…, driven as a
person would, and the kept file written again after a change made in the window.

The file dialogs are Qt's: their static methods are replaced to answer with paths. The
program's own dialogs are answered with :class:`tests.ui.dialog_hand.DialogHand`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.crypto import keyring
from dossier.core.crypto.unlock import new_protection
from dossier.core.ical.feed import get_feed, set_feed
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.calendar_file.actions import DELAY_MS
from dossier.ui.calendar_file.keep_dialog import KeepCalendarDialog
from dossier.ui.main_window import MainWindow
from tests.protection_keys import FAST
from tests.ui.dialog_hand import DialogHand


@pytest.fixture(autouse=True)
def no_keys() -> Iterator[None]:
    keyring.forget_all()
    yield
    keyring.forget_all()


def _window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    return window


def _action(window: MainWindow, name: str) -> QAction:
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.aboutToShow.emit()  # as when the person opens the Dossier menu
    return next(a for a in menu.actions() if a.objectName() == name)


def _uids(path: Path) -> set[str]:
    return {str(e["uid"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_the_entries_need_a_dossier(qtbot: QtBot, demo_copy: Path) -> None:
    window = _window(qtbot, None)
    assert not _action(window, "exportCalendarAction").isEnabled()
    assert not _action(window, "keepCalendarAction").isEnabled()
    assert window.open_path(demo_copy)
    assert _action(window, "exportCalendarAction").isEnabled()
    assert _action(window, "keepCalendarAction").isEnabled()
    window.close_dossier()
    assert not _action(window, "exportCalendarAction").isEnabled()
    window.close()


def test_export_saves_the_calendar_and_says_where(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, open_dossier(demo_copy))
    asked: list[str] = []

    def save_as(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "for my calendar"), filters  # typed without .ics

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        assert box.objectName() == "calendarExported"
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    hand = DialogHand(QMessageBox, read_and_close)
    _action(window, "exportCalendarAction").trigger()
    hand.check()
    target = tmp_path / "for my calendar.ics"
    assert Path(asked[0]).name == "Margaret Maggie Lindqvist - second opinion.ics"
    assert str(target) in said[0] and "import" in said[0]
    assert len(_uids(target)) == len(vobject.readOne(target.read_text("utf-8")).vevent_list) > 5
    window.close()


def test_keep_a_calendar_file_then_every_change_rewrites_it(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, open_dossier(demo_copy))
    kept = tmp_path / "calendar"
    kept.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(kept))
    )
    shown: list[str] = []

    def choose_then_close(dialog: KeepCalendarDialog) -> None:
        assert dialog.status.text() == "No calendar file is kept up to date for this dossier."
        assert not dialog.stop.isEnabled() and not dialog.warning.isVisible()
        dialog.choose.click()
        shown.append(dialog.status.text())
        assert not dialog.problem.isVisible() and dialog.stop.isEnabled()
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        box.button(QDialogButtonBox.StandardButton.Close).click()

    hand = DialogHand(KeepCalendarDialog, choose_then_close)
    _action(window, "keepCalendarAction").trigger()
    hand.check()
    path = kept / "Margaret Maggie Lindqvist - second opinion.ics"
    # The path read left to right whatever the language around it (LRI … PDI).
    assert shown == [f"The calendar file is kept up to date here:\n\u2066{path}\u2069"]
    first = path.read_bytes()
    uids = _uids(path)

    # A change through the window's session: written once the typing has paused.
    session = window.session
    assert session is not None
    session.apply(lambda d: records.update(d, "appointment", 1, {"location": "Room 12"}))
    session.apply(lambda d: records.update(d, "appointment", 1, {"location": "Room 123"}))
    assert path.read_bytes() == first  # not at each key
    qtbot.waitUntil(lambda: b"Room 123" in path.read_bytes(), timeout=DELAY_MS + 5000)
    assert _uids(path) == uids  # updated, not duplicated

    # Writes started one after the other end in the order of the changes.
    actions = window.menus.calendar_file
    for room in ("Room A", "Room B", "Room C"):
        session.apply(lambda d, room=room: records.update(d, "appointment", 1, {"location": room}))
        actions.refresh()
    assert tasks.wait_for(actions, 30_000)
    assert b"Room C" in path.read_bytes()

    # A change just before the dossier is closed is written before it closes.
    session.apply(lambda d: records.update(d, "appointment", 1, {"location": "Room 77"}))
    window.close_dossier()
    assert b"Room 77" in path.read_bytes()
    window.close()


def test_a_protected_dossier_is_warned_of_and_a_missing_folder_said(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protection = new_protection("a calendar passphrase", params=FAST)
    protected = create_dossier(tmp_path / "protected", name="Anna Jansen", protection=protection)
    records.create(protected, "appointment", {"starts_at": "2026-06-02T10:30"})
    stick = tmp_path / "stick"
    stick.mkdir()
    set_feed(protected, stick)
    window = _window(qtbot, protected)
    shutil.rmtree(stick)
    session = window.session
    assert session is not None
    session.apply(lambda d: records.update(d, "appointment", 1, {"location": "Room 3"}))
    window.menus.calendar_file.flush()
    message = window.statusBar().currentMessage()
    assert message.startswith("The calendar file cannot be kept up to date: the folder")
    seen: list[tuple[bool, str, bool, str]] = []

    def look(dialog: KeepCalendarDialog) -> None:
        seen.append(
            (
                dialog.warning.isVisible(),
                dialog.warning.text(),
                dialog.problem.isVisible(),
                dialog.problem.text(),
            )
        )
        dialog.reject()

    hand = DialogHand(KeepCalendarDialog, look)
    _action(window, "keepCalendarAction").trigger()
    hand.check()
    warning_shown, warning, problem_shown, problem = seen[0]
    assert warning_shown and "not encrypted" in warning
    assert problem_shown and problem == message
    assert get_feed(protected.path) is not None  # still kept: the drive may come back

    # A file exported once is said to be readable too.
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "once.ics"), "")),
    )
    exported: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        exported.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    hand = DialogHand(QMessageBox, read_and_close)
    _action(window, "exportCalendarAction").trigger()
    hand.check()
    assert exported[0].endswith(warning) and (tmp_path / "once.ics").is_file()
    window.close()


def test_stop_keeping_from_the_dialog(qtbot: QtBot, demo_copy: Path, tmp_path: Path) -> None:
    dossier = open_dossier(demo_copy)
    written = set_feed(dossier, tmp_path)
    window = _window(qtbot, dossier)

    def stop(dialog: KeepCalendarDialog) -> None:
        assert str(written) in dialog.status.text()
        dialog.stop.click()
        assert "no longer kept up to date" in dialog.status.text()
        assert not dialog.stop.isEnabled()
        dialog.reject()

    hand = DialogHand(KeepCalendarDialog, stop)
    _action(window, "keepCalendarAction").trigger()
    hand.check()
    assert get_feed(dossier.path) is None and written.is_file()
    window.close()


def test_a_dossier_opened_brings_its_kept_file_up_to_date(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path
) -> None:
    """Changed where the window did not see it (a restore, another computer): the kept file
    follows the dossier as soon as the window shows it."""
    kept = tmp_path / "calendar"
    kept.mkdir()
    with open_dossier(demo_copy) as dossier:
        path = set_feed(dossier, kept)
        before = _uids(path)
        records.create(dossier, "appointment", {"starts_at": "2026-06-20T09:00"})  # unseen
    assert _uids(path) == before
    window = _window(qtbot, open_dossier(demo_copy))
    qtbot.waitUntil(lambda: len(_uids(path)) == len(before) + 1, timeout=DELAY_MS + 10_000)
    window.close()

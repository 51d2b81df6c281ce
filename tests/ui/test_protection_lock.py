"""Locking the window over a protected dossier: Ctrl+L and idleness hide everything of it
(the name too) until its passphrase is typed again; appointment mode keeps the idle lock
away; the menu's Change Passphrase… and Print a New Recovery Sheet…."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QVBoxLayout
from pytestqt.qtbot import QtBot

from dossier import APP_NAME
from dossier.core import records
from dossier.core.crypto import keyring
from dossier.core.crypto.keyfile import WrongPassphrase, WrongRecoveryKey
from dossier.core.crypto.unlock import unlock, unlock_with_recovery
from dossier.core.opening import open_dossier
from dossier.ui.appointment.mode import open_appointment_mode
from dossier.ui.main_window import MainWindow
from dossier.ui.person_dialog import PersonDialog
from dossier.ui.protection.change_passphrase import ChangePassphraseDialog
from dossier.ui.protection.idle import lock_after_minutes
from dossier.ui.protection.lock_screen import LockScreen
from dossier.ui.protection.recovery_key_dialog import RecoveryKeyDialog
from tests.ui.protection_helpers import (
    NAME,
    PASSPHRASE,
    DialogHand,
    fresh_keys,  # noqa: F401  (autouse)
    protected_dossier,
    shows,
)
from tests.ui.windows import shown_window

LEFT = Qt.MouseButton.LeftButton


class Clock:
    """The idle watch's clock, moved by hand: no test waits for minutes."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "dossier"
    protected_dossier(made)
    return made


@pytest.fixture
def window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    unlock(folder, PASSPHRASE)
    dossier = open_dossier(folder)
    records.create(dossier, "contact", {"name": "Dr. Vos", "notes": f"Knows {NAME} well"})
    shown = shown_window(qtbot, dossier)
    qtbot.waitUntil(lambda: shown.after_paint.done)  # the shortcuts are set
    yield shown


def press_key(widget: object, key: Qt.Key) -> None:
    """A key pressed and let go, as the keyboard sends it (through the application)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def unlock_screen(qtbot: QtBot, window: MainWindow, passphrase: str) -> LockScreen:
    screen = window.protection.screen
    assert screen is not None
    line = screen.panel.passphrase.line
    line.clear()
    qtbot.keyClicks(line, passphrase)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.panel.task is None)
    return screen


def test_ctrl_l_hides_everything_of_the_dossier_until_the_passphrase_is_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.session is not None
    person = PersonDialog(window.session, window)  # a window of the dossier, not modal
    qtbot.addWidget(person)
    person.show()
    assert window.view is not None
    window.view.show_page("contacts")
    assert shows(window, NAME) and shows(window, "Dr. Vos") and NAME in window.windowTitle()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.view.nav.setFocus()

    qtbot.keyClick(window.view.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.protection.locked
    assert window.windowTitle() == APP_NAME
    assert not shows(window, NAME)  # no label, box, list or title says whose it is
    assert not shows(window, "Dr. Vos")
    assert not person.isVisible()
    assert not window.statusBar().isVisible()
    menus = window.menus
    file_menu = menus.quit_action.associatedObjects()[0]
    file_menu.aboutToShow.emit()  # what a menu turns on as it opens stays off
    assert menus.quit_action.isEnabled()
    assert not any(a.isEnabled() for a in menus.print_menu.actions.values())
    assert not menus.edit_person_action.isEnabled() and not menus.import_action.isEnabled()
    # A window that appears while locked (a message at the end of an import) is put away.
    late = QDialog(window)
    qtbot.addWidget(late)
    QVBoxLayout(late).addWidget(QLabel(f"Imported for {NAME}"))
    late.show()
    qtbot.waitUntil(lambda: not late.isVisible())

    screen = unlock_screen(qtbot, window, "not the passphrase")
    assert window.protection.locked
    assert screen.panel.error.text() == WrongPassphrase().message

    unlock_screen(qtbot, window, PASSPHRASE)
    assert not window.protection.locked and window.protection.screen is None
    assert NAME in window.windowTitle() and shows(window, "Dr. Vos")
    assert window.view.isVisible() and window.statusBar().isVisible()
    assert person.isVisible() and late.isVisible()  # shown again as they were
    assert all(a.isEnabled() for a in menus.print_menu.actions.values())
    assert menus.edit_person_action.isEnabled()
    assert keyring.key_for(window.session.dossier.path) is not None
    person.close()
    late.close()


def test_the_idle_lock_comes_after_the_minutes_chosen_and_input_keeps_it_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert lock_after_minutes() == 10  # by default
    window.menus.protection.idle_actions[5].trigger()  # Dossier → Lock When Idle → 5
    assert lock_after_minutes() == 5
    idle = window.protection.idle
    clock = idle.clock = Clock()
    window.protection.restart_idle()
    assert idle.running and idle.timeout_ms == 5 * 60_000
    clock.now += 200
    press_key(window, Qt.Key.Key_Shift)  # someone is there
    clock.now += 200
    idle.check()
    assert not window.protection.locked  # 400 s in all, but only 200 s since the key
    clock.now += 101
    idle.check()
    assert window.protection.locked and window.windowTitle() == APP_NAME
    assert not idle.running  # no watching while locked
    unlock_screen(qtbot, window, PASSPHRASE)
    assert idle.running  # and again once unlocked

    window.menus.protection.idle_actions[0].trigger()  # Never
    assert not idle.running


def test_the_idle_lock_on_its_own_timer_cancels_a_question_waiting(
    qtbot: QtBot, window: MainWindow
) -> None:
    question = QMessageBox(QMessageBox.Icon.Information, APP_NAME, f"About {NAME}", parent=window)
    qtbot.addWidget(question)
    question.open()  # it waits for an answer; the window behind it gets no keys
    window.protection.idle.start(100)  # a pinned short time instead of minutes
    qtbot.waitUntil(lambda: window.protection.locked, timeout=5000)
    assert not question.isVisible() and not shows(window, NAME)
    unlock_screen(qtbot, window, PASSPHRASE)
    assert not question.isVisible()  # its question was cancelled, not asked again


def test_input_after_a_sleep_locks_first(qtbot: QtBot, window: MainWindow) -> None:
    idle = window.protection.idle
    clock = idle.clock = Clock()
    window.protection.restart_idle()
    clock.now += 11 * 60  # the laptop was closed; its timer did not run meanwhile
    assert window.view is not None
    typed: list[int] = []
    window.view.nav.keyPressEvent = lambda event: typed.append(event.key())  # type: ignore[method-assign]
    press_key(window.view.nav, Qt.Key.Key_Down)
    assert typed == []  # the key that woke it is not typed into the dossier
    qtbot.waitUntil(lambda: window.protection.locked)


def test_appointment_mode_keeps_the_idle_lock_away(qtbot: QtBot, window: MainWindow) -> None:
    assert window.session is not None
    dossier = window.session.dossier
    visit = records.create(dossier, "appointment", {"starts_at": "2026-05-12 10:00"}).id
    idle = window.protection.idle
    clock = idle.clock = Clock()
    window.protection.restart_idle()
    mode = open_appointment_mode(window.session, visit, window)
    qtbot.waitExposed(mode)
    clock.now += 60 * 60  # an hour of listening to the doctor, nothing typed
    idle.check()
    assert not window.protection.locked and mode.isVisible()
    mode.accept()  # leaving appointment mode
    qtbot.waitUntil(lambda: not mode.isVisible())
    clock.now += 10 * 60 + 1
    idle.check()
    assert window.protection.locked


def test_closing_the_dossier_from_the_lock_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.protection.lock()
    screen = window.protection.screen
    assert screen is not None
    qtbot.mouseClick(screen.close_button, LEFT)
    assert window.session is None and window.welcome is not None
    assert not window.protection.locked and not window.protection.idle.running
    assert window.menus.quit_action.isEnabled() and window.menus.close_action.isEnabled() is False


def test_an_unprotected_dossier_has_no_lock(qtbot: QtBot, tmp_path: Path) -> None:
    from dossier.core.opening import create_dossier

    window = shown_window(qtbot, create_dossier(tmp_path / "plain", name="Piet"))
    qtbot.waitUntil(lambda: window.after_paint.done)
    protection = window.menus.protection
    assert not protection.lock_action.isVisible() and not protection.change_action.isVisible()
    assert not window.protection.idle.running  # no filter on the application's events
    assert window.view is not None
    qtbot.keyClick(window.view.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.protection.locked


def test_change_the_passphrase_from_the_menu(
    qtbot: QtBot, window: MainWindow, folder: Path
) -> None:
    def change(dialog: ChangePassphraseDialog) -> None:
        qtbot.keyClicks(dialog.current.line, "not it at all")
        qtbot.keyClicks(dialog.new.first.line, "the new passphrase")
        qtbot.keyClicks(dialog.new.second.line, "the new passphrase")
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(lambda: dialog.task is None)
        assert dialog.isVisible() and "not the passphrase" in dialog.current_error.text()
        dialog.current.line.selectAll()
        qtbot.keyClicks(dialog.current.line, PASSPHRASE)
        qtbot.mouseClick(dialog.ok, LEFT)

    hand = DialogHand(ChangePassphraseDialog, change)
    window.menus.protection.change_action.trigger()
    hand.check()
    assert "passphrase was changed" in window.statusBar().currentMessage()
    keyring.forget_all()
    unlock(folder, "the new passphrase")
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)


def test_print_a_new_recovery_sheet_from_the_menu(
    qtbot: QtBot, window: MainWindow, folder: Path, tmp_path: Path
) -> None:
    old = protected_recovery = None
    shown: list[str] = []

    def confirm(box: QMessageBox) -> None:
        assert "stops working" in box.text()
        [make] = [b for b in box.buttons() if b.text() == "Make a new recovery sheet"]
        make.click()

    def sheet(dialog: RecoveryKeyDialog) -> None:
        assert dialog.old_note.isVisible()  # the old sheet no longer works
        shown.append("-".join(label.text() for label in dialog.key.groups))
        dialog.done_box.setChecked(True)
        qtbot.mouseClick(dialog.continue_button, LEFT)

    del old, protected_recovery
    hands = [DialogHand(QMessageBox, confirm), DialogHand(RecoveryKeyDialog, sheet)]
    window.menus.protection.sheet_action.trigger()
    for hand in hands:
        hand.check()
    keyring.forget_all()
    assert unlock_with_recovery(folder, shown[0]) == unlock(folder, PASSPHRASE)


def test_the_old_recovery_sheet_stops_working(qtbot: QtBot, tmp_path: Path) -> None:
    from dossier.ui.protection.new_sheet import print_new_sheet

    folder = tmp_path / "d"
    old = protected_dossier(folder).recovery
    unlock(folder, PASSPHRASE)
    dossier = open_dossier(folder)
    try:
        hands = [
            DialogHand(QMessageBox, lambda box: box.buttons()[0].click()),
            DialogHand(RecoveryKeyDialog, lambda d: (d.done_box.setChecked(True), d.accept())),
        ]
        assert print_new_sheet(None, dossier)  # type: ignore[arg-type]
        for hand in hands:
            hand.check()
    finally:
        dossier.close()
    keyring.forget_all()
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery(folder, old.text)

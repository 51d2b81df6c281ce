"""Opening a protected dossier in the window: its passphrase asked in a dialog (wrong, then
right), the recovery key with a typing slip named by its group, then a new passphrase;
cancelling leaves it locked; at start-up the last dossier asks too."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core import paths
from dossier.core.crypto import keyring
from dossier.core.crypto.keyfile import WrongPassphrase
from dossier.core.crypto.protected import PassphraseNeeded
from dossier.core.crypto.unlock import unlock
from dossier.ui.main_window import MainWindow, open_initial
from dossier.ui.protection import unlock_panel
from dossier.ui.protection.unlock_dialog import UnlockDialog
from dossier.ui.protection.unlock_panel import NEW, RECOVERY
from tests.ui.protection_helpers import (
    NAME,
    PASSPHRASE,
    DialogHand,
    fresh_keys,  # noqa: F401  (autouse)
    protected_dossier,
    shows,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    shown = MainWindow(None)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def typo(group: str) -> str:
    """``group`` with its last digit mistyped (one more, or 0 for 9)."""
    return group[:-1] + str((int(group[-1]) + 1) % 10)


def test_a_wrong_passphrase_is_said_in_the_dialog_then_the_right_one_opens(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "family-dossier"
    protected_dossier(folder)
    threads: list[bool] = []
    real_unlock = unlock_panel.unlock

    def watched_unlock(where: Path, passphrase: str) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return real_unlock(where, passphrase)

    monkeypatch.setattr(unlock_panel, "unlock", watched_unlock)

    def answer(dialog: UnlockDialog) -> None:
        # Before unlocking only the folder is known: it names the dossier.
        assert "family-dossier" in dialog.heading.text()
        assert not shows(dialog, NAME)
        line = dialog.panel.passphrase.line
        assert line.echoMode() == line.EchoMode.Password
        qtbot.mouseClick(dialog.panel.passphrase.show_button, LEFT)  # "Show"
        assert line.echoMode() == line.EchoMode.Normal
        qtbot.keyClicks(line, "correct horse battery staple")
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(dialog.panel.error.isVisible)
        assert dialog.isVisible()  # the dialog stays for another try
        assert dialog.panel.error.text() == WrongPassphrase().message
        assert line.selectedText() == line.text()  # the next key types it anew
        # Only the window and this dialog: a wrong passphrase never offers a backup.
        assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == {window, dialog}
        qtbot.keyClicks(line, PASSPHRASE)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    hand = DialogHand(UnlockDialog, answer)
    opened = window.open_path(folder)
    hand.check()
    assert opened
    assert threads == [False, False]  # the key derivation ran off the UI thread, twice
    assert window.session is not None and window.session.dossier.key is not None
    assert NAME in window.windowTitle()


def test_the_recovery_key_with_a_slip_named_by_its_group_then_a_new_passphrase(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier"
    groups = protected_dossier(folder).recovery.groups

    def answer(dialog: UnlockDialog) -> None:
        panel = dialog.panel
        qtbot.mouseClick(panel.recovery_button, LEFT)
        assert panel.step == RECOVERY and dialog.ok.text() == "Check the recovery key"
        entry = panel.recovery
        for index, group in enumerate(groups):
            qtbot.keyClicks(entry.boxes[index], typo(group) if index == 2 else group)
            if index == 2:  # marked at once, before the key is even tried
                assert entry.bad_groups() == [3]
                assert "Group 3" in entry.message.text()
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(lambda: panel.task is None)
        assert entry.bad_groups() == [3]  # the check names the same group, with its digits
        assert "Group 3 of the recovery key" in entry.message.text()
        assert typo(groups[2]) in entry.message.text()
        assert entry.boxes[2].hasFocus()
        entry.boxes[2].selectAll()
        qtbot.keyClicks(entry.boxes[2], groups[2])
        assert entry.bad_groups() == [] and not entry.message.isVisible()
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(lambda: panel.step == NEW)
        # A new passphrase is a must: too short, then two that differ, then right.
        new = panel.new_passphrase
        qtbot.keyClicks(new.first.line, "short")
        qtbot.mouseClick(dialog.ok, LEFT)
        assert "at least 8 characters" in new.message.text()
        new.first.line.clear()
        qtbot.keyClicks(new.first.line, "a new long passphrase")
        qtbot.keyClicks(new.second.line, "a new long passphrasf")
        assert new.message.isVisible() and "not the same" in new.message.text()
        new.second.line.clear()
        qtbot.keyClicks(new.second.line, "a new long passphrase")
        assert not new.message.isVisible()
        qtbot.mouseClick(dialog.ok, LEFT)

    hand = DialogHand(UnlockDialog, answer)
    opened = window.open_path(folder)
    hand.check()
    assert opened
    assert NAME in window.windowTitle()
    keyring.forget_all()
    unlock(folder, "a new long passphrase")  # the new passphrase opens it now
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)


def test_the_key_typed_as_on_the_sheet_moves_on_by_itself_and_a_pasted_key_is_shared_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier"
    recovery = protected_dossier(folder).recovery
    dialog = UnlockDialog(folder)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.mouseClick(dialog.panel.recovery_button, LEFT)
    entry = dialog.panel.recovery
    entry.boxes[0].setFocus()
    for character in recovery.text:  # hyphens too, into whichever box has the focus
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, character)
    assert [box.text() for box in entry.boxes] == list(recovery.groups)
    assert entry.complete() and entry.bad_groups() == []

    for box in entry.boxes:
        box.clear()
    QApplication.clipboard().setText(f" {recovery.text} ")
    entry.boxes[0].setFocus()
    qtbot.keyClick(entry.boxes[0], Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [box.text() for box in entry.boxes] == list(recovery.groups)
    # Backspace in an empty box goes back to the one before.
    entry.boxes[7].clear()
    entry.boxes[7].setFocus()
    qtbot.keyClick(entry.boxes[7], Qt.Key.Key_Backspace)
    assert entry.boxes[6].hasFocus()


def test_cancelling_leaves_the_dossier_locked_and_the_window_as_it_was(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier"
    protected_dossier(folder)
    hand = DialogHand(UnlockDialog, lambda dialog: dialog.reject())
    opened = window.open_path(folder)
    hand.check()
    assert not opened
    assert window.session is None and window.welcome is not None
    assert keyring.key_for(folder) is None
    # The lock on the folder was let go: it opens once unlocked.
    unlock(folder, PASSPHRASE)
    assert window.open_path(folder)


def test_cancelling_after_the_recovery_key_forgets_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier"
    recovery = protected_dossier(folder).recovery

    def answer(dialog: UnlockDialog) -> None:
        qtbot.mouseClick(dialog.panel.recovery_button, LEFT)
        dialog.panel.recovery.set_text(recovery.text)
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(lambda: dialog.panel.step == NEW)
        dialog.reject()  # no new passphrase chosen: nothing opens

    hand = DialogHand(UnlockDialog, answer)
    opened = window.open_path(folder)
    hand.check()
    assert not opened
    assert keyring.key_for(folder) is None and window.session is None


def test_at_start_the_last_dossier_asks_for_its_passphrase(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "dossier"
    protected_dossier(folder)
    paths.remember_dossier(folder)
    with pytest.raises(PassphraseNeeded) as needed:  # not skipped for another dossier
        open_initial(None)
    assert needed.value.path == folder.absolute()

    def answer(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.panel.passphrase.line, PASSPHRASE)
        qtbot.mouseClick(dialog.ok, LEFT)

    hand = DialogHand(UnlockDialog, answer)
    assert window.open_path(needed.value.path)  # what the program does at start
    hand.check()
    assert window.session is not None and NAME in window.windowTitle()

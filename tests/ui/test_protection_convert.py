"""Protecting an open dossier later, and removing its protection, from the Dossier menu
(issue 18): the passphrase twice, the work on a worker with progress and Stop, the dossier
open again afterwards (protected, its recovery key shown; or in plain), and as it was
after Stop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.crypto import convert
from dossier.core.crypto.protected import is_protected
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.ui import tasks
from dossier.ui.main_window import MainWindow
from dossier.ui.protection.conversion_progress import ConversionProgress
from dossier.ui.protection.protect_dialog import ProtectDialog
from dossier.ui.protection.recovery_key_dialog import RecoveryKeyDialog
from dossier.ui.protection.remove_dialog import RemoveProtectionDialog
from tests.ui.protection_helpers import (
    PASSPHRASE,
    DialogHand,
    fresh_keys,  # noqa: F401  (autouse)
    protected_dossier,
)

LEFT = Qt.MouseButton.LeftButton
WORD = "Quokkafernwort"


def plain_dossier(folder: Path) -> None:
    """An unprotected dossier with two documents and a case, each with :data:`WORD`."""
    sources = folder.parent / "sources"
    sources.mkdir()
    letters = []
    for n in range(2):
        letter = sources / f"letter-{n}.txt"
        letter.write_text(f"Letter {n}: {WORD} seen on the scan.\n", encoding="utf-8")
        letters.append(letter)
    with create_dossier(folder, name="Ada Lovelace") as made:
        case = records.create(made, "case", {"title": f"Second opinion {WORD}"}).id
        import_paths(made, letters, case_id=case)


def holding(folder: Path, word: str) -> list[Path]:
    data = word.encode()
    return [p for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]


def shown(qtbot: QtBot, folder: Path) -> MainWindow:
    window = MainWindow(open_dossier(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_new(qtbot: QtBot, dialog: ProtectDialog) -> None:
    assert "not even us" in dialog.explanation.text()
    qtbot.keyClicks(dialog.passphrase.first.line, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second.line, PASSPHRASE)
    qtbot.mouseClick(dialog.ok, LEFT)  # the key is made on a worker, then it closes


def test_protecting_an_open_dossier_then_its_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "ada"
    plain_dossier(folder)
    assert holding(folder, WORD)  # in plain: the word can be found in its files
    window = shown(qtbot, folder)
    menu = window.menus.protection
    window.menus.update_actions()
    assert menu.protect_action.isVisible() and not menu.remove_action.isVisible()
    seen: dict[str, object] = {}

    def sheet(dialog: RecoveryKeyDialog) -> None:
        seen["key"] = "-".join(label.text() for label in dialog.key.groups)
        dialog.done_box.setChecked(True)
        qtbot.mouseClick(dialog.continue_button, LEFT)

    hands = [DialogHand(ProtectDialog, lambda d: type_new(qtbot, d))]
    menu.protect_action.trigger()
    hands[0].check()
    recovery = DialogHand(RecoveryKeyDialog, sheet)
    qtbot.waitUntil(lambda: recovery.handled, timeout=30_000)
    recovery.check()
    assert window.session is not None and window.session.dossier.key is not None
    assert is_protected(folder) and holding(folder, WORD) == []
    assert len(str(seen["key"]).split("-")) == 8
    assert menu.remove_action.isVisible() and not menu.protect_action.isVisible()
    assert "Ada Lovelace" in window.windowTitle()


def test_stop_leaves_it_unprotected_and_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ada"
    plain_dossier(folder)
    window = shown(qtbot, folder)
    stopped = threading.Event()
    copy = convert._copy_file

    def slow_copy(*args: object) -> None:  # the first file waits until Stop is pressed
        stopped.wait(20)
        copy(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(convert, "_copy_file", slow_copy)
    hand = DialogHand(ProtectDialog, lambda d: type_new(qtbot, d))
    window.menus.protection.protect_action.trigger()
    hand.check()
    progress = window.findChild(ConversionProgress)
    assert progress is not None and window.session is None  # closed meanwhile
    told = DialogHand(QMessageBox, lambda box: box.accept())
    qtbot.mouseClick(progress.stop_button, LEFT)
    stopped.set()
    qtbot.waitUntil(lambda: told.handled, timeout=30_000)
    told.check()
    assert window.session is not None and window.session.dossier.key is None
    assert not is_protected(folder) and holding(folder, WORD)
    assert not tasks.running("convert")


def test_removing_the_protection_after_a_wrong_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "rosa"
    protected_dossier(folder)
    from dossier.core.crypto.unlock import unlock

    unlock(folder, PASSPHRASE)  # as the window's opening does
    window = shown(qtbot, folder)
    assert window.session is not None and window.session.dossier.key is not None

    def confirm(dialog: RemoveProtectionDialog) -> None:
        assert "anyone" in dialog.warning.text()
        qtbot.keyClicks(dialog.passphrase.line, "not the passphrase")
        qtbot.mouseClick(dialog.ok, LEFT)
        qtbot.waitUntil(dialog.error.isVisible, timeout=20_000)
        assert "not the dossier's passphrase" in dialog.error.text()
        dialog.passphrase.line.clear()
        qtbot.keyClicks(dialog.passphrase.line, PASSPHRASE)
        qtbot.mouseClick(dialog.ok, LEFT)

    hand = DialogHand(RemoveProtectionDialog, confirm)
    window.menus.protection.remove_action.trigger()
    hand.check()
    qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
    assert window.session is not None and window.session.dossier.key is None
    assert not is_protected(folder)
    assert window.menus.protection.protect_action.isVisible()

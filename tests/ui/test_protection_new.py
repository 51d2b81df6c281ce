"""A new dossier protected from the start, made in the New dossier dialog; its recovery key
shown once with Print… and Save as PDF…, and "Later" only after a warning."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core.crypto import keyring
from dossier.core.crypto.protected import is_protected
from dossier.core.crypto.unlock import unlock, unlock_with_recovery
from dossier.ui.main_window import MainWindow
from dossier.ui.new_dossier import NewDossierDialog
from dossier.ui.printing.preview import PreviewWindow
from dossier.ui.protection.recovery_key_dialog import RecoveryKeyDialog
from tests.ui.protection_helpers import (
    DialogHand,
    fresh_keys,  # noqa: F401  (autouse)
)

LEFT = Qt.MouseButton.LeftButton


def test_a_new_dossier_protected_from_the_dialog_then_its_recovery_key(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    folder = tmp_path / "for-mother"
    sheet = tmp_path / "saved" / "sheet"
    sheet.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(sheet), ""))
    shown: dict[str, object] = {}

    def fill(dialog: NewDossierDialog) -> None:
        choice = dialog.protection
        assert "not even us" in choice.explanation.text()
        assert not choice.box.isChecked() and not choice.passphrase.isVisible()
        qtbot.keyClicks(dialog.name, "Olga Petrenko")
        dialog.folder.setText(str(folder))
        qtbot.mouseClick(choice.box, LEFT, pos=choice.box.rect().topLeft() + _inside())
        assert choice.passphrase.isVisible()
        qtbot.keyClicks(choice.passphrase.first.line, "short")
        qtbot.mouseClick(dialog.ok, LEFT)
        assert "at least 8 characters" in choice.passphrase.message.text()
        assert not folder.exists()  # nothing made while the passphrase is not right
        choice.passphrase.first.line.clear()
        qtbot.keyClicks(choice.passphrase.first.line, "lime tree in the garden")
        qtbot.keyClicks(choice.passphrase.second.line, "lime tree in the gardem")
        assert "not the same" in choice.passphrase.message.text()
        choice.passphrase.second.line.clear()
        qtbot.keyClicks(choice.passphrase.second.line, "lime tree in the garden")
        qtbot.mouseClick(dialog.ok, LEFT)  # the key is made on a worker; then the dossier

    def recovery_sheet(dialog: RecoveryKeyDialog) -> None:
        shown["key"] = "-".join(label.text() for label in dialog.key.groups)
        assert not dialog.continue_button.isEnabled()  # not before it is printed or saved
        later = DialogHand(QMessageBox, lambda box: _click(box, "Back to the sheet"))
        qtbot.mouseClick(dialog.later_button, LEFT)  # warned, and taken back to the sheet
        later.check()
        assert dialog.isVisible()
        qtbot.mouseClick(dialog.print_button, LEFT)  # the preview, with its Print button
        qtbot.waitUntil(lambda: bool(dialog.findChildren(PreviewWindow)), timeout=20_000)
        preview = dialog.findChildren(PreviewWindow)[0]
        qtbot.waitUntil(lambda: preview.page_count() >= 1)
        assert preview.page_count() == 1  # one sheet of paper, on A4 and Letter alike
        assert preview.path is None and preview.pdf is not None  # in memory, never a file
        qtbot.mouseClick(dialog.save_button, LEFT)
        qtbot.waitUntil(dialog.saved_bar.isVisible, timeout=20_000)
        assert dialog.done_box.isChecked() and dialog.continue_button.isEnabled()
        qtbot.mouseClick(dialog.continue_button, LEFT)

    hands = [DialogHand(NewDossierDialog, fill), DialogHand(RecoveryKeyDialog, recovery_sheet)]
    window.new_dossier(for_self=False)
    for hand in hands:
        hand.check()
    assert window.session is not None and "Olga Petrenko" in window.windowTitle()
    assert is_protected(folder) and window.session.dossier.key is not None
    saved = sheet.with_name("sheet.pdf")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the sheet opens the dossier
    text = "".join((page.extract_text() or "") for page in PdfReader(saved).pages)
    key = str(shown["key"])
    for group in key.split("-"):
        assert group in text
    keyring.forget_all()  # the key shown is the dossier's, and so is the passphrase
    assert unlock_with_recovery(folder, key) == unlock(folder, "lime tree in the garden")


def test_later_is_allowed_after_the_warning(qtbot: QtBot, tmp_path: Path) -> None:
    from dossier.core.crypto.unlock import new_protection
    from dossier.core.opening import create_dossier
    from tests.ui.protection_helpers import fast_params

    protection = new_protection("a long passphrase", params=fast_params())
    made = create_dossier(tmp_path / "d", name="Ada", protection=protection)
    try:
        dialog = RecoveryKeyDialog(made, protection.recovery)
        qtbot.addWidget(dialog)
        dialog.show()
        warned = DialogHand(QMessageBox, lambda box: _click(box, "Print it later"))
        qtbot.mouseClick(dialog.later_button, LEFT)
        warned.check()
        assert not dialog.isVisible()
        assert dialog.result() == RecoveryKeyDialog.DialogCode.Rejected
    finally:
        made.close()


def _click(box: QMessageBox, text: str) -> None:
    assert "not even us" in box.text()
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()


def _inside():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(8, 8)

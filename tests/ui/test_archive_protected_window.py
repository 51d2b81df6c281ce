"""Archives with a passphrase of their own, in the window (issue 18): Dossier → Export to an
archive file… asks whether the archive gets one (yes by default for a protected dossier,
with a warning when the answer is no), and Dossier → Open an archive file… asks for a
protected archive's passphrase, says a wrong one in place and goes on with the right one.

The dialogs are driven as a person would: passphrases typed, buttons clicked. The file
dialogs are Qt's: their static methods answer with paths. The export, the check and the
rebuild run for real on the window's worker threads, with Argon2id made fast.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.archive.export import export_archive
from dossier.core.archive.sealed import is_sealed
from dossier.core.crypto import keyring
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.unlock import new_protection
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import write_pdf
from dossier.ui.main_window import MainWindow
from dossier.ui.qt_language import apply_language
from dossier.ui.safety import archive_dialog
from dossier.ui.safety.archive_dialog import ArchiveDialog
from dossier.ui.safety.archive_passphrase import ArchivePassphrasePrompt
from dossier.ui.safety.archive_protection import ArchiveProtection

WAIT_MS = 120_000  # the export and the rebuild start reader processes; a busy machine is slow
WORD = "Ornithoglyphics"  # in the letter, nowhere else
NAME = "Rosa Jansen-Kovalenko"
DOSSIER_PASSPHRASE = "the dossier's own passphrase"
ARCHIVE_PASSPHRASE = "for Dr. Weiss only"


def fast_params() -> KdfParams:
    """Argon2id made quick for tests (the real parameters take half a second on purpose)."""
    return KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=os.urandom(16))


@pytest.fixture(autouse=True)
def fast_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No key left from another test; the archive's passphrase is stretched fast."""
    keyring.forget_all()
    monkeypatch.setattr(archive_dialog, "tuned_params", fast_params)
    yield
    keyring.forget_all()


def _make(folder: Path, letters: Path, *, protected: bool) -> Dossier:
    protection = new_protection(DOSSIER_PASSPHRASE, params=fast_params()) if protected else None
    dossier = create_dossier(folder, name=NAME, born="1948-03-14", protection=protection)
    letter = letters / "letter.pdf"
    write_pdf(letter, [f"Biopsy: {WORD}."], title="Pathology")
    import_paths(dossier, [letter])
    return dossier


@pytest.fixture
def protected(tmp_path: Path) -> Iterator[Dossier]:
    """An open protected dossier holding one letter with :data:`WORD` in it."""
    dossier = _make(tmp_path / "dossier", tmp_path, protected=True)
    yield dossier
    dossier.close()


def _window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    return window


def _trigger(window: MainWindow, name: str) -> None:
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.aboutToShow.emit()  # as when the person opens the Dossier menu
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()


def _question(window: MainWindow) -> ArchiveProtection:
    _trigger(window, "exportArchiveAction")
    question = window.findChild(ArchiveProtection, "archiveProtection")
    assert question is not None and question.isVisible()
    assert question.windowModality() == Qt.WindowModality.WindowModal
    return question


def _type(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.selectAll()
    qtbot.keyClicks(box, text)


def _save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The save dialog answers ``target``; what it offered is listed."""
    offered: list[str] = []

    def save_as(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    return offered


def _finished(qtbot: QtBot, window: MainWindow) -> ArchiveDialog:
    dialog = window.findChild(ArchiveDialog, "archiveDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)
    return dialog


def _visible_texts(widget: QWidget) -> str:
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def _unnamed(dialog: QWidget) -> list[str]:
    """Buttons and boxes of ``dialog`` without a name a screen reader could say."""
    return [
        widget.objectName()
        for widget in dialog.findChildren(QAbstractButton)
        if not (widget.accessibleName() or widget.text())
    ] + [box.objectName() for box in dialog.findChildren(QLineEdit) if not box.accessibleName()]


def test_a_protected_dossier_s_archive_gets_a_passphrase_of_its_own(
    qtbot: QtBot, protected: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, protected)
    question = _question(window)
    assert question.protect.isChecked()  # the dossier is protected: so is its archive, first
    shown = _visible_texts(question)
    assert "needs this passphrase to open it" in shown and "by phone" in shown
    assert "readable by anyone" not in shown
    offered = _save_to(monkeypatch, tmp_path / "for the doctor")  # typed without a suffix

    # Too short, then once only, then not the same twice: said under the boxes, and the
    # question stays open.
    _type(qtbot, question.first.line, "short")
    question.save_button.click()
    assert question.isVisible() and question.problem.isVisible()
    assert question.problem.text() == "Choose a passphrase of at least 8 characters."
    _type(qtbot, question.first.line, ARCHIVE_PASSPHRASE)
    qtbot.keyClick(question.first.line, Qt.Key.Key_Return)  # Enter: as the default button
    assert question.isVisible()
    assert question.problem.text().startswith("Type the same passphrase again")
    _type(qtbot, question.second.line, ARCHIVE_PASSPHRASE.upper())
    assert question.problem.isVisible()  # said as soon as the second is as long
    assert "not the same" in question.problem.text()
    question.save_button.click()
    assert question.isVisible() and offered == []
    _type(qtbot, question.second.line, ARCHIVE_PASSPHRASE)
    assert not question.problem.isVisible()
    assert question.first.line.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClick(question.second.line, Qt.Key.Key_Return)

    dialog = _finished(qtbot, window)
    target = tmp_path / "for the doctor.sodz"
    assert Path(offered[0]).name.startswith("Rosa Jansen-Kovalenko dossier ")
    assert offered[0].endswith(".sodz")
    assert dialog.heading.text() == "The whole dossier is saved in one archive file."
    assert str(target) in dialog.status.text()
    assert "protected with its own passphrase" in dialog.status.text()
    assert is_sealed(target) and not zipfile.is_zipfile(target)
    data = target.read_bytes()
    for secret in (WORD.encode(), b"Kovalenko", b"Pathology", b"PK\x03\x04", b"manifest.json"):
        assert secret not in data
    dialog.close()
    window.close()


def test_without_a_passphrase_the_warning_says_anyone_can_read_it(
    qtbot: QtBot, protected: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, protected)
    question = _question(window)
    question.protect.click()  # the person does not want a passphrase
    assert not question.protect.isChecked()
    assert question.readable.isVisible() and not question.first.isVisible()
    assert "readable by anyone who gets the file" in question.readable.text()
    assert "Your dossier is protected, but this copy of it will not be" in question.readable.text()
    offered = _save_to(monkeypatch, tmp_path / "for me.sodz")  # the other kind's name
    question.save_button.click()
    dialog = _finished(qtbot, window)
    assert offered[0].endswith(".zip")
    target = tmp_path / "for me.zip"
    assert zipfile.is_zipfile(target) and not is_sealed(target)
    assert "anyone who gets this file can read it" in dialog.status.text()
    dialog.close()
    window.close()


def test_a_plain_dossier_s_archive_is_asked_about_too(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _make(tmp_path / "dossier", tmp_path, protected=False)
    window = _window(qtbot, plain)
    question = _question(window)
    assert not question.protect.isChecked()
    assert "readable by anyone" in question.readable.text()
    assert question.readable.styleSheet() == ""  # said, not alarmed: the dossier is plain too
    question.protect.click()
    assert question.first.isVisible() and question.share.isVisible()
    question.buttons.rejected.emit()  # Cancel: nothing asked, nothing saved
    assert not question.isVisible()
    assert window.findChild(ArchiveDialog, "archiveDialog") is None
    window.close()
    plain.close()


def test_a_protected_archive_opens_after_its_passphrase(
    qtbot: QtBot, protected: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "for the doctor.sodz"
    export_archive(protected, archive, passphrase=ARCHIVE_PASSPHRASE, params=fast_params())
    protected.close()
    keyring.forget_all()  # on the doctor's computer: nothing of the dossier is unlocked
    place = tmp_path / "received"
    place.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(archive), ""))
    )
    folders: list[str] = []

    def choose_folder(*args: Any, **kwargs: Any) -> str:
        folders.append(str(args[1]))
        return str(place)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose_folder))
    window = _window(qtbot, None)
    _trigger(window, "openArchiveAction")
    prompt = window.findChild(ArchivePassphrasePrompt, "archivePassphrasePrompt")
    assert prompt is not None and prompt.isVisible()
    assert prompt.field.line.echoMode() == QLineEdit.EchoMode.Password
    prompt.field.show_button.click()  # Show: the person checks what they typed
    assert prompt.field.line.echoMode() == QLineEdit.EchoMode.Normal
    prompt.field.show_button.click()

    prompt.open_button.click()  # nothing typed yet
    assert prompt.problem.text() == "Type the archive's passphrase first."
    _type(qtbot, prompt.field.line, "for Dr. Weis only")  # one letter short of right
    prompt.open_button.click()
    assert prompt.checking() and prompt.field.line.isReadOnly()
    qtbot.waitUntil(lambda: not prompt.checking(), timeout=WAIT_MS)
    assert prompt.isVisible() and prompt.problem.isVisible()
    assert prompt.problem.text().startswith("Wrong passphrase for this archive.")
    assert folders == [] and list(place.iterdir()) == []
    assert prompt.field.line.hasSelectedText()  # the next key types it anew

    _type(qtbot, prompt.field.line, ARCHIVE_PASSPHRASE)
    qtbot.keyClick(prompt.field.line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.findChild(ArchiveDialog, "archiveDialog") is not None, timeout=WAIT_MS
    )
    assert folders and not any(p.isVisible() for p in window.findChildren(ArchivePassphrasePrompt))
    dialog = _finished(qtbot, window)
    assert dialog.heading.text() == f"The dossier of \u2068{NAME}\u2069 is ready."
    assert "not protected yet" in dialog.status.text()
    assert window.session is not None and window.session.dossier.path == place
    assert [d["title"] for d in records.list_records(window.session.dossier, "document")] == [
        "Pathology"
    ]
    dialog.close()
    window.close()


def test_cancelling_the_passphrase_opens_nothing(
    qtbot: QtBot, protected: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "a.sodz"
    export_archive(protected, archive, passphrase=ARCHIVE_PASSPHRASE, params=fast_params())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(archive), ""))
    )
    asked: list[object] = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: asked.append(a) or "")
    )
    window = _window(qtbot, protected)
    _trigger(window, "openArchiveAction")
    prompt = window.findChild(ArchivePassphrasePrompt, "archivePassphrasePrompt")
    assert prompt is not None
    _type(qtbot, prompt.field.line, ARCHIVE_PASSPHRASE)
    prompt.open_button.click()
    prompt.reject()  # Cancel while the passphrase is being checked
    qtbot.waitUntil(lambda: not prompt.checking(), timeout=WAIT_MS)
    assert asked == [] and window.findChild(ArchiveDialog, "archiveDialog") is None
    window.close()


@pytest.mark.parametrize("code", ["en", "he"])
def test_pictures_of_the_dialogs(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, code: str
) -> None:
    """The question (with a passphrase, and without one for a protected dossier) and the
    passphrase prompt, as pictures; laid out from the right in Hebrew."""
    apply_language(qapp, code)
    try:
        archive = tmp_path / "Rosa Jansen-Kovalenko dossier 2026-03-14.sodz"
        archive.write_bytes(b"SODARCHV")
        question = ArchiveProtection(True)
        qtbot.addWidget(question)
        question.show()
        qtbot.waitExposed(question)
        qtbot.keyClicks(question.first.line, "for Dr. Weiss only")
        qtbot.keyClicks(question.second.line, "for Dr. Weiss")
        question.save_button.click()  # the mismatch said in place
        assert question.grab().save(str(tmp_path / f"archive-protect-{code}.png"))
        question.protect.click()
        assert question.grab().save(str(tmp_path / f"archive-unprotected-{code}.png"))
        direction = (
            Qt.LayoutDirection.RightToLeft if code == "he" else Qt.LayoutDirection.LeftToRight
        )
        assert question.layoutDirection() == direction
        assert question.save_button.isDefault()  # Enter saves, never cancels
        assert _unnamed(question) == []
        question.close()
        prompt = ArchivePassphrasePrompt(archive)
        qtbot.addWidget(prompt)
        prompt.show()
        qtbot.waitExposed(prompt)
        prompt.show_problem("Wrong passphrase for this archive. Check it and try again.")
        assert prompt.grab().save(str(tmp_path / f"archive-prompt-{code}.png"))
        assert prompt.open_button.isDefault() and _unnamed(prompt) == []
        prompt.close()
    finally:
        apply_language(qapp, "en")

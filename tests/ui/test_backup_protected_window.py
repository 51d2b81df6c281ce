"""Restoring a protected dossier's backup in the real window (offscreen) when the dossier is
not unlocked here (issue 18): the passphrase is asked (the dossier's current one or that
of the backup's day), checked on a worker, a wrong one said in the dialog; a damaged key
file is offered the newest backup as a damaged database is."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.backup import make_backup
from dossier.core.crypto import keyring
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.protected import KEY_FILE
from dossier.core.crypto.unlock import new_protection, set_passphrase, unlock
from dossier.core.opening import create_dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.protection.unlock_dialog import UnlockDialog
from dossier.ui.safety.backup_controller import BackupController
from dossier.ui.safety.backup_dialogs import RestoreDialog
from dossier.ui.safety.backup_unlock import BackupUnlockDialog
from tests.ui.test_backup_ui import Modals, click, corrupt, open_window

PASSPHRASE = "the passphrase of that day"
NEW_PASSPHRASE = "the passphrase it has now"
NAME = "Rosa Jansen-Kovalenko"


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(BackupController, "START_DELAY_MS", 60_000)  # no automatic backup
    keyring.forget_all()
    yield
    keyring.forget_all()


def fast() -> KdfParams:
    return KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=os.urandom(16))


def backed_up(tmp_path: Path) -> Path:
    """A protected dossier with one case, backed up, closed and locked."""
    folder = tmp_path / "rosa"
    with create_dossier(
        folder, name=NAME, protection=new_protection(PASSPHRASE, params=fast())
    ) as d:
        records.create(d, "case", {"title": "Second opinion"})
    make_backup(folder)
    keyring.forget_all()
    return folder


def type_passphrase(text: str) -> object:
    def handle(widget: QWidget) -> None:
        assert isinstance(widget, BackupUnlockDialog)
        widget.field.line.setText(text)
        widget.ok.click()

    return handle


def unlock_with(text: str) -> object:
    def handle(widget: QWidget) -> None:
        assert isinstance(widget, UnlockDialog)
        widget.panel.passphrase.line.setText(text)
        widget.ok.click()

    return handle


def cases(window: MainWindow) -> list[str]:
    assert window.session is not None
    return [row["title"] for row in records.list_records(window.session.dossier, "case")]


def test_a_damaged_key_file_is_offered_the_backup_then_its_passphrase_asked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = backed_up(tmp_path)
    (folder / KEY_FILE).write_text("{ not a key file", encoding="utf-8")
    window = open_window(qtbot, None)
    seen: list[str] = []

    def wrong(widget: QWidget) -> None:
        assert isinstance(widget, BackupUnlockDialog)
        text = widget.findChild(QWidget, "backupUnlockAbout")
        seen.append(text.text())  # type: ignore[attr-defined]
        widget.field.line.setText("not it")
        widget.ok.click()
        qtbot.waitUntil(lambda: widget.error.isVisible(), timeout=20000)
        seen.append(widget.error.text())
        assert widget.isVisible()  # stays open for another try
        widget.field.line.setText(PASSPHRASE)
        widget.ok.click()

    modals = Modals((QMessageBox, click("Restore the backup")), (BackupUnlockDialog, wrong))
    assert window.open_path(folder)
    assert modals.done()
    assert "key file" in modals.seen[0] and "Restore" in modals.seen[0]
    assert "the one it has now, or, if it was changed since, the one it had when" in seen[0]
    assert "Wrong passphrase" in seen[1]
    assert window.session is not None and window.session.dossier.path == folder
    assert cases(window) == ["Second opinion"]
    assert len(list(tmp_path.glob("rosa.before-restore-*"))) == 1
    keyring.forget_all()
    unlock(folder, PASSPHRASE)  # the backup's key file came back with it


def test_a_damaged_database_is_unlocked_offered_and_restored_without_asking_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = backed_up(tmp_path)
    corrupt(folder)
    window = open_window(qtbot, None)
    modals = Modals(
        (UnlockDialog, unlock_with(PASSPHRASE)),  # type: ignore[arg-type]
        (QMessageBox, click("Restore the backup")),
    )
    assert window.open_path(folder)
    assert modals.done()
    assert "is damaged" in modals.seen[1]
    assert cases(window) == ["Second opinion"]


def test_restore_from_the_menu_with_no_dossier_open_asks_the_current_passphrase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = backed_up(tmp_path)
    set_passphrase(folder, unlock(folder, PASSPHRASE), NEW_PASSPHRASE)  # changed since
    keyring.forget_all()
    corrupt(folder)
    window = open_window(qtbot, None)
    modals = Modals(
        (RestoreDialog, click("Restore…")),
        (BackupUnlockDialog, type_passphrase(NEW_PASSPHRASE)),  # type: ignore[arg-type]
        (QMessageBox, click("Restore the backup")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    assert window.session is not None and window.session.dossier.path == folder
    assert cases(window) == ["Second opinion"]
    keyring.forget_all()
    unlock(folder, NEW_PASSPHRASE)  # its current key file was kept


def test_cancelling_the_passphrase_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    folder = backed_up(tmp_path)
    (folder / KEY_FILE).write_text("{", encoding="utf-8")
    window = open_window(qtbot, None)
    modals = Modals(
        (QMessageBox, click("Restore the backup")),
        (BackupUnlockDialog, lambda w: w.reject()),  # type: ignore[attr-defined]
    )
    assert not window.open_path(folder)
    assert modals.done()
    assert window.session is None
    assert not list(tmp_path.glob("rosa.before-restore-*"))

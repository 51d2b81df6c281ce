"""Dossier → Export to an archive file… and Open an archive file…, driven as a person would.

The file dialogs are Qt's: their static methods are replaced to answer with paths. The
export and the rebuild run for real on the window's worker thread; the test waits on them.
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.archive import export_archive
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.safety import archive_dialog
from dossier.ui.safety.archive_dialog import ArchiveDialog
from dossier.ui.safety.archive_protection import ArchiveProtection
from dossier.ui.tasks import Task
from dossier.ui.widgets.listed_message import SHOWN

WAIT_MS = 120_000  # the rebuild starts reader processes; a busy machine may be slow


def _window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    return window


def _trigger(window: MainWindow, name: str) -> ArchiveDialog | None:
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.aboutToShow.emit()  # as when the person opens the Dossier menu
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()
    if name == "exportArchiveAction":  # first: whether it gets a passphrase; here, none
        question = window.findChild(ArchiveProtection, "archiveProtection")
        assert question is not None and not question.protect.isChecked()
        question.save_button.click()
    return window.findChild(ArchiveDialog, "archiveDialog")


def _wait(qtbot: QtBot, dialog: ArchiveDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT_MS)


def _named(dialog: QWidget) -> list[str]:
    """Controls of ``dialog`` without a name a screen reader could say."""
    missing = []
    for widget in dialog.findChildren(QWidget):
        name = widget.accessibleName()
        if isinstance(widget, QAbstractButton):
            name = name or widget.text()
        if isinstance(widget, QAbstractButton | QProgressBar) and not name:
            missing.append(widget.objectName())
    return missing


def test_export_saves_the_dossier_and_says_where(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, open_dossier(demo_copy))
    asked: list[str] = []

    def save_as(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "for the doctor"), filters  # typed without .zip

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialog = _trigger(window, "exportArchiveAction")
    assert dialog is not None and dialog.isVisible()
    _wait(qtbot, dialog)
    target = tmp_path / "for the doctor.zip"
    assert target.is_file() and zipfile.ZipFile(target).testzip() is None
    assert Path(asked[0]).name.startswith("Margaret Maggie Lindqvist dossier ")
    assert asked[0].endswith(".zip")
    assert dialog.heading.text() == "The whole dossier is saved in one archive file."
    assert str(target) in dialog.status.text() and "21 files" in dialog.status.text()
    assert dialog.button.text() == "Close" and not dialog.bar.isVisible()
    assert _named(dialog) == []
    dialog.grab().save(str(Path("/tmp/archive-shot.png")))
    dialog.close()
    assert not dialog.isVisible()
    window.close()


def test_export_is_offered_only_with_a_dossier_open(qtbot: QtBot) -> None:
    window = _window(qtbot, None)
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.aboutToShow.emit()
    actions = {a.objectName(): a for a in menu.actions()}
    assert not actions["exportArchiveAction"].isEnabled()
    assert actions["openArchiveAction"].isEnabled()
    window.close()


def test_open_an_archive_makes_the_dossier_and_opens_it(
    qtbot: QtBot, demo_copy: Path, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "maggie.zip"
    with open_dossier(demo_copy) as source:
        export_archive(source, archive)
    window = _window(qtbot, dossier)  # another dossier is shown when the archive is opened
    place = tmp_path / "my dossiers"
    place.mkdir()
    (place / "something else").mkdir()  # not empty: the dossier gets a folder of its own
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(archive), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(place))
    )
    dialog = _trigger(window, "openArchiveAction")
    assert dialog is not None
    _wait(qtbot, dialog)
    target = place / "maggie"
    assert window.session is not None and window.session.dossier.path == target
    assert "Margaret (Maggie) Lindqvist" in window.windowTitle()
    assert len(records.list_records(window.session.dossier, "document")) == 21
    assert (
        dialog.heading.text() == "The dossier of \u2068Margaret (Maggie) Lindqvist\u2069 is ready."
    )
    assert str(target) in dialog.status.text()
    dialog.grab().save("/tmp/archive-open-shot.png")
    dialog.close()
    window.close()


def test_a_damaged_archive_is_explained_and_nothing_changes(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really an archive")
    place = tmp_path / "empty"
    place.mkdir()
    shown = dossier.path
    window = _window(qtbot, dossier)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(broken), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(place))
    )
    dialog = _trigger(window, "openArchiveAction")
    assert dialog is not None
    _wait(qtbot, dialog)
    assert dialog.heading.text() == "That did not work."
    assert "damaged or incomplete" in dialog.status.text()
    assert "Nothing was changed" in dialog.status.text()
    assert window.session is not None and window.session.dossier.path == shown
    assert list(place.iterdir()) == []
    dialog.close()
    window.close()


def test_choosing_nothing_does_nothing(
    qtbot: QtBot, dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, dossier)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert _trigger(window, "exportArchiveAction") is None
    assert _trigger(window, "openArchiveAction") is None
    window.close()


def test_stop_ends_the_rebuild_and_leaves_nothing(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = export_archive(dossier, tmp_path / "a.zip").path
    place = tmp_path / "empty"
    place.mkdir()
    real_run = archive_dialog.run_import
    started = threading.Event()

    def after_stop(archive: Path, target: Path, task: Task, passphrase: str | None) -> Any:
        started.set()
        for _ in range(6000):  # the person presses Stop while it runs
            if task.cancelled():
                break
            threading.Event().wait(0.01)
        return real_run(archive, target, task, passphrase)

    monkeypatch.setattr(archive_dialog, "run_import", after_stop)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(archive), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(place))
    )
    window = _window(qtbot, dossier)
    dialog = _trigger(window, "openArchiveAction")
    assert dialog is not None
    assert started.wait(30)
    assert dialog.button.text() == "Stop" and dialog.bar.isVisible()
    dialog.grab().save("/tmp/archive-progress-shot.png")
    dialog.button.click()  # Stop
    assert dialog.status.text() == "Stopping…"
    _wait(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.error == "Stopped. Nothing was changed."
    assert list(place.iterdir()) == []
    assert window.session is not None and window.session.dossier.path == dossier.path
    window.close()


def _export_with_a_lost_file(
    qtbot: QtBot,
    demo_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lost: int = 1,
) -> tuple[MainWindow, ArchiveDialog, QMessageBox, dict[str, Any], Path]:
    """Export a dossier ``lost`` of whose files are gone, up to the question about them;
    the first of those documents."""
    with open_dossier(demo_copy) as opened:
        documents = records.list_records(opened, "document")[:lost]
        for document in documents:
            opened.vault.path_for(document["sha256"]).unlink()
        gone = documents[0]
    window = _window(qtbot, open_dossier(demo_copy))
    target = tmp_path / "for the doctor.zip"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog = _trigger(window, "exportArchiveAction")
    assert dialog is not None
    qtbot.waitUntil(
        lambda: dialog.findChild(QMessageBox, "unreadableQuestion") is not None, timeout=WAIT_MS
    )
    question = dialog.findChild(QMessageBox, "unreadableQuestion")
    assert question is not None and question.isVisible()
    return window, dialog, question, gone, target


def test_export_names_unreadable_files_and_goes_on_without_them(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, dialog, question, gone, target = _export_with_a_lost_file(
        qtbot, demo_copy, tmp_path, monkeypatch
    )
    assert question.text() == (
        "The file of one document cannot be read, so it cannot go into the archive."
    )
    named = question.informativeText()
    assert f"• \u201c{gone['title']}\u201d (document {gone['id']})" in named
    assert "its file is missing from the dossier" in named
    assert dialog.heading.text() == "Some document files cannot be read."
    assert not dialog.bar.isVisible()  # nothing runs while the question waits
    assert not target.exists()
    buttons = {b.text(): b for b in question.buttons()}
    assert set(buttons) == {"Export without them", "Cancel"}
    assert question.defaultButton() is question.escapeButton() is buttons["Cancel"]
    buttons["Export without them"].click()
    _wait(qtbot, dialog)
    assert target.is_file()
    assert dialog.heading.text() == "The dossier is saved in one archive file, without some files."
    assert "Left out, because their files could not be read" in dialog.status.text()
    assert gone["title"] in dialog.status.text() and "20 files" in dialog.status.text()
    with zipfile.ZipFile(target) as archive:
        assert "Documents whose file is not in this archive" in archive.read("README.txt").decode()
    dialog.grab().save("/tmp/archive-left-out-shot.png")
    dialog.close()
    window.close()


def test_export_without_unreadable_files_can_be_cancelled(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, dialog, question, gone, target = _export_with_a_lost_file(
        qtbot, demo_copy, tmp_path, monkeypatch
    )
    next(b for b in question.buttons() if b.text() == "Cancel").click()
    assert dialog.heading.text() == "Nothing was saved."
    assert dialog.status.text() == (
        "The archive was not saved, and your dossier was not changed. To save everything "
        "else, export again and choose Export without them."
    )
    assert dialog.error is not None and gone["title"] in dialog.error
    assert dialog.button.text() == "Close" and not dialog.busy()
    assert not target.exists() and [p.name for p in tmp_path.iterdir()] == ["demo"]
    dialog.close()
    window.close()


def test_many_unreadable_files_name_a_few_and_list_all_under_details(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short headline with the count, six names, every one under Show Details…; the
    finished window names six and counts the rest (before, every name in both, and the
    finished window cut the list off at its bottom edge)."""
    lost = SHOWN + 3
    window, dialog, question, _gone, target = _export_with_a_lost_file(
        qtbot, demo_copy, tmp_path, monkeypatch, lost=lost
    )
    assert question.text() == (
        f"The files of {lost} documents cannot be read, so they cannot go into the archive."
    )
    assert question.informativeText().count("• ") == SHOWN
    assert "… and 3 more: Show Details… lists them all." in question.informativeText()
    assert question.detailedText().count("its file is missing from the dossier") == lost
    next(b for b in question.buttons() if b.text() == "Export without them").click()
    _wait(qtbot, dialog)
    assert target.is_file()
    assert dialog.status.text().count("• ") == SHOWN
    assert dialog.status.text().endswith("… and 3 more.")
    assert dialog.findChild(QMessageBox, "unreadableQuestion") is None  # not kept hidden
    dialog.close()
    window.close()


def test_opening_an_archive_saved_without_a_file_names_that_document(
    qtbot: QtBot, demo_copy: Path, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "maggie.zip"
    with open_dossier(demo_copy) as source:
        gone = records.list_records(source, "document")[0]
        source.vault.path_for(gone["sha256"]).unlink()
        export_archive(source, archive, skip_unreadable=True)
    place = tmp_path / "empty"
    place.mkdir()
    window = _window(qtbot, dossier)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(archive), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(place))
    )
    dialog = _trigger(window, "openArchiveAction")
    assert dialog is not None
    _wait(qtbot, dialog)
    assert (
        dialog.heading.text() == "The dossier of \u2068Margaret (Maggie) Lindqvist\u2069 is ready."
    )
    assert "came without their file" in dialog.status.text()
    assert f"\u201c{gone['title']}\u201d" in dialog.status.text()
    assert window.session is not None and window.session.dossier.path == place
    dialog.close()
    window.close()

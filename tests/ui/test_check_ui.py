"""Dossier → Check the dossier…: runs off the UI thread, shows the findings in plain words,
and repairs with its Repair button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.integrity.search_index import search_index_problems
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.main_window import MainWindow
from dossier.ui.safety.check_actions import open_check_dialog
from dossier.ui.safety.check_dialog import CheckDialog
from dossier.ui.safety.check_text import SHOW_ALL, SHOWN_ITEMS
from tests.integrity_helpers import assert_nothing_deleted, seed_problems, vault_snapshot

WAIT = 60_000


def _window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    return window


def _action(window: MainWindow) -> QAction:
    action = window.findChild(QAction, "checkDossierAction")
    assert isinstance(action, QAction)
    return action


def _run_from_menu(qtbot: QtBot, window: MainWindow) -> CheckDialog:
    action = _action(window)
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None and action in menu.actions()
    menu.aboutToShow.emit()
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(CheckDialog, "checkDialog")
    assert isinstance(dialog, CheckDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    return dialog


def _wait(qtbot: QtBot, dialog: CheckDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert tasks.wait_for(dialog)


def test_a_sound_dossier_is_said_to_be_in_order(qtbot: QtBot, demo_copy: Path) -> None:
    window = _window(qtbot, open_dossier(demo_copy))
    dialog = _run_from_menu(qtbot, window)
    assert dialog.heading.text() == "Everything is in order."
    assert "21 documents" in dialog.status.text()
    assert not dialog.repair_button.isVisible()
    assert dialog.close_button.text() == "Close"
    dialog.close()
    window.close()


def test_findings_in_plain_words_and_repair(qtbot: QtBot, demo_copy: Path) -> None:
    window = _window(qtbot, open_dossier(demo_copy))
    assert window.session is not None
    seeded = seed_problems(window.session.dossier)
    seeded.temp.unlink()  # otherwise the check's own opening would sweep the unused files
    before = vault_snapshot(demo_copy)
    reloads: list[bool] = []
    window.session.reloaded.connect(lambda: reloads.append(True))

    dialog = _run_from_menu(qtbot, window)
    assert dialog.heading.text() == "The check found 6 problems."
    text = dialog.text.toPlainText()
    assert "One document has lost its file" in text
    assert "One document has a damaged file" in text
    assert "Repair can fix this." in text
    assert "backup" in text
    assert dialog.repair_button.isVisible() and dialog.repair_button.isEnabled()
    dialog.grab().save(str(demo_copy.parent / "check-found.png"))

    qtbot.mouseClick(dialog.repair_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.heading.text() == "Repaired what could be repaired."
    text = dialog.text.toPlainText()
    assert "Moved 3 files into the quarantine folder" in text  # the cut thumbnail too
    assert "Made 2 small pictures again." in text
    assert "Built the search index again." in text
    assert "What is left to do:" in text and "lost its file" in text
    assert not dialog.repair_button.isVisible()  # what is left needs a backup
    assert reloads  # the pages show the new thumbnails
    assert not seeded.orphan.exists()
    assert_nothing_deleted(demo_copy, before)
    assert search_index_problems(window.session.dossier) == []

    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.heading.text() == "The check found 2 problems."
    dialog.close()
    window.close()


def test_show_all_lists_every_document_of_a_finding(qtbot: QtBot, demo_copy: Path) -> None:
    """A few names at first, and a link that lists every one (before, "and 4 more" and no
    way to see them in the window, though the restore's message sends people here)."""
    with open_dossier(demo_copy) as opened:
        lost = records.list_records(opened, "document")[: SHOWN_ITEMS + 4]
        for document in lost:
            opened.vault.path_for(document["sha256"]).unlink()
    window = _window(qtbot, open_dossier(demo_copy))
    dialog = _run_from_menu(qtbot, window)
    text = dialog.text.toPlainText()
    assert f"{len(lost)} documents have lost their file: it is not in the dossier folder." in text
    assert "and 4 more (show all 12)" in text
    assert sum(f"\u201c{d['title']}\u201d" in text for d in lost) == SHOWN_ITEMS
    dialog.text.anchorClicked.emit(QUrl(f"{SHOW_ALL}0"))  # as a click on "show all 12"
    text = dialog.text.toPlainText()
    assert all(f"\u201c{d['title']}\u201d (document {d['id']})" in text for d in lost)
    assert "more" not in text.split("lost their file")[1].split("The details")[0]
    dialog.close()
    window.close()


def test_the_entry_waits_for_a_dossier(qtbot: QtBot) -> None:
    window = _window(qtbot, None)
    menu = window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.aboutToShow.emit()
    assert not _action(window).isEnabled()
    assert open_check_dialog(window) is None
    window.close()


def test_the_dialog_follows_the_dossier_shown(
    qtbot: QtBot, demo_copy: Path, tmp_path: Path
) -> None:
    other = create_dossier(tmp_path / "other", name="Other Person")
    window = _window(qtbot, open_dossier(demo_copy))
    first = open_check_dialog(window)
    assert first is not None
    qtbot.addWidget(first)
    _wait(qtbot, first)
    window.show_dossier(other)
    second = open_check_dialog(window)
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert second.dossier_path == other.path
    _wait(qtbot, second)
    assert "0 documents" in second.status.text()
    second.close()
    window.close()


def _big_scan(folder: Path) -> Path:
    """A dossier with a document of 2 GB (a sparse file: no disk space used), which takes
    seconds to read."""
    with create_dossier(folder, name="Big Scan") as dossier:
        sha = "5a" * 32
        size = 2 << 30
        path = dossier.vault.path_for(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)
        dossier.db.execute(
            "INSERT INTO document (title, sha256, size, media_type, created_at, updated_at) "
            "VALUES ('Scan', ?, ?, 'application/pdf', 'x', 'x')",
            [sha, size],
        )
    return folder


def test_stop_and_closing_the_window_stop_a_long_check(qtbot: QtBot, tmp_path: Path) -> None:
    """The check window alone, without the main window (whose automatic backup would copy
    the 2 GB)."""
    dialog = CheckDialog(_big_scan(tmp_path / "big"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_check()
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0 and dialog.bar.value() > 0, timeout=WAIT)
    assert dialog.busy() and dialog.close_button.text() == "Stop"
    assert "files of the documents" in dialog.status.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # Stop
    _wait(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.heading.text() == "The check was stopped."
    assert dialog.close_button.text() == "Close" and dialog.again_button.isVisible()
    dialog.start_check()  # again; this time closing the window stops it
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0 and dialog.bar.value() > 0, timeout=WAIT)
    dialog.close()
    _wait(qtbot, dialog)
    assert dialog.heading.text() == "The check was stopped."


def test_quitting_stops_a_long_check_instead_of_waiting_for_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = CheckDialog(_big_scan(tmp_path / "big"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_check()
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0 and dialog.bar.value() > 0, timeout=WAIT)
    task, app = dialog.task, QApplication.instance()
    assert task is not None and app is not None
    app.aboutToQuit.emit()  # what quitting does
    assert task.wait(0)  # it returned only once the check had ended…
    assert dialog.heading.text() == "The check was stopped."  # …stopped, not read to its end
    dialog.close()

"""A report saved as PDF says where it went, with "Open" and "Show in folder": driven for
real from the Print menu to the saved file. Only the hand-over to the system (Qt's
QDesktopServices.openUrl, QProcess.startDetached) is replaced, by a recorder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDir, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from dossier.core.bidi import without_isolates
from dossier.core.storage import Dossier
from dossier.ui import system_files
from dossier.ui.printing.preview import PreviewWindow
from dossier.ui.printing.print_dialog import PrintDialog
from tests.ui.windows import shown_window

WAIT_MS = 60_000


def click(qtbot: QtBot, button: object) -> None:
    assert isinstance(button, QPushButton) and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def preview_of_brief(qtbot: QtBot, demo: Dossier) -> PreviewWindow:
    window = shown_window(qtbot, demo)
    window.print_menu.actions["brief"].trigger()
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog)
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    preview = dialog.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    return preview


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What would have been handed to the system's programs (nothing is opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_saving_a_report_says_where_it_went_with_open_and_show_in_folder(
    qtbot: QtBot,
    demo: Dossier,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
) -> None:
    monkeypatch.setattr(system_files.sys, "platform", "linux")  # the folder, opened as such
    folder = tmp_path / "My reports"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a, **_k: (str(folder / "Brief for Dr Weiß"), "PDF files (*.pdf)"),
    )
    preview = preview_of_brief(qtbot, demo)
    bar = preview.saved_bar
    assert not bar.isVisible()  # nothing said before anything is saved

    click(qtbot, preview.save_button)
    saved = folder / "Brief for Dr Weiß.pdf"
    assert saved.exists() and len(PdfReader(saved).pages) == preview.page_count()
    assert bar.isVisible()
    assert without_isolates(bar.title.full_text) == "Saved: Brief for Dr Weiß.pdf"
    assert without_isolates(bar.folder.full_text) == f"In {folder}"
    assert str(folder) in bar.folder.toolTip()
    assert bar.folder.text()  # shown, shortened in the middle if the bar is narrow
    assert bar.geometry().bottom() < preview.view.geometry().top()  # above the pages

    click(qtbot, bar.open_button)
    assert opened_urls == [QUrl.fromLocalFile(str(saved))]
    click(qtbot, bar.folder_button)
    assert opened_urls[1] == QUrl.fromLocalFile(str(folder))
    assert not bar.problem.isVisible()

    click(qtbot, bar.close_button)
    assert not bar.isVisible()
    preview.close()


def test_a_file_that_cannot_be_opened_or_is_gone_is_said_calmly(
    qtbot: QtBot, demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # no PDF reader
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "brief.pdf"), "")
    )
    preview = preview_of_brief(qtbot, demo)
    click(qtbot, preview.save_button)
    bar = preview.saved_bar
    click(qtbot, bar.open_button)
    assert bar.problem.isVisible() and "No program was found" in bar.problem.text()

    (tmp_path / "brief.pdf").unlink()
    click(qtbot, bar.open_button)
    assert "no longer there" in bar.problem.text()
    preview.close()


@pytest.mark.parametrize(
    ("platform", "program", "arguments"),
    [
        ("win32", "explorer.exe", ["/select,{native}"]),
        ("darwin", "open", ["-R", "{path}"]),
    ],
)
def test_show_in_folder_selects_the_file_where_the_system_can(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
    platform: str,
    program: str,
    arguments: list[str],
) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        lambda name, args: started.append((name, list(args))) or (True, 1),
    )
    monkeypatch.setattr(system_files.sys, "platform", platform)
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    assert system_files.show_in_folder(path)
    native = QDir.toNativeSeparators(str(path))
    assert started == [(program, [a.format(native=native, path=path) for a in arguments])]
    assert opened_urls == []


def test_show_in_folder_opens_the_folder_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened_urls: list[QUrl]
) -> None:
    monkeypatch.setattr(system_files.sys, "platform", "linux")
    assert system_files.show_in_folder(tmp_path / "brief.pdf")
    assert opened_urls == [QUrl.fromLocalFile(str(tmp_path))]

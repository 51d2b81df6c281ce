"""One window per dossier: a real MainWindow refuses a dossier another process holds, and
while the window shows a dossier, commands that change it are refused and those that only
read still work (the real command line, in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.lock import holder_of
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow

REFUSAL = "This dossier is open in another Second Opinion Dossier window. Close it there first."

HOLDER = textwrap.dedent(
    """
    import sys
    from dossier.core.lock import acquire
    lock = acquire(sys.argv[1], "window")
    print("held", flush=True)
    sys.stdin.read()
    lock.release()
    """
)


@pytest.fixture
def other_window(dossier: Dossier) -> Iterator[subprocess.Popen[str]]:
    """Another program (a real process) holding the dossier as a window does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(dossier.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "held"
    yield holder
    if holder.poll() is None:
        holder.stdin.close()
        holder.wait(timeout=30)
    holder.stdout.close()


def open_window(qtbot: QtBot, dossier: Dossier | None = None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def read_message_box(seen: list[str]) -> None:
    """Note the words of the message box once it is open, then close it."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: read_message_box(seen))
        return
    seen.append(box.text())
    box.accept()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


def test_open_path_refuses_a_dossier_another_window_shows(
    qtbot: QtBot, dossier: Dossier, other_window: subprocess.Popen[str], tmp_path: Path
) -> None:
    path = dossier.path
    dossier.close()
    window = open_window(qtbot)
    assert window.session is None  # the welcome page
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_message_box(seen))
    assert window.open_path(path) is False
    assert seen == [REFUSAL]
    assert window.session is None and window.welcome is not None
    assert holder_of(path) == "window"  # the other program still has it

    assert other_window.stdin is not None
    other_window.stdin.close()  # the other window closes the dossier
    assert other_window.wait(timeout=30) == 0
    assert window.open_path(path) is True
    assert window.session is not None
    refused = run_cli("add", "note", "--dossier", str(path), "--data", '{"text": "From a script"}')
    assert refused.returncode == 2, refused.stderr
    assert "open in a Second Opinion Dossier window. Close it there first" in refused.stderr
    window.close_dossier()
    added = run_cli("add", "note", "--dossier", str(path), "--data", '{"text": "From a script"}')
    assert added.returncode == 0, added.stderr


def test_a_refused_dossier_leaves_the_dossier_shown_before(
    qtbot: QtBot, dossier: Dossier, other_window: subprocess.Popen[str], tmp_path: Path
) -> None:
    held_path = dossier.path
    dossier.close()
    mine = create_dossier(tmp_path / "mine", name="Anna Müller", born="1961-04-02")
    window = open_window(qtbot, mine)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_message_box(seen))
    assert window.open_path(held_path) is False
    assert seen == [REFUSAL]
    assert window.session is not None and window.session.dossier.path == mine.path
    assert "Anna Müller" in window.windowTitle()
    records.create(window.session.dossier, "note", {"text": "Still usable"})  # still open


def test_a_window_started_on_a_dossier_in_use_shows_the_welcome_page(
    qtbot: QtBot, dossier: Dossier, other_window: subprocess.Popen[str]
) -> None:
    again = open_dossier(dossier.path)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_message_box(seen))
    window = MainWindow(again)  # as at start-up, with the last dossier used
    qtbot.addWidget(window)
    assert seen == [REFUSAL]
    assert window.session is None and window.welcome is not None


def test_while_the_window_shows_a_dossier_readers_run_and_writers_wait(
    qtbot: QtBot, demo_copy: Path
) -> None:
    window = open_window(qtbot)
    assert window.open_path(demo_copy)
    where = ("--dossier", str(demo_copy))
    listed = run_cli("list", "cases", *where, "--json")
    assert listed.returncode == 0, listed.stderr
    case = json.loads(listed.stdout)[0]["id"]
    for reader in (
        ("show", "case", str(case)),
        ("search", "biopsy"),
        ("compare", str(case)),
        ("print", "brief", "--case", str(case), "--out", str(demo_copy.parent / "brief.pdf")),
    ):
        done = run_cli(*reader, *where)
        assert done.returncode == 0, (reader, done.stderr)
    assert (demo_copy.parent / "brief.pdf").stat().st_size > 0
    for writer in (
        ("edit", "case", str(case), "--data", '{"status": "decided"}'),
        ("delete", "case", str(case)),
        ("trash", "empty"),
        ("import", str(demo_copy.parent / "brief.pdf")),
    ):
        done = run_cli(*writer, *where)
        assert done.returncode == 2, (writer, done.stdout, done.stderr)
        assert "Close it there first" in done.stderr
    assert window.session is not None
    assert records.get(window.session.dossier, "case", case)["status"] == "open"
    window.close()  # closing the window frees the dossier
    done = run_cli("edit", "case", str(case), "--data", '{"status": "decided"}', *where)
    assert done.returncode == 0, done.stderr

"""A dossier whose journal (``dossier.sqlite-wal``) was lost after a crash is not opened
silently as an older state: the person is told, offered a backup, or opens it as it is."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.opening import open_dossier, set_aside_lost_journal
from dossier.core.storage import (
    Dossier,
    DossierDamagedError,
    DossierJournalLostError,
)
from tests.cli.runner import run

_WRITE_THEN_HANG = """
import sys, time
from dossier.core import records
from dossier.core.opening import open_dossier
d = open_dossier(sys.argv[1])
for i in range(20):
    records.create(d, "note", {"title": f"after {i}", "text": "written just before the crash"})
print("written", flush=True)
time.sleep(60)
"""


def crash_after_writing(folder: Path) -> None:
    """Twenty notes are written, then the process is killed before it closes the dossier."""
    with subprocess.Popen(
        [sys.executable, "-c", _WRITE_THEN_HANG, str(folder)], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "written"
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.fixture
def crashed(dossier: Dossier) -> Path:
    records.create(dossier, "note", {"title": "before", "text": "saved and closed"})
    folder = dossier.path
    dossier.close()
    crash_after_writing(folder)
    assert (folder / "dossier.sqlite-wal").exists()
    assert (folder / "dossier.sqlite-shm").exists()
    return folder


def _titles(folder: Path) -> set[str]:
    with open_dossier(folder) as opened:
        return {note["title"] for note in records.list_records(opened, "note")}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_after_a_crash_with_its_journal_the_dossier_opens_with_every_change(
    crashed: Path,
) -> None:
    assert _titles(crashed) == {"before", *(f"after {i}" for i in range(20))}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_lost_journal_is_told_and_changes_nothing(crashed: Path) -> None:
    os.remove(crashed / "dossier.sqlite-wal")
    before = {p.name: p.read_bytes() for p in crashed.iterdir() if p.is_file()}
    with pytest.raises(DossierJournalLostError) as caught:
        open_dossier(crashed)
    assert isinstance(caught.value, DossierDamagedError)  # so the window offers a backup
    assert caught.value.path == crashed
    assert "journal" in caught.value.message and "Nothing was changed" in caught.value.message
    assert {p.name: p.read_bytes() for p in crashed.iterdir() if p.is_file()} == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_opening_it_as_it_is_keeps_what_was_saved_before(crashed: Path) -> None:
    os.remove(crashed / "dossier.sqlite-wal")
    moved = set_aside_lost_journal(crashed)
    assert moved is not None and moved.is_file()  # moved into quarantine, not deleted
    assert "quarantine" in moved.parts
    assert "before" in _titles(crashed)
    assert set_aside_lost_journal(crashed) is None  # nothing left to set aside


def test_a_dossier_closed_properly_has_neither_file(dossier: Dossier) -> None:
    folder = dossier.path
    dossier.close()
    assert not (folder / "dossier.sqlite-shm").exists()
    assert set_aside_lost_journal(folder) is None
    open_dossier(folder).close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_command_line_says_what_to_do_and_check_repair_opens_it(
    crashed: Path, tmp_path: Path
) -> None:
    os.remove(crashed / "dossier.sqlite-wal")
    refused = run("check", "--dossier", str(crashed), check=2)
    assert "journal" in refused.stderr
    assert "dossier check --repair" in refused.stderr
    assert "dossier restore latest" in refused.stderr
    opened = run("check", "--repair", "--dossier", str(crashed), check=None)
    assert opened.returncode in (0, 1), opened.stderr
    assert "Opened as it is" in opened.stdout
    copy = tmp_path / "copy"
    shutil.copytree(crashed, copy)
    assert "before" in _titles(copy)

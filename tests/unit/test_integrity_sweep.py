"""The start-up sweep: after an interrupted import, opening the dossier moves files without a
row into quarantine (never deleting one); it looks only when an import was interrupted, and
never while one is running, in this process or another."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.inflight import MARKER_PREFIX, import_in_flight, markers
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.integrity_helpers import assert_nothing_deleted, vault_snapshot

_HOLD = """
import sys, time
from pathlib import Path
from dossier.core.integrity.inflight import import_in_flight
with import_in_flight(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(120)
"""


def _leave_interrupted_import(dossier: Dossier) -> tuple[Path, Path, Path]:
    """What a killed import leaves: its marker, a file without a row, half a file."""
    tmp = dossier.vault.root / "tmp"
    marker = tmp / f"{MARKER_PREFIX}4242-deadbeef"
    marker.touch()
    orphan = dossier.vault.path_for("cd" + "1" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"copied, never recorded")
    thumb = dossier.vault.thumbnail_path("cd" + "1" * 62)
    thumb.write_bytes(b"its thumbnail")
    temp = tmp / "incoming-abc123"
    temp.write_bytes(b"half a file")
    return orphan, thumb, temp


def test_opening_after_an_interrupted_import_quarantines_what_it_left(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        assert dossier.swept is None  # nothing was interrupted
        orphan, thumb, temp = _leave_interrupted_import(dossier)
    before = vault_snapshot(demo_copy)
    with open_dossier(demo_copy) as dossier:
        assert dossier.swept is not None
        moved = {m.source for m in dossier.swept.moved}
        assert moved == {orphan, thumb, temp}
        assert markers(dossier.vault.root) == []
        assert check_dossier(dossier).ok
    quarantined = assert_nothing_deleted(demo_copy, before)
    assert sorted(quarantined) == sorted(p.relative_to(demo_copy).as_posix() for p in moved)
    [note] = (demo_copy / "quarantine").glob("*/README.txt")
    assert "interrupted" in note.read_text(encoding="utf-8")
    with open_dossier(demo_copy) as dossier:  # once swept, opening is quick again
        assert dossier.swept is None


def test_without_an_interrupted_import_opening_does_not_look(demo_copy: Path) -> None:
    """An unused file with no sign of an interrupted import stays for the check to report."""
    with open_dossier(demo_copy) as dossier:
        stray = dossier.vault.path_for("cd" + "2" * 62)
        stray.parent.mkdir(exist_ok=True)
        stray.write_bytes(b"put there by hand")
    with open_dossier(demo_copy) as dossier:
        assert dossier.swept is None
        assert stray.is_file()
        assert "unused_files" in check_dossier(dossier).codes()


def test_no_sweep_while_this_program_imports(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as importing:
        with import_in_flight(importing.vault.root):
            orphan, _thumb, temp = _leave_interrupted_import(importing)
            with open_dossier(demo_copy) as other:  # a worker thread's own connection
                assert other.swept is None
            assert orphan.is_file() and temp.is_file()
        with open_dossier(demo_copy) as later:
            assert later.swept is not None and not orphan.exists()


def test_no_sweep_while_another_program_imports_and_one_after_it_is_killed(
    demo_copy: Path,
) -> None:
    with open_dossier(demo_copy) as dossier:
        orphan, _thumb, _temp = _leave_interrupted_import(dossier)
        vault_root = dossier.vault.root
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(vault_root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with open_dossier(demo_copy) as dossier:
            assert dossier.swept is None
            assert orphan.is_file()
            assert "not_checked" in check_dossier(dossier).codes()
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    deadline = time.monotonic() + 10  # the lock goes with its holder, however it ends
    while True:
        with open_dossier(demo_copy) as dossier:
            if dossier.swept is not None or time.monotonic() > deadline:
                break
    assert dossier.swept is not None
    assert not orphan.exists()
    assert any((demo_copy / "quarantine").glob(f"*/{orphan.relative_to(demo_copy).as_posix()}"))


def test_a_stale_marker_alone_is_cleared(demo_copy: Path) -> None:
    """An import killed after its last commit leaves only its marker: nothing to move."""
    with open_dossier(demo_copy) as dossier:
        (dossier.vault.root / "tmp" / f"{MARKER_PREFIX}1-0").touch()
    with open_dossier(demo_copy) as dossier:
        assert dossier.swept is not None and dossier.swept.moved == []
        assert markers(dossier.vault.root) == []
    assert not (demo_copy / "quarantine").exists()

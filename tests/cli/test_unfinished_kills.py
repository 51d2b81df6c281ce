"""Killed in the middle: restore, export and import-archive leave hidden copies of private
records, which the next run of the same operation (or the next start of the window)
recognises as its own, removes and names; a look-alike without the proof is kept, and
``dossier check`` reports both kinds.

Each operation is the real command in a child process, on a dossier with 48 MB of
documents, stopped with SIGKILL once its temporary copy holds more than a megabyte.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from dossier.core import paths
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from tests.cli.runner import ENV, run

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

SIZE = (2000, 2000)  # 12 MB a picture, unpacked (noise does not compress)


@pytest.fixture(scope="module")
def heavy_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier holding four 12 MB pictures: each operation takes a while."""
    folder = tmp_path_factory.mktemp("heavy")
    pictures = []
    for number in range(4):
        path = folder / f"scan-{number}.png"
        noise = Image.frombytes("RGB", SIZE, os.urandom(SIZE[0] * SIZE[1] * 3))
        noise.save(path, "PNG", compress_level=0)
        pictures.append(path)
    with create_dossier(folder / "Kill Test", name="Kill Test", born="1950-01-01") as made:
        results = import_paths(made, pictures)
        assert [r.status for r in results] == ["imported"] * 4
    return folder / "Kill Test"


@pytest.fixture
def heavy(heavy_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "place" / "Kill Test"
    shutil.copytree(heavy_template, copy)
    return copy


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def found(folder: Path, pattern: str) -> list[Path]:
    return [p for p in folder.iterdir() if re.fullmatch(pattern, p.name)]


def kill_when(args: list[str], ready: Callable[[], bool]) -> None:
    """Run ``dossier ARGS…`` and SIGKILL it as soon as ``ready()``."""
    child = subprocess.Popen(
        [sys.executable, "-m", "dossier", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **ENV},
    )
    deadline = time.monotonic() + 180
    try:
        while not ready():
            assert child.poll() is None, "it ended before it could be stopped"
            assert time.monotonic() < deadline, "it never got to the moment to stop it"
            time.sleep(0.002)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)


def growing(folder: Path, pattern: str) -> Callable[[], bool]:
    """Ready once a temporary copy named by ``pattern`` in ``folder`` holds over 1 MB."""
    return lambda: any(size_of(p) > 1 << 20 for p in found(folder, pattern))


def registry() -> list[str]:
    folder = paths.unfinished_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_killed_restore_is_cleaned_up_by_the_next_restore(heavy: Path, tmp_path: Path) -> None:
    place = heavy.parent
    run("backup", "--to", str(tmp_path / "backups"), "--dossier", str(heavy))
    restore = ["restore", "latest", "--dossier", str(heavy), "--yes"]
    staging = r"\.Kill Test\.restoring-.*"
    kill_when(restore, growing(place, staging))
    [left] = found(place, staging)
    assert size_of(left) > 1 << 20 and len(registry()) == 1
    lookalike = place / ".Kill Test.restoring-mine"  # looks the same, made by someone else
    lookalike.mkdir()
    (lookalike / "notes.txt").write_text("my own notes")

    check = run("check", "--dossier", str(heavy), check=1)
    assert "A copy of this dossier's records was left by an interrupted operation." in check.stdout
    assert "left by an interrupted restore, " in check.stdout and str(left) in check.stdout
    assert "does not carry the program's mark" in check.stdout and str(lookalike) in check.stdout

    again = run(*restore)
    assert (
        f"dossier: Removed what an interrupted restore had left, a copy the program had made: {left} ("
        in again.stderr
    )
    assert not left.exists() and registry() == []
    assert (lookalike / "notes.txt").read_text() == "my own notes"
    after = run("check", "--dossier", str(heavy), check=1)
    assert "does not carry the program's mark" in after.stdout
    assert "left by an interrupted operation" not in after.stdout


def test_a_killed_export_is_cleaned_up_by_the_next_export(heavy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    export = ["export", str(out / "a.zip"), "--dossier", str(heavy)]
    kill_when(export, growing(out, r"\.a\.zip\..*\.part"))
    [part] = found(out, r"\.a\.zip\..*\.part")
    check = run("check", "--dossier", str(heavy), check=1)
    assert (
        "left by an interrupted export to an archive" in check.stdout and str(part) in check.stdout
    )

    again = run(*export)
    assert (
        f"Removed what an interrupted export to an archive had left, a copy the program had made: {part}"
        in again.stderr
    )
    assert sorted(p.name for p in out.iterdir()) == ["a.zip"] and registry() == []


def test_a_killed_import_archive_is_cleaned_up_by_the_next_one(heavy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    run("export", str(archive), "--dossier", str(heavy))
    target = tmp_path / "new" / "Rebuilt"
    target.parent.mkdir()
    rebuild = ["import-archive", str(archive), str(target)]
    kill_when(rebuild, growing(target.parent, r"\.Rebuilt\.importing-.*"))
    [left] = found(target.parent, r"\.Rebuilt\.importing-.*")
    assert not target.exists()

    again = run(*rebuild)
    assert (
        f"Removed what an interrupted opening of an archive had left, a copy the program had made: {left}"
        in again.stderr
    )
    assert sorted(p.name for p in target.parent.iterdir()) == ["Rebuilt"] and registry() == []
    assert "Everything is in order." in run("check", "--dossier", str(target)).stdout


def test_the_next_start_of_the_window_cleans_up(heavy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kill_when(["export", str(out / "a.zip"), "--dossier", str(heavy)], growing(out, r".*\.part"))
    [part] = found(out, r".*\.part")
    window = subprocess.Popen(
        [sys.executable, "-m", "dossier", "--dossier", str(heavy)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **ENV},
    )
    try:
        deadline = time.monotonic() + 120
        # The clean-up removes the file, then its note: wait for both (CI once looked between).
        while (part.exists() or registry()) and time.monotonic() < deadline:
            if window.poll() is not None:
                break
            time.sleep(0.05)
        assert not part.exists() and registry() == []
    finally:
        window.send_signal(signal.SIGTERM)  # closes the window as Quit does
        _out, err = window.communicate(timeout=60)
    assert "Traceback" not in err

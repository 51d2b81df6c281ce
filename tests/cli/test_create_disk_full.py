"""Making a dossier on a full disk (``init``, ``demo``) says the disk is full in one line and
leaves nothing behind: no folder, no half-made database. The disk is real: a small tmpfs
filled to the brim, or with room for the database but not for the example's documents
(needs root to mount; skipped otherwise)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.mounts import fill, small_disk

FULL = "The disk is full, so no dossier could be made in"


def _says_full_and_left_nothing(disk: Path, *args: str, made: Path) -> None:
    before = sorted(os.listdir(disk))
    result = run(*args, check=2)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert FULL in result.stderr and "Nothing was left behind" in result.stderr
    assert not made.exists() and sorted(os.listdir(disk)) == before


@pytest.mark.parametrize("command", ["init", "demo"])
def test_making_a_dossier_on_a_full_disk(tmp_path: Path, command: str) -> None:
    with small_disk(tmp_path / "disk", size="16m") as disk:
        filler = fill(disk)
        target = disk / "new"
        extra = ["--name", "Anna Müller"] if command == "init" else []
        _says_full_and_left_nothing(disk, command, str(target), *extra, made=target)
        filler.unlink()  # with room again, the same command works
        run(command, str(target), *extra)
        assert (target / "dossier.sqlite").is_file()


def test_the_example_stops_half_way_and_is_taken_away(tmp_path: Path) -> None:
    # Room for the database, not for the example's twenty documents and their pictures.
    with small_disk(tmp_path / "disk", size="600k") as disk:
        target = disk / "demo"
        _says_full_and_left_nothing(disk, "demo", str(target), made=target)


def test_an_empty_folder_given_stays_an_empty_folder(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size="1m") as disk:
        target = disk / "chosen"
        target.mkdir()
        fill(disk)
        result = run("init", str(target), "--name", "Anna", check=2)
        assert FULL in result.stderr
        assert target.is_dir() and not any(target.iterdir())

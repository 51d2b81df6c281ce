"""A dossier whose database file (or its journal) is a link to another place is not opened:
SQLite would write through the link into whatever it leads to. Every command says so in
one line, and the file the link leads to is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from dossier.core.opening import create_dossier
from tests.cli.runner import run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["dossier.sqlite", "dossier.sqlite-wal"])
def test_a_linked_database_file_is_refused_and_its_target_untouched(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "dossier"
    create_dossier(folder, name="Anna Müller", born="1961-04-02").close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / name
    if name == "dossier.sqlite":
        shutil.move(folder / name, target)
    else:
        target.write_bytes(b"someone else's file")
    os.symlink(target, folder / name)
    before = _digest(target)
    for command in (["list", "case"], ["add", "note", "--data", '{"text": "x"}'], ["check"]):
        result = run(*command, "--dossier", str(folder), check=2)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert f"its file {name} is a link to another place" in result.stderr
    assert _digest(target) == before
    assert sorted(p.name for p in elsewhere.iterdir()) == [name]  # no -wal or -shm beside it

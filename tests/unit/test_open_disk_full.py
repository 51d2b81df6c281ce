"""A full disk when a dossier opens is said as such: nothing is changed, no ``-wal`` or
``-shm`` is left behind, the dossier is never called damaged, and it opens once there is
space again.

The full disk is real: a small tmpfs filled to the last byte (needs root to mount; skipped
otherwise). What an earlier version left after such a failure (a 3-byte ``-shm``) is made
by hand and needs nothing special.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.open_errors import DossierDiskFullError
from dossier.core.opening import open_dossier
from dossier.core.sqlite_files import WAL_INDEX_PAGE
from dossier.core.storage import DossierDamagedError, DossierJournalLostError
from tests.cli.runner import run
from tests.mounts import fill, small_disk


@pytest.fixture
def on_a_full_disk(demo_template: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(the example dossier on a small disk that is now full, the file filling it)."""
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "dossier"
        shutil.copytree(demo_template, folder)
        yield folder, fill(disk)


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_opening_on_a_full_disk_says_so_and_leaves_nothing(
    on_a_full_disk: tuple[Path, Path],
) -> None:
    folder, filler = on_a_full_disk
    before = names(folder)
    for _attempt in range(2):  # the second attempt must not find anything of the first
        with pytest.raises(DossierDiskFullError) as caught:
            open_dossier(folder)
        assert not isinstance(caught.value, DossierDamagedError)
        assert "is full" in caught.value.message
        assert (
            "not damaged" in caught.value.message and "nothing was changed" in caught.value.message
        )
        assert names(folder) == before
    filler.unlink()
    with open_dossier(folder) as opened:
        assert opened.read_only is None
        assert len(records.list_records(opened, "document")) == 21
    assert names(folder) == before


def test_every_command_says_the_disk_is_full_never_damaged(
    on_a_full_disk: tuple[Path, Path],
) -> None:
    folder, filler = on_a_full_disk
    for args in (("list", "case"), ("check",), ("add", "note", "--data", '{"text": "x"}')):
        result = run(*args, "--dossier", str(folder), check=2)
        assert "Traceback" not in result.stderr
        assert "is full" in result.stderr and "damaged and cannot" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    filler.unlink()
    assert "Breast cancer" in run("list", "case", "--dossier", str(folder)).stdout


def test_a_full_disk_with_an_index_left_by_an_earlier_failure(
    on_a_full_disk: tuple[Path, Path],
) -> None:
    """What an earlier version left (an empty -wal, a 3-byte -shm) made the read-only look
    at the dossier fail too, which was then called damaged."""
    folder, filler = on_a_full_disk
    filler.unlink()
    (folder / "dossier.sqlite-wal").write_bytes(b"")
    (folder / "dossier.sqlite-shm").write_bytes(b"\0\0\0")
    filler = fill(folder.parent)
    with pytest.raises(DossierDiskFullError):
        open_dossier(folder)
    filler.unlink()
    with open_dossier(folder) as opened:
        assert records.list_records(opened, "case")


def test_an_index_that_never_indexed_a_journal_is_not_a_lost_journal(demo_copy: Path) -> None:
    """An earlier version's failed opening left a 3-byte -shm and no -wal: every command then
    called the healthy dossier damaged. SQLite never writes a journal before the index has
    a whole page, so a smaller one lost nothing."""
    (demo_copy / "dossier.sqlite-shm").write_bytes(b"\0\0\0")
    with open_dossier(demo_copy) as opened:
        assert len(records.list_records(opened, "document")) == 21
    assert not (demo_copy / "dossier.sqlite-shm").exists()  # SQLite tidied it at closing
    assert "Breast cancer" in run("list", "case", "--dossier", str(demo_copy)).stdout


def test_an_index_of_a_whole_page_without_its_journal_is_still_a_lost_journal(
    demo_copy: Path,
) -> None:
    (demo_copy / "dossier.sqlite-shm").write_bytes(b"\x01" * WAL_INDEX_PAGE)
    with pytest.raises(DossierJournalLostError):
        open_dossier(demo_copy)

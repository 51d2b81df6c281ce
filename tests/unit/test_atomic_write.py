"""``dossier.core.atomic_write``: a file replaced whole or not at all, never through a link."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from dossier.core import safe_files
from dossier.core.atomic_write import AtomicWriter, write_atomically, write_beside
from dossier.core.safe_files import UnsafePath

SECRET = b"secret text that must stay where it is\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "file").write_bytes(b"version one")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(SECRET)
    return secret


def test_a_new_file_is_private_and_a_mode_given_is_kept(root: Path) -> None:
    private = write_atomically(root, "sub/private", b"x")
    shared = write_atomically(root, "sub/shared", b"y", mode=0o644)
    assert stat.S_IMODE(private.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(shared.stat().st_mode) & 0o044 == 0o044 & ~_umask()


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)  # every write of the file goes through os.write
        with pytest.raises(OSError) as caught:
            write_atomically(root, "sub/file", b"version two" * 100_000)
    assert caught.value.errno == errno.ENOSPC
    assert (root / "sub" / "file").read_bytes() == b"version one"
    assert os.listdir(root / "sub") == ["file"]


def test_the_file_and_its_folder_are_flushed_to_the_disk(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[bool] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomically(root, "sub/file", b"version two")
    assert flushed == [False, True]  # the file, then the folder it was renamed in
    flushed.clear()
    write_atomically(root, "sub/thumbnail", b"made again at will", durable=False)
    assert flushed == []


def test_a_link_at_the_target_is_refused_or_replaced_never_written_through(
    root: Path, outside: Path
) -> None:
    link = root / "sub" / "link"
    link.symlink_to(outside)
    with pytest.raises(UnsafePath):
        write_atomically(root, "sub/link", b"overwritten")
    assert link.is_symlink()
    write_atomically(root, "sub/link", b"our own", links="replace")
    assert not link.is_symlink() and link.read_bytes() == b"our own"
    assert outside.read_bytes() == SECRET


def test_a_linked_folder_on_the_way_is_refused_even_where_links_are_replaced(
    root: Path, outside: Path
) -> None:
    (root / "away").symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(UnsafePath):
        write_atomically(root, "away/secret.txt", b"overwritten", links="replace")
    assert os.listdir(outside.parent) == ["secret.txt"]
    assert outside.read_bytes() == SECRET


def test_a_failure_inside_the_block_leaves_nothing(root: Path) -> None:
    with pytest.raises(RuntimeError), AtomicWriter(root, "sub/file", suffix=".tmp") as writer:
        writer.stream.write(b"half")
        assert writer.temporary.name.startswith(".file.") and writer.temporary.suffix == ".tmp"
        raise RuntimeError("the drive went away")
    assert os.listdir(root / "sub") == ["file"]


def test_write_beside_a_file_the_person_named(tmp_path: Path, outside: Path) -> None:
    report = write_beside(tmp_path / "report.pdf", b"%PDF-", mode=0o644)
    assert report.read_bytes() == b"%PDF-"
    (tmp_path / "letter.pdf").symlink_to(outside)
    with pytest.raises(UnsafePath):
        write_beside(tmp_path / "letter.pdf", b"%PDF-")
    assert outside.read_bytes() == SECRET


def test_fsync_folder_takes_a_plain_folder_and_a_missing_one_quietly(tmp_path: Path) -> None:
    safe_files.fsync_folder(tmp_path)  # the folder a person named: no walk below it
    safe_files.fsync_folder(tmp_path / "gone")  # nothing to flush: no error either


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
